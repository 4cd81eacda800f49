// Path and condition compiler: any text either compiles or throws PathError.
#include <cstdint>
#include <string_view>

#include "mapping/path.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    ccdafhir::Path::compile(text);
  } catch (const ccdafhir::PathError&) {
  }
  try {
    ccdafhir::Condition::compile(text);
  } catch (const ccdafhir::PathError&) {
  }
  return 0;
}
