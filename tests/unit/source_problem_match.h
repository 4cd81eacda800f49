// Whether a validation error of a converted Bundle is explained by a source problem (what
// Validator::source_problems reports of the C-CDA it came from). An error is placed in an
// *area* of the document by its FHIRPath and the resource it lies in; a source problem
// explains it when it lies in the same area of the C-CDA, by its source path or its rule:
//   section            Composition.section (a slice missing or repeated): a section template
//                      rule (a required section, a section's code, a SHOULD-section, no body)
//   header:ELEMENT     another Composition element, or Bundle.timestamp/identifier: a problem
//                      at that ClinicalDocument header element (date: effectiveTime, custodian,
//                      identifier: id, language: languageCode, type: code, subject:
//                      recordTarget, author, attester: legalAuthenticator, event:
//                      documentationOf, title), or a header rule named after it
//   patient            the Patient, or another resource's subject/patient: recordTarget
//   entry              any other resource: a problem inside a section entry
// A non-empty list of source problems alone explains nothing: each error needs one of its area.
#pragma once

#include <string>

#include "ccdafhir/diagnostic.h"
#include "util/json.h"

namespace ccdafhir::test {

// The area of a validation error of `bundle`; "" when its path fits none of the above.
std::string error_area(const Diagnostic& error, const Json& bundle);

// True when the source problem lies in `area`.
bool explains(const Diagnostic& source_problem, const std::string& area);

}  // namespace ccdafhir::test
