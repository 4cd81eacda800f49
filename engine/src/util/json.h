// FHIR JSON is built as nlohmann::ordered_json objects, never as text: insertion order is the
// output order, so resourceType comes first and output is stable.
#pragma once

#include <nlohmann/json.hpp>

namespace ccdafhir {
using Json = nlohmann::ordered_json;

// True for null, "", {} and [] — values FHIR forbids in output.
inline bool is_empty_value(const Json& j) {
  return j.is_null() || (j.is_string() && j.get_ref<const std::string&>().empty()) ||
         (j.is_object() && j.empty()) || (j.is_array() && j.empty());
}

// Sets obj[key] = value unless value is empty.
inline void put_if(Json& obj, const char* key, Json value) {
  if (!is_empty_value(value)) obj[key] = std::move(value);
}
}  // namespace ccdafhir
