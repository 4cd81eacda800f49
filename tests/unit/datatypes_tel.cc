// TEL -> ContactPoint (mappingGuidance.md "CDA telecom -> FHIR telecom", ConceptMaps
// CF-TelecomType and CF-TelecomUse).
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_cases.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::Case;
using ccdafhir::dt_test::check_cases;
using ccdafhir::dt_test::DtFixture;

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(contact_point_system_from_url_scheme) {
  static const Case kCases[] = {
      // The guidance's example: only what follows the prefix, formatting kept.
      {R"(<telecom value="tel:+1(555)867-5309"/>)",
       R"({"system":"phone","value":"+1(555)867-5309"})", 0},
      {R"(<telecom value="tel:+1(555)555-1234" use="HP"/>)",
       R"({"system":"phone","value":"+1(555)555-1234","use":"home"})", 0},
      {R"(<telecom value="mailto:someone@example.org"/>)",
       R"({"system":"email","value":"someone@example.org"})", 0},
      {R"(<telecom value="fax:+1-555-555-9999" use="WP"/>)",
       R"({"system":"fax","value":"+1-555-555-9999","use":"work"})", 0},
      {R"(<telecom value="x-text-fax:+1-555-555-9999"/>)",
       R"({"system":"fax","value":"+1-555-555-9999"})", 0},
      {R"(<telecom value="http://www.example.org/portal"/>)",
       R"({"system":"url","value":"http://www.example.org/portal"})", 0},
      {R"(<telecom value="https://www.example.org"/>)",
       R"({"system":"url","value":"https://www.example.org"})", 0},
      {R"(<telecom value="sms:+15555550100"/>)", R"({"system":"sms","value":"+15555550100"})", 0},
      {R"(<telecom value="TEL:555-0100"/>)", R"({"system":"phone","value":"555-0100"})", 0},
      // PG: system pager, use mobile.
      {R"(<telecom value="tel:555-0101" use="PG"/>)",
       R"({"system":"pager","value":"555-0101","use":"mobile"})", 0},
      // No scheme: system other, reported.
      {R"(<telecom value="555-0100"/>)", R"({"system":"other","value":"555-0100"})", 1},
      {R"(<telecom value="tel:"/>)", "null", 1},
      {R"(<telecom nullFlavor="UNK"/>)", "null", 0},
      {R"(<telecom value="tel:555-0100"><useablePeriod><low value="2020"/></useablePeriod></telecom>)",
       R"({"system":"phone","value":"555-0100","period":{"start":"2020"}})", 0},
  };
  check_cases(contact_point, kCases);
  DtFixture f;
  BOOST_TEST(contact_point(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_CASE(contact_point_use_follows_cf_telecom_use) {
  struct UseCase {
    const char* use;
    const char* expected;  // "" -> no use
    std::size_t reports;
  };
  static const UseCase kCases[] = {
      {"AS", "work", 0},    {"BAD", "old", 0},  {"DIR", "work", 0}, {"EC", "", 1},
      {"H", "home", 0},     {"HP", "home", 0},  {"HV", "home", 0},  {"MC", "mobile", 0},
      {"PUB", "work", 0},   {"TMP", "temp", 0}, {"WP", "work", 0},  {"WP MC", "mobile", 0},
      {"HP WP", "home", 0}, {"XYZ", "", 1},
  };
  for (const UseCase& c : kCases) {
    DtFixture f;
    std::string xml = std::string(R"(<telecom value="tel:1" use=")") + c.use + "\"/>";
    BOOST_TEST_CONTEXT(c.use) {
      Json cp = f.run(contact_point, xml);
      BOOST_TEST(cp.value("use", std::string()) == c.expected);
      BOOST_TEST(f.reports() == c.reports);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
