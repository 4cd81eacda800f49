// ccdafhir render IN.xml|IN.json [-o OUT.html]
#include "ccdafhir/error.h"
#include "ccdafhir/render.h"
#include "commands.h"
#include "util/files.h"

namespace ccdafhir::cli {

int cmd_render(const Args& a) {
  check_known(a, {"-o", "--data-dir"});
  if (a.positional.size() != 1)
    throw Error(ErrorKind::kInputRejected, "render takes one input file");
  RenderOptions options;
  Renderer renderer(RenderConfig{option(a, "--data-dir")});
  std::string input = read_input(a.positional[0], options.limits.max_input_bytes);
  std::string html = renderer.render(input, options);
  write_output(option(a, "-o", "-"), html);
  return kExitOk;
}

}  // namespace ccdafhir::cli
