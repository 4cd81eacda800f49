// CD/CE/CV/CS -> CodeableConcept, Coding, code (mappingGuidance.md "CDA Coding -> FHIR
// CodeableConcept", "Mapping OID <-> URI", "OriginalText").
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_fixture.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::DtFixture;
using ccdafhir::dt_test::js;

namespace {
struct Case {
  const char* xml;
  const char* json;
  std::size_t reports;
};

// Narrative the originalText references point into.
constexpr const char* kNarrative =
    R"(<text><table><tr><td ID="prob1">  Essential
     hypertension </td></tr></table><content ID="empty"/></text>)";

void check(DtFixture::Converter fn, const Case* cases, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    DtFixture f;
    std::string xml = std::string("<section>") + cases[i].xml + kNarrative + "</section>";
    BOOST_TEST_CONTEXT(cases[i].xml) {
      f.parse(xml);
      const xmlNode* target = f.find("section")->children;
      BOOST_TEST(fn(target, f.ctx).dump() == js(cases[i].json));
      BOOST_TEST(f.reports() == cases[i].reports);
    }
  }
}
}  // namespace

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(codeable_concept_maps_code_system_display_and_translations) {
  static const Case kCases[] = {
      // OID -> URI examples from mappingGuidance.md.
      {R"(<code code="8867-4" codeSystem="2.16.840.1.113883.6.1" displayName="Heart rate"/>)",
       R"({"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]})", 0},
      {R"(<code code="X1" codeSystem="2.16.840.1.113883.4.123456789"/>)",
       R"({"coding":[{"system":"urn:oid:2.16.840.1.113883.4.123456789","code":"X1"}]})", 0},
      {R"(<code code="38341003" codeSystem="2.16.840.1.113883.6.96" codeSystemVersion="2024-03" displayName="Hypertension"/>)",
       R"({"coding":[{"system":"http://snomed.info/sct","version":"2024-03","code":"38341003","display":"Hypertension"}]})",
       0},
      {R"(<code code="38341003" codeSystem="2.16.840.1.113883.6.96" displayName="Hypertension"><translation code="I10" codeSystem="2.16.840.1.113883.6.90" displayName="Essential hypertension"/><translation code="401.9" codeSystem="2.16.840.1.113883.6.103"/></code>)",
       R"({"coding":[{"system":"http://snomed.info/sct","code":"38341003","display":"Hypertension"},{"system":"urn:oid:2.16.840.1.113883.6.90","code":"I10","display":"Essential hypertension"},{"system":"urn:oid:2.16.840.1.113883.6.103","code":"401.9"}]})",
       0},
      // Empty displayName is not emitted; whitespace trimmed.
      {R"(<code code=" 8867-4 " codeSystem="2.16.840.1.113883.6.1" displayName=""/>)",
       R"({"coding":[{"system":"http://loinc.org","code":"8867-4"}]})", 0},
      // Code without codeSystem: kept, reported.
      {R"(<code code="ABC"/>)", R"({"coding":[{"code":"ABC"}]})", 1},
  };
  check(codeable_concept, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_CASE(codeable_concept_text_from_original_text) {
  static const Case kCases[] = {
      {R"(<code code="59621000" codeSystem="2.16.840.1.113883.6.96"><originalText><reference value="#prob1"/></originalText></code>)",
       R"({"coding":[{"system":"http://snomed.info/sct","code":"59621000"}],"text":"Essential hypertension"})",
       0},
      {R"(<code code="59621000" codeSystem="2.16.840.1.113883.6.96"><originalText>  High   blood pressure </originalText></code>)",
       R"({"coding":[{"system":"http://snomed.info/sct","code":"59621000"}],"text":"High blood pressure"})",
       0},
      // Unresolvable reference: reported, no text.
      {R"(<code code="59621000" codeSystem="2.16.840.1.113883.6.96"><originalText><reference value="#nowhere"/></originalText></code>)",
       R"({"coding":[{"system":"http://snomed.info/sct","code":"59621000"}]})", 1},
      // Reference to an empty element: no text, nothing to report.
      {R"(<code code="1" codeSystem="2.16.840.1.113883.6.96"><originalText><reference value="#empty"/></originalText></code>)",
       R"({"coding":[{"system":"http://snomed.info/sct","code":"1"}]})", 0},
  };
  check(codeable_concept, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_CASE(codeable_concept_null_flavor_keeps_text_and_translations) {
  static const Case kCases[] = {
      {R"(<code nullFlavor="UNK"/>)", "null", 0},
      {R"(<code nullFlavor="OTH"><originalText>Rash of unclear cause</originalText></code>)",
       R"({"text":"Rash of unclear cause"})", 0},
      {R"(<code nullFlavor="OTH"><originalText><reference value="#prob1"/></originalText></code>)",
       R"({"text":"Essential hypertension"})", 0},
      {R"(<code nullFlavor="OTH" codeSystem="2.16.840.1.113883.6.96"><translation code="I10" codeSystem="2.16.840.1.113883.6.90"/></code>)",
       R"({"coding":[{"system":"urn:oid:2.16.840.1.113883.6.90","code":"I10"}]})", 0},
      {R"(<code nullFlavor="NI"><originalText/></code>)", "null", 0},
      {R"(<code nullFlavor="OTH"><translation nullFlavor="UNK"/></code>)", "null", 0},
  };
  check(codeable_concept, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_CASE(coding_ignores_translations_and_text) {
  static const Case kCases[] = {
      {R"(<code code="8867-4" codeSystem="2.16.840.1.113883.6.1" displayName="Heart rate"><originalText>HR</originalText><translation code="x" codeSystem="1.2.3"/></code>)",
       R"({"system":"http://loinc.org","code":"8867-4","display":"Heart rate"})", 0},
      {R"(<code nullFlavor="UNK"/>)", "null", 0},
      {R"(<code code="  " codeSystem="2.16.840.1.113883.6.1"/>)", "null", 0},
      {R"(<routeCode code="C38288" codeSystem="2.16.840.1.113883.3.26.1.1" displayName="Oral Route of Administration"/>)",
       R"({"system":"urn:oid:2.16.840.1.113883.3.26.1.1","code":"C38288","display":"Oral Route of Administration"})",
       0},
  };
  check(coding, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_CASE(code_reads_the_code_attribute_only) {
  static const Case kCases[] = {
      {R"(<statusCode code="completed"/>)", R"("completed")", 0},
      {R"(<statusCode code=" active "/>)", R"("active")", 0},
      {R"(<statusCode nullFlavor="UNK"/>)", "null", 0},
      {R"(<statusCode code=""/>)", "null", 0},
  };
  check(code, kCases, std::size(kCases));
  DtFixture f;
  BOOST_TEST(code(nullptr, f.ctx).is_null());
  BOOST_TEST(codeable_concept(nullptr, f.ctx).is_null());
  BOOST_TEST(coding(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_SUITE_END()
