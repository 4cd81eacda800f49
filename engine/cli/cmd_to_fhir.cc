// ccdafhir to-fhir IN.xml [-o OUT.json] [--report R.json] [--trace T.ndjson] [--now ISO-8601]
//                  [--max-bytes N] [--max-depth N] [--max-entries N] [--max-seconds S] [--validate]
#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "ccdafhir/validate.h"
#include "commands.h"
#include "report/outcome.h"
#include "util/files.h"
#include "validate/validated_conversion.h"

namespace ccdafhir::cli {

int cmd_to_fhir(const Args& a) {
  check_known(a, {"-o", "--report", "--trace", "--now", "--data-dir", "--validate", "--cda-xsd"},
              kLimitOptions);
  if (a.positional.size() != 1)
    throw Error(ErrorKind::kInputRejected, "to-fhir takes one input file");
  ConvertOptions options;
  options.now = now_option(a);
  options.limits = limits_options(a);
  // The input is read (and an oversized one refused) before the tables load: a rejection
  // costs neither the start-up nor memory beyond the size limit.
  std::string input = read_input(a.positional[0], options.limits.max_input_bytes);
  Engine engine(engine_config(a));
  ConversionResult result = engine.to_fhir(input, options);
  bool validation_errors = false;
  if (flag(a, "--validate")) {
    // The output is validated before anything is written, so the report holds both.
    ValidatorConfig config;
    config.data_dir = option(a, "--data-dir");
    config.cda_xsd_dir = option(a, "--cda-xsd");
    // The output's own size may pass --max-bytes (a Bundle is larger than its C-CDA); the
    // time limit applies to the validation as to the conversion.
    ValidateOptions validate_options;
    validate_options.limits.max_seconds = options.limits.max_seconds;
    Validator validator(config);
    validation_errors = validate_conversion(validator, input, result, validate_options).errors > 0;
  }
  write_output(option(a, "-o", "-"), result.output);
  if (auto r = option(a, "--report"); !r.empty()) {
    write_output(r, to_operation_outcome(result.diagnostics).dump(2) + "\n");
  }
  if (auto t = option(a, "--trace"); !t.empty()) write_output(t, trace_to_ndjson(result.trace));
  return validation_errors ? kExitValidationErrors : kExitOk;
}

}  // namespace ccdafhir::cli
