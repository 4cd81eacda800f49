// Validation of FHIR (Bundles or single resources, JSON) and C-CDA (XML) against the base
// specifications and the profiles shipped as data in schemas/. A Validator loads every
// constraint set and the CDA XSD grammar once; it is immutable afterwards and may be shared by
// any number of threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "ccdafhir/diagnostic.h"
#include "ccdafhir/options.h"

namespace ccdafhir {

struct ValidatorConfig {
  std::string data_dir;     // folder holding schemas/; empty: default_data_dir()
  std::string cda_xsd_dir;  // folder holding CDA.xsd (SDTC); empty: $CCDAFHIR_CDA_XSD, then the
                            // build's configured default
};

struct ValidateOptions {
  // Force one profile (name or canonical URL); empty: follow meta.profile and the document type.
  std::string profile;
  Limits limits;
};

struct ValidationResult {
  // Every issue: severity, code, fhir_path (FHIR) or source_path + source_line (XML), rule_id
  // (the constraint that fired) and a message without patient values.
  DiagnosticSink diagnostics;
  std::size_t errors = 0;  // fatal + error
  std::size_t warnings = 0;
  bool ok() const { return errors == 0; }
};

class ValidatorImpl;

class Validator {
 public:
  // Throws Error(kConfig) naming the file and line of a broken constraint set.
  explicit Validator(const ValidatorConfig& config = {});
  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  // FHIR JSON (a Bundle or one resource). Throws Error(kInputRejected) when it is not JSON.
  ValidationResult validate_fhir(std::string_view json, const ValidateOptions& options) const;
  // C-CDA XML: CDA XSD plus template rules. Throws Error(kInputRejected) when it is not XML.
  ValidationResult validate_cda(std::string_view xml, const ValidateOptions& options) const;
  // What a conversion's source document fails of C-CDA, the CDA XSD (when one is configured)
  // and the template rules (schemas/ccda), each as a warning whose message starts "source
  // problem": what explains validation errors of the Bundle converted from it (a required
  // section, header element or part the source lacks, a time that is no TS). Issues carry
  // source_path, source_line and the rule's id ("cda-xsd" or the template rule's).
  ValidationResult source_problems(std::string_view cda_xml, const ValidateOptions& options) const;
  // Either of the above, by the first non-blank byte ('<' is XML, '{' is JSON).
  ValidationResult validate(std::string_view input, const ValidateOptions& options) const;

  const ValidatorImpl& impl() const { return *impl_; }

 private:
  std::unique_ptr<ValidatorImpl> impl_;
};

}  // namespace ccdafhir
