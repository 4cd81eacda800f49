// value[x] -> typed ANY (xsi:type) and Timing -> PIVL_TS / EIVL_TS.
#include <boost/test/unit_test.hpp>

#include "../datatypes/rdt_fixture.h"

using namespace ccdafhir;
using ccdafhir::rdt_test::Case;
using ccdafhir::rdt_test::check;
using ccdafhir::rdt_test::RdtFixture;

BOOST_AUTO_TEST_SUITE(datatypes_back)

BOOST_AUTO_TEST_CASE(value_sets_xsi_type_per_suffix) {
  struct Row {
    const char* fhir;
    const char* suffix;
    const char* cda;
    std::size_t reports;
  };
  static const Row kRows[] = {
      {R"({"value":120,"unit":"mm[Hg]","system":"http://unitsofmeasure.org","code":"mm[Hg]"})",
       "Quantity", R"(<value value="120" unit="mm[Hg]" xsi:type="PQ"/>)", 0},
      {R"({"coding":[{"system":"http://snomed.info/sct","code":"260385009"}]})", "CodeableConcept",
       R"(<value code="260385009" codeSystem="2.16.840.1.113883.6.96" xsi:type="CD"/>)", 0},
      {R"({"system":"http://snomed.info/sct","code":"1"})", "Coding",
       R"(<value code="1" codeSystem="2.16.840.1.113883.6.96" xsi:type="CD"/>)", 0},
      {R"("free text")", "String", R"(<value xsi:type="ST">free text</value>)", 0},
      {R"({"low":{"value":1},"high":{"value":2}})", "Range",
       R"(<value xsi:type="IVL_PQ"><low value="1"/><high value="2"/></value>)", 0},
      {R"({"numerator":{"value":1},"denominator":{"value":2}})", "Ratio",
       R"(<value xsi:type="RTO_PQ_PQ"><numerator value="1"/><denominator value="2"/></value>)", 0},
      {R"(7)", "Integer", R"(<value value="7" xsi:type="INT"/>)", 0},
      {R"(false)", "Boolean", R"(<value value="false" xsi:type="BL"/>)", 0},
      {R"("2020-02-02")", "DateTime", R"(<value value="20200202" xsi:type="TS"/>)", 0},
      {R"("2020-02-02T10:00:00Z")", "Instant",
       R"(<value value="20200202100000+0000" xsi:type="TS"/>)", 0},
      {R"({"start":"2020"})", "Period", R"(<value xsi:type="IVL_TS"><low value="2020"/></value>)",
       0},
      {R"(2.5)", "Decimal", R"(<value value="2.5" xsi:type="REAL"/>)", 0},
      {R"({"contentType":"text/plain","data":"aGk="})", "Attachment",
       R"(<value mediaType="text/plain" representation="B64" xsi:type="ED">aGk=</value>)", 0},
      // the reverse of "Ranges of Physical Quantities": a comparator is a one-bound IVL_PQ
      {R"({"value":200,"comparator":"<=","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})",
       "Quantity", R"(<value xsi:type="IVL_PQ"><high value="200" unit="mg/dL"/></value>)", 0},
      {R"({"value":200,"comparator":"<","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})",
       "Quantity",
       R"(<value xsi:type="IVL_PQ"><high value="200" unit="mg/dL" inclusive="false"/></value>)", 0},
      {R"({"value":500,"comparator":">=","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})",
       "Quantity", R"(<value xsi:type="IVL_PQ"><low value="500" unit="mg/dL"/></value>)", 0},
      {R"({"value":500,"comparator":">","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})",
       "Quantity",
       R"(<value xsi:type="IVL_PQ"><low value="500" unit="mg/dL" inclusive="false"/></value>)", 0},
      {R"({"value":5,"comparator":"ad"})", "Quantity", "", 1},
      {R"({"comparator":"<"})", "Quantity", "", 0},
      // nothing written, so no xsi:type either
      {R"({"coding":[]})", "CodeableConcept", "", 0},
      {R"("12:00:00")", "Time", "", 1},
      {R"(null)", "String", "", 0},
  };
  for (const Row& r : kRows) {
    RdtFixture f;
    BOOST_TEST_CONTEXT(r.suffix << " " << r.fhir) {
      BOOST_TEST(f.run_value(r.fhir, r.suffix) == r.cda);
      BOOST_TEST(f.reports() == r.reports);
    }
  }
}

BOOST_AUTO_TEST_CASE(value_uses_the_prefix_of_a_prefixed_cda_namespace) {
  RdtFixture f;
  xmlNode* el = f.element("value");
  xmlNs* v3 = xmlNewNs(el, reinterpret_cast<const xmlChar*>("urn:hl7-org:v3"),
                       reinterpret_cast<const xmlChar*>("v3"));
  xmlSetNs(el, v3);
  BOOST_TEST(rdt::value(Json(3), "Integer", el, f.ctx));
  BOOST_TEST(RdtFixture::print(el) ==
             R"(<v3:value xmlns:v3="urn:hl7-org:v3" value="3" xsi:type="v3:INT"/>)");
}

BOOST_AUTO_TEST_CASE(value_declares_xsi_when_no_ancestor_does) {
  xmlDoc* doc = xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0"));
  xmlNode* el = xmlNewDocNode(doc, nullptr, reinterpret_cast<const xmlChar*>("value"), nullptr);
  xmlDocSetRootElement(doc, el);
  xmlSetNs(el, xmlNewNs(el, reinterpret_cast<const xmlChar*>("urn:hl7-org:v3"), nullptr));
  RdtFixture f;
  BOOST_TEST(rdt::value(Json(true), "Boolean", el, f.ctx));
  BOOST_TEST(
      RdtFixture::print(el) ==
      R"(<value xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" value="true" xsi:type="BL"/>)");
  xmlFreeDoc(doc);
}

BOOST_AUTO_TEST_CASE(values_round_trip_through_the_forward_converter) {
  struct Row {
    const char* fhir;
    const char* suffix;
  };
  static const Row kRows[] = {
      {R"({"value":120,"unit":"mm[Hg]","system":"http://unitsofmeasure.org","code":"mm[Hg]"})",
       "Quantity"},
      {R"({"value":200,"comparator":"<=","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})",
       "Quantity"},
      {R"({"value":200,"comparator":"<","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})",
       "Quantity"},
      {R"({"value":500,"comparator":">=","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})",
       "Quantity"},
      {R"({"value":500,"comparator":">","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})",
       "Quantity"},
      {R"({"coding":[{"system":"http://snomed.info/sct","code":"260385009","display":"Negative"}],"text":"neg"})",
       "CodeableConcept"},
      {R"("free text")", "String"},
      {R"({"low":{"value":1},"high":{"value":2}})", "Range"},
      {R"({"numerator":{"value":1},"denominator":{"value":2}})", "Ratio"},
      {R"(7)", "Integer"},
      {R"(-2147483648)", "Integer"},
      {R"(true)", "Boolean"},
      {R"(false)", "Boolean"},
      {R"("2020-02-02")", "DateTime"},
      {R"("2020-02-02T10:00:00+01:00")", "DateTime"},
      {R"({"start":"2020","end":"2021-03"})", "Period"},
  };
  for (const Row& r : kRows) {
    RdtFixture f;
    std::string back_suffix;
    Json fhir = Json::parse(r.fhir);
    BOOST_TEST_CONTEXT(r.suffix << " " << r.fhir) {
      BOOST_TEST(f.round_trip_value(fhir, r.suffix, back_suffix).dump() == fhir.dump());
      BOOST_TEST(back_suffix == r.suffix);
    }
  }
}

BOOST_AUTO_TEST_CASE(timing_pivl_and_eivl) {
  static const Case kCases[] = {
      // "Every 8 hours" would become 1 / 8 / h
      {R"({"repeat":{"period":8,"periodUnit":"h"}})",
       R"(<x xsi:type="PIVL_TS" operator="A"><period value="8" unit="h"/></x>)", 0},
      {R"({"repeat":{"frequency":1,"period":8,"periodUnit":"h"}})",
       R"(<x xsi:type="PIVL_TS" operator="A"><period value="8" unit="h"/></x>)", 0},
      // "TID" would become 3 / 1 / d
      {R"({"repeat":{"frequency":3,"period":1,"periodUnit":"d"}})",
       R"(<x xsi:type="PIVL_TS" operator="A" institutionSpecified="true"><period value="8" unit="h"/></x>)",
       0},
      {R"({"repeat":{"frequency":2,"period":1,"periodUnit":"wk"}})",
       R"(<x xsi:type="PIVL_TS" operator="A" institutionSpecified="true"><period value="0.5" unit="wk"/></x>)",
       0},
      {R"({"repeat":{"frequency":5,"period":1,"periodUnit":"d"}})",
       R"(<x xsi:type="PIVL_TS" operator="A" institutionSpecified="true"><period value="0.2" unit="d"/></x>)",
       0},
      {R"({"repeat":{"period":4,"periodMax":6,"periodUnit":"h"}})",
       R"(<x xsi:type="PIVL_TS" operator="A"><period value="4" unit="h"/></x>)", 1},
      {R"({"repeat":{"period":0.5,"periodUnit":"d","dayOfWeek":["mon"]}})",
       R"(<x xsi:type="PIVL_TS" operator="A"><period value="0.5" unit="d"/></x>)", 1},
      {R"({"repeat":{"frequency":1.5,"period":1,"periodUnit":"d"}})",
       R"(<x xsi:type="PIVL_TS" operator="A"><period value="1" unit="d"/></x>)", 1},
      {R"({"repeat":{"period":1,"periodUnit":"fortnight"}})", "", 1},
      {R"({"repeat":{"period":-1,"periodUnit":"d"}})", "", 1},
      // EIVL_TS: when -> event, offset (minutes)
      {R"({"repeat":{"when":["ACM"]}})",
       R"(<x xsi:type="EIVL_TS" operator="A"><event code="ACM"/></x>)", 0},
      {R"({"repeat":{"when":["PC"],"offset":60}})",
       R"(<x xsi:type="EIVL_TS" operator="A"><event code="PC"/><offset value="60" unit="min"/></x>)",
       0},
      {R"({"repeat":{"when":["PC","HS"]}})",
       R"(<x xsi:type="EIVL_TS" operator="A"><event code="PC"/></x>)", 1},
      {R"({"repeat":{"when":["PC"],"offset":-5}})",
       R"(<x xsi:type="EIVL_TS" operator="A"><event code="PC"/></x>)", 1},
      {R"({"repeat":{"when":["HS"],"period":1,"periodUnit":"d"}})",
       R"(<x xsi:type="PIVL_TS" operator="A"><period value="1" unit="d"/></x>)", 1},
      // bounds alone belong to the first effectiveTime (the caller's)
      {R"({"repeat":{"boundsPeriod":{"start":"2020"}}})", "", 0},
      {R"({"event":["2020-01-01"]})", "", 0},
      {R"({"code":{"text":"BID"}})", "", 1},
      {R"({})", "", 0},
  };
  check(rdt::timing, kCases);
}

BOOST_AUTO_TEST_CASE(timing_round_trips_through_the_forward_converter) {
  static const char* kTimings[] = {
      R"({"repeat":{"period":8,"periodUnit":"h"}})",
      R"({"repeat":{"period":1,"periodUnit":"d"}})",
      R"({"repeat":{"period":2,"periodUnit":"wk"}})",
      R"({"repeat":{"period":0.5,"periodUnit":"h"}})",
      R"({"repeat":{"frequency":2,"period":1,"periodUnit":"d"}})",
      R"({"repeat":{"frequency":3,"period":1,"periodUnit":"d"}})",
      R"({"repeat":{"frequency":4,"period":1,"periodUnit":"d"}})",
      R"({"repeat":{"frequency":6,"period":1,"periodUnit":"d"}})",
      R"({"repeat":{"when":["ACM"]}})",
      R"({"repeat":{"when":["HS"],"offset":30}})",
  };
  for (const char* t : kTimings) {
    RdtFixture f;
    Json timing = Json::parse(t);
    BOOST_TEST_CONTEXT(t) {
      BOOST_TEST(f.round_trip(rdt::timing, dt::timing, timing).dump() == timing.dump());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
