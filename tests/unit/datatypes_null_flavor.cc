// nullFlavor -> data-absent-reason (ConceptMap CF-NullFlavorDataAbsentReason) and the
// diagnostic context.
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_fixture.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::DtFixture;

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(data_absent_reason_follows_the_concept_map_exactly) {
  struct Case {
    const char* null_flavor;
    const char* reason;
  };
  static const Case kCases[] = {
      {"NI", "unknown"},
      {"OTH", "unsupported"},
      {"NINF", "negative-infinity"},
      {"PINF", "positive-infinity"},
      {"MSK", "masked"},
      {"NA", "not-applicable"},
      {"UNK", "unknown"},
      {"ASKU", "asked-unknown"},
      {"NAV", "temp-unknown"},
      {"NASK", "not-asked"},
      {"TRC", "unsupported"},
      {"NP", "unknown"},
      // Not in the map.
      {"QS", ""},
      {"UNC", ""},
      {"DER", ""},
      {"INV", ""},
      {"NAVU", ""},
      {"", ""},
      {"unk", ""},
  };
  for (const Case& c : kCases) {
    BOOST_TEST_CONTEXT(c.null_flavor) {
      BOOST_TEST(data_absent_reason(c.null_flavor) == c.reason);
    }
  }
}

BOOST_AUTO_TEST_CASE(context_report_fills_path_line_rule_and_message) {
  DtFixture f;
  f.parse("<section>\n  <entry/>\n  <entry>\n    <value/>\n  </entry>\n</section>");
  const xmlNode* v = f.find("value");
  f.ctx.rule_id = "vitals/value";
  f.ctx.report(Severity::kWarning, IssueCode::kValue, v, "value is odd");
  f.ctx.report(Severity::kInformation, IssueCode::kInformational, nullptr, "no node");
  BOOST_REQUIRE(f.reports() == 2u);
  const Diagnostic& d = f.sink.items()[0];
  BOOST_TEST((d.severity == Severity::kWarning));
  BOOST_TEST((d.code == IssueCode::kValue));
  BOOST_TEST(d.source_path == "/wrapper/section/entry[2]/value");
  BOOST_TEST(d.source_line == 4);
  BOOST_TEST(d.rule_id == "vitals/value");
  BOOST_TEST(d.message == "value is odd");
  BOOST_TEST(d.fhir_path.empty());
  const Diagnostic& e = f.sink.items()[1];
  BOOST_TEST(e.source_path.empty());
  BOOST_TEST(e.source_line == 0);
  BOOST_TEST(f.reports(Severity::kInformation) == 1u);
}

BOOST_AUTO_TEST_CASE(diagnostics_never_carry_patient_values) {
  // Each converter is fed a bad value containing a marker; no message may repeat it.
  static const char* const kSnippets[] = {
      R"(<effectiveTime value="SECRET99"/>)",
      R"(<id root="SECRET99" extension="SECRET99"/>)",
      R"(<code code="SECRET99"/>)",
      R"(<value xsi:type="PQ" value="SECRET99" unit="SECRET 99"/>)",
      R"(<value xsi:type="PQ" value="1" unit="SECRET 99"/>)",
      R"(<telecom value="SECRET99"/>)",
      R"(<value xsi:type="INT" value="SECRET99"/>)",
      R"(<value xsi:type="BL" value="SECRET99"/>)",
      R"(<text><reference value="#SECRET99"/></text>)",
  };
  for (const char* xml : kSnippets) {
    DtFixture f;
    const xmlNode* n = f.parse(xml);
    std::string suffix;
    effective(n, suffix, f.ctx);
    identifier(n, f.ctx);
    codeable_concept(n, f.ctx);
    value(n, suffix, f.ctx);
    contact_point(n, f.ctx);
    text(n, f.ctx);
    BOOST_TEST_CONTEXT(xml) {
      BOOST_TEST(f.reports() > 0u);
      for (const Diagnostic& d : f.sink.items()) {
        BOOST_TEST(d.message.find("SECRET") == std::string::npos, d.message);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
