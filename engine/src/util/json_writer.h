// Compact JSON serialisation of ordered_json, several times faster than nlohmann's dump() on
// FHIR Bundles: strings are copied in runs between the few bytes that need escaping (the DOM's
// text is already valid UTF-8, as libxml2 guarantees), numbers go through std::to_chars.
#pragma once

#include <string>

#include "util/json.h"

namespace ccdafhir {

// Appends the compact serialisation of `value` to `out`. Output is deterministic.
void write_json(const Json& value, std::string& out);

}  // namespace ccdafhir
