// ccdafhir to-ccda IN.json [-o OUT.xml] [--report R.json] [--now ISO-8601]
#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "commands.h"
#include "report/outcome.h"
#include "util/files.h"

namespace ccdafhir::cli {

int cmd_to_ccda(const Args& a) {
  check_known(a, {"-o", "--report", "--now", "--data-dir"});
  if (a.positional.size() != 1)
    throw Error(ErrorKind::kInputRejected, "to-ccda takes one input file");
  ConvertOptions options;
  options.now = now_option(a);
  Engine engine(engine_config(a));
  std::string input = read_input(a.positional[0], options.limits.max_input_bytes);
  ConversionResult result = engine.to_ccda(input, options);
  write_output(option(a, "-o", "-"), result.output);
  if (auto r = option(a, "--report"); !r.empty()) {
    write_output(r, to_operation_outcome(result.diagnostics).dump(2) + "\n");
  }
  return kExitOk;
}

}  // namespace ccdafhir::cli
