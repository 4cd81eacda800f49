// What a member is, when the batch is not told the direction (no --to): a C-CDA document goes
// to FHIR, a FHIR resource (JSON) goes to C-CDA, anything else is skipped. See README "Batch".
#pragma once

#include <string_view>

namespace ccdafhir::batch {

enum class JsonKind {
  kFhirResource,  // a JSON object with a top-level "resourceType" string
  kOtherJson,     // well-formed JSON that is not a FHIR resource (metadata, a list, ...)
  kNotJson,       // does not parse: left to the converter, which rejects it with its reason
};

// Reads only as far as it must: stops at the top-level "resourceType" member, never builds a
// value, so sniffing a large Bundle costs a scan, not a parse.
JsonKind sniff_json(std::string_view bytes);

}  // namespace ccdafhir::batch
