// One function per subcommand, each in its own cmd_*.cc file. main.cc dispatches by name.
#pragma once

#include "args.h"

namespace ccdafhir::cli {

int cmd_to_fhir(const Args& a);
int cmd_to_ccda(const Args& a);
int cmd_validate(const Args& a);
int cmd_batch(const Args& a);
int cmd_serve(const Args& a);
int cmd_render(const Args& a);
int cmd_package(const Args& a);
int cmd_verify(const Args& a);

}  // namespace ccdafhir::cli
