// CodeableConcept / Coding / code -> CD / CS (mappingGuidance.md "FHIR CodeableConcept -> CDA
// Coding", "Mapping OID <-> URI").
#include <boost/test/unit_test.hpp>

#include "../datatypes/rdt_fixture.h"

using namespace ccdafhir;
using ccdafhir::rdt_test::Case;
using ccdafhir::rdt_test::check;
using ccdafhir::rdt_test::RdtFixture;

BOOST_AUTO_TEST_SUITE(datatypes_back)

BOOST_AUTO_TEST_CASE(cd_codeable_concepts) {
  static const Case kCases[] = {
      // coding.code/display/system -> @code/@displayName/@codeSystem (URI -> OID)
      {R"({"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic blood pressure"}]})",
       R"(<x code="8480-6" codeSystem="2.16.840.1.113883.6.1" displayName="Systolic blood pressure"/>)",
       0},
      // further codings -> translation; text -> originalText (before the translations)
      {R"({"coding":[{"system":"http://snomed.info/sct","code":"59621000","display":"Essential hypertension"},{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}],"text":"High blood pressure"})",
       R"(<x code="59621000" codeSystem="2.16.840.1.113883.6.96" displayName="Essential hypertension"><originalText>High blood pressure</originalText><translation code="I10" codeSystem="2.16.840.1.113883.6.90"/></x>)",
       0},
      // "Remove urn:oid: prefix for OIDs"; version -> codeSystemVersion
      {R"({"coding":[{"system":"urn:oid:2.16.840.1.113883.4.123456789","version":"2024","code":"A1"}]})",
       R"(<x code="A1" codeSystem="2.16.840.1.113883.4.123456789" codeSystemVersion="2024"/>)", 0},
      // text only: nullFlavor OTH with the text
      {R"({"text":"Patient reports a rash"})",
       R"(<x nullFlavor="OTH"><originalText>Patient reports a rash</originalText></x>)", 0},
      // a system with no OID cannot be a codeSystem: that coding is left out, the next is primary
      {R"({"coding":[{"system":"http://example.org/local-codes","code":"L1"},{"system":"http://loinc.org","code":"1234-5"}]})",
       R"(<x code="1234-5" codeSystem="2.16.840.1.113883.6.1"/>)", 1},
      // nothing codable left, but text: OTH + originalText
      {R"({"coding":[{"system":"http://example.org/local-codes","code":"L1"}],"text":"local"})",
       R"(<x nullFlavor="OTH"><originalText>local</originalText></x>)", 1},
      // a code without system is kept as a bare code, reported
      {R"({"coding":[{"code":"abc"}]})", R"(<x code="abc"/>)", 1},
      // a coding without code says nothing
      {R"({"coding":[{"system":"http://loinc.org","display":"x"}]})", "", 1},
      {R"({"coding":[]})", "", 0},
      {R"({})", "", 0},
      {R"([])", "", 0},
      // values are escaped on output and trimmed
      {R"({"coding":[{"system":" http://loinc.org ","code":" 1-8 ","display":"a & b <c>"}]})",
       R"(<x code="1-8" codeSystem="2.16.840.1.113883.6.1" displayName="a &amp; b &lt;c&gt;"/>)",
       0},
      // userSelected has no CD counterpart
      {R"({"coding":[{"system":"http://loinc.org","code":"1-8","userSelected":true}]})",
       R"(<x code="1-8" codeSystem="2.16.840.1.113883.6.1"/>)", 0},
  };
  check(rdt::cd, kCases);
}

BOOST_AUTO_TEST_CASE(cd_codings_and_codes) {
  static const Case kCodings[] = {
      {R"({"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197361","display":"Amlodipine 5 MG"})",
       R"(<x code="197361" codeSystem="2.16.840.1.113883.6.88" displayName="Amlodipine 5 MG"/>)",
       0},
      {R"({"system":"http://example.org/none","code":"1"})", "", 1},
      {R"({"display":"no code"})", "", 1},
  };
  check(rdt::cd, kCodings);
  static const Case kCodes[] = {
      {R"("active")", R"(<x code="active"/>)", 0},
      {R"(" completed ")", R"(<x code="completed"/>)", 0},
      {R"("")", "", 0},
      {R"(12)", "", 0},
      {R"(null)", "", 0},
  };
  check(rdt::cs, kCodes);
}

BOOST_AUTO_TEST_CASE(cd_round_trips_through_the_forward_converter) {
  const char* systems[] = {"http://loinc.org",
                           "http://snomed.info/sct",
                           "http://www.nlm.nih.gov/research/umls/rxnorm",
                           "http://hl7.org/fhir/sid/cvx",
                           "urn:oid:1.2.3.4",
                           "http://terminology.hl7.org/CodeSystem/v3-ActCode"};
  std::vector<Json> concepts;
  for (const char* s1 : systems) {
    for (const char* s2 : systems) {
      Json cc = Json::object();
      cc["coding"] = Json::array({Json{{"system", s1}, {"code", "A-1"}, {"display", "First"}},
                                  Json{{"system", s2}, {"code", "B.2"}}});
      concepts.push_back(cc);
      cc["text"] = "Some text & more";
      concepts.push_back(cc);
    }
  }
  concepts.push_back(
      Json{{"coding",
            Json::array({Json{
                {"system", "urn:oid:1.2"}, {"version", "v1"}, {"code", "x"}, {"display", "X"}}})}});
  concepts.push_back(Json{{"text", "only text"}});
  for (const Json& cc : concepts) {
    RdtFixture f;
    BOOST_TEST_CONTEXT(cc.dump()) {
      BOOST_TEST(f.round_trip(rdt::cd, dt::codeable_concept, cc).dump() == cc.dump());
    }
  }
  // Coding -> CD -> Coding
  for (const char* s : systems) {
    Json coding{{"system", s}, {"code", "C"}, {"display", "Shown"}};
    RdtFixture f;
    BOOST_TEST(f.round_trip(rdt::cd, dt::coding, coding).dump() == coding.dump());
  }
}

BOOST_AUTO_TEST_SUITE_END()
