// Golden conversions: each case of tests/golden/cases.tsv converts to exactly the committed
// Bundle. A missing golden fails; `tools/bless-golden` regenerates them (review the diff).
#include <algorithm>
#include <fstream>
#include <sstream>
#include "ccdafhir_build_paths.h"

#include "test_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

struct Case {
  std::string name, path;
};

std::vector<Case> cases() {
  std::ifstream in(fs::path(CCDAFHIR_SOURCE_DIR) / "tests" / "golden" / "cases.tsv");
  BOOST_REQUIRE_MESSAGE(in, "tests/golden/cases.tsv missing");
  std::vector<Case> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("name\t", 0) == 0) continue;
    auto tab = line.find('\t');
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

// First differing JSON path, for a readable failure ("entry[3].resource.code: -x +y").
std::string first_difference(const Json& want, const Json& got, const std::string& path) {
  if (want.type() != got.type()) return path + ": type differs";
  if (want.is_object()) {
    for (auto it = want.begin(); it != want.end(); ++it) {
      if (!got.contains(it.key())) return path + "." + it.key() + ": missing";
      std::string d = first_difference(*it, got[it.key()], path + "." + it.key());
      if (!d.empty()) return d;
    }
    for (auto it = got.begin(); it != got.end(); ++it) {
      if (!want.contains(it.key())) return path + "." + it.key() + ": unexpected";
    }
    return "";
  }
  if (want.is_array()) {
    if (want.size() != got.size()) {
      return path + ": " + std::to_string(want.size()) + " items expected, " +
             std::to_string(got.size()) + " produced";
    }
    for (std::size_t i = 0; i < want.size(); ++i) {
      std::string d = first_difference(want[i], got[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  return want == got ? "" : path + ": -" + want.dump() + " +" + got.dump();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(golden)

BOOST_AUTO_TEST_CASE(golden_cases_cover_every_document_type_and_many_vendors) {
  auto all = cases();
  BOOST_TEST(all.size() >= 12u);
}

BOOST_AUTO_TEST_CASE(each_case_converts_to_its_golden_bundle_byte_for_byte) {
  test::require_shared();
  for (const auto& c : cases()) {
    BOOST_TEST_CONTEXT(c.name) {
      fs::path golden =
          fs::path(CCDAFHIR_SOURCE_DIR) / "tests" / "golden" / (c.name + ".bundle.json");
      BOOST_REQUIRE_MESSAGE(fs::exists(golden),
                            golden << " missing: run tools/bless-golden " << c.name);
      std::string input = test::read_file(test::shared_dir() / "corpus" / c.path);
      std::string produced = test::engine().to_fhir(input, test::fixed_options()).output;
      std::string expected = test::read_file(golden);
      if (produced != expected) {
        BOOST_ERROR(
            c.name << " differs from its golden: "
                   << first_difference(Json::parse(expected), Json::parse(produced), "Bundle")
                   << " (run tools/bless-golden " << c.name << " if intended)");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(each_ccda_case_converts_to_its_golden_document_byte_for_byte) {
  // FHIR -> C-CDA from the golden Bundles themselves (tests/golden/ccda-cases.tsv).
  std::ifstream in(fs::path(CCDAFHIR_SOURCE_DIR) / "tests" / "golden" / "ccda-cases.tsv");
  BOOST_REQUIRE_MESSAGE(in, "tests/golden/ccda-cases.tsv missing");
  std::string name;
  int n = 0;
  while (std::getline(in, name)) {
    if (name.empty() || name[0] == '#' || name == "name") continue;
    ++n;
    BOOST_TEST_CONTEXT(name) {
      fs::path dir = fs::path(CCDAFHIR_SOURCE_DIR) / "tests" / "golden";
      fs::path golden = dir / (name + ".ccda.xml");
      BOOST_REQUIRE_MESSAGE(fs::exists(golden),
                            golden << " missing: run tools/bless-golden " << name);
      std::string bundle = test::read_file(dir / (name + ".bundle.json"));
      std::string produced = test::engine().to_ccda(bundle, test::fixed_options()).output;
      std::string expected = test::read_file(golden);
      if (produced != expected) {
        std::size_t at = 0;
        while (at < produced.size() && at < expected.size() && produced[at] == expected[at]) ++at;
        long line =
            1 + static_cast<long>(std::count(expected.begin(), expected.begin() + at, '\n'));
        BOOST_ERROR(name << ".ccda.xml differs from line " << line << " (run tools/bless-golden "
                         << name << " if intended)");
      }
    }
  }
  BOOST_TEST(n >= 4);
}

BOOST_AUTO_TEST_SUITE_END()
