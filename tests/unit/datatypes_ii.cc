// II -> Identifier (mappingGuidance.md "CDA id -> FHIR Identifier with Example Mapping").
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_cases.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::Case;
using ccdafhir::dt_test::check_cases;
using ccdafhir::dt_test::DtFixture;

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(identifier_guidance_table_rows) {
  static const Case kCases[] = {
      // URL exists: translate
      {R"(<id root="2.16.840.1.113883.4.1" extension="123-45-6789"/>)",
       R"({"system":"http://hl7.org/fhir/sid/us-ssn","value":"123-45-6789"})", 0},
      // No URL exists: use OID
      {R"(<id root="2.16.840.1.113883.4.500" extension="12345V7890"/>)",
       R"({"system":"urn:oid:2.16.840.1.113883.4.500","value":"12345V7890"})", 0},
      // No URL exists and no extension
      {R"(<id root="2.16.840.1.123.4.50.123456789"/>)",
       R"({"system":"urn:ietf:rfc:3986","value":"urn:oid:2.16.840.1.123.4.50.123456789"})", 0},
      // UUID-only, upper case in CDA, lower case in FHIR
      {R"(<id root="67265ED2-35BB-43F8-B9DE-91C5935625E0"/>)",
       R"({"system":"urn:ietf:rfc:3986","value":"urn:uuid:67265ed2-35bb-43f8-b9de-91c5935625e0"})",
       0},
      // UUID with extension
      {R"(<id root="67265ED2-35BB-43F8-B9DE-91C5935625E0" extension="abcd"/>)",
       R"({"system":"urn:uuid:67265ed2-35bb-43f8-b9de-91c5935625e0","value":"abcd"})", 0},
      // Extension-only
      {R"(<id extension="Z1124"/>)", R"({"value":"Z1124"})", 0},
      // Root = URI OID, value = URL: split on /
      {R"(<id root="2.16.840.1.113883.4.873" extension="http://myorg.com/patient/1234"/>)",
       R"({"system":"http://myorg.com/patient","value":"1234"})", 0},
      // Root = URI OID, value = URN: split on :
      {R"(<id root="2.16.840.1.113883.4.873" extension="urn:myNID:myOrg:Z3321"/>)",
       R"({"system":"urn:myNID:myOrg","value":"Z3321"})", 0},
  };
  check_cases(identifier, kCases);
}

BOOST_AUTO_TEST_CASE(identifier_null_flavor_and_missing_values) {
  static const Case kCases[] = {
      {R"(<id nullFlavor="NI"/>)", "null", 0},
      {R"(<id/>)", "null", 0},
      {R"(<id root="" extension=""/>)", "null", 0},
      // Known system with nullFlavor and no value (unknown NPI): data-absent-reason on value.
      {R"(<id root="2.16.840.1.113883.4.6" nullFlavor="UNK"/>)",
       R"({"system":"http://hl7.org/fhir/sid/us-npi","_value":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]}})",
       0},
      {R"(<id root="2.16.840.1.113883.4.1" nullFlavor="MSK"/>)",
       R"({"system":"http://hl7.org/fhir/sid/us-ssn","_value":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"masked"}]}})",
       0},
      // Known system, no extension, no nullFlavor: never the OID as value (note 1); reported.
      {R"(<id root="2.16.840.1.113883.4.6"/>)",
       R"({"system":"http://hl7.org/fhir/sid/us-npi","_value":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]}})",
       1},
      // A root of no known system with a nullFlavor and no extension (an organization whose id
      // is unknown, each document giving it another random root): not an identifier value; the
      // root is the system, data-absent-reason is on value (the NPI case above), so the id goes
      // back as the same root and nullFlavor.
      {R"(<id root="587E98F5-E8AA-43EA-B5B3-A714D78CB922" nullFlavor="UNK"/>)",
       R"({"system":"urn:uuid:587e98f5-e8aa-43ea-b5b3-a714d78cb922","_value":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]}})",
       0},
      {R"(<id root="2.16.840.1.113883.19.5" nullFlavor="NI"/>)",
       R"({"system":"urn:oid:2.16.840.1.113883.19.5","_value":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]}})",
       0},
      // An extension wins over a stray nullFlavor.
      {R"(<id root="2.16.840.1.113883.4.6" extension="1234567893" nullFlavor="UNK"/>)",
       R"({"system":"http://hl7.org/fhir/sid/us-npi","value":"1234567893"})", 0},
  };
  check_cases(identifier, kCases);
}

BOOST_AUTO_TEST_CASE(identifier_assigner_whitespace_and_odd_roots) {
  static const Case kCases[] = {
      {R"(<id root="2.16.840.1.113883.19.5" extension="998991" assigningAuthorityName="Good Health Clinic"/>)",
       R"({"system":"urn:oid:2.16.840.1.113883.19.5","value":"998991","assigner":{"display":"Good Health Clinic"}})",
       0},
      {R"(<id root=" 2.16.840.1.113883.4.1 " extension=" 111-00-2222 "/>)",
       R"({"system":"http://hl7.org/fhir/sid/us-ssn","value":"111-00-2222"})", 0},
      // Not an OID or UUID: the extension is kept, the system is data-absent, reported.
      {R"(<id root="not-an-oid" extension="42"/>)",
       R"({"_system":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]},"value":"42"})",
       1},
      {R"(<id root="not-an-oid"/>)", "null", 1},
      {R"(<id root="1..2"/>)", "null", 1},
      // URI OID root without a splittable extension.
      {R"(<id root="2.16.840.1.113883.4.873" extension="plainvalue"/>)",
       R"({"system":"urn:ietf:rfc:3986","value":"plainvalue"})", 0},
      {R"(<id root="2.16.840.1.113883.4.873" extension="https://example.org/ids/7"/>)",
       R"({"system":"https://example.org/ids","value":"7"})", 0},
      // Lower-case UUID stays lower case.
      {R"(<id root="cdbd33f0-6cde-11db-9fe1-0800200c9a66"/>)",
       R"({"system":"urn:ietf:rfc:3986","value":"urn:uuid:cdbd33f0-6cde-11db-9fe1-0800200c9a66"})",
       0},
  };
  check_cases(identifier, kCases);
  DtFixture f;
  BOOST_TEST(identifier(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_SUITE_END()
