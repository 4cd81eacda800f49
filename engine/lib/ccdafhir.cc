// The convenience API (ccdafhir/ccdafhir.h) over one process-wide Engine. Part of the shared
// library only (cmake/package.cmake).
#include "ccdafhir/ccdafhir.h"

#include "ccdafhir/error.h"
#include "report/outcome.h"

namespace ccdafhir {

namespace {

// Loaded on first use; a failed load throws and is retried by the next call.
const Engine& shared_engine() {
  static const Engine engine{EngineConfig{}};
  return engine;
}

const Validator& shared_validator() {
  static const Validator validator{ValidatorConfig{}};
  return validator;
}

template <typename Work>
Result run(Work work) {
  Result r;
  try {
    ConversionResult c = work();
    r.ok = true;
    r.output = std::move(c.output);
    r.diagnostics = std::move(c.diagnostics.items());
  } catch (const Error& e) {
    r.error = e.what();
  }
  return r;
}

}  // namespace

bool Result::has_errors() const {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError || d.severity == Severity::kFatal) return true;
  }
  return false;
}

Result to_fhir(std::string_view cda_xml, const ConvertOptions& options) {
  return run([&] { return shared_engine().to_fhir(cda_xml, options); });
}

Result to_ccda(std::string_view bundle_json, const ConvertOptions& options) {
  return run([&] { return shared_engine().to_ccda(bundle_json, options); });
}

Result validate(std::string_view input, const ValidateOptions& options) {
  return run([&] {
    ValidationResult v = shared_validator().validate(input, options);
    ConversionResult c;
    c.output = to_operation_outcome(v.diagnostics).dump(2) + "\n";
    c.diagnostics = std::move(v.diagnostics);
    return c;
  });
}

}  // namespace ccdafhir
