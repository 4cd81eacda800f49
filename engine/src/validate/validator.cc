// Validator: the public entry point, dispatching to the FHIR and C-CDA validators.
#include "ccdafhir/validate.h"

#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "intake/json_intake.h"
#include "util/deadline.h"
#include "validate/cda_validator.h"
#include "validate/fhir_validator.h"

namespace ccdafhir {

class ValidatorImpl {
 public:
  explicit ValidatorImpl(const ValidatorConfig& config)
      : data_dir(config.data_dir.empty() ? default_data_dir() : config.data_dir),
        fhir(data_dir + "/schemas"),
        cda(data_dir, config.cda_xsd_dir.empty() ? default_cda_xsd_dir() : config.cda_xsd_dir) {}
  std::string data_dir;
  FhirValidator fhir;
  CdaValidator cda;
};

namespace {

ValidationResult counted(DiagnosticSink sink) {
  ValidationResult r;
  r.diagnostics = std::move(sink);
  for (const Diagnostic& d : r.diagnostics.items()) {
    if (d.severity == Severity::kFatal || d.severity == Severity::kError) ++r.errors;
    if (d.severity == Severity::kWarning) ++r.warnings;
  }
  return r;
}

}  // namespace

Validator::Validator(const ValidatorConfig& config)
    : impl_(std::make_unique<ValidatorImpl>(config)) {}

Validator::~Validator() = default;

ValidationResult Validator::validate_fhir(std::string_view json,
                                          const ValidateOptions& options) const {
  // options.limits.max_seconds bounds the whole validation: over it the input is rejected
  // (Error kInputRejected), never answered with half the issues.
  Deadline deadline(options.limits.max_seconds, "validation");
  DeadlineScope scope(deadline);
  Json root = parse_json_input(json, options.limits);
  check_bundle_entries(root, options.limits);
  deadline.check("parsing");
  DiagnosticSink sink;
  impl_->fhir.validate(root, options, sink);
  deadline.check("checking the profiles");
  return counted(std::move(sink));
}

ValidationResult Validator::validate_cda(std::string_view xml,
                                         const ValidateOptions& options) const {
  Deadline deadline(options.limits.max_seconds, "validation");
  DeadlineScope scope(deadline);
  DiagnosticSink sink;
  impl_->cda.validate(xml, options, sink);
  deadline.check("checking the template rules");
  return counted(std::move(sink));
}

ValidationResult Validator::source_problems(std::string_view cda_xml,
                                            const ValidateOptions& options) const {
  Deadline deadline(options.limits.max_seconds, "validation");
  DeadlineScope scope(deadline);
  DiagnosticSink rules;
  impl_->cda.check_source(cda_xml, options, rules);
  deadline.check("checking the template rules");
  DiagnosticSink sink;
  for (Diagnostic d : rules.items()) {
    if (d.severity == Severity::kInformation) continue;
    d.severity = Severity::kWarning;  // the output's errors are the errors; this is their cause
    d.message = "source problem: " + d.message;
    sink.add(std::move(d));
  }
  return counted(std::move(sink));
}

ValidationResult Validator::validate(std::string_view input, const ValidateOptions& options) const {
  // A UTF-8 byte order mark is looked past to choose the side: XML may have one, JSON may not,
  // and the JSON intake says so (rather than the XML parser complaining about a '{').
  std::string_view body = input.substr(0, 3) == "\xEF\xBB\xBF" ? input.substr(3) : input;
  for (char c : body) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '<') return validate_cda(input, options);
    if (c == '{') return validate_fhir(input, options);
    break;
  }
  throw Error(ErrorKind::kInputRejected, "neither XML nor JSON: expected '<' or '{' first");
}

}  // namespace ccdafhir
