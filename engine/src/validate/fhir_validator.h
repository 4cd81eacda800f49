// FHIR validation: base R4 structure (schemas/ generated from the R4 definitions), profiles as
// constraint sets (schemas/profiles), FHIRPath invariants, document-Bundle rules.
// Loaded once; validate() is const and thread-safe.
#pragma once

#include <memory>
#include <string>

#include "ccdafhir/diagnostic.h"
#include "ccdafhir/validate.h"
#include "util/json.h"

namespace ccdafhir {

class FhirValidator {
 public:
  // Loads every constraint set under schemas_dir; throws Error(kConfig) naming file and problem.
  explicit FhirValidator(const std::string& schemas_dir);
  ~FhirValidator();
  FhirValidator(const FhirValidator&) = delete;
  FhirValidator& operator=(const FhirValidator&) = delete;

  // root: a Bundle or a single resource. Issues carry fhir_path and rule_id.
  void validate(const Json& root, const ValidateOptions& options, DiagnosticSink& out) const;

 private:
  struct Data;
  std::unique_ptr<Data> data_;
};

}  // namespace ccdafhir
