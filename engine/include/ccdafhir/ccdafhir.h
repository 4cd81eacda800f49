// The short way in: one call per job, on strings or buffers, for programs that do not want to
// manage an Engine or a Validator. The first call of each kind loads its data once for the whole
// process (from default_data_dir()); every call after that is thread-safe and shares it.
//
//   ccdafhir::ConvertOptions options;
//   options.now = "2026-01-31T12:00:00Z";  // Bundle.timestamp: the clock is the caller's
//   ccdafhir::Result r = ccdafhir::to_fhir(xml, options);
//   if (!r.ok) { std::cerr << r.error << "\n"; }  // rejected input: nothing was produced
//   else { use(r.output); for (const auto& d : r.diagnostics) report(d); }
//
//   ccdafhir::Result v = ccdafhir::validate(bundle_or_xml);
//   if (v.ok && v.has_errors()) { /* v.output: the OperationOutcome */ }
//
// Use Engine (convert.h) or Validator (validate.h) directly for a data folder of your own or
// for the trace.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ccdafhir/convert.h"
#include "ccdafhir/diagnostic.h"
#include "ccdafhir/options.h"
#include "ccdafhir/validate.h"

namespace ccdafhir {

struct Result {
  // false: the input was rejected (or the installation is broken); `error` says why in one line
  // and `output` is empty. true: `output` holds the result, `diagnostics` what was said about it.
  bool ok = false;
  std::string output;
  std::vector<Diagnostic> diagnostics;
  std::string error;
  // True when a diagnostic has severity error or fatal.
  bool has_errors() const;
};

// C-CDA XML -> FHIR document Bundle (JSON), byte for byte what `ccdafhir to-fhir` writes.
Result to_fhir(std::string_view cda_xml, const ConvertOptions& options);

// FHIR document Bundle (JSON) -> C-CDA XML, byte for byte what `ccdafhir to-ccda` writes.
Result to_ccda(std::string_view bundle_json, const ConvertOptions& options);

// C-CDA XML or FHIR JSON (a Bundle or one resource, told apart by the first byte) -> validated:
// `diagnostics` are the issues, `output` the OperationOutcome `ccdafhir validate` prints, byte
// for byte; `ok` is true whenever the validation ran (has_errors() says whether it found
// errors) and false only when the input is neither XML nor JSON or breaks a limit. C-CDA
// schema validation needs the CDA XSD ($CCDAFHIR_CDA_XSD); without it that is one error issue.
Result validate(std::string_view input, const ValidateOptions& options = {});

// The version of the library, "MAJOR.MINOR.PATCH".
const char* version();

}  // namespace ccdafhir
