// date/dateTime/instant -> TS and Period -> IVL_TS (mappingGuidance.md "CDA <-> FHIR Time/Dates").
#include <boost/test/unit_test.hpp>

#include "../datatypes/rdt_fixture.h"

using namespace ccdafhir;
using ccdafhir::rdt_test::Case;
using ccdafhir::rdt_test::check;
using ccdafhir::rdt_test::RdtFixture;

BOOST_AUTO_TEST_SUITE(datatypes_back)

BOOST_AUTO_TEST_CASE(ts_guidance_table_rows_in_reverse) {
  static const Case kCases[] = {
      {R"("2023")", R"(<x value="2023"/>)", 0},
      {R"("2023-05")", R"(<x value="202305"/>)", 0},
      {R"("2023-05-31")", R"(<x value="20230531"/>)", 0},
      // "Timezone offset should be preserved"
      {R"("2023-05-31T22:05-05:00")", R"(<x value="202305312205-0500"/>)", 0},
  };
  check(rdt::ts, kCases);
}

BOOST_AUTO_TEST_CASE(ts_other_branches) {
  static const Case kCases[] = {
      {R"("2023-05-31T22:05:00-05:00")", R"(<x value="20230531220500-0500"/>)", 0},
      {R"("2023-05-31T22:05:07.1234+05:30")", R"(<x value="20230531220507.1234+0530"/>)", 0},
      {R"("2023-05-31T00:00:00Z")", R"(<x value="20230531000000+0000"/>)", 0},
      {R"("2023-12-31T23:59:60+14:00")", R"(<x value="20231231235960+1400"/>)", 0},
      {R"("2024-02-29")", R"(<x value="20240229"/>)", 0},
      // a time without an offset is not FHIR, but CDA can carry it: written, reported
      {R"("2023-05-31T22:05:00")", R"(<x value="20230531220500"/>)", 1},
      // not dates
      {R"("2023-02-29")", "", 1},
      {R"("2023-13")", "", 1},
      {R"("2023-00-10")", "", 1},
      {R"("0000")", "", 1},
      {R"("23")", "", 1},
      {R"("2023-05-31T24:00:00Z")", "", 1},
      {R"("2023-05-31T10:61:00Z")", "", 1},
      {R"("2023-05-31T10:00:00+14:30")", "", 1},
      {R"("2023-05-31T10:00:00+0500")", "", 1},
      {R"("2023-05-31T10:00:00.Z")", "", 1},
      {R"("2023-05-31 10:00")", "", 1},
      {R"("20230531")", "", 1},
      {R"(20230531)", "", 1},
      {R"(null)", "", 0},
  };
  check(rdt::ts, kCases);
  BOOST_TEST(rdt::ts_value("2001-02-03T04:05:06-07:00") == "20010203040506-0700");
  BOOST_TEST(rdt::ts_value("nope") == "");
}

BOOST_AUTO_TEST_CASE(ivl_ts_periods) {
  static const Case kCases[] = {
      {R"({"start":"2020-01-01","end":"2020-12-31T10:00:00+01:00"})",
       R"(<x><low value="20200101"/><high value="20201231100000+0100"/></x>)", 0},
      {R"({"start":"2020-01"})", R"(<x><low value="202001"/></x>)", 0},
      {R"({"end":"2021"})", R"(<x><high value="2021"/></x>)", 0},
      {R"({"start":"bad","end":"2021"})", R"(<x><high value="2021"/></x>)", 1},
      {R"({"start":"bad","end":7})", "", 2},
      {R"({"start":"2020-01-01T10:00:00"})", R"(<x><low value="20200101100000"/></x>)", 1},
      {R"({})", "", 0},
      {R"("2020")", "", 0},
  };
  check(rdt::ivl_ts, kCases);
}

BOOST_AUTO_TEST_CASE(ts_and_periods_round_trip_through_the_forward_converter) {
  // FHIR dateTimes as the forward direction writes them (seconds once there is a time, offset
  // hh:mm); "Z" comes back as "+00:00", the same instant.
  const char* values[] = {"1999",
                          "1999-12",
                          "1999-12-31",
                          "2023-05-31T22:05:00-05:00",
                          "2023-05-31T22:05:09+00:00",
                          "2023-05-31T22:05:09.5+09:30",
                          "2023-05-31T22:05:09.000123-11:00",
                          "2024-02-29T00:00:00+14:00"};
  auto forward = [](const xmlNode* n, DatatypeContext& c) {
    return dt::datetime(n, dt::TimeTarget::kDateTime, c);
  };
  for (const char* v : values) {
    RdtFixture f;
    BOOST_TEST_CONTEXT(v) {
      BOOST_TEST(f.round_trip(rdt::ts, forward, Json(v)) == Json(v));
    }
  }
  {
    RdtFixture f;
    BOOST_TEST(f.round_trip(rdt::ts, forward, Json("2023-05-31T22:05:09Z")) ==
               Json("2023-05-31T22:05:09+00:00"));
  }
  for (const char* a : values) {
    for (const char* b : {"2030", "2030-01-02", "2030-01-02T03:04:05+06:00"}) {
      Json p{{"start", a}, {"end", b}};
      RdtFixture f;
      BOOST_TEST_CONTEXT(p.dump()) {
        BOOST_TEST(f.round_trip(rdt::ivl_ts, dt::period, p) == p);
      }
      Json open{{"start", a}};
      BOOST_TEST(f.round_trip(rdt::ivl_ts, dt::period, open) == open);
      Json closing{{"end", b}};
      BOOST_TEST(f.round_trip(rdt::ivl_ts, dt::period, closing) == closing);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
