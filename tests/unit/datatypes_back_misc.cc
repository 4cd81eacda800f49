// Attachment -> ED, string -> ST, primitives, data-absent-reason -> nullFlavor, SDTC elements
// and the reverse diagnostic context.
#include <boost/test/unit_test.hpp>

#include "../datatypes/rdt_fixture.h"

using namespace ccdafhir;
using ccdafhir::rdt_test::Case;
using ccdafhir::rdt_test::check;
using ccdafhir::rdt_test::RdtFixture;

BOOST_AUTO_TEST_SUITE(datatypes_back)

BOOST_AUTO_TEST_CASE(ed_and_st) {
  static const Case kAttachments[] = {
      // the guidance's ED example, in reverse
      {R"({"contentType":"text/plain","data":"dGFnZ2VkIHRleHQ=","language":"en"})",
       R"(<x mediaType="text/plain" language="en" representation="B64">dGFnZ2VkIHRleHQ=</x>)", 0},
      {R"({"contentType":"image/png","url":"http://example.org/i.png"})",
       R"(<x mediaType="image/png"><reference value="http://example.org/i.png"/></x>)", 0},
      {R"({"data":"aGk=","title":"t","size":2})", R"(<x representation="B64">aGk=</x>)", 2},
      {R"({"contentType":"text/plain"})", "", 0},
      {R"({})", "", 0},
  };
  check(rdt::ed, kAttachments);
  static const Case kStrings[] = {
      {R"("a < b & c")", R"(<x>a &lt; b &amp; c</x>)", 0},
      {R"("  two  spaces ")", R"(<x>  two  spaces </x>)", 0},
      {R"(" \n ")", "", 0},
      {R"(3)", "", 0},
  };
  check(rdt::st, kStrings);
}

BOOST_AUTO_TEST_CASE(primitives) {
  static const Case kBooleans[] = {
      {R"(true)", R"(<x value="true"/>)", 0},
      {R"(false)", R"(<x value="false"/>)", 0},
      {R"("true")", "", 1},
      {R"(null)", "", 0},
  };
  check(rdt::bl, kBooleans);
  static const Case kIntegers[] = {
      {R"(5)", R"(<x value="5"/>)", 0},
      {R"(-7)", R"(<x value="-7"/>)", 0},
      {R"(5.5)", "", 1},
      {R"("5")", "", 1},
      {R"(null)", "", 0},
  };
  check(rdt::int_, kIntegers);
  static const Case kDecimals[] = {
      {R"(1.5)", R"(<x value="1.5"/>)", 0},
      {R"(2)", R"(<x value="2"/>)", 0},
      {R"(-0.001)", R"(<x value="-0.001"/>)", 0},
      {R"("1")", "", 1},
      {R"(null)", "", 0},
  };
  check(rdt::real, kDecimals);
}

BOOST_AUTO_TEST_CASE(primitives_and_attachments_round_trip_through_the_forward_converter) {
  for (Json v : {Json(true), Json(false)}) {
    RdtFixture f;
    BOOST_TEST(f.round_trip(rdt::bl, dt::boolean, v) == v);
  }
  for (Json v : {Json(0), Json(1), Json(-1), Json(2147483647), Json(-2147483648LL)}) {
    RdtFixture f;
    BOOST_TEST(f.round_trip(rdt::int_, dt::integer, v) == v);
  }
  for (Json v : {Json(0), Json(1.5), Json(-2.25), Json(1e-9), Json(123456.789)}) {
    RdtFixture f;
    BOOST_TEST(f.round_trip(rdt::real, dt::decimal, v) == v);
  }
  for (const char* a : {R"({"contentType":"text/plain","language":"en","data":"dGFnZ2VkIHRleHQ="})",
                        R"({"contentType":"application/pdf","data":"JVBERi0xLjQK"})",
                        R"({"contentType":"image/png","url":"https://example.org/i.png"})"}) {
    RdtFixture f;
    Json in = Json::parse(a);
    BOOST_TEST_CONTEXT(a) {
      BOOST_TEST(f.round_trip(rdt::ed, dt::attachment, in).dump() == in.dump());
    }
  }
  RdtFixture f;
  BOOST_TEST(f.round_trip(rdt::st, dt::text, Json("plain words")) == Json("plain words"));
}

BOOST_AUTO_TEST_CASE(null_flavor_for_follows_the_fc_concept_map) {
  struct Row {
    const char* reason;
    const char* null_flavor;
  };
  static const Row kRows[] = {
      {"unknown", "NI"},
      {"asked-unknown", "ASKU"},
      {"temp-unknown", "NAV"},
      {"not-asked", "NASK"},
      {"asked-declined", "UNK"},
      {"masked", "MSK"},
      {"not-applicable", "NA"},
      {"unsupported", "NI"},
      {"as-text", "OTH"},
      {"error", "NAV"},
      {"not-a-number", "OTH"},
      {"negative-infinity", "NINF"},
      {"positive-infinity", "PINF"},
      {"not-performed", "NASK"},
      {"not-permitted", "OTH"},
      // not in the map, or nothing: no information
      {"", "NI"},
      {"bogus", "NI"},
      {"UNK", "NI"},
  };
  for (const Row& r : kRows) {
    BOOST_TEST_CONTEXT(r.reason) {
      BOOST_TEST(rdt::null_flavor_for(r.reason, rdt_test::concept_maps()) == r.null_flavor);
    }
  }
  // The table above is the whole map: every source code of the data file is covered.
  const ConceptMap* map = rdt_test::concept_maps().find("FC-DataAbsentReasonNullFlavor");
  BOOST_REQUIRE(map);
  for (const auto& [code, target] : map->entries()) {
    BOOST_TEST(rdt::null_flavor_for(code, rdt_test::concept_maps()) == target.code);
  }
  BOOST_TEST(map->entries().size() == 15u);
  ConceptMaps none;
  BOOST_TEST(rdt::null_flavor_for("masked", none) == "NI");
}

BOOST_AUTO_TEST_CASE(datatype_content_under_sdtc_elements_is_hl7_v3) {
  RdtFixture f;
  xmlNode* root = xmlDocGetRootElement(f.element("x")->doc);
  xmlNs* sdtc =
      xmlSearchNsByHref(root->doc, root, reinterpret_cast<const xmlChar*>("urn:hl7-org:sdtc"));
  xmlNode* race = xmlNewChild(root, sdtc, reinterpret_cast<const xmlChar*>("raceCode"), nullptr);
  Json cc = Json::parse(
      R"({"coding":[{"system":"urn:oid:2.16.840.1.113883.6.238","code":"2106-3"},{"system":"urn:oid:2.16.840.1.113883.6.238","code":"1002-5"}],"text":"White"})");
  BOOST_TEST(rdt::cd(cc, race, f.ctx));
  BOOST_TEST(
      RdtFixture::print(race) ==
      R"(<sdtc:raceCode code="2106-3" codeSystem="2.16.840.1.113883.6.238"><originalText>White</originalText><translation code="1002-5" codeSystem="2.16.840.1.113883.6.238"/></sdtc:raceCode>)");
  xmlNode* typed = xmlNewChild(root, sdtc, reinterpret_cast<const xmlChar*>("value"), nullptr);
  BOOST_TEST(rdt::value(Json(1), "Integer", typed, f.ctx));
  BOOST_TEST(RdtFixture::print(typed) == R"(<sdtc:value value="1" xsi:type="INT"/>)");
}

BOOST_AUTO_TEST_CASE(reverse_context_reports_fhir_path_and_rule) {
  RdtFixture f;
  f.ctx.fhir_path = "Patient.identifier[2]";
  f.ctx.rule_id = "patient/identifier";
  BOOST_TEST(f.run(rdt::ii, R"({"system":"not a uri","value":"1"})") == "");
  BOOST_REQUIRE(f.reports() == 1u);
  const Diagnostic& d = f.sink.items()[0];
  BOOST_TEST(d.fhir_path == "Patient.identifier[2]");
  BOOST_TEST(d.rule_id == "patient/identifier");
  BOOST_TEST(d.source_path.empty());
  BOOST_TEST((d.severity == Severity::kWarning));
  // Diagnostics name paths, never values.
  BOOST_TEST(d.message.find("not a uri") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
