// ccdafhir validate and to-fhir --validate: OperationOutcome on stdout, text format, exit 1 when
// errors were found, --profile forcing a profile, issues of to-fhir --validate in --report.
#include <sys/wait.h>
#include "ccdafhir_build_paths.h"

#include <fstream>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

struct Run {
  int exit_code;
  std::string out;
};

Run ccdafhir_cli(const std::string& args) {
  fs::path out = fs::temp_directory_path() / ("validate-cli-" + std::to_string(::getpid()));
  std::string cmd = std::string("CCDAFHIR_DATA_DIR='") + CCDAFHIR_SOURCE_DIR + "' '" +
                    CCDAFHIR_BINARY + "' " + args + " < /dev/null > '" + out.string() +
                    "' 2>/dev/null";
  int status = std::system(cmd.c_str());
  Run r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, test::read_file(out)};
  fs::remove(out);
  return r;
}

fs::path scratch(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("ccdafhir-validate-cli-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d / name;
}

std::string sample() {
  return std::string(CCDAFHIR_SOURCE_DIR) + "/samples/ccd-synthetic.xml";
}

bool has_rule(const Json& oo, const std::string& rule) {
  for (const Json& i : oo["issue"]) {
    if (i.contains("details") && i["details"]["coding"][0]["code"] == rule) return true;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(validate)

BOOST_AUTO_TEST_CASE(validate_prints_an_operation_outcome_and_exits_one_on_errors) {
  fs::path bundle = scratch("b.json");
  BOOST_REQUIRE_EQUAL(ccdafhir_cli("to-fhir '" + sample() + "' -o '" + bundle.string() +
                                   "' --now 2099-01-01T00:00:00Z")
                          .exit_code,
                      0);
  Json b = Json::parse(test::read_file(bundle));
  b["entry"][0]["resource"].erase("subject");
  b["timestamp"] = "2020-01-01T10:00";
  fs::path broken = scratch("broken.json");
  std::ofstream(broken) << b.dump();
  Run r = ccdafhir_cli("validate '" + broken.string() + "'");
  BOOST_TEST(r.exit_code == 1);
  Json oo = Json::parse(r.out);
  BOOST_TEST(oo["resourceType"] == "OperationOutcome");
  BOOST_TEST(has_rule(oo, "document/composition-subject"));
  BOOST_TEST(has_rule(oo, "fhir-r4/format-instant"));
  bool located = false;
  for (const Json& i : oo["issue"]) {
    for (const Json& e : i.value("expression", Json::array()))
      located = located || e == "Bundle.entry[0].resource.subject";
  }
  BOOST_TEST(located);
  Run text = ccdafhir_cli("validate '" + broken.string() + "' --format text");
  BOOST_TEST(text.exit_code == 1);
  BOOST_TEST(
      text.out.find(
          "error required Bundle.entry[0].resource.subject [document/composition-subject]") !=
      std::string::npos);
  BOOST_TEST(
      ccdafhir_cli("validate '" + broken.string() + "' --profile no-such-profile").exit_code == 2);
}

BOOST_AUTO_TEST_CASE(profile_forces_one_constraint_set) {
  fs::path p = scratch("patient.json");
  std::ofstream(p) << R"({"resourceType": "Patient", "id": "p1", "gender": "female"})";
  BOOST_TEST(ccdafhir_cli("validate '" + p.string() + "'").exit_code == 0);
  Run forced = ccdafhir_cli("validate '" + p.string() + "' --profile us-core-patient");
  BOOST_TEST(forced.exit_code == 1);
  BOOST_TEST(has_rule(Json::parse(forced.out), "us-core-patient/identifier-min"));
  BOOST_TEST(has_rule(Json::parse(forced.out), "us-core-patient/name-min"));
}

BOOST_AUTO_TEST_CASE(to_fhir_validate_reports_into_the_report) {
  fs::path out = scratch("out.json");
  fs::path report = scratch("report.json");
  // A clock before the document's date: Bundle.timestamp < Composition.date breaks
  // clindoc-timestamp-ge-compoDate, which only the validation pass notices.
  std::string args = "to-fhir '" + sample() + "' -o '" + out.string() + "' --report '" +
                     report.string() + "' --now 2000-01-01T00:00:00Z";
  BOOST_TEST(ccdafhir_cli(args).exit_code == 0);
  BOOST_TEST(!has_rule(Json::parse(test::read_file(report)), "clindoc-timestamp-ge-compoDate"));
  BOOST_TEST(ccdafhir_cli(args + " --validate").exit_code == 1);
  BOOST_TEST(fs::exists(out));
  BOOST_TEST(has_rule(Json::parse(test::read_file(report)), "clindoc-timestamp-ge-compoDate"));
}

BOOST_AUTO_TEST_SUITE_END()
