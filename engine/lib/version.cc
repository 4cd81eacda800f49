// The library's version, as the build configured it (cmake/package.cmake).
#include "ccdafhir/ccdafhir.h"

namespace ccdafhir {

const char* version() {
  return CCDAFHIR_VERSION;
}

}  // namespace ccdafhir
