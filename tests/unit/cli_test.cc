// The command-line contract other tools rely on: exit codes, '-' for stdin/stdout, atomic
// output (nothing written on rejection), --now, --report and --trace formats.
#include <sys/wait.h>
#include "ccdafhir_build_paths.h"

#include <cstdio>
#include <fstream>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

struct Run {
  int exit_code;
  std::string out;
  std::string err;
};

Run run(const std::string& args, const std::string& stdin_file = "") {
  fs::path dir = fs::temp_directory_path();
  fs::path out = dir / ("cli-out-" + std::to_string(::getpid()));
  fs::path err = dir / ("cli-err-" + std::to_string(::getpid()));
  std::string cmd = std::string("CCDAFHIR_DATA_DIR='") + CCDAFHIR_SOURCE_DIR + "' '" +
                    CCDAFHIR_BINARY + "' " + args +
                    (stdin_file.empty() ? " < /dev/null" : " < '" + stdin_file + "'") + " > '" +
                    out.string() + "' 2> '" + err.string() + "'";
  int status = std::system(cmd.c_str());
  Run r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, test::read_file(out), test::read_file(err)};
  fs::remove(out);
  fs::remove(err);
  return r;
}

std::string sample() {
  return std::string(CCDAFHIR_SOURCE_DIR) + "/samples/ccd-synthetic.xml";
}

fs::path scratch(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("ccdafhir-cli-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d / name;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(to_fhir_writes_the_bundle_and_exits_zero) {
  fs::path out = scratch("a.json");
  Run r = run("to-fhir '" + sample() + "' -o '" + out.string() + "' --now 2026-01-31T12:00:00Z");
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err.empty());
  Json bundle = Json::parse(test::read_file(out));
  BOOST_TEST(bundle["resourceType"] == "Bundle");
  BOOST_TEST(bundle["timestamp"] == "2026-01-31T12:00:00Z");
}

BOOST_AUTO_TEST_CASE(same_input_and_now_give_identical_bytes_via_file_and_stdout) {
  fs::path out = scratch("b.json");
  Run a = run("to-fhir '" + sample() + "' -o '" + out.string() + "' --now 2026-01-31T12:00:00Z");
  Run b = run("to-fhir - --now 2026-01-31T12:00:00Z", sample());
  BOOST_TEST(a.exit_code == 0);
  BOOST_TEST(b.exit_code == 0);
  BOOST_TEST((test::read_file(out) == b.out));
}

BOOST_AUTO_TEST_CASE(rejected_input_exits_two_with_one_line_and_writes_nothing) {
  test::require_shared();
  fs::path out = scratch("rejected.json");
  fs::path report = scratch("rejected-report.json");
  fs::remove(out);
  std::string bad = (test::shared_dir() / "corpus" / "malformed" / "xxe-file.xml").string();
  Run r = run("to-fhir '" + bad + "' -o '" + out.string() + "' --report '" + report.string() + "'");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  BOOST_TEST(r.err.find("DOCTYPE") != std::string::npos);
  BOOST_TEST(!fs::exists(out));
  BOOST_TEST(!fs::exists(report));
}

BOOST_AUTO_TEST_CASE(bad_now_and_unknown_options_are_rejected) {
  BOOST_TEST(run("to-fhir '" + sample() + "' --now yesterday").exit_code == 2);
  BOOST_TEST(run("to-fhir '" + sample() + "' --now 2026-01-31").exit_code == 2);
  BOOST_TEST(run("to-fhir '" + sample() + "' --colour red").exit_code == 2);
  BOOST_TEST(run("frobnicate x").exit_code == 2);
  BOOST_TEST(run("to-fhir /nonexistent/file.xml").exit_code == 2);
}

BOOST_AUTO_TEST_CASE(trace_has_one_line_per_section_entry_in_the_contract_format) {
  fs::path trace = scratch("t.ndjson");
  Run r = run("to-fhir '" + sample() + "' -o /dev/null --trace '" + trace.string() +
              "' --now 2026-01-31T12:00:00Z");
  BOOST_TEST(r.exit_code == 0);
  std::ifstream in(trace);
  std::string line;
  std::size_t lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    Json j = Json::parse(line);
    BOOST_TEST(j.contains("source"));
    BOOST_TEST(j["source"].get<std::string>().rfind("/ClinicalDocument/", 0) == 0);
    BOOST_TEST(j.contains("template"));
    bool mapped = j.contains("targets") && j.contains("rule");
    bool dropped = j.contains("dropped");
    BOOST_TEST((mapped != dropped));
    if (mapped) {
      BOOST_TEST(!j["targets"].empty());
      for (const auto& t : j["targets"])
        BOOST_TEST(t.get<std::string>().rfind("urn:uuid:", 0) == 0);
    }
  }
  // One line per section/entry of the sample.
  std::string xml = test::read_file(sample());
  std::size_t entries = 0;
  for (std::size_t p = xml.find("<entry"); p != std::string::npos; p = xml.find("<entry", p + 1)) {
    if (xml.compare(p, 7, "<entry>") == 0 || xml.compare(p, 7, "<entry ") == 0) ++entries;
  }
  BOOST_TEST(lines == entries);
}

BOOST_AUTO_TEST_CASE(report_is_an_operation_outcome) {
  fs::path report = scratch("r.json");
  Run r = run("to-fhir '" + sample() + "' -o /dev/null --report '" + report.string() +
              "' --now 2026-01-31T12:00:00Z");
  BOOST_TEST(r.exit_code == 0);
  Json oo = Json::parse(test::read_file(report));
  BOOST_TEST(oo["resourceType"] == "OperationOutcome");
  BOOST_REQUIRE(!oo["issue"].empty());
  for (const auto& issue : oo["issue"]) {
    BOOST_TEST(issue.contains("severity"));
    BOOST_TEST(issue.contains("code"));
  }
}

BOOST_AUTO_TEST_CASE(help_lists_every_command) {
  Run r = run("--help");
  BOOST_TEST(r.exit_code == 0);
  for (const char* c : {"to-fhir", "to-ccda", "validate", "batch", "serve", "render"}) {
    BOOST_TEST(r.out.find(c) != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
