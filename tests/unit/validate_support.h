// Shared by the validate suites: one FhirValidator over this tree's schemas/, and issue lookups.
#pragma once

#include <string>

#include "ccdafhir/diagnostic.h"
#include "util/json.h"
#include "validate/fhir_validator.h"

namespace ccdafhir::test {

const FhirValidator& fhir_validator();
DiagnosticSink validate_fhir(const Json& resource, const std::string& profile = "");
std::size_t error_count(const DiagnosticSink& out);
// Every issue, one a line: "severity path [rule] message" (paths and rules only: no values).
std::string describe(const DiagnosticSink& out);

}  // namespace ccdafhir::test
