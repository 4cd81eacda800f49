// PQ -> Quantity, IVL_PQ -> Range, RTO -> Ratio (mappingGuidance.md "CDA <-> FHIR Quantity",
// "Ranges of Physical Quantities").
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_cases.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::Case;
using ccdafhir::dt_test::check_cases;
using ccdafhir::dt_test::DtFixture;

namespace {
Json typed_value(const xmlNode* n, DatatypeContext& ctx) {
  std::string suffix;
  Json v = value(n, suffix, ctx);
  return Json{{"suffix", suffix}, {"value", v}};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(quantity_value_and_ucum_unit) {
  static const Case kCases[] = {
      {R"(<value xsi:type="PQ" value="200" unit="mg/dL"/>)",
       R"({"value":200,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})", 0},
      {R"(<value xsi:type="PQ" value="36.6" unit="Cel"/>)",
       R"({"value":36.6,"unit":"Cel","system":"http://unitsofmeasure.org","code":"Cel"})", 0},
      // Trailing zeros are lost (double); integral text stays integral.
      {R"(<value xsi:type="PQ" value="1.50" unit="mL"/>)",
       R"({"value":1.5,"unit":"mL","system":"http://unitsofmeasure.org","code":"mL"})", 0},
      {R"(<doseQuantity value="1"/>)", R"({"value":1})", 0},
      {R"(<doseQuantity value="2" unit="1"/>)", R"({"value":2})", 0},
      {R"(<doseQuantity value="6" unit="{spray}"/>)",
       R"({"value":6,"unit":"{spray}","system":"http://unitsofmeasure.org","code":"{spray}"})", 0},
      {R"(<value xsi:type="PQ" value="-0.25" unit="[iU]"/>)",
       R"({"value":-0.25,"unit":"[iU]","system":"http://unitsofmeasure.org","code":"[iU]"})", 0},
      {R"(<value xsi:type="PQ" value="+.5"/>)", R"({"value":0.5})", 0},
      {R"(<value xsi:type="PQ" value="007"/>)", R"({"value":7})", 0},
      // Not UCUM-shaped: unit only, reported.
      {R"(<value xsi:type="PQ" value="30" unit="per day"/>)", R"({"value":30,"unit":"per day"})",
       1},
      // Missing or null value.
      {R"(<value xsi:type="PQ" nullFlavor="UNK"/>)", "null", 0},
      {R"(<value xsi:type="PQ" unit="mg"/>)", "null", 0},
      {R"(<value xsi:type="PQ" value="abc" unit="mg"/>)", "null", 1},
      {R"(<value xsi:type="PQ" value="1.2.3"/>)", "null", 1},
      {R"(<value xsi:type="PQ" value=""/>)", "null", 1},
  };
  check_cases(quantity, kCases);
}

BOOST_AUTO_TEST_CASE(quantity_null_flavor_with_translation_is_the_non_ucum_pattern) {
  // The reverse of the guidance's FHIR -> CDA non-UCUM examples.
  static const Case kCases[] = {
      {R"(<value xsi:type="PQ" nullFlavor="OTH"><translation value="30" code="EA" codeSystem="2.16.840.1.113883.2.13"><originalText>each</originalText></translation></value>)",
       R"({"value":30,"unit":"each","system":"urn:oid:2.16.840.1.113883.2.13","code":"EA"})", 0},
      {R"(<value xsi:type="PQ" nullFlavor="OTH"><translation value="25" nullFlavor="OTH"><originalText>customUnits</originalText></translation></value>)",
       R"({"value":25,"unit":"customUnits"})", 0},
  };
  check_cases(quantity, kCases);
}

BOOST_AUTO_TEST_CASE(range_keeps_low_and_high) {
  static const Case kCases[] = {
      {R"(<value xsi:type="IVL_PQ"><low value="200" unit="mg/dL"/><high value="1000" unit="mg/dL"/></value>)",
       R"({"low":{"value":200,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"},"high":{"value":1000,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}})",
       0},
      {R"(<value xsi:type="IVL_PQ"><low value="200" unit="mg/dL"/><high value="1" unit="g/dL"/></value>)",
       R"({"low":{"value":200,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"},"high":{"value":1,"unit":"g/dL","system":"http://unitsofmeasure.org","code":"g/dL"}})",
       0},
      {R"(<referenceRange><low value="4.5"/></referenceRange>)", R"({"low":{"value":4.5}})", 0},
      {R"(<value xsi:type="IVL_PQ"><low nullFlavor="NINF"/><high nullFlavor="PINF"/></value>)",
       "null", 0},
      {R"(<value xsi:type="IVL_PQ" nullFlavor="UNK"/>)", "null", 0},
  };
  check_cases(range, kCases);
}

BOOST_AUTO_TEST_CASE(ivl_pq_value_with_one_bound_is_a_quantity_with_comparator) {
  // Every example table in "Ranges of Physical Quantities".
  constexpr const char* kLe =
      R"({"suffix":"Quantity","value":{"value":200,"comparator":"<=","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}})";
  constexpr const char* kGe =
      R"({"suffix":"Quantity","value":{"value":500,"comparator":">=","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}})";
  constexpr const char* kGt =
      R"({"suffix":"Quantity","value":{"value":500,"comparator":">","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}})";
  static const Case kCases[] = {
      {R"(<value xsi:type="IVL_PQ"><high value="200" unit="mg/dL"/></value>)", kLe, 0},
      {R"(<value xsi:type="IVL_PQ"><low value="0" unit="mg/dL"/><high value="200" unit="mg/dL"/></value>)",
       kLe, 0},
      {R"(<value xsi:type="IVL_PQ"><low nullFlavor="NINF"/><high value="200" unit="mg/dL"/></value>)",
       kLe, 0},
      {R"(<value xsi:type="IVL_PQ"><high value="200" unit="mg/dL" inclusive="false"/></value>)",
       R"({"suffix":"Quantity","value":{"value":200,"comparator":"<","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}})",
       0},
      {R"(<value xsi:type="IVL_PQ"><low value="500" unit="mg/dL" inclusive="true"/><high nullFlavor="PINF"/></value>)",
       kGe, 0},
      {R"(<value xsi:type="IVL_PQ"><low value="500" unit="mg/dL"/></value>)", kGe, 0},
      {R"(<value xsi:type="IVL_PQ"><low value="500" unit="mg/dL" inclusive="false"/><high nullFlavor="PINF"/></value>)",
       kGt, 0},
      {R"(<value xsi:type="IVL_PQ"><low value="500" unit="mg/dL" inclusive="false"/></value>)", kGt,
       0},
      {R"(<value xsi:type="IVL_PQ"><low value="200" unit="mg/dL"/><high value="1000" unit="mg/dL"/></value>)",
       R"({"suffix":"Range","value":{"low":{"value":200,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"},"high":{"value":1000,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}}})",
       0},
      {R"(<value xsi:type="IVL_PQ"><low nullFlavor="NINF"/><high nullFlavor="PINF"/></value>)",
       R"({"suffix":"","value":null})", 0},
  };
  check_cases(typed_value, kCases);
}

BOOST_AUTO_TEST_CASE(ratio_numerator_and_denominator) {
  static const Case kCases[] = {
      {R"(<maxDoseQuantity><numerator value="6" unit="{spray}"/><denominator value="1" unit="d"/></maxDoseQuantity>)",
       R"({"numerator":{"value":6,"unit":"{spray}","system":"http://unitsofmeasure.org","code":"{spray}"},"denominator":{"value":1,"unit":"d","system":"http://unitsofmeasure.org","code":"d"}})",
       0},
      {R"(<value xsi:type="RTO_INT_INT"><numerator xsi:type="INT" value="1"/><denominator xsi:type="INT" value="128"/></value>)",
       R"({"numerator":{"value":1},"denominator":{"value":128}})", 0},
      // HL7 default denominator is 1.
      {R"(<value xsi:type="RTO_PQ_PQ"><numerator value="5" unit="mg"/></value>)",
       R"({"numerator":{"value":5,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"},"denominator":{"value":1}})",
       0},
      {R"(<value xsi:type="RTO_PQ_PQ"><denominator value="5" unit="mL"/></value>)", "null", 1},
      {R"(<value xsi:type="RTO" nullFlavor="UNK"/>)", "null", 0},
  };
  check_cases(ratio, kCases);
  DtFixture f;
  BOOST_TEST(quantity(nullptr, f.ctx).is_null());
  BOOST_TEST(range(nullptr, f.ctx).is_null());
  BOOST_TEST(ratio(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_SUITE_END()
