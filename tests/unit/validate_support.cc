#include "validate_support.h"
#include "ccdafhir_build_paths.h"

#include "report/outcome.h"

namespace ccdafhir::test {

const FhirValidator& fhir_validator() {
  static const FhirValidator v(std::string(CCDAFHIR_SOURCE_DIR) + "/schemas");
  return v;
}

DiagnosticSink validate_fhir(const Json& resource, const std::string& profile) {
  DiagnosticSink out;
  ValidateOptions options;
  options.profile = profile;
  fhir_validator().validate(resource, options, out);
  return out;
}

std::size_t error_count(const DiagnosticSink& out) {
  std::size_t n = 0;
  for (const auto& d : out.items()) {
    if (d.severity == Severity::kError || d.severity == Severity::kFatal) ++n;
  }
  return n;
}

std::string describe(const DiagnosticSink& out) {
  std::string s;
  for (const auto& d : out.items()) {
    s += std::string(to_string(d.severity)) + " " + d.fhir_path + " [" + d.rule_id + "] " +
         d.message + "\n";
  }
  return s;
}

}  // namespace ccdafhir::test
