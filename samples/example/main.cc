// ccdafhir-example IN [NOW]: converts with the installed library and writes the result to
// standard output: a C-CDA document (IN.xml) becomes a FHIR Bundle, a Bundle (IN.json) becomes
// C-CDA. A summary of the diagnostics goes to standard error.
// Exit codes follow the ccdafhir command: 0 done, 2 input rejected.
#include <ccdafhir/ccdafhir.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: ccdafhir-example IN.xml|IN.json [NOW]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "ccdafhir-example: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::stringstream input;
  input << in.rdbuf();

  ccdafhir::ConvertOptions options;
  options.now = argc == 3 ? argv[2] : "2026-01-31T12:00:00Z";  // Bundle.timestamp
  const std::string name = argv[1];
  const bool bundle = name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
  ccdafhir::Result result =
      bundle ? ccdafhir::to_ccda(input.str(), options) : ccdafhir::to_fhir(input.str(), options);
  if (!result.ok) {
    std::cerr << "ccdafhir-example: rejected: " << result.error << "\n";
    return 2;
  }
  std::size_t warnings = 0;
  for (const ccdafhir::Diagnostic& d : result.diagnostics) {
    if (d.severity == ccdafhir::Severity::kWarning) ++warnings;
  }
  std::cout << result.output;
  std::cerr << "ccdafhir " << ccdafhir::version() << " (data: " << ccdafhir::default_data_dir()
            << "): " << result.output.size() << " bytes, " << result.diagnostics.size()
            << " diagnostics (" << (result.has_errors() ? "with" : "no") << " errors, " << warnings
            << " warnings)\n";
  return 0;
}
