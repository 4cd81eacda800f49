// ccdafhir command line. The contract (commands, flags, exit codes) is relied on by other
// tools: 0 done; 1 output written but validation found errors; 2 input rejected (one-line
// reason on stderr, no output file); anything else is a bug.
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "ccdafhir/convert.h"
#include "report/outcome.h"
#include "util/clock.h"
#include "util/files.h"

namespace {

using namespace ccdafhir;

constexpr int kExitOk = 0;
constexpr int kExitRejected = 2;
constexpr int kExitBug = 3;

void usage(std::ostream& out) {
  out << "usage:\n"
         "  ccdafhir to-fhir  IN.xml  [-o OUT.json] [--report R.json] [--trace T.ndjson] [--now "
         "ISO-8601]\n"
         "  ccdafhir to-ccda  IN.json [-o OUT.xml]  [--report R.json] [--now ISO-8601]\n"
         "  ccdafhir validate IN.xml|IN.json [--profile NAME]\n"
         "  ccdafhir batch    IN_DIR|ARCHIVE OUT_DIR [--to fhir|ccda] [--jobs N] [--validate]\n"
         "  ccdafhir serve    [--port N]\n"
         "  ccdafhir render   IN.xml|IN.json [-o OUT.html]\n"
         "'-' means standard input or output.\n";
}

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::vector<std::string> flags;
};

// Options that take a value; everything else starting with '-' (except "-") is a flag.
bool takes_value(const std::string& name) {
  static const char* names[] = {"-o",         "--report",  "--trace", "--now",
                                "--profile",  "--to",      "--jobs",  "--port",
                                "--data-dir", "--cda-xsd", "--format"};
  for (const char* n : names) {
    if (name == n) return true;
  }
  return false;
}

Args parse_args(int argc, char** argv, int first) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s.size() > 1 && s[0] == '-') {
      std::string value;
      auto eq = s.find('=');
      if (s.rfind("--", 0) == 0 && eq != std::string::npos) {
        value = s.substr(eq + 1);
        s = s.substr(0, eq);
        a.options[s] = value;
        continue;
      }
      if (takes_value(s)) {
        if (i + 1 >= argc) throw Error(ErrorKind::kInputRejected, "option " + s + " needs a value");
        a.options[s] = argv[++i];
      } else {
        a.flags.push_back(s);
      }
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

std::string option(const Args& a, const std::string& name, const std::string& fallback = "") {
  auto it = a.options.find(name);
  return it == a.options.end() ? fallback : it->second;
}

void check_known(const Args& a, std::initializer_list<const char*> allowed) {
  for (const auto& [k, v] : a.options) {
    bool ok = false;
    for (const char* n : allowed) ok = ok || k == n;
    if (!ok) throw Error(ErrorKind::kInputRejected, "unknown option " + k);
  }
  for (const auto& f : a.flags) {
    bool ok = false;
    for (const char* n : allowed) ok = ok || f == n;
    if (!ok) throw Error(ErrorKind::kInputRejected, "unknown option " + f);
  }
}

EngineConfig engine_config(const Args& a) {
  EngineConfig c;
  c.data_dir = option(a, "--data-dir");
  return c;
}

std::string now_option(const Args& a) {
  std::string now = option(a, "--now");
  if (now.empty()) return current_instant();
  if (!is_fhir_instant(now)) {
    throw Error(
        ErrorKind::kInputRejected,
        "--now must be an instant such as 2026-01-31T12:00:00Z (date, time, seconds and zone)");
  }
  return now;
}

int cmd_to_fhir(const Args& a) {
  check_known(a, {"-o", "--report", "--trace", "--now", "--data-dir"});
  if (a.positional.size() != 1)
    throw Error(ErrorKind::kInputRejected, "to-fhir takes one input file");
  ConvertOptions options;
  options.now = now_option(a);
  Engine engine(engine_config(a));
  std::string input = read_input(a.positional[0], options.limits.max_input_bytes);
  ConversionResult result = engine.to_fhir(input, options);
  write_output(option(a, "-o", "-"), result.output);
  if (auto r = option(a, "--report"); !r.empty()) {
    write_output(r, to_operation_outcome(result.diagnostics).dump(2) + "\n");
  }
  if (auto t = option(a, "--trace"); !t.empty()) write_output(t, trace_to_ndjson(result.trace));
  return kExitOk;
}

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
  Args args = parse_args(argc, argv, 2);
  if (command == "to-fhir") return cmd_to_fhir(args);
  if (command == "to-ccda" || command == "validate" || command == "batch" || command == "serve" ||
      command == "render") {
    throw Error(ErrorKind::kInputRejected, "'" + command + "' is not available in this build yet");
  }
  usage(std::cerr);
  throw Error(ErrorKind::kInputRejected, "unknown command '" + command + "'");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const ccdafhir::Error& e) {
    switch (e.kind()) {
      case ccdafhir::ErrorKind::kInputRejected:
        std::cerr << "ccdafhir: rejected: " << e.what() << "\n";
        return kExitRejected;
      case ccdafhir::ErrorKind::kIo:
        std::cerr << "ccdafhir: " << e.what() << "\n";
        return kExitRejected;
      case ccdafhir::ErrorKind::kConfig:
        std::cerr << "ccdafhir: configuration error: " << e.what() << "\n";
        return kExitBug;
      case ccdafhir::ErrorKind::kInternal:
        break;
    }
    std::cerr << "ccdafhir: internal error: " << e.what() << "\n";
    return kExitBug;
  } catch (const std::exception& e) {
    std::cerr << "ccdafhir: internal error: " << e.what() << "\n";
    return kExitBug;
  }
}
