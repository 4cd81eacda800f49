// Compact JSON serialisation of ordered_json, several times faster than nlohmann's dump() on
// FHIR Bundles: strings are copied in runs between the few bytes that need escaping (the DOM's
// text is already valid UTF-8, as libxml2 guarantees), numbers go through std::to_chars.
#pragma once

#include <string>

#include "util/json.h"

namespace ccdafhir {

// Appends the compact serialisation of `value` to `out`. Output is deterministic.
void write_json(const Json& value, std::string& out);

// The same bytes, for a tree not needed afterwards: frees it as it writes (faster than
// write_json followed by the destructor). `value` is left null.
void write_json_and_free(Json&& value, std::string& out);

}  // namespace ccdafhir
