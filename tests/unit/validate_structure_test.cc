// Base R4 structure: primitive formats (held to the published regexes), element names, JSON
// shapes, cardinality, choice types, empty values, base invariants, document-Bundle rules.
#include <boost/test/unit_test.hpp>
#include "ccdafhir_build_paths.h"

#include <fstream>
#include <regex>
#include <sstream>

#include "validate/fhir_validator.h"
#include "validate/primitives.h"
#include "validate/structure_defs.h"
#include "validate_support.h"

using namespace ccdafhir;

namespace {

std::string schemas_dir() {
  return std::string(CCDAFHIR_SOURCE_DIR) + "/schemas";
}

DiagnosticSink run(const Json& j) {
  return test::validate_fhir(j);
}

bool flagged(const DiagnosticSink& out, const std::string& path, const std::string& rule = "") {
  for (const auto& d : out.items()) {
    if (d.fhir_path == path && (rule.empty() || d.rule_id == rule) &&
        (d.severity == Severity::kError || d.severity == Severity::kFatal))
      return true;
  }
  return false;
}

std::size_t errors(const DiagnosticSink& out) {
  return test::error_count(out);
}
std::string dump(const DiagnosticSink& out) {
  return test::describe(out);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(validate)

BOOST_AUTO_TEST_CASE(primitive_scanners_agree_with_the_published_regexes) {
  ccdafhir::validate::StructureDefs defs(schemas_dir() + "/fhir-r4/structure.json");
  BOOST_TEST(defs.fhir_version() == "4.0.1");
  struct Case {
    const char* type;
    bool (*scan)(std::string_view);
    std::vector<const char*> samples;
  };
  std::vector<Case> cases = {
      {"date",
       ccdafhir::validate::valid_date,
       {"2020", "2020-01", "2020-01-31", "2020-13", "20200101", "0000", "2020-1-01", "2020-01-32"}},
      {"dateTime",
       ccdafhir::validate::valid_datetime,
       {"2020", "2020-01-02T10:00:00Z", "2020-01-02T10:00:00.123+05:30", "2020-01-02T10:00",
        "2020-01-02T10:00:00", "2020-01-02T24:00:00Z", "2020-01-02T10:00:00+14:00",
        "2020-01-02T10:00:00+14:30", "2020-01-02 10:00:00Z"}},
      {"instant",
       ccdafhir::validate::valid_instant,
       {"2020-01-02T10:00:00Z", "2020-01-02T10:00:00.5-03:00", "2020-01-02",
        "2020-01-02T10:00:00"}},
      {"time",
       ccdafhir::validate::valid_time,
       {"10:00:00", "23:59:60", "24:00:00", "10:00", "10:00:00.1"}},
      {"id",
       ccdafhir::validate::valid_id,
       {"a-b.C9", "", "has space", "x_y",
        "0123456789012345678901234567890123456789012345678901234567890123",
        "01234567890123456789012345678901234567890123456789012345678901234"}},
      {"code",
       ccdafhir::validate::valid_code,
       {"active", "two words", " lead", "trail ", "dou  ble"}},
      {"oid",
       ccdafhir::validate::valid_oid,
       {"urn:oid:2.16.840.1", "urn:oid:2.16.0840", "2.16.840", "urn:oid:3.1"}},
      {"uuid",
       ccdafhir::validate::valid_uuid,
       {"urn:uuid:9f7c1b2e-0a4d-5e6f-8a9b-0c1d2e3f4a5b",
        "urn:uuid:9F7C1B2E-0A4D-5E6F-8A9B-0C1D2E3F4A5B", "urn:uuid:123"}},
      {"base64Binary",
       ccdafhir::validate::valid_base64,
       {"QUJD", "QUJDRA==", "QUJ", "QU JD", "Q*JD"}},
      {"decimal",
       ccdafhir::validate::valid_decimal_text,
       {"0", "-1.50", "1e10", "01", "1.", ".5", "2.5E-3"}},
  };
  for (const auto& c : cases) {
    const auto* p = defs.primitive(c.type);
    BOOST_REQUIRE_MESSAGE(p && !p->regex.empty(), c.type << ": no published regex");
    std::regex re(p->regex);
    for (const char* s : c.samples) {
      BOOST_TEST(c.scan(s) == std::regex_match(s, re), c.type << " '" << s << "'");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_well_formed_resource_passes) {
  Json p = Json::parse(R"({"resourceType": "Patient", "id": "p1",
      "identifier": [{"system": "urn:oid:2.16.840.1.113883.19.5", "value": "12345"}],
      "name": [{"family": "Example", "given": ["Pat"]}], "gender": "female", "birthDate": "1970-05",
      "_birthDate": {"extension": [{"url": "http://example.org/x", "valueBoolean": true}]},
      "deceasedBoolean": false, "multipleBirthInteger": 2})");
  auto out = run(p);
  BOOST_TEST(errors(out) == 0u, dump(out));
}

BOOST_AUTO_TEST_CASE(structure_violations_are_flagged_with_their_fhirpath) {
  Json p = Json::parse(R"({"resourceType": "Patient", "id": "bad id",
      "name": {"family": "X"}, "gender": "", "birthDate": "1970-5-01", "deceasedString": "no",
      "unknownThing": 1, "telecom": [], "active": "true",
      "contact": [{"name": {"family": "Y"}, "gender": "male", "period": {"start": "2020-01-02", "end": "2019-01-01"}}],
      "link": [{"type": "seealso"}]})");
  auto out = run(p);
  BOOST_TEST(flagged(out, "Patient.id", "fhir-r4/format-id"), dump(out));
  BOOST_TEST(flagged(out, "Patient.name", "fhir-r4/json-shape"));
  BOOST_TEST(flagged(out, "Patient.gender", "ele-1"));
  BOOST_TEST(flagged(out, "Patient.birthDate", "fhir-r4/format-date"));
  BOOST_TEST(flagged(out, "Patient.deceasedString", "fhir-r4/unknown-element"));
  BOOST_TEST(flagged(out, "Patient.unknownThing", "fhir-r4/unknown-element"));
  BOOST_TEST(flagged(out, "Patient.telecom", "ele-1"));
  BOOST_TEST(flagged(out, "Patient.active", "fhir-r4/format-boolean"));
  BOOST_TEST(flagged(out, "Patient.link[0].other", "fhir-r4/cardinality-min"));
  BOOST_TEST(flagged(out, "Patient.contact[0].period", "per-1"));
}

BOOST_AUTO_TEST_CASE(document_bundle_rules) {
  Json b = Json::parse(R"({"resourceType": "Bundle", "type": "document",
    "identifier": {"system": "urn:ietf:rfc:3986", "value": "urn:uuid:11111111-1111-5111-8111-111111111111"},
    "timestamp": "2020-01-01T00:00:00Z",
    "entry": [
      {"fullUrl": "urn:uuid:c", "resource": {"resourceType": "Composition", "status": "final",
        "type": {"text": "x"}, "date": "2020-01-01", "title": "T", "author": [{"reference": "urn:uuid:p"}],
        "subject": {"reference": "urn:uuid:p"},
        "section": [{"title": "S", "code": {"text": "s"}, "entry": [{"reference": "urn:uuid:gone"}]},
                    {"title": "E", "code": {"text": "e"}, "emptyReason": {"text": "none"}, "entry": [{"reference": "urn:uuid:p"}]},
                    {"code": {"text": "n"}}]}},
      {"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient"}},
      {"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient"}}]})");
  auto out = run(b);
  BOOST_TEST(flagged(out, "Bundle.entry[0].resource.section[0].entry[0].reference",
                     "document/reference-resolves"),
             dump(out));
  BOOST_TEST(flagged(out, "Bundle.entry[0].resource.section[1]", "cmp-2"));
  BOOST_TEST(flagged(out, "Bundle.entry[0].resource.section[2].title", "document/section-title"));
  BOOST_TEST(flagged(out, "Bundle.entry[0].resource.section[2]", "document/section-content"));
  BOOST_TEST(flagged(out, "Bundle.entry[2].fullUrl", "bdl-7"));
  b["entry"][0].swap(b["entry"][1]);
  out = run(b);
  BOOST_TEST(flagged(out, "Bundle", "bdl-11"), dump(out));
}

BOOST_AUTO_TEST_SUITE_END()
