// Quantity -> PQ, Range -> IVL_PQ, Ratio -> RTO (mappingGuidance.md "CDA <-> FHIR Quantity").
#include <boost/test/unit_test.hpp>

#include "../datatypes/rdt_fixture.h"

using namespace ccdafhir;
using ccdafhir::rdt_test::Case;
using ccdafhir::rdt_test::check;
using ccdafhir::rdt_test::RdtFixture;

BOOST_AUTO_TEST_SUITE(datatypes_back)

BOOST_AUTO_TEST_CASE(pq_ucum_and_plain_numbers) {
  static const Case kCases[] = {
      {R"({"value":200,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})",
       R"(<x value="200" unit="mg/dL"/>)", 0},
      // the UCUM code wins over the display unit
      {R"({"value":5,"unit":"milligram","system":"http://unitsofmeasure.org","code":"mg"})",
       R"(<x value="5" unit="mg"/>)", 0},
      {R"({"value":1.5})", R"(<x value="1.5"/>)", 0},
      {R"({"value":-0.25,"system":"http://unitsofmeasure.org","code":"{INR}"})",
       R"(<x value="-0.25" unit="{INR}"/>)", 0},
      {R"({"value":0.000012,"system":"http://unitsofmeasure.org","code":"g"})",
       R"(<x value="1.2e-05" unit="g"/>)", 0},
      // a comparator has no place in a PQ (value() makes an IVL_PQ of it)
      {R"({"value":3,"comparator":"<","system":"http://unitsofmeasure.org","code":"mmol/L"})",
       R"(<x value="3" unit="mmol/L"/>)", 1},
      // nothing to write, or not a number
      {R"({"unit":"mg"})", "", 0},
      {R"({"value":"5","unit":"mg"})", "", 1},
      {R"({})", "", 0},
      {R"(5)", "", 0},
  };
  check(rdt::pq, kCases);
}

BOOST_AUTO_TEST_CASE(pq_non_ucum_units_use_the_guidance_translation_form) {
  // The guidance's second example: a unit without code or system.
  static const Case kCases[] = {
      {R"({"value":25,"unit":"customUnits"})",
       R"(<x nullFlavor="OTH"><translation value="25" nullFlavor="OTH"><originalText>customUnits</originalText></translation></x>)",
       1},
      // a unit text with a UCUM system but no code is not known to be a UCUM code
      {R"({"value":2,"unit":"mg","system":"http://unitsofmeasure.org"})",
       R"(<x nullFlavor="OTH"><translation value="2" nullFlavor="OTH"><originalText>mg</originalText></translation></x>)",
       1},
      // a code in a system we know the OID of
      {R"({"value":30,"unit":"each","code":"EA","system":"http://snomed.info/sct"})",
       R"(<x nullFlavor="OTH"><translation value="30" code="EA" codeSystem="2.16.840.1.113883.6.96"><originalText>each</originalText></translation></x>)",
       1},
      // a code without a unit: the code is the best text there is
      {R"({"value":1,"code":"tab"})",
       R"(<x nullFlavor="OTH"><translation value="1" nullFlavor="OTH"><originalText>tab</originalText></translation></x>)",
       1},
  };
  check(rdt::pq, kCases);

  // The guidance's first example, with its billing-unit code system registered.
  CodeSystems systems;
  systems.add("2.16.840.1.113883.2.13",
              "http://terminology.hl7.org/CodeSystem/standardBillingUnit");
  DiagnosticSink sink;
  ReverseContext ctx{systems, sink, "t", "Quantity", &rdt_test::concept_maps()};
  RdtFixture f;
  xmlNode* el = f.element("value");
  BOOST_TEST(rdt::pq(Json::parse(R"({"value":30,"unit":"each","code":"EA",
      "system":"http://terminology.hl7.org/CodeSystem/standardBillingUnit"})"),
                     el, ctx));
  BOOST_TEST(
      RdtFixture::print(el) ==
      R"(<value nullFlavor="OTH"><translation value="30" code="EA" codeSystem="2.16.840.1.113883.2.13"><originalText>each</originalText></translation></value>)");
}

BOOST_AUTO_TEST_CASE(ivl_pq_and_rto) {
  static const Case kRanges[] = {
      {R"({"low":{"value":200,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"},"high":{"value":1000,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}})",
       R"(<x><low value="200" unit="mg/dL"/><high value="1000" unit="mg/dL"/></x>)", 0},
      {R"({"low":{"value":1}})", R"(<x><low value="1"/></x>)", 0},
      {R"({"high":{"value":9}})", R"(<x><high value="9"/></x>)", 0},
      {R"({"low":{"unit":"x"},"high":{"value":9}})", R"(<x><high value="9"/></x>)", 0},
      {R"({"low":{"unit":"x"}})", "", 0},
      {R"({})", "", 0},
  };
  check(rdt::ivl_pq, kRanges);
  static const Case kRatios[] = {
      {R"({"numerator":{"value":1,"system":"http://unitsofmeasure.org","code":"mg"},"denominator":{"value":5,"system":"http://unitsofmeasure.org","code":"mL"}})",
       R"(<x><numerator value="1" unit="mg"/><denominator value="5" unit="mL"/></x>)", 0},
      {R"({"numerator":{"value":2}})", R"(<x><numerator value="2"/></x>)", 0},
      {R"({"numerator":{"value":2},"denominator":{"unit":"h"}})",
       R"(<x><numerator value="2"/></x>)", 0},
      {R"({"denominator":{"value":2}})", "", 1},
      {R"({"numerator":{"unit":"mg"}})", "", 0},
      {R"({})", "", 0},
  };
  check(rdt::rto, kRatios);
}

BOOST_AUTO_TEST_CASE(quantities_round_trip_through_the_forward_converter) {
  std::vector<Json> quantities;
  for (Json v : {Json(0), Json(1), Json(200), Json(-3), Json(0.5), Json(98.6), Json(1.25e-7)}) {
    quantities.push_back(Json{{"value", v}});
    for (const char* u : {"mg", "mg/dL", "10*3/uL", "{INR}", "mm[Hg]", "%", "kg/m2"}) {
      quantities.push_back(
          Json{{"value", v}, {"unit", u}, {"system", "http://unitsofmeasure.org"}, {"code", u}});
    }
    quantities.push_back(Json{{"value", v}, {"unit", "customUnits"}});
    quantities.push_back(
        Json{{"value", v}, {"unit", "each"}, {"system", "http://snomed.info/sct"}, {"code", "EA"}});
  }
  for (const Json& q : quantities) {
    RdtFixture f;
    BOOST_TEST_CONTEXT(q.dump()) {
      BOOST_TEST(f.round_trip(rdt::pq, dt::quantity, q).dump() == q.dump());
      Json range{{"low", q}, {"high", q}};
      BOOST_TEST(f.round_trip(rdt::ivl_pq, dt::range, range).dump() == range.dump());
      Json ratio{{"numerator", q}, {"denominator", Json{{"value", 1}}}};
      BOOST_TEST(f.round_trip(rdt::rto, dt::ratio, ratio).dump() == ratio.dump());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
