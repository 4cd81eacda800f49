// Validation of hostile bytes on both sides: the first non-blank byte picks the C-CDA validator
// (hardened intake, the CDA XSD through Xerces-C, the template rules) or the FHIR validator
// (hardened JSON intake, structure, invariants in FHIRPath, document rules, profiles). Issues
// and rejections (Error kInputRejected) are expected; crashes, leaks, hangs, sanitizer reports
// and any other exception are findings.
#include <cstdint>
#include <string_view>
#include "ccdafhir_build_paths.h"

#include "ccdafhir/error.h"
#include "ccdafhir/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The data folder comes from $CCDAFHIR_DATA_DIR (tools/fuzz sets it), the XSD folder from
  // $CCDAFHIR_CDA_XSD or the build's ../shared/schemas/cda: both load once per process.
  static const ccdafhir::Validator validator(ccdafhir::ValidatorConfig{CCDAFHIR_SOURCE_DIR, ""});
  ccdafhir::ValidateOptions options;
  try {
    ccdafhir::ValidationResult r =
        validator.validate(std::string_view(reinterpret_cast<const char*>(data), size), options);
    if (r.errors > r.diagnostics.items().size()) __builtin_trap();
  } catch (const ccdafhir::Error& e) {
    if (e.kind() != ccdafhir::ErrorKind::kInputRejected) __builtin_trap();
  }
  return 0;
}
