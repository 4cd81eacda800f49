// The mapping interpreter: runs the tables of a MappingSet over one parsed C-CDA document and
// assembles the FHIR document Bundle. It knows rule kinds, never templates.
#pragma once

#include "ccdafhir/convert.h"
#include "fhir/narrative.h"
#include "intake/xml_intake.h"
#include "mapping/mapping_set.h"
#include "util/deadline.h"
#include "util/json.h"

namespace ccdafhir {

// Builds the Bundle for `parsed`; fills result.diagnostics, result.trace and the entry counts.
// `doc_key` names the document when it has no usable ClinicalDocument/id. `deadline` is ticked
// at every rule application and checked after the narrative transform: over it, Error
// (kInputRejected) leaves the document unconverted.
Json interpret_document(const MappingSet& set, const Narrator& narrator, const ParsedCda& parsed,
                        const std::string& doc_key, const ConvertOptions& options,
                        Deadline& deadline, ConversionResult& result);

}  // namespace ccdafhir
