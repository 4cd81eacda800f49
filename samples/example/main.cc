// ccdafhir-example IN [NOW]: converts with the installed library and writes the result to
// standard output: a C-CDA document (IN.xml) becomes a FHIR Bundle, a Bundle (IN.json) becomes
// C-CDA. Then validates the FHIR side (the Bundle written or read) and prints a summary of the
// conversion's and the validation's diagnostics to standard error.
// ccdafhir-example --validate IN: writes the OperationOutcome of validating IN (C-CDA or FHIR)
// to standard output, as `ccdafhir validate IN` does.
// Exit codes follow the ccdafhir command: 0 done, 1 validation found errors (--validate only),
// 2 input rejected.
#include <ccdafhir/ccdafhir.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

std::size_t count(const ccdafhir::Result& r, ccdafhir::Severity severity) {
  std::size_t n = 0;
  for (const ccdafhir::Diagnostic& d : r.diagnostics) {
    if (d.severity == severity) ++n;
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  const bool validate_only = argc > 1 && std::string(argv[1]) == "--validate";
  const int first = validate_only ? 2 : 1;
  if (argc < first + 1 || argc > first + 2 || (validate_only && argc != 3)) {
    std::cerr << "usage: ccdafhir-example IN.xml|IN.json [NOW]\n"
                 "       ccdafhir-example --validate IN.xml|IN.json\n";
    return 2;
  }
  std::ifstream in(argv[first], std::ios::binary);
  if (!in) {
    std::cerr << "ccdafhir-example: cannot read " << argv[first] << "\n";
    return 2;
  }
  std::stringstream read;
  read << in.rdbuf();
  const std::string input = read.str();

  if (validate_only) {
    ccdafhir::Result checked = ccdafhir::validate(input);
    if (!checked.ok) {
      std::cerr << "ccdafhir-example: rejected: " << checked.error << "\n";
      return 2;
    }
    std::cout << checked.output;
    return checked.has_errors() ? 1 : 0;
  }

  ccdafhir::ConvertOptions options;
  options.now = argc == first + 2 ? argv[first + 1] : "2026-01-31T12:00:00Z";  // Bundle.timestamp
  const std::string name = argv[first];
  const bool bundle = name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
  ccdafhir::Result result =
      bundle ? ccdafhir::to_ccda(input, options) : ccdafhir::to_fhir(input, options);
  if (!result.ok) {
    std::cerr << "ccdafhir-example: rejected: " << result.error << "\n";
    return 2;
  }
  std::cout << result.output;
  std::cerr << "ccdafhir " << ccdafhir::version() << " (data: " << ccdafhir::default_data_dir()
            << "): " << result.output.size() << " bytes, " << result.diagnostics.size()
            << " diagnostics (" << (result.has_errors() ? "with" : "no") << " errors, "
            << count(result, ccdafhir::Severity::kWarning) << " warnings)\n";

  // The FHIR side of the conversion against the base specification and its profiles.
  ccdafhir::Result checked = ccdafhir::validate(bundle ? input : result.output);
  if (!checked.ok) {
    std::cerr << "ccdafhir-example: validation rejected the Bundle: " << checked.error << "\n";
    return 2;
  }
  std::cerr << "validation: "
            << count(checked, ccdafhir::Severity::kFatal) +
                   count(checked, ccdafhir::Severity::kError)
            << " errors, " << count(checked, ccdafhir::Severity::kWarning) << " warnings\n";
  return 0;
}
