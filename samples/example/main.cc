// ccdafhir-example IN.xml [NOW]: converts a C-CDA document with the installed library and writes
// the FHIR Bundle to standard output; a summary of the diagnostics goes to standard error.
// Exit codes follow the ccdafhir command: 0 done, 2 input rejected.
#include <ccdafhir/ccdafhir.h>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: ccdafhir-example IN.xml [NOW]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "ccdafhir-example: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::stringstream xml;
  xml << in.rdbuf();

  ccdafhir::ConvertOptions options;
  options.now = argc == 3 ? argv[2] : "2026-01-31T12:00:00Z";  // Bundle.timestamp
  ccdafhir::Result result = ccdafhir::to_fhir(xml.str(), options);
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
