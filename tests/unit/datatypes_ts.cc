// TS / IVL_TS -> date, dateTime, instant, Period (mappingGuidance.md "CDA <-> FHIR Time/Dates").
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_fixture.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::DtFixture;
using ccdafhir::dt_test::js;

namespace {

struct TsCase {
  const char* hl7;
  const char* fhir;  // "" when unreadable / not representable
  std::size_t reports;
};

void check_ts(const TsCase* cases, std::size_t n, TimeTarget target) {
  for (std::size_t i = 0; i < n; ++i) {
    DtFixture f;
    const xmlNode* where = f.parse("<effectiveTime/>");
    BOOST_TEST_CONTEXT("TS " << cases[i].hl7) {
      BOOST_TEST(ts_string(cases[i].hl7, target, f.ctx, where) == cases[i].fhir);
      BOOST_TEST(f.reports() == cases[i].reports);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(ts_guidance_examples_keep_precision_and_offset) {
  // The table in mappingGuidance.md; the last row gains ":00" seconds, which FHIR dateTime
  // requires once a time is present.
  static const TsCase kCases[] = {
      {"2023", "2023", 0},
      {"202305", "2023-05", 0},
      {"20230531", "2023-05-31", 0},
      {"202305312205-0500", "2023-05-31T22:05:00-05:00", 0},
  };
  check_ts(kCases, std::size(kCases), TimeTarget::kDateTime);
}

BOOST_AUTO_TEST_CASE(ts_with_zone_fills_seconds_and_keeps_fractions) {
  static const TsCase kCases[] = {
      {"20240301103000-0500", "2024-03-01T10:30:00-05:00", 0},
      {"202403011030-0500", "2024-03-01T10:30:00-05:00", 0},
      {"2024030110-0500", "2024-03-01T10:00:00-05:00", 0},
      {"20240301103000+0000", "2024-03-01T10:30:00+00:00", 0},
      {"20240301103000+1000", "2024-03-01T10:30:00+10:00", 0},
      {"20240301103000.123-0500", "2024-03-01T10:30:00.123-05:00", 0},
      {"20240301103059.5+0530", "2024-03-01T10:30:59.5+05:30", 0},
      {"20240229000000+1400", "2024-02-29T00:00:00+14:00", 0},
      {"20240301235960+0000", "2024-03-01T23:59:60+00:00", 0},  // leap second, FHIR allows
  };
  check_ts(kCases, std::size(kCases), TimeTarget::kDateTime);
}

BOOST_AUTO_TEST_CASE(ts_without_zone_keeps_only_the_date) {
  static const TsCase kCases[] = {
      {"20240301103000", "2024-03-01", 1},
      {"202403011030", "2024-03-01", 1},
      {"2024030110", "2024-03-01", 1},
      {"20240301103000.25", "2024-03-01", 1},
  };
  check_ts(kCases, std::size(kCases), TimeTarget::kDateTime);
  DtFixture f;
  const xmlNode* where = f.parse("<effectiveTime value=\"20240301103000\"/>");
  ts_string("20240301103000", TimeTarget::kDateTime, f.ctx, where);
  BOOST_REQUIRE(f.reports() == 1u);
  BOOST_TEST((f.sink.items()[0].severity == Severity::kWarning));
  BOOST_TEST(f.sink.items()[0].message.find("20240301") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(ts_date_with_zone_drops_the_zone) {
  static const TsCase kCases[] = {
      {"20240301-0500", "2024-03-01", 0},
      {"2024+0100", "2024", 0},
  };
  check_ts(kCases, std::size(kCases), TimeTarget::kDateTime);
}

BOOST_AUTO_TEST_CASE(ts_invalid_values_give_empty_and_an_error) {
  static const TsCase kCases[] = {
      {"", "", 1},
      {"20241301", "", 1},           // month 13
      {"20240230", "", 1},           // 30 February
      {"20230229", "", 1},           // not a leap year
      {"20240001", "", 1},           // month 0
      {"20240100", "", 1},           // day 0
      {"0000", "", 1},               // year 0
      {"2024030", "", 1},            // 7 digits
      {"202403011", "", 1},          // 9 digits
      {"abcd", "", 1},               // letters
      {"2024-03-01", "", 1},         // FHIR form, not HL7
      {"20240301T1030", "", 1},      // ISO 'T'
      {"2024030124-0500", "", 1},    // hour 24
      {"202403011060-0500", "", 1},  // minute 60
      {"20240301103061-0500", "", 1},
      {"20240301103000-05", "", 1},    // short zone
      {"20240301103000-0560", "", 1},  // zone minutes 60
      {"20240301103000+1500", "", 1},  // zone beyond +14
      {"20240301103000+1430", "", 1},
      {"202403011030.5-0500", "", 1},   // fraction without seconds
      {"20240301103000.-0500", "", 1},  // empty fraction
      {"20240301103000Z", "", 1},       // Z is not HL7
  };
  check_ts(kCases, std::size(kCases), TimeTarget::kDateTime);
  DtFixture f;
  const xmlNode* where = f.parse("<effectiveTime value=\"20241301\"/>");
  BOOST_TEST(ts_string("20241301", TimeTarget::kDateTime, f.ctx, where).empty());
  BOOST_REQUIRE(f.reports() == 1u);
  const Diagnostic& d = f.sink.items()[0];
  BOOST_TEST((d.severity == Severity::kError));
  BOOST_TEST(d.message == "effectiveTime/@value is not a valid TS");
  BOOST_TEST(d.source_path == "/wrapper/effectiveTime");
  BOOST_TEST(d.source_line == 1);
  BOOST_TEST(d.rule_id == "datatypes/test");
}

BOOST_AUTO_TEST_CASE(ts_instant_needs_seconds_and_zone) {
  static const TsCase kCases[] = {
      {"20240301103000-0500", "2024-03-01T10:30:00-05:00", 0},
      {"20240301103000.123+0000", "2024-03-01T10:30:00.123+00:00", 0},
      {"202403011030-0500", "", 1},
      {"20240301103000", "", 1},
      {"20240301", "", 1},
      {"2024", "", 1},
      {"20241301103000-0500", "", 1},
  };
  check_ts(kCases, std::size(kCases), TimeTarget::kInstant);
}

BOOST_AUTO_TEST_CASE(ts_date_target_truncates_to_the_day) {
  static const TsCase kCases[] = {
      {"20240301103000-0500", "2024-03-01", 0},
      {"20240301103000", "2024-03-01", 0},
      {"202403", "2024-03", 0},
      {"2024", "2024", 0},
      {"2024133", "", 1},
  };
  check_ts(kCases, std::size(kCases), TimeTarget::kDate);
}

BOOST_AUTO_TEST_CASE(datetime_element_reads_value_or_low_value) {
  struct Case {
    const char* xml;
    const char* json;
    std::size_t reports;
  };
  static const Case kCases[] = {
      {"<effectiveTime value=\"20240301\"/>", "\"2024-03-01\"", 0},
      {"<effectiveTime value=\" 20240301 \"/>", "\"2024-03-01\"", 0},
      {"<effectiveTime><low value=\"202403011030-0500\"/></effectiveTime>",
       "\"2024-03-01T10:30:00-05:00\"", 0},
      {"<effectiveTime nullFlavor=\"UNK\"/>", "null", 0},
      {"<effectiveTime><low nullFlavor=\"UNK\"/></effectiveTime>", "null", 0},
      {"<effectiveTime value=\"2024x\"/>", "null", 1},
  };
  for (const Case& c : kCases) {
    DtFixture f;
    BOOST_TEST_CONTEXT(c.xml) {
      const xmlNode* n = f.parse(c.xml);
      BOOST_TEST(datetime(n, TimeTarget::kDateTime, f.ctx).dump() == js(c.json));
      BOOST_TEST(f.reports() == c.reports);
    }
  }
  DtFixture f;
  BOOST_TEST(datetime(nullptr, TimeTarget::kDateTime, f.ctx).is_null());
  f.parse("<time value=\"20240301103000+0100\"/>");
  BOOST_TEST(datetime(f.find("time"), TimeTarget::kInstant, f.ctx).dump() ==
             js("\"2024-03-01T10:30:00+01:00\""));
}

BOOST_AUTO_TEST_CASE(period_maps_low_and_high_and_omits_null_bounds) {
  struct Case {
    const char* xml;
    const char* json;
    std::size_t reports;
  };
  static const Case kCases[] = {
      {"<effectiveTime><low value=\"20240301\"/><high value=\"20240315\"/></effectiveTime>",
       R"({"start":"2024-03-01","end":"2024-03-15"})", 0},
      {"<effectiveTime><low value=\"20120806\"/><high nullFlavor=\"UNK\"/></effectiveTime>",
       R"({"start":"2012-08-06"})", 0},
      {"<effectiveTime><low nullFlavor=\"NI\"/><high value=\"2024\"/></effectiveTime>",
       R"({"end":"2024"})", 0},
      {"<effectiveTime><low nullFlavor=\"UNK\"/><high nullFlavor=\"UNK\"/></effectiveTime>", "null",
       0},
      {"<effectiveTime nullFlavor=\"UNK\"/>", "null", 0},
      // A lone @value and a center are points in time: start only.
      {"<effectiveTime value=\"20240301\"/>", R"({"start":"2024-03-01"})", 0},
      {"<effectiveTime><center value=\"20240301\"/></effectiveTime>", R"({"start":"2024-03-01"})",
       0},
      // A date-precision high stays as written.
      {"<effectiveTime><low value=\"20240301\"/><high value=\"20240301\"/></effectiveTime>",
       R"({"start":"2024-03-01","end":"2024-03-01"})", 0},
      {"<effectiveTime><low value=\"20240301100000-0500\"/><high value=\"20240301113000-0500\"/>"
       "</effectiveTime>",
       R"({"start":"2024-03-01T10:00:00-05:00","end":"2024-03-01T11:30:00-05:00"})", 0},
      // Minutes gain seconds in FHIR; the TS as written rides on _start/_end (originalText).
      {"<effectiveTime><low value=\"202403011000-0500\"/><high value=\"20240301\"/>"
       "</effectiveTime>",
       R"({"start":"2024-03-01T10:00:00-05:00","end":"2024-03-01","_start":{"extension":[{"url":)"
       R"("http://hl7.org/fhir/StructureDefinition/originalText","valueString":"202403011000-0500"}]}})",
       0},
      // A time without offset: FHIR keeps the date (reported), the extension keeps the time.
      {"<effectiveTime><low value=\"20240301\"/><high value=\"20240302103000\"/></effectiveTime>",
       R"({"start":"2024-03-01","end":"2024-03-02","_end":{"extension":[{"url":)"
       R"("http://hl7.org/fhir/StructureDefinition/originalText","valueString":"20240302103000"}]}})",
       1},
      // Invalid bound: reported and omitted.
      {"<effectiveTime><low value=\"20241399\"/><high value=\"2025\"/></effectiveTime>",
       R"({"end":"2025"})", 1},
      // high before low (per-1): start kept, end data-absent "error" with the TS, reported.
      {"<effectiveTime><low value=\"20240315\"/><high value=\"20240301\"/></effectiveTime>",
       R"({"start":"2024-03-15","_end":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"error"},{"url":"http://hl7.org/fhir/StructureDefinition/originalText","valueString":"20240301"}]}})",
       1},
      {"<effectiveTime><low value=\"2017\"/><high value=\"201506\"/></effectiveTime>",
       R"({"start":"2017","_end":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"error"},{"url":"http://hl7.org/fhir/StructureDefinition/originalText","valueString":"201506"}]}})",
       1},
      // A day apart with times: a time zone may account for it; both kept.
      {"<effectiveTime><low value=\"20240302100000+1400\"/><high "
       "value=\"20240301120000-1000\"/></effectiveTime>",
       R"({"start":"2024-03-02T10:00:00+14:00","end":"2024-03-01T12:00:00-10:00"})", 0},
      // width is not mapped.
      {"<effectiveTime><low value=\"20240301\"/><width value=\"2\" unit=\"d\"/></effectiveTime>",
       R"({"start":"2024-03-01"})", 1},
  };
  for (const Case& c : kCases) {
    DtFixture f;
    BOOST_TEST_CONTEXT(c.xml) {
      BOOST_TEST(f.run(period, c.xml).dump() == js(c.json));
      BOOST_TEST(f.reports() == c.reports);
    }
  }
  DtFixture f;
  BOOST_TEST(period(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_SUITE_END()
