// PIVL_TS / EIVL_TS / IVL_TS -> Timing (CF-medications.md "Medication Timing and Frequency").
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_cases.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::Case;
using ccdafhir::dt_test::check_cases;
using ccdafhir::dt_test::DtFixture;

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(timing_pivl_period_and_units) {
  static const Case kCases[] = {
      {R"(<effectiveTime xsi:type="PIVL_TS" operator="A"><period value="8" unit="h"/></effectiveTime>)",
       R"({"repeat":{"period":8,"periodUnit":"h"}})", 0},
      // The CF-medications example: every 4-6 hours.
      {R"(<effectiveTime xsi:type="PIVL_TS" operator="A"><period xsi:type="IVL_PQ"><low value="4" unit="h"/><high value="6" unit="h"/></period></effectiveTime>)",
       R"({"repeat":{"period":4,"periodMax":6,"periodUnit":"h"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS"><period value="1" unit="d"/></effectiveTime>)",
       R"({"repeat":{"period":1,"periodUnit":"d"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS"><period value="1" unit="wk"/></effectiveTime>)",
       R"({"repeat":{"period":1,"periodUnit":"wk"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS"><period value="30" unit="min"/></effectiveTime>)",
       R"({"repeat":{"period":30,"periodUnit":"min"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS"><period value="1" unit="mo"/></effectiveTime>)",
       R"({"repeat":{"period":1,"periodUnit":"mo"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS"><period value="1" unit="a"/></effectiveTime>)",
       R"({"repeat":{"period":1,"periodUnit":"a"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS"><period value="0.5" unit="s"/></effectiveTime>)",
       R"({"repeat":{"period":0.5,"periodUnit":"s"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS"><period value="8" unit="hr"/></effectiveTime>)", "null",
       1},
      {R"(<effectiveTime xsi:type="PIVL_TS"><period nullFlavor="UNK"/></effectiveTime>)", "null",
       0},
  };
  check_cases(timing, kCases);
}

BOOST_AUTO_TEST_CASE(timing_institution_specified_becomes_a_frequency) {
  static const Case kCases[] = {
      // TID: "3 / 1 / d".
      {R"(<effectiveTime xsi:type="PIVL_TS" institutionSpecified="true"><period value="8" unit="h"/></effectiveTime>)",
       R"({"repeat":{"frequency":3,"period":1,"periodUnit":"d"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS" institutionSpecified="true"><period value="12" unit="h"/></effectiveTime>)",
       R"({"repeat":{"frequency":2,"period":1,"periodUnit":"d"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS" institutionSpecified="true"><period value="24" unit="h"/></effectiveTime>)",
       R"({"repeat":{"frequency":1,"period":1,"periodUnit":"d"}})", 0},
      {R"(<effectiveTime xsi:type="PIVL_TS" institutionSpecified="false"><period value="8" unit="h"/></effectiveTime>)",
       R"({"repeat":{"period":8,"periodUnit":"h"}})", 0},
      // Cannot be a whole daily frequency: kept as a period, noted.
      {R"(<effectiveTime xsi:type="PIVL_TS" institutionSpecified="true"><period value="1" unit="wk"/></effectiveTime>)",
       R"({"repeat":{"period":1,"periodUnit":"wk"}})", 1},
      {R"(<effectiveTime xsi:type="PIVL_TS" institutionSpecified="true"><period value="7" unit="h"/></effectiveTime>)",
       R"({"repeat":{"period":7,"periodUnit":"h"}})", 1},
      {R"(<effectiveTime xsi:type="PIVL_TS" institutionSpecified="true"><period value="1e12" unit="h"/></effectiveTime>)",
       R"({"repeat":{"period":1000000000000.0,"periodUnit":"h"}})", 1},
  };
  check_cases(timing, kCases);
}

BOOST_AUTO_TEST_CASE(timing_phase_becomes_bounds_period) {
  static const Case kCases[] = {
      {R"(<effectiveTime xsi:type="PIVL_TS"><phase><low value="20240301"/></phase><period value="1" unit="d"/></effectiveTime>)",
       R"({"repeat":{"boundsPeriod":{"start":"2024-03-01"},"period":1,"periodUnit":"d"}})", 0},
  };
  check_cases(timing, kCases);
}

BOOST_AUTO_TEST_CASE(timing_eivl_event_and_offset_in_minutes) {
  static const Case kCases[] = {
      {R"(<effectiveTime xsi:type="EIVL_TS" operator="A"><event code="HS"/></effectiveTime>)",
       R"({"repeat":{"when":["HS"]}})", 0},
      {R"(<effectiveTime xsi:type="EIVL_TS"><event code="ACM"/><offset><low value="30" unit="min"/></offset></effectiveTime>)",
       R"({"repeat":{"when":["ACM"],"offset":30}})", 0},
      {R"(<effectiveTime xsi:type="EIVL_TS"><event code="PC"/><offset value="1" unit="h"/></effectiveTime>)",
       R"({"repeat":{"when":["PC"],"offset":60}})", 0},
      {R"(<effectiveTime xsi:type="EIVL_TS"><event code="WAKE"/><offset value="1.5" unit="h"/></effectiveTime>)",
       R"({"repeat":{"when":["WAKE"],"offset":90}})", 0},
      {R"(<effectiveTime xsi:type="EIVL_TS"><event code="AC"/><offset value="120" unit="s"/></effectiveTime>)",
       R"({"repeat":{"when":["AC"],"offset":2}})", 0},
      {R"(<effectiveTime xsi:type="EIVL_TS"><event code="AC"/><offset value="30" unit="s"/></effectiveTime>)",
       R"({"repeat":{"when":["AC"]}})", 1},
      {R"(<effectiveTime xsi:type="EIVL_TS"><event code="AC"/><offset value="1" unit="mo"/></effectiveTime>)",
       R"({"repeat":{"when":["AC"]}})", 1},
      {R"(<effectiveTime xsi:type="EIVL_TS"><event code="XX"/></effectiveTime>)", "null", 1},
  };
  check_cases(timing, kCases);
}

BOOST_AUTO_TEST_CASE(timing_ivl_ts_bounds_and_lone_value_event) {
  static const Case kCases[] = {
      {R"(<effectiveTime xsi:type="IVL_TS"><low value="20120806"/><high nullFlavor="UNK"/></effectiveTime>)",
       R"({"repeat":{"boundsPeriod":{"start":"2012-08-06"}}})", 0},
      {R"(<effectiveTime value="20240301"/>)", R"({"event":["2024-03-01"]})", 0},
      {R"(<effectiveTime xsi:type="SXPR_TS"/>)", "null", 1},
      {R"(<effectiveTime xsi:type="IVL_TS" nullFlavor="UNK"/>)", "null", 0},
  };
  check_cases(timing, kCases);
  DtFixture f;
  BOOST_TEST(timing(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_SUITE_END()
