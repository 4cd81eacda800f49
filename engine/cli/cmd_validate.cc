// ccdafhir validate IN.xml|IN.json [--profile NAME] [--format json|text] [--cda-xsd DIR]
//                   [--max-bytes N] [--max-depth N] [--max-entries N] [--max-seconds S]
// FHIR JSON (Bundle or resource) or C-CDA XML in; an OperationOutcome on stdout (or one line per
// issue with --format text); exit 1 when errors were found.
#include <iostream>

#include "ccdafhir/error.h"
#include "ccdafhir/validate.h"
#include "commands.h"
#include "report/outcome.h"
#include "util/files.h"

namespace ccdafhir::cli {

namespace {

std::string text_line(const Diagnostic& d) {
  std::string where = d.fhir_path;
  if (!d.source_path.empty()) {
    where = d.source_path;
    if (d.source_line > 0) where += " (line " + std::to_string(d.source_line) + ")";
  }
  std::string line = std::string(to_string(d.severity)) + " " + to_fhir_code(d.code) + " " + where;
  if (!d.rule_id.empty()) line += " [" + d.rule_id + "]";
  return line + ": " + d.message;
}

}  // namespace

int cmd_validate(const Args& a) {
  check_known(a, {"--profile", "--format", "--cda-xsd", "--data-dir"}, kLimitOptions);
  if (a.positional.size() != 1)
    throw Error(ErrorKind::kInputRejected, "validate takes one input file");
  std::string format = option(a, "--format", "json");
  if (format != "json" && format != "text")
    throw Error(ErrorKind::kInputRejected, "--format is json or text");
  ValidateOptions options;
  options.profile = option(a, "--profile");
  options.limits = limits_options(a);
  // Read (and an oversized input refused) before the constraint sets and the XSD load.
  std::string input = read_input(a.positional[0], options.limits.max_input_bytes);
  ValidatorConfig config;
  config.data_dir = option(a, "--data-dir");
  config.cda_xsd_dir = option(a, "--cda-xsd");
  Validator validator(config);
  ValidationResult result = validator.validate(input, options);
  if (format == "text") {
    for (const Diagnostic& d : result.diagnostics.items()) std::cout << text_line(d) << "\n";
    std::cout << result.errors << " error(s), " << result.warnings << " warning(s)\n";
  } else {
    std::cout << to_operation_outcome(result.diagnostics).dump(2) << "\n";
  }
  return result.errors > 0 ? kExitValidationErrors : kExitOk;
}

}  // namespace ccdafhir::cli
