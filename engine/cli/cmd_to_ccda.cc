// ccdafhir to-ccda IN.json [-o OUT.xml] [--report R.json] [--now ISO-8601] [--max-bytes N]
//                  [--max-depth N] [--max-entries N] [--max-seconds S]
#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "commands.h"
#include "report/outcome.h"
#include "util/files.h"

namespace ccdafhir::cli {

int cmd_to_ccda(const Args& a) {
  check_known(a, {"-o", "--report", "--now", "--data-dir"}, kLimitOptions);
  if (a.positional.size() != 1)
    throw Error(ErrorKind::kInputRejected, "to-ccda takes one input file");
  ConvertOptions options;
  options.now = now_option(a);
  options.limits = limits_options(a);
  // Read (and an oversized input refused) before the tables load, as to-fhir does.
  std::string input = read_input(a.positional[0], options.limits.max_input_bytes);
  Engine engine(engine_config(a));
  ConversionResult result = engine.to_ccda(input, options);
  write_output(option(a, "-o", "-"), result.output);
  if (auto r = option(a, "--report"); !r.empty()) {
    write_output(r, to_operation_outcome(result.diagnostics).dump(2) + "\n");
  }
  return kExitOk;
}

}  // namespace ccdafhir::cli
