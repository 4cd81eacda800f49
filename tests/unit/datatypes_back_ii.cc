// Identifier -> II (mappingGuidance.md "FHIR Identifier -> CDA id with Example Mapping").
#include <boost/test/unit_test.hpp>

#include "../datatypes/rdt_fixture.h"

using namespace ccdafhir;
using ccdafhir::rdt_test::Case;
using ccdafhir::rdt_test::check;
using ccdafhir::rdt_test::RdtFixture;

BOOST_AUTO_TEST_SUITE(datatypes_back)

BOOST_AUTO_TEST_CASE(ii_guidance_table_rows) {
  static const Case kCases[] = {
      // OID exists: translate
      {R"({"system":"http://hl7.org/fhir/sid/us-ssn","value":"123-45-6789"})",
       R"(<x root="2.16.840.1.113883.4.1" extension="123-45-6789"/>)", 0},
      // OID value: use OID as root
      {R"({"system":"urn:ietf:rfc:3986","value":"urn:oid:2.16.840.1.123.4.50.123456789"})",
       R"(<x root="2.16.840.1.123.4.50.123456789"/>)", 0},
      // UUID value: use UUID as root, upper case
      {R"({"system":"urn:ietf:rfc:3986","value":"urn:uuid:67265ed2-35bb-43f8-b9de-91c5935625e0"})",
       R"(<x root="67265ED2-35BB-43F8-B9DE-91C5935625E0"/>)", 0},
      // No OID exists: concatenate (URL)
      {R"({"system":"http://www.myOrg.com/patients","value":"123456789"})",
       R"(<x root="2.16.840.1.113883.4.873" extension="http://www.myOrg.com/patients/123456789"/>)",
       0},
      // No OID exists: concatenate (URN)
      {R"({"system":"urn:myNID:myOrganization","value":"123456789"})",
       R"(<x root="2.16.840.1.113883.4.873" extension="urn:myNID:myOrganization:123456789"/>)", 0},
      // OID in system: remove prefix
      {R"({"system":"urn:oid:2.16.840.1.113883.4.500","value":"12345V7890"})",
       R"(<x root="2.16.840.1.113883.4.500" extension="12345V7890"/>)", 0},
  };
  check(rdt::ii, kCases);
}

BOOST_AUTO_TEST_CASE(ii_other_branches) {
  static const Case kCases[] = {
      // UUID system with a value (the reverse of the forward "UUID with extension" row)
      {R"({"system":"urn:uuid:67265ed2-35bb-43f8-b9de-91c5935625e0","value":"abcd"})",
       R"(<x root="67265ED2-35BB-43F8-B9DE-91C5935625E0" extension="abcd"/>)", 0},
      // value only: extension only, reported
      {R"({"value":"Z1124"})", R"(<x extension="Z1124"/>)", 1},
      // value only but it is a urn:oid: the root
      {R"({"value":"urn:oid:1.2.3.4"})", R"(<x root="1.2.3.4"/>)", 0},
      // a URL used as an id under urn:ietf:rfc:3986
      {R"({"system":"urn:ietf:rfc:3986","value":"http://example.org/ids/7"})",
       R"(<x root="2.16.840.1.113883.4.873" extension="http://example.org/ids/7"/>)", 0},
      // known system, value absent with a data-absent-reason: nullFlavor through the FC map
      {R"({"system":"http://hl7.org/fhir/sid/us-npi","_value":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"masked"}]}})",
       R"(<x root="2.16.840.1.113883.4.6" nullFlavor="MSK"/>)", 0},
      {R"({"system":"http://hl7.org/fhir/sid/us-npi","_value":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]}})",
       R"(<x root="2.16.840.1.113883.4.6" nullFlavor="NI"/>)", 0},
      // a UUID root whose value is unknown (what to-fhir makes of <id root=".." nullFlavor="UNK"/>)
      {R"({"system":"urn:uuid:587e98f5-e8aa-43ea-b5b3-a714d78cb922","_value":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]}})",
       R"(<x root="587E98F5-E8AA-43EA-B5B3-A714D78CB922" nullFlavor="NI"/>)", 0},
      // known system and no value at all: NI
      {R"({"system":"http://hl7.org/fhir/sid/us-npi"})",
       R"(<x root="2.16.840.1.113883.4.6" nullFlavor="NI"/>)", 0},
      // assigner.display -> assigningAuthorityName; type/period reported
      {R"({"system":"urn:oid:1.2.3","value":"9","assigner":{"display":"Good Health"}})",
       R"(<x root="1.2.3" extension="9" assigningAuthorityName="Good Health"/>)", 0},
      {R"({"use":"official","type":{"text":"MR"},"system":"urn:oid:1.2.3","value":"9"})",
       R"(<x root="1.2.3" extension="9"/>)", 1},
      // a system already ending in its separator is not doubled
      {R"({"system":"http://example.org/mrn/","value":"42"})",
       R"(<x root="2.16.840.1.113883.4.873" extension="http://example.org/mrn/42"/>)", 0},
      {R"({"system":"urn:example:","value":"42"})",
       R"(<x root="2.16.840.1.113883.4.873" extension="urn:example:42"/>)", 0},
      // whitespace around system and value is not data
      {R"({"system":" urn:oid:1.2.3 ","value":" 9 "})", R"(<x root="1.2.3" extension="9"/>)", 0},
      // nothing to write
      {R"({})", "", 0},
      {R"({"system":"urn:oid:1.2.3"})", R"(<x root="1.2.3" nullFlavor="NI"/>)", 0},
      {R"({"system":"urn:ietf:rfc:3986"})", "", 0},
      {R"("not an object")", "", 0},
      // a URL system without value cannot be concatenated
      {R"({"system":"http://example.org/mrn"})", "", 1},
      // not a URI, and a broken OID
      {R"({"system":"local MRN","value":"1"})", "", 1},
      {R"({"system":"urn:oid:1..2","value":"1"})", "", 1},
  };
  check(rdt::ii, kCases);
}

BOOST_AUTO_TEST_CASE(ii_round_trips_through_the_forward_converter) {
  std::vector<Json> ids;
  for (const char* system :
       {"http://hl7.org/fhir/sid/us-ssn", "http://hl7.org/fhir/sid/us-npi", "urn:oid:1.2.3.4.5",
        "urn:oid:2.16.840.1.113883.19.5.99999.2", "urn:uuid:67265ed2-35bb-43f8-b9de-91c5935625e0",
        "http://example.org/fhir/mrn", "https://example.org/a/b", "urn:example:ids"}) {
    for (const char* value : {"1", "123-45-6789", "V 12", "abc.def"}) {
      ids.push_back(Json{{"system", system}, {"value", value}});
    }
  }
  for (const char* uid : {"urn:oid:1.2.3", "urn:oid:2.16.840.1.113883.4.6.12345",
                          "urn:uuid:00000000-0000-4000-8000-00000000abcd"}) {
    ids.push_back(Json{{"system", "urn:ietf:rfc:3986"}, {"value", uid}});
  }
  ids.push_back(Json{{"value", "only-a-value"}});
  ids.push_back(
      Json{{"system", "urn:oid:1.2.3"}, {"value", "7"}, {"assigner", {{"display", "X"}}}});
  for (const Json& id : ids) {
    RdtFixture f;
    BOOST_TEST_CONTEXT(id.dump()) {
      BOOST_TEST(f.round_trip(rdt::ii, dt::identifier, id).dump() == id.dump());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
