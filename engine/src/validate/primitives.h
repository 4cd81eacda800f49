// Formats of the FHIR R4 primitive types, checked by hand-written scanners that follow the
// regexes published with the definitions (schemas/fhir-r4/structure.json; the unit tests hold
// each scanner to its regex). std::regex would cost more than the rest of validation together.
#pragma once

#include <string_view>

#include "util/json.h"

namespace ccdafhir::validate {

enum class PrimitiveProblem {
  kNone,
  kWrongJsonType,  // e.g. a boolean written as a string
  kBadFormat,      // the lexical form breaks the type's regex
  kWhitespace,     // leading or trailing whitespace (FHIR strings must be trimmed)
};

// type: a FHIR primitive type name ("dateTime", "code", ...). Unknown names are not checked.
PrimitiveProblem check_primitive(std::string_view type, const Json& value);

// The lexical checks alone, for strings.
bool valid_date(std::string_view s);
bool valid_datetime(std::string_view s);
bool valid_instant(std::string_view s);
bool valid_time(std::string_view s);
bool valid_id(std::string_view s);
bool valid_code(std::string_view s);
bool valid_uri(std::string_view s);
bool valid_oid(std::string_view s);
bool valid_uuid(std::string_view s);
bool valid_base64(std::string_view s);
bool valid_decimal_text(std::string_view s);

}  // namespace ccdafhir::validate
