// Typed values -> value[x] and effectiveTime -> effective[x].
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_fixture.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::DtFixture;
using ccdafhir::dt_test::js;

namespace {
struct Case {
  const char* xml;
  const char* suffix;
  const char* json;
  std::size_t reports;
};

using Typed = Json (*)(const xmlNode*, std::string&, DatatypeContext&);

void check(Typed fn, const Case* cases, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    DtFixture f;
    BOOST_TEST_CONTEXT(cases[i].xml) {
      std::string suffix = "stale";
      Json v = fn(f.parse(cases[i].xml), suffix, f.ctx);
      BOOST_TEST(suffix == cases[i].suffix);
      BOOST_TEST(v.dump() == js(cases[i].json));
      BOOST_TEST(f.reports() == cases[i].reports);
    }
  }
}
}  // namespace

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(value_dispatches_on_xsi_type) {
  static const Case kCases[] = {
      {R"(<value xsi:type="PQ" value="98.6" unit="[degF]"/>)", "Quantity",
       R"({"value":98.6,"unit":"[degF]","system":"http://unitsofmeasure.org","code":"[degF]"})", 0},
      {R"(<value xsi:type="CD" code="260385009" codeSystem="2.16.840.1.113883.6.96" displayName="Negative"/>)",
       "CodeableConcept",
       R"({"coding":[{"system":"http://snomed.info/sct","code":"260385009","display":"Negative"}]})",
       0},
      {R"(<value xsi:type="CE" code="A" codeSystem="1.2.3"/>)", "CodeableConcept",
       R"({"coding":[{"system":"urn:oid:1.2.3","code":"A"}]})", 0},
      {R"(<value xsi:type="CV" code="A" codeSystem="1.2.3"/>)", "CodeableConcept",
       R"({"coding":[{"system":"urn:oid:1.2.3","code":"A"}]})", 0},
      {R"(<value xsi:type="CO" code="A" codeSystem="1.2.3"/>)", "CodeableConcept",
       R"({"coding":[{"system":"urn:oid:1.2.3","code":"A"}]})", 0},
      {R"(<value xsi:type="CS" code="A" codeSystem="1.2.3"/>)", "CodeableConcept",
       R"({"coding":[{"system":"urn:oid:1.2.3","code":"A"}]})", 0},
      {R"(<value xsi:type="ST">Trace amounts</value>)", "String", R"("Trace amounts")", 0},
      {R"(<value xsi:type="ED">Free text</value>)", "String", R"("Free text")", 0},
      {R"(<value xsi:type="INT" value="3"/>)", "Integer", "3", 0},
      {R"(<value xsi:type="REAL" value="1.25"/>)", "Quantity", R"({"value":1.25})", 0},
      {R"(<value xsi:type="BL" value="true"/>)", "Boolean", "true", 0},
      {R"(<value xsi:type="TS" value="20240301"/>)", "DateTime", R"("2024-03-01")", 0},
      {R"(<value xsi:type="IVL_TS"><low value="2024"/><high value="2025"/></value>)", "Period",
       R"({"start":"2024","end":"2025"})", 0},
      {R"(<value xsi:type="IVL_PQ"><low value="1" unit="mg"/><high value="2" unit="mg"/></value>)",
       "Range",
       R"({"low":{"value":1,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"},"high":{"value":2,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}})",
       0},
      {R"(<value xsi:type="RTO_PQ_PQ"><numerator value="1"/><denominator value="2"/></value>)",
       "Ratio", R"({"numerator":{"value":1},"denominator":{"value":2}})", 0},
      {R"(<value xsi:type="RTO"><numerator value="1"/><denominator value="2"/></value>)", "Ratio",
       R"({"numerator":{"value":1},"denominator":{"value":2}})", 0},
      // A prefixed xsi:type is read without its prefix.
      {R"(<value xmlns:v3="urn:hl7-org:v3" xsi:type="v3:PQ" value="5"/>)", "Quantity",
       R"({"value":5})", 0},
  };
  check(value, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_CASE(value_without_type_null_flavor_or_unknown_type) {
  static const Case kCases[] = {
      {R"(<value code="A" codeSystem="1.2.3"/>)", "CodeableConcept",
       R"({"coding":[{"system":"urn:oid:1.2.3","code":"A"}]})", 0},
      {R"(<value nullFlavor="UNK"/>)", "", "null", 0},
      {R"(<value xsi:type="CD" nullFlavor="UNK"/>)", "", "null", 0},
      {R"(<value xsi:type="PQ" nullFlavor="NI"/>)", "", "null", 0},
      {R"(<value xsi:type="CD" nullFlavor="OTH"><originalText>odd</originalText></value>)",
       "CodeableConcept", R"({"text":"odd"})", 0},
      {R"(<value value="5"/>)", "", "null", 1},
      {R"(<value xsi:type="IVL_INT"><low value="1"/></value>)", "", "null", 1},
      {R"(<value xsi:type="INT" value="x"/>)", "", "null", 1},
  };
  check(value, kCases, std::size(kCases));
  DtFixture f;
  std::string suffix = "x";
  BOOST_TEST(value(nullptr, suffix, f.ctx).is_null());
  BOOST_TEST(suffix.empty());
}

BOOST_AUTO_TEST_CASE(effective_picks_date_time_or_period) {
  static const Case kCases[] = {
      {R"(<effectiveTime value="20240301"/>)", "DateTime", R"("2024-03-01")", 0},
      {R"(<effectiveTime><low value="20240301"/><high value="20240301"/></effectiveTime>)",
       "DateTime", R"("2024-03-01")", 0},
      {R"(<effectiveTime><low value="20240301"/><high value="20240302"/></effectiveTime>)",
       "Period", R"({"start":"2024-03-01","end":"2024-03-02"})", 0},
      {R"(<effectiveTime><low value="20240301"/></effectiveTime>)", "Period",
       R"({"start":"2024-03-01"})", 0},
      {R"(<effectiveTime><high value="20240301"/></effectiveTime>)", "Period",
       R"({"end":"2024-03-01"})", 0},
      {R"(<effectiveTime><low value="20240301"/><high nullFlavor="UNK"/></effectiveTime>)",
       "Period", R"({"start":"2024-03-01"})", 0},
      {R"(<effectiveTime nullFlavor="UNK"/>)", "", "null", 0},
      {R"(<effectiveTime><low nullFlavor="UNK"/></effectiveTime>)", "", "null", 0},
      {R"(<effectiveTime value="2024130"/>)", "", "null", 1},
      {R"(<effectiveTime xsi:type="PIVL_TS"><period value="8" unit="h"/></effectiveTime>)", "",
       "null", 0},
  };
  check(effective, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_SUITE_END()
