// Source problems: the C-CDA rules a conversion's source fails, reported beside the errors of
// its Bundle, and the matching validate_corpus uses to tell that each error has its cause.
#include "ccdafhir/validate.h"
#include "ccdafhir_build_paths.h"
#include "source_problem_match.h"
#include "test_support.h"

using namespace ccdafhir;

namespace {

Diagnostic output_error(const std::string& fhir_path, const std::string& rule) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.fhir_path = fhir_path;
  d.rule_id = rule;
  return d;
}

Diagnostic source_problem(const std::string& source_path, const std::string& rule) {
  Diagnostic d;
  d.severity = Severity::kWarning;
  d.source_path = source_path;
  d.rule_id = rule;
  return d;
}

Json bundle_of(std::initializer_list<const char*> types) {
  Json entries = Json::array();
  for (const char* t : types) entries.push_back(Json{{"resource", Json{{"resourceType", t}}}});
  return Json{{"resourceType", "Bundle"}, {"entry", entries}};
}

const Validator& validator() {
  static const Validator v(
      ValidatorConfig{CCDAFHIR_SOURCE_DIR, (test::shared_dir() / "schemas" / "cda").string()});
  return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(source_problems)

BOOST_AUTO_TEST_CASE(errors_are_placed_by_resource_and_element) {
  Json bundle = bundle_of({"Composition", "Patient", "Observation", "Encounter"});
  BOOST_TEST(test::error_area(output_error("Bundle.entry[0].resource.section", "x"), bundle) ==
             "section");
  BOOST_TEST(test::error_area(output_error("Bundle.entry[0].resource.custodian", "x"), bundle) ==
             "header:custodian");
  BOOST_TEST(test::error_area(output_error("Bundle.entry[0].resource.date", "x"), bundle) ==
             "header:effectiveTime");
  BOOST_TEST(test::error_area(output_error("Bundle.entry[1].resource.name", "x"), bundle) ==
             "patient");
  BOOST_TEST(test::error_area(output_error("Bundle.entry[3].resource.subject", "x"), bundle) ==
             "patient");
  BOOST_TEST(test::error_area(
                 output_error("Bundle.entry[2].resource.component[0].valueQuantity.code", "x"),
                 bundle) == "entry");
  // Nothing the table knows: no area, so nothing can explain it.
  BOOST_TEST(test::error_area(output_error("Bundle.entry[0].resource.status", "x"), bundle) == "");
  BOOST_TEST(test::error_area(output_error("Bundle.entry[9].resource.code", "x"), bundle) == "");
}

BOOST_AUTO_TEST_CASE(a_source_problem_explains_only_errors_of_its_area) {
  auto custodian = source_problem("/ClinicalDocument", "us-realm-header/custodian");
  BOOST_TEST(test::explains(custodian, "header:custodian"));
  BOOST_TEST(!test::explains(custodian, "header:effectiveTime"));
  BOOST_TEST(!test::explains(custodian, "section"));
  BOOST_TEST(!test::explains(custodian, "patient"));
  // An XSD issue at the header element, and a rule checked below it.
  BOOST_TEST(test::explains(source_problem("/ClinicalDocument/effectiveTime", "cda-xsd"),
                            "header:effectiveTime"));
  BOOST_TEST(test::explains(source_problem("/ClinicalDocument/code", "us-realm-header/code-loinc"),
                            "header:code"));
  // "/ClinicalDocument/code" is not "/ClinicalDocument/component".
  BOOST_TEST(!test::explains(
      source_problem("/ClinicalDocument/component/structuredBody", "cda-xsd"), "header:code"));
  auto race = source_problem("/ClinicalDocument/recordTarget/patientRole/patient",
                             "us-realm-header/patient-race");
  BOOST_TEST(test::explains(race, "patient"));
  BOOST_TEST(!test::explains(race, "entry"));
  auto missing =
      source_problem("/ClinicalDocument/component/structuredBody", "ccd/section:results");
  BOOST_TEST(test::explains(missing, "section"));
  BOOST_TEST(!test::explains(missing, "entry"));
  // A schema issue somewhere in the body says nothing about which sections there are.
  BOOST_TEST(!test::explains(
      source_problem("/ClinicalDocument/component/structuredBody/component[2]/section/entry[1]/"
                     "observation/value",
                     "cda-xsd"),
      "section"));
  BOOST_TEST(test::explains(
      source_problem("/ClinicalDocument/component/structuredBody/component[2]/section/entry[1]/"
                     "organizer/component[3]/observation",
                     "sections/vital-sign-percent-unit"),
      "entry"));
}

BOOST_AUTO_TEST_CASE(source_problems_are_warnings_from_rules_and_schema) {
  test::require_shared();
  // The README's sample, which meets the template rules, with a time that is no TS.
  std::string xml = test::read_file(CCDAFHIR_SOURCE_DIR "/samples/ccd-synthetic.xml");
  auto at = xml.find("<effectiveTime value=\"");
  BOOST_REQUIRE(at != std::string::npos);
  xml.insert(at + 22, "-");  // "-2024..." matches no TS pattern
  ValidationResult r = validator().source_problems(xml, ValidateOptions{});
  BOOST_TEST(r.errors == 0u);
  BOOST_TEST(r.warnings == r.diagnostics.items().size());
  bool schema = false;
  for (const Diagnostic& d : r.diagnostics.items()) {
    BOOST_TEST(d.message.rfind("source problem: ", 0) == 0u);
    if (d.rule_id == "cda-xsd" && d.source_path == "/ClinicalDocument/effectiveTime") schema = true;
  }
  BOOST_TEST(schema);
}

BOOST_AUTO_TEST_SUITE_END()
