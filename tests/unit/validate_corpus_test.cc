// The "done when" bar of the validation pass: our own to-fhir output of the well-formed corpus
// validates with 0 errors against base R4, C-CDA on FHIR and US Core for at least 95% of the
// documents, and every error that remains is explained by a problem of the source document
// (Validator::source_problems, matched by area: source_problem_match.h). Prints the
// percentage, the rules behind the remaining errors and the documents still failing.
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include "ccdafhir_build_paths.h"

#include "ccdafhir/validate.h"
#include "source_problem_match.h"
#include "test_support.h"
#include "validate_support.h"

using namespace ccdafhir;

namespace {

// Bundle.timestamp must not precede Composition.date (clindoc-timestamp-ge-compoDate): convert
// with a clock later than every corpus document, not the golden files' 2000-01-01.
Json convert_now(const std::string& xml) {
  ConvertOptions options = test::fixed_options();
  options.now = "2099-01-01T00:00:00Z";
  return Json::parse(test::engine().to_fhir(xml, options).output);
}

// Issue 5 asks for 95%. Measured when the validator landed: 7.5%; after DiagnosticReport.issued,
// data-absent-reason for what the source lacks (each with a warning naming the source path) and
// primitives carried by "_x" counting as present: 45.7%; after requester, onBehalfOf, the CCD
// service event, observation values, effective and whenHandedOver markers, reference targets
// read from the profiles themselves and pulse oximetry codes given once: 85.6%. The test prints
// the rules behind the remaining errors. Coverage.subscriberId marked when the source lacks it:
// 86.3%. Practitioner names without family, identifiers whose root is no OID/UUID and inverted
// periods marked data-absent, UCUM's case-insensitive mm[Hg], policy holders with neither name
// nor relationship, generated narrative for sections with entries but no text, and document
// profiles applied as claimed (meta.profile) rather than by LOINC code alone: 93.0%. The bar
// is the measured value and only ever goes up. Attesters whose assignedEntity is all nullFlavor
// get a data-absent party: 545/584. Sections a document type requires and no source section
// carries written empty (emptyReason data-absent, reported) and Composition.custodian marked
// data-absent when the source has none: 559/584. A repeated section code
// nested in the first section of that code: 564/584 (the two documents listed as converter
// limitations and three MDLogic documents with two Mental Status sections).
constexpr double kMinimumClean = 0.965;
constexpr double kTargetClean = 0.95;

std::vector<std::string> well_formed_documents() {
  std::ifstream index(test::shared_dir() / "corpus" / "index.tsv");
  std::vector<std::string> docs;
  std::string line;
  std::getline(index, line);  // header
  while (std::getline(index, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (cols.size() >= 6 && cols[5] == "y") docs.push_back(cols[0]);
  }
  return docs;
}

// Both sides of the check: the source problems come from the C-CDA template rules and the CDA
// XSD of ../shared/schemas/cda.
const Validator& source_validator() {
  static const Validator v(
      ValidatorConfig{CCDAFHIR_SOURCE_DIR, (test::shared_dir() / "schemas" / "cda").string()});
  return v;
}

// Valid C-CDA whose Bundle still fails, for want of a converter feature (not a source problem):
// each document with the rule that fails it. The test asserts they still fail that way, so
// the day the converter mends one, this list must shrink.
// None left: the last two (onc-validator 2023SVAPCCD2, two Goals sections, and
// tempResults_ValidatorBrokeETTGG, two sections coded 8716-3) convert cleanly since a repeated
// section code is written as a sub-section of the first (us-realm-header `section`,
// nest-repeats).
const std::map<std::string, std::string> kConverterLimitations = {};

}  // namespace

BOOST_AUTO_TEST_SUITE(validate_corpus)

BOOST_AUTO_TEST_CASE(our_output_of_the_well_formed_corpus_validates_without_errors) {
  test::require_shared();
  auto docs = well_formed_documents();
  BOOST_REQUIRE_GT(docs.size(), 500u);
  std::size_t clean = 0, converted = 0;
  std::map<std::string, std::size_t> by_rule;  // documents with an error of this rule
  std::vector<std::string> failing;
  std::set<std::string> known_limitations;
  // CCDAFHIR_VALIDATE_CORPUS_DUMP=FILE: every error as "document TAB rule TAB path TAB message",
  // for working through the remaining rules (paths and rule ids only, no values).
  std::ofstream dump;
  if (const char* f = std::getenv("CCDAFHIR_VALIDATE_CORPUS_DUMP")) dump.open(f);
  for (const auto& path : docs) {
    std::string xml = test::read_file(test::shared_dir() / "corpus" / path);
    Json bundle;
    try {
      bundle = convert_now(xml);
    } catch (const std::exception& e) {
      BOOST_TEST_MESSAGE(path << ": not converted: " << e.what());
      continue;
    }
    ++converted;
    DiagnosticSink out = test::validate_fhir(bundle);
    if (test::error_count(out) == 0) {
      ++clean;
      continue;
    }
    // Every error must be explained by a source problem of its area (source_problem_match.h),
    // unless the document is a known converter limitation failing the way listed.
    ValidationResult sources = source_validator().source_problems(xml, ValidateOptions{});
    auto limitation = kConverterLimitations.find(path);
    std::map<std::string, bool> seen;
    std::set<std::string> unexplained;
    for (const auto& d : out.items()) {
      if (d.severity != Severity::kError && d.severity != Severity::kFatal) continue;
      if (!seen[d.rule_id]) ++by_rule[d.rule_id];
      if (dump.is_open())
        dump << path << '\t' << d.rule_id << '\t' << d.fhir_path << '\t' << d.message << '\n';
      seen[d.rule_id] = true;
      if (limitation != kConverterLimitations.end() && d.rule_id == limitation->second) continue;
      std::string area = test::error_area(d, bundle);
      bool explained = false;
      for (const auto& sp : sources.diagnostics.items())
        explained = explained || test::explains(sp, area);
      if (!explained)
        unexplained.insert(d.rule_id + " at " + d.fhir_path + " (area '" + area + "')");
    }
    if (limitation != kConverterLimitations.end()) {
      BOOST_TEST(seen.count(limitation->second) == 1u,
                 path << ": no longer fails " << limitation->second);
      known_limitations.insert(path);
    }
    for (const auto& u : unexplained)
      BOOST_ERROR(path << ": error not explained by any source problem: " << u);
    std::cout << "  still failing: " << path << " (" << seen.size() << " rules, "
              << sources.diagnostics.items().size() << " source problems)\n";
    if (failing.size() < 15) failing.push_back(path + ":\n" + test::describe(out).substr(0, 1500));
  }
  double fraction = static_cast<double>(clean) / static_cast<double>(docs.size());
  std::cout << "validate corpus: " << clean << "/" << docs.size()
            << " well-formed corpus documents convert to a Bundle with 0 validation errors ("
            << std::fixed << std::setprecision(1) << fraction * 100 << "%; target "
            << kTargetClean * 100 << "%)\n";
  for (const auto& [rule, n] : by_rule) std::cout << "  " << n << " documents: " << rule << "\n";
  for (const auto& f : failing) BOOST_TEST_MESSAGE(f);
  BOOST_TEST(converted == docs.size());
  BOOST_TEST(known_limitations.size() == kConverterLimitations.size());
  BOOST_TEST(fraction >= kMinimumClean);
}

BOOST_AUTO_TEST_SUITE_END()
