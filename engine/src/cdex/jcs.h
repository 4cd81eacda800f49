// RFC 8785 JSON Canonicalization Scheme (JCS): the byte form a CDex signature is computed over.
// Object members sorted by the UTF-16 code units of their names, no whitespace, strings with
// the minimal escaping of RFC 8785 3.2.2.2, numbers as ECMAScript's Number.prototype.toString
// prints the IEEE-754 double they denote.
#pragma once

#include <string>

#include "util/json.h"

namespace ccdafhir {

// Throws Error(kInputRejected) for a number that is not finite (JSON input cannot hold one, but
// a document built in memory can).
std::string jcs_canonicalize(const Json& value);

// ECMAScript Number::toString(v) for a finite double (RFC 8785 3.2.2.3).
std::string jcs_number(double v);

}  // namespace ccdafhir
