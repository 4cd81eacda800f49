// FHIR JSON bytes -> hardened JSON intake -> the mapping tables backwards -> C-CDA. Rejections
// are expected; crashes, leaks, hangs, sanitizer reports and any other exception are findings.
#include <cstdint>
#include <string_view>
#include "ccdafhir_build_paths.h"

#include "ccdafhir/convert.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ccdafhir::Engine engine(ccdafhir::EngineConfig{CCDAFHIR_SOURCE_DIR});
  ccdafhir::ConvertOptions options;
  options.now = "2000-01-01T00:00:00Z";
  try {
    engine.to_ccda(std::string_view(reinterpret_cast<const char*>(data), size), options);
  } catch (const ccdafhir::Error& e) {
    if (e.kind() != ccdafhir::ErrorKind::kInputRejected) __builtin_trap();
  }
  return 0;
}
