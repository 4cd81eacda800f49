// AD -> Address (mappingGuidance.md "CDA addr -> FHIR address", ConceptMap CF-AddressUse).
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_cases.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::Case;
using ccdafhir::dt_test::check_cases;
using ccdafhir::dt_test::DtFixture;
using ccdafhir::dt_test::js;

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(address_structured_parts) {
  static const Case kCases[] = {
      {R"(<addr use="HP">
            <streetAddressLine>1357 Amber Drive</streetAddressLine>
            <streetAddressLine> Apt 2 </streetAddressLine>
            <city>Beaverton</city><county>Washington</county><state>OR</state>
            <postalCode>97867</postalCode><country>US</country>
            <useablePeriod xsi:type="IVL_TS"><low value="20120101"/><high value="20191231"/></useablePeriod>
          </addr>)",
       R"({"use":"home","line":["1357 Amber Drive","Apt 2"],"city":"Beaverton","district":"Washington","state":"OR","postalCode":"97867","country":"US","period":{"start":"2012-01-01","end":"2019-12-31"}})",
       0},
      // Null-flavoured parts are skipped; no use.
      {R"(<addr><streetAddressLine>1 Main St</streetAddressLine><city>Boston</city><state nullFlavor="UNK"/><postalCode/></addr>)",
       R"({"line":["1 Main St"],"city":"Boston"})", 0},
      // Street parts without streetAddressLine become one line.
      {R"(<addr><houseNumber>12</houseNumber><streetName>Elm Street</streetName><unitID>4B</unitID><city>Salem</city></addr>)",
       R"({"line":["12 Elm Street 4B"],"city":"Salem"})", 0},
      // Unmapped parts are reported.
      {R"(<addr><careOf>Jane</careOf><city>Salem</city></addr>)", R"({"city":"Salem"})", 1},
      {R"(<addr nullFlavor="UNK"/>)", "null", 0},
      {R"(<addr use="HP"><streetAddressLine/></addr>)", "null", 0},
  };
  check_cases(address, kCases);
}

BOOST_AUTO_TEST_CASE(address_use_follows_cf_address_use) {
  constexpr const char* kLine = "<city>X</city>";
  struct UseCase {
    const char* use;
    const char* json;
    std::size_t reports;
  };
  static const UseCase kCases[] = {
      {"H", R"({"use":"home","city":"X"})", 0},
      {"HP", R"({"use":"home","city":"X"})", 0},
      {"HV", R"({"use":"home","city":"X"})", 0},
      {"WP", R"({"use":"work","city":"X"})", 0},
      {"DIR", R"({"use":"work","city":"X"})", 0},
      {"PUB", R"({"use":"work","city":"X"})", 0},
      {"TMP", R"({"use":"temp","city":"X"})", 0},
      {"BAD", R"({"use":"old","city":"X"})", 0},
      {"OLD", R"({"use":"old","city":"X"})", 0},
      {"PHYS", R"({"type":"physical","city":"X"})", 0},
      {"PST", R"({"type":"postal","city":"X"})", 0},
      {"PHYS PST", R"({"type":"both","city":"X"})", 0},
      {"HP PST", R"({"use":"home","type":"postal","city":"X"})", 0},
      {"WP HP", R"({"use":"work","city":"X"})", 0},
      {"CONF", R"({"city":"X"})", 1},
  };
  for (const UseCase& c : kCases) {
    DtFixture f;
    std::string xml = std::string("<addr use=\"") + c.use + "\">" + kLine + "</addr>";
    BOOST_TEST_CONTEXT(c.use) {
      BOOST_TEST(f.run(address, xml).dump() == js(c.json));
      BOOST_TEST(f.reports() == c.reports);
    }
  }
}

BOOST_AUTO_TEST_CASE(address_unstructured_text_only) {
  static const Case kCases[] = {
      {R"(<addr use="WP">  1 Infinite Loop,
            Cupertino CA </addr>)",
       R"({"use":"work","text":"1 Infinite Loop, Cupertino CA"})", 0},
      {R"(<addr>   </addr>)", "null", 0},
  };
  check_cases(address, kCases);
  DtFixture f;
  BOOST_TEST(address(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_SUITE_END()
