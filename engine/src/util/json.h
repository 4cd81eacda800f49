// FHIR JSON is built as nlohmann::basic_json objects, never as text: insertion order is the
// output order, so resourceType comes first and output is stable. The object type is a flat
// vector of pairs (util/json_object.h), like nlohmann::ordered_map but moved, not copied, as it
// grows.
#pragma once

#include <nlohmann/json.hpp>

#include "util/json_object.h"

namespace ccdafhir {
using Json = nlohmann::basic_json<JsonObjectMap>;

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
