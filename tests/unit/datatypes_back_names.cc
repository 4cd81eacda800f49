// Address -> AD, ContactPoint -> TEL, HumanName -> PN, string -> ON (mappingGuidance.md "FHIR
// name/address/telecom -> CDA", ConceptMaps FC-AddressUse, FC-TelecomType, FC-TelecomUse,
// FC-NameUse).
#include <boost/test/unit_test.hpp>

#include "../datatypes/rdt_fixture.h"

using namespace ccdafhir;
using ccdafhir::rdt_test::Case;
using ccdafhir::rdt_test::check;
using ccdafhir::rdt_test::RdtFixture;

BOOST_AUTO_TEST_SUITE(datatypes_back)

BOOST_AUTO_TEST_CASE(ad_addresses) {
  static const Case kCases[] = {
      {R"({"use":"home","line":["1 Main St","Apt 2"],"city":"Boston","state":"MA","postalCode":"02101","country":"US"})",
       R"(<x use="H"><streetAddressLine>1 Main St</streetAddressLine><streetAddressLine>Apt 2</streetAddressLine><city>Boston</city><state>MA</state><postalCode>02101</postalCode><country>US</country></x>)",
       0},
      // every row of FC-AddressUse
      {R"({"use":"work","city":"A"})", R"(<x use="WP"><city>A</city></x>)", 0},
      {R"({"use":"temp","city":"A"})", R"(<x use="TMP"><city>A</city></x>)", 0},
      {R"({"use":"old","city":"A"})", R"(<x use="BAD"><city>A</city></x>)", 0},
      {R"({"use":"billing","city":"A"})", R"(<x use="PST"><city>A</city></x>)", 0},
      {R"({"use":"weird","city":"A"})", R"(<x><city>A</city></x>)", 1},
      // type -> PHYS / PST, each code once
      {R"({"use":"home","type":"both","city":"A"})", R"(<x use="H PHYS PST"><city>A</city></x>)",
       0},
      {R"({"use":"billing","type":"postal","city":"A"})", R"(<x use="PST"><city>A</city></x>)", 0},
      {R"({"type":"physical","city":"A"})", R"(<x use="PHYS"><city>A</city></x>)", 0},
      {R"({"type":"moon","city":"A"})", R"(<x><city>A</city></x>)", 1},
      // district -> county
      {R"({"city":"Springfield","district":"Sangamon","state":"IL"})",
       R"(<x><city>Springfield</city><county>Sangamon</county><state>IL</state></x>)", 0},
      // unstructured, and text beside parts
      {R"({"text":"1 Main St, Boston"})", R"(<x>1 Main St, Boston</x>)", 0},
      {R"({"text":"1 Main St, Boston","city":"Boston"})", R"(<x><city>Boston</city></x>)", 1},
      // period -> useablePeriod (an SXCM_TS, so typed IVL_TS)
      {R"({"city":"A","period":{"start":"2020-01-01","end":"2021"}})",
       R"(<x><city>A</city><useablePeriod xsi:type="IVL_TS"><low value="20200101"/><high value="2021"/></useablePeriod></x>)",
       0},
      {R"({"city":"A","period":{"start":"x"}})", R"(<x><city>A</city></x>)", 1},
      // blank parts and empty addresses
      {R"({"line":[" ",""],"city":"  "})", "", 0},
      {R"({"use":"home"})", "", 0},
      {R"({})", "", 0},
      {R"("1 Main St")", "", 0},
  };
  check(rdt::ad, kCases);
}

BOOST_AUTO_TEST_CASE(ad_without_concept_maps_reports_the_use_it_leaves_out) {
  RdtFixture f;
  f.ctx.maps = nullptr;
  BOOST_TEST(f.run(rdt::ad, R"({"use":"home","city":"A"})") == R"(<x><city>A</city></x>)");
  BOOST_TEST(f.reports(Severity::kWarning) == 1u);
}

BOOST_AUTO_TEST_CASE(tel_contact_points) {
  static const Case kCases[] = {
      // "Insert FHIR value after the CDA system prefix mapped from FHIR system"
      {R"({"system":"phone","value":"+1(555)867-5309","use":"home"})",
       R"(<x value="tel:+1(555)867-5309" use="HP"/>)", 0},
      {R"({"system":"email","value":"a@example.org","use":"work"})",
       R"(<x value="mailto:a@example.org" use="WP"/>)", 0},
      {R"({"system":"fax","value":"+1-555-0100"})", R"(<x value="x-text-fax:+1-555-0100"/>)", 0},
      {R"({"system":"url","value":"https://example.org/p"})",
       R"(<x value="https://example.org/p"/>)", 0},
      // "FHIR's .system='pager' is equivalent to CDA's @use='PG'"
      {R"({"system":"pager","value":"555-0101"})", R"(<x value="tel:555-0101" use="PG"/>)", 0},
      {R"({"system":"pager","value":"555-0101","use":"work"})",
       R"(<x value="tel:555-0101" use="WP PG"/>)", 0},
      {R"({"system":"sms","value":"+15550102"})", R"(<x value="sms:+15550102"/>)", 0},
      // every other row of FC-TelecomUse
      {R"({"system":"phone","value":"1","use":"temp"})", R"(<x value="tel:1" use="TMP"/>)", 0},
      {R"({"system":"phone","value":"1","use":"old"})", R"(<x value="tel:1" use="BAD"/>)", 0},
      {R"({"system":"phone","value":"1","use":"mobile"})", R"(<x value="tel:1" use="MC"/>)", 0},
      {R"({"system":"phone","value":"1","use":"sometimes"})", R"(<x value="tel:1"/>)", 1},
      // a value carrying its own scheme is not prefixed twice
      {R"({"system":"phone","value":"tel:+15550103"})", R"(<x value="tel:+15550103"/>)", 0},
      {R"({"system":"email","value":"MAILTO:a@b.c"})", R"(<x value="MAILTO:a@b.c"/>)", 0},
      // no system, or other: only a value with a scheme can be written
      {R"({"value":"tel:+15550104"})", R"(<x value="tel:+15550104"/>)", 0},
      {R"({"system":"other","value":"xmpp:a@b.c"})", R"(<x value="xmpp:a@b.c"/>)", 0},
      {R"({"value":"555-0105"})", "", 1},
      {R"({"system":"other","value":"555 0105"})", "", 1},
      {R"({"system":"telepathy","value":"1"})", "", 1},
      // period, rank
      {R"({"system":"phone","value":"1","period":{"end":"2020"}})",
       R"(<x value="tel:1"><useablePeriod xsi:type="IVL_TS"><high value="2020"/></useablePeriod></x>)",
       0},
      {R"({"system":"phone","value":"1","rank":1})", R"(<x value="tel:1"/>)", 1},
      {R"({"system":"phone","value":"  "})", "", 0},
      {R"({"system":"phone"})", "", 0},
      {R"([])", "", 0},
  };
  check(rdt::tel, kCases);
}

BOOST_AUTO_TEST_CASE(pn_and_on_names) {
  static const Case kNames[] = {
      {R"({"use":"official","family":"Jones","given":["Myra","L"],"prefix":["Ms."],"suffix":["PhD"]})",
       R"(<x use="C"><prefix>Ms.</prefix><given>Myra</given><given>L</given><family>Jones</family><suffix>PhD</suffix></x>)",
       0},
      // FC-NameUse rows
      {R"({"use":"usual","family":"A"})", R"(<x use="L"><family>A</family></x>)", 0},
      {R"({"use":"nickname","given":["Bo"]})", R"(<x use="P"><given>Bo</given></x>)", 0},
      {R"({"use":"anonymous","given":["X"]})", R"(<x use="P"><given>X</given></x>)", 0},
      {R"({"use":"maiden","family":"B"})", R"(<x><family>B</family></x>)", 1},
      {R"({"use":"temp","family":"B"})", R"(<x><family>B</family></x>)", 1},
      {R"({"use":"old","family":"B"})", R"(<x><family>B</family></x>)", 1},
      // unstructured, and text beside parts
      {R"({"text":"Dr. Adam Everyman"})", R"(<x>Dr. Adam Everyman</x>)", 0},
      {R"({"text":"Adam Everyman","family":"Everyman"})", R"(<x><family>Everyman</family></x>)", 1},
      // period -> validTime
      {R"({"family":"A","period":{"start":"2001"}})",
       R"(<x><family>A</family><validTime><low value="2001"/></validTime></x>)", 0},
      // escaping, blanks
      {R"({"family":"O'Brien & Sons <x>","given":[" ",""]})",
       R"(<x><family>O'Brien &amp; Sons &lt;x&gt;</family></x>)", 0},
      {R"({"use":"usual"})", "", 0},
      {R"({})", "", 0},
  };
  check(rdt::pn, kNames);
  static const Case kOrgs[] = {
      {R"("Good Health Clinic")", R"(<x>Good Health Clinic</x>)", 0},
      {R"(" ")", "", 0},
      {R"(5)", "", 0},
  };
  check(rdt::on, kOrgs);
}

BOOST_AUTO_TEST_CASE(names_addresses_telecoms_round_trip_through_the_forward_converter) {
  static const char* kAddresses[] = {
      R"({"use":"home","line":["1 Main St"],"city":"Boston","state":"MA","postalCode":"02101","country":"US"})",
      R"({"use":"work","type":"both","line":["a","b"],"city":"c","district":"d","state":"e","postalCode":"f","country":"g","period":{"start":"2020-01-01"}})",
      R"({"use":"temp","type":"physical","city":"x"})",
      R"({"use":"old","type":"postal","city":"x"})",
      R"({"text":"somewhere"})",
  };
  for (const char* a : kAddresses) {
    RdtFixture f;
    Json in = Json::parse(a);
    BOOST_TEST_CONTEXT(a) {
      BOOST_TEST(f.round_trip(rdt::ad, dt::address, in).dump() == in.dump());
    }
  }
  static const char* kTelecoms[] = {
      R"({"system":"phone","value":"+1(555)867-5309","use":"home"})",
      R"({"system":"phone","value":"555","use":"work"})",
      R"({"system":"phone","value":"555","use":"mobile"})",
      R"({"system":"phone","value":"555","use":"temp"})",
      R"({"system":"phone","value":"555","use":"old"})",
      R"({"system":"email","value":"a@example.org"})",
      R"({"system":"fax","value":"+1-555-0100","use":"work"})",
      R"({"system":"url","value":"http://example.org"})",
      R"({"system":"sms","value":"+15550102"})",
      R"({"system":"phone","value":"1","period":{"start":"2020","end":"2021"}})",
  };
  for (const char* t : kTelecoms) {
    RdtFixture f;
    Json in = Json::parse(t);
    BOOST_TEST_CONTEXT(t) {
      BOOST_TEST(f.round_trip(rdt::tel, dt::contact_point, in).dump() == in.dump());
    }
  }
  static const char* kNames[] = {
      R"({"use":"official","family":"Jones","given":["Myra","L"],"prefix":["Ms."],"suffix":["PhD"]})",
      R"({"use":"usual","family":"A","period":{"start":"2001","end":"2002-02"}})",
      R"({"use":"anonymous","given":["X"]})",
      R"({"given":["Only"]})",
      R"({"text":"Dr. Adam Everyman"})",
  };
  for (const char* n : kNames) {
    RdtFixture f;
    Json in = Json::parse(n);
    BOOST_TEST_CONTEXT(n) {
      BOOST_TEST(f.round_trip(rdt::pn, dt::human_name, in).dump() == in.dump());
    }
  }
  RdtFixture f;
  BOOST_TEST(f.round_trip(rdt::on, dt::organization_name, Json("Acme Labs")) == Json("Acme Labs"));
}

BOOST_AUTO_TEST_CASE(lossy_reverse_mappings_are_the_documented_ones) {
  // nickname and anonymous are both P (FC-NameUse); P reads back as anonymous.
  RdtFixture f;
  Json nickname = Json::parse(R"({"use":"nickname","given":["Bo"]})");
  BOOST_TEST(f.round_trip(rdt::pn, dt::human_name, nickname).dump() ==
             Json::parse(R"({"use":"anonymous","given":["Bo"]})").dump());
  // billing is PST, which reads back as the postal type.
  Json billing = Json::parse(R"({"use":"billing","city":"A"})");
  BOOST_TEST(f.round_trip(rdt::ad, dt::address, billing).dump() ==
             Json::parse(R"({"type":"postal","city":"A"})").dump());
  // A pager is tel: with use PG, which the forward direction reads as a mobile pager.
  Json pager = Json::parse(R"({"system":"pager","value":"1"})");
  BOOST_TEST(f.round_trip(rdt::tel, dt::contact_point, pager).dump() ==
             Json::parse(R"({"system":"pager","value":"1","use":"mobile"})").dump());
}

BOOST_AUTO_TEST_SUITE_END()
