// ccdafhir command line. The contract (commands, flags, exit codes) is relied on by other
// tools: 0 done; 1 output written but validation found errors; 2 input rejected (one-line
// reason on stderr, no output file); anything else is a bug.
#include <iostream>
#include <string>

#include "ccdafhir/error.h"
#include "commands.h"

namespace {

using namespace ccdafhir;
using namespace ccdafhir::cli;

void usage(std::ostream& out) {
  out << "usage:\n"
         "  ccdafhir to-fhir  IN.xml  [-o OUT.json] [--report R.json] [--trace T.ndjson] [--now "
         "ISO-8601] [--validate]\n"
         "                    [--max-bytes N] [--max-depth N] [--max-entries N] [--max-seconds S]\n"
         "  ccdafhir to-ccda  IN.json [-o OUT.xml]  [--report R.json] [--now ISO-8601]\n"
         "  ccdafhir validate IN.xml|IN.json [--profile NAME] [--format json|text] [--cda-xsd "
         "DIR]\n"
         "  ccdafhir batch    IN_DIR|ARCHIVE OUT_DIR [--to fhir|ccda] [--jobs N] [--validate]\n"
         "                    [--ndjson] [--force] [--now ISO-8601] [--progress auto|off|lines]\n"
         "  ccdafhir serve    [--port N] [--host ADDR] [--jobs N] [--queue N]\n"
         "                    [--timeout S] [--max-body-bytes N] [--token-file F]\n"
         "                    [--tls-cert F --tls-key F] [--store DIR] [--cda-xsd DIR] [--quiet]\n"
         "  ccdafhir render   IN.xml|IN.json [-o OUT.html]\n"
         "  ccdafhir package  IN.xml --tracking-id ID --member ID --provider ID|--organization ID\n"
         "                    --code LOINC [--service-date DATE] [--payer ID] [--attach-to "
         "claim|preauthorization]\n"
         "                    [--line-item N,...] [--bundle B.json|--convert] [--sign KEY.pem "
         "[--cert C.pem]]\n"
         "                    [--as parameters|documentreference] [--now ISO-8601] [-o OUT.json]\n"
         "  ccdafhir verify   FILE [--key PUB.pem]\n"
         "'-' means standard input or output.\n";
}

struct Command {
  const char* name;
  int (*run)(const Args&);
};

// Subcommands in the order of the usage text.
const Command kCommands[] = {
    {"to-fhir", cmd_to_fhir}, {"to-ccda", cmd_to_ccda}, {"validate", cmd_validate},
    {"batch", cmd_batch},     {"serve", cmd_serve},     {"render", cmd_render},
    {"package", cmd_package}, {"verify", cmd_verify},
};

int run(int argc, char** argv) {
  if (argc < 2) {
    usage(std::cerr);
    return kExitRejected;
  }
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    usage(std::cout);
    return kExitOk;
  }
  for (const Command& c : kCommands) {
    if (command == c.name) return c.run(parse_args(argc, argv, 2));
  }
  usage(std::cerr);
  throw Error(ErrorKind::kInputRejected, "unknown command '" + command + "'");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const Error& e) {
    switch (e.kind()) {
      case ErrorKind::kInputRejected:
        std::cerr << "ccdafhir: rejected: " << e.what() << "\n";
        return kExitRejected;
      case ErrorKind::kIo:
        std::cerr << "ccdafhir: " << e.what() << "\n";
        return kExitRejected;
      case ErrorKind::kConfig:
        std::cerr << "ccdafhir: configuration error: " << e.what() << "\n";
        return kExitBug;
      case ErrorKind::kInternal:
        break;
    }
    std::cerr << "ccdafhir: internal error: " << e.what() << "\n";
    return kExitBug;
  } catch (const std::exception& e) {
    std::cerr << "ccdafhir: internal error: " << e.what() << "\n";
    return kExitBug;
  }
}
