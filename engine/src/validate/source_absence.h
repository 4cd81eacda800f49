// Data the source document did not have: the converter marks such an element with the
// data-absent-reason extension instead of inventing a value. Validation reports what such an
// element lacks as a problem of the source document, not of the conversion.
#pragma once

#include "util/json.h"

namespace ccdafhir::validate {

inline constexpr const char* kDataAbsentReason =
    "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

// True when v (an element or a primitive's "_x" sibling) carries data-absent-reason.
inline bool absent_in_source(const Json& v) {
  if (!v.is_object() || !v.contains("extension") || !v["extension"].is_array()) return false;
  for (const Json& e : v["extension"]) {
    if (!e.is_object()) continue;
    auto url = e.find("url");
    if (url != e.end() && url->is_string() &&
        url->get_ref<const std::string&>() == kDataAbsentReason)
      return true;
  }
  return false;
}

}  // namespace ccdafhir::validate
