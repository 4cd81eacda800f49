// Entry tables of the medications domain: Medication Activity (MedicationStatement for EVN,
// MedicationRequest otherwise), Planned Medication Activity, Medication Supply Order
// (dispenseRequest, or a MedicationRequest of its own under an EVN activity), Medication
// Dispense, Immunization Activity (Immunization for EVN, MedicationRequest for INT) and Planned
// Immunization Activity. Hand-written fixtures asserted field by field, plus extracts of real
// corpus documents.
#include "test_support.h"

using namespace ccdafhir;

namespace {

using test::has_coding;
using test::has_profile;
using test::only;

const char* kRxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
const char* kCvx = "http://hl7.org/fhir/sid/cvx";
const char* kNdc = "http://hl7.org/fhir/sid/ndc";
const char* kNci = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl";
const char* kSnomed = "http://snomed.info/sct";
const char* kUcum = "http://unitsofmeasure.org";
const char* kActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
const char* kDar = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
const char* kUsCoreMedRequest =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationrequest";
const char* kUsCoreImmunization =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-immunization";
const char* kUsCoreDispense =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationdispense";
const char* kUsCoreMedication =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medication";

std::string resolved_type(const Json& bundle, const Json& reference) {
  Json r = test::resolve(bundle, reference);
  return r.is_object() ? r.value("resourceType", "") : "";
}

// The resource whose identifier value is `value` among resources of `type`.
Json with_identifier(const Json& bundle, const std::string& type, const std::string& value) {
  for (const auto& r : test::resources_of(bundle, type)) {
    for (const auto& id : r.value("identifier", Json::array())) {
      if (id.value("value", "") == value) return r;
    }
  }
  return nullptr;
}

const std::string kRefusedInfluenzaVaccine = R"(
<substanceAdministration classCode="SBADM" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.52"/>
  <templateId root="2.16.840.1.113883.10.20.22.4.52" extension="2015-08-01"/>
  <id root="8d5942f9-5413-4486-af89-dcc5603dbec7"/>
  <statusCode code="completed"/>
  <effectiveTime value="20151115"/>
  <consumable>
    <manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.54" extension="2014-06-09"/>
      <manufacturedMaterial>
        <code code="88" codeSystem="2.16.840.1.113883.12.292" codeSystemName="CVX" displayName="Influenza virus vaccine">
          <translation code="49281-0422-50" codeSystem="2.16.840.1.113883.6.69" codeSystemName="NDC" displayName="Influenza vaccine"/>
        </code>
      </manufacturedMaterial>
    </manufacturedProduct>
  </consumable>
  <entryRelationship typeCode="RSON">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.53"/>
      <id root="c1296315-9a6d-45a2-aac0-ee225d375409"/>
      <code code="PATOBJ" codeSystem="2.16.840.1.113883.5.8" codeSystemName="HL7 ActNoImmunizationReason" displayName="patient objection"/>
      <statusCode code="completed"/>
    </observation>
  </entryRelationship>
</substanceAdministration>)";

const std::string kGivenHepatitisBVaccine = R"(
<substanceAdministration classCode="SBADM" moodCode="EVN" negationInd="false">
  <templateId root="2.16.840.1.113883.10.20.22.4.52" extension="2015-08-01"/>
  <id root="e6f1ba43-c0ed-4b9b-9f12-f435d8ad8f92"/>
  <statusCode code="completed"/>
  <effectiveTime value="20100815"/>
  <repeatNumber value="2"/>
  <routeCode code="C28161" codeSystem="2.16.840.1.113883.3.26.1.1" displayName="Intramuscular Route of Administration"/>
  <approachSiteCode code="368208006" codeSystem="2.16.840.1.113883.6.96" displayName="Left upper arm structure"/>
  <doseQuantity value="0.5" unit="mL"/>
  <consumable>
    <manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.54" extension="2014-06-09"/>
      <manufacturedMaterial>
        <code code="43" codeSystem="2.16.840.1.113883.12.292" displayName="hepatitis B vaccine, adult dosage"/>
        <lotNumberText>HB-2231</lotNumberText>
      </manufacturedMaterial>
      <manufacturerOrganization><name>Health LS - Immuno Inc.</name></manufacturerOrganization>
    </manufacturedProduct>
  </consumable>
  <performer>
    <assignedEntity>
      <id root="2.16.840.1.113883.19.5.9999.456" extension="2981824"/>
      <assignedPerson><name><given>Amanda</given><family>Assigned</family></name></assignedPerson>
      <representedOrganization><name>Good Health Clinic</name></representedOrganization>
    </assignedEntity>
  </performer>
  <author>
    <templateId root="2.16.840.1.113883.10.20.22.4.119"/>
    <time value="20100815"/>
    <assignedAuthor>
      <id root="2.16.840.1.113883.4.6" extension="99999999"/>
      <assignedPerson><name><given>Henry</given><family>Seven</family></name></assignedPerson>
    </assignedAuthor>
  </author>
  <entryRelationship typeCode="RSON">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.19" extension="2023-05-01"/>
      <id root="db734647-fc99-424c-a864-7e3cda82e703"/>
      <code code="75321-0" codeSystem="2.16.840.1.113883.6.1" displayName="Clinical finding"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96" displayName="Asthma"/>
    </observation>
  </entryRelationship>
</substanceAdministration>)";

// Metoprolol 25 mg by mouth every 12 hours, taken from 2023-01-10 to 2023-06-30.
const std::string kMetoprololEvery12Hours = R"(
<substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
  <id root="1c8a9b3e-6d1f-4c21-9a77-2d0c5e3f9a10"/>
  <statusCode code="completed"/>
  <effectiveTime xsi:type="IVL_TS"><low value="20230110"/><high value="20230630"/></effectiveTime>
  <effectiveTime xsi:type="PIVL_TS" institutionSpecified="false" operator="A"><period value="12" unit="h"/></effectiveTime>
  <routeCode code="C38288" codeSystem="2.16.840.1.113883.3.26.1.1" codeSystemName="NCI Thesaurus" displayName="Oral Route of Administration"/>
  <doseQuantity value="25" unit="mg"/>
  <consumable>
    <manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.23" extension="2014-06-09"/>
      <manufacturedMaterial>
        <code code="866427" codeSystem="2.16.840.1.113883.6.88" displayName="metoprolol succinate 25 MG Extended Release Oral Tablet"/>
      </manufacturedMaterial>
    </manufacturedProduct>
  </consumable>
  <author>
    <templateId root="2.16.840.1.113883.10.20.22.4.119"/>
    <time value="20230110093000-0500"/>
    <assignedAuthor>
      <id root="2.16.840.1.113883.4.6" extension="1112223334"/>
      <assignedPerson><name><given>Ann</given><family>Prescriber</family></name></assignedPerson>
    </assignedAuthor>
  </author>
  <entryRelationship typeCode="COMP">
    <substanceAdministration classCode="SBADM" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.147"/>
      <code code="76662-6" codeSystem="2.16.840.1.113883.6.1" displayName="Medication Instructions"/>
      <text>Take one tablet by mouth every 12 hours</text>
      <consumable><manufacturedProduct><manufacturedLabeledDrug nullFlavor="NA"/></manufacturedProduct></consumable>
    </substanceAdministration>
  </entryRelationship>
  <entryRelationship typeCode="SUBJ" inversionInd="true">
    <act classCode="ACT" moodCode="INT">
      <templateId root="2.16.840.1.113883.10.20.22.4.20" extension="2014-06-09"/>
      <code code="PINSTRUCT" codeSystem="2.16.840.1.113883.11.20.9.34" displayName="patient instructions"/>
      <text>Do not crush or chew</text>
      <statusCode code="completed"/>
    </act>
  </entryRelationship>
  <entryRelationship typeCode="RSON">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.19"/>
      <id root="2c8a9b3e-6d1f-4c21-9a77-2d0c5e3f9a11"/>
      <code code="75321-0" codeSystem="2.16.840.1.113883.6.1"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="38341003" codeSystem="2.16.840.1.113883.6.96" displayName="Hypertension"/>
    </observation>
  </entryRelationship>
</substanceAdministration>)";

// An INT prescription: lisinopril, twice a day at institution-specified times, with a supply
// order (30 tablets, 3 fills, valid until 2024-06-01) and one dispense.
const std::string kLisinoprilPrescription = R"(
<substanceAdministration classCode="SBADM" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
  <id root="a1b2c3d4-0000-4000-8000-000000000001"/>
  <statusCode code="active"/>
  <effectiveTime xsi:type="IVL_TS"><low value="20240101"/><high nullFlavor="UNK"/></effectiveTime>
  <effectiveTime xsi:type="PIVL_TS" institutionSpecified="true" operator="A"><period value="12" unit="h"/></effectiveTime>
  <routeCode code="C38288" codeSystem="2.16.840.1.113883.3.26.1.1" displayName="Oral Route of Administration"/>
  <doseQuantity value="1"/>
  <maxDoseQuantity><numerator value="2"/><denominator value="1" unit="d"/></maxDoseQuantity>
  <consumable>
    <manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.23" extension="2014-06-09"/>
      <manufacturedMaterial>
        <code code="314076" codeSystem="2.16.840.1.113883.6.88" displayName="lisinopril 10 MG Oral Tablet"/>
      </manufacturedMaterial>
    </manufacturedProduct>
  </consumable>
  <author>
    <templateId root="2.16.840.1.113883.10.20.22.4.119"/>
    <time value="20231231101500-0500"/>
    <assignedAuthor>
      <id root="2.16.840.1.113883.4.6" extension="5556667778"/>
      <code code="207Q00000X" codeSystem="2.16.840.1.113883.6.101" displayName="Family Medicine"/>
      <assignedPerson><name><given>Fay</given><family>Physician</family></name></assignedPerson>
      <representedOrganization><id root="2.16.840.1.113883.19.5.7"/><name>Main Street Clinic</name></representedOrganization>
    </assignedAuthor>
  </author>
  <entryRelationship typeCode="REFR">
    <supply classCode="SPLY" moodCode="INT">
      <templateId root="2.16.840.1.113883.10.20.22.4.17" extension="2014-06-09"/>
      <id root="a1b2c3d4-0000-4000-8000-000000000002"/>
      <statusCode code="completed"/>
      <effectiveTime xsi:type="IVL_TS"><high value="20240601"/></effectiveTime>
      <repeatNumber value="3"/>
      <quantity value="30"/>
    </supply>
  </entryRelationship>
  <entryRelationship typeCode="REFR">
    <supply classCode="SPLY" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.18" extension="2014-06-09"/>
      <id root="1.2.3.4.56789.1" extension="disp-1"/>
      <statusCode code="completed"/>
      <effectiveTime value="202401021430-0500"/>
      <quantity value="30"/>
      <product>
        <manufacturedProduct classCode="MANU">
          <templateId root="2.16.840.1.113883.10.20.22.4.23" extension="2014-06-09"/>
          <manufacturedMaterial>
            <code code="314076" codeSystem="2.16.840.1.113883.6.88" displayName="lisinopril 10 MG Oral Tablet"/>
          </manufacturedMaterial>
        </manufacturedProduct>
      </product>
      <performer>
        <assignedEntity>
          <id root="2.16.840.1.113883.19.5.9999.456" extension="pharm-1"/>
          <representedOrganization><id root="2.16.840.1.113883.19.5.9"/><name>Corner Pharmacy</name></representedOrganization>
        </assignedEntity>
      </performer>
    </supply>
  </entryRelationship>
</substanceAdministration>)";

std::string planned_medication(const std::string& mood) {
  return R"(
<substanceAdministration classCode="SBADM" moodCode=")" +
         mood + R"(">
  <templateId root="2.16.840.1.113883.10.20.22.4.42" extension="2014-06-09"/>
  <id root="b0b0b0b0-1111-4222-8333-444444444444"/>
  <statusCode code="active"/>
  <effectiveTime value="20240315"/>
  <doseQuantity value="1"/>
  <consumable>
    <manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.23" extension="2014-06-09"/>
      <manufacturedMaterial>
        <code code="197361" codeSystem="2.16.840.1.113883.6.88" displayName="amlodipine 5 MG Oral Tablet"/>
      </manufacturedMaterial>
    </manufacturedProduct>
  </consumable>
</substanceAdministration>)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(entries)

// --- Immunization Activity ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(refused_influenza_vaccine_is_not_done_with_patient_objection_reason) {
  Json b = test::convert_xml(test::wrap_entry(kRefusedInfluenzaVaccine, "11369-6"));
  Json imm = only(b, "Immunization");
  BOOST_TEST(has_profile(imm, kUsCoreImmunization));
  BOOST_TEST(imm["status"] == "not-done");
  BOOST_REQUIRE(imm.contains("statusReason"));
  const Json& reason = imm["statusReason"]["coding"][0];
  BOOST_TEST(reason["system"] == kActReason);
  BOOST_TEST(reason["code"] == "PATOBJ");
  BOOST_TEST(reason["display"] == "patient objection");
  BOOST_TEST(has_coding(imm["vaccineCode"], kCvx, "88"));
  BOOST_TEST(has_coding(imm["vaccineCode"], kNdc, "49281-0422-50"));
  BOOST_TEST(imm["vaccineCode"]["coding"][0]["system"] == kCvx);  // CVX first, NDC a translation
  BOOST_TEST(imm["occurrenceDateTime"] == "2015-11-15");
  BOOST_TEST(imm["identifier"][0]["value"] == "urn:uuid:8d5942f9-5413-4486-af89-dcc5603dbec7");
  BOOST_TEST(resolved_type(b, imm["patient"]) == "Patient");
  BOOST_TEST(!imm.contains("reasonCode"));  // the refusal reason is not an indication
  BOOST_TEST(!imm.contains("primarySource"));
  BOOST_TEST(test::resources_of(b, "MedicationRequest").empty());
}

BOOST_AUTO_TEST_CASE(
    given_hepatitis_b_vaccine_maps_lot_manufacturer_performer_dose_and_indication) {
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(kGivenHepatitisBVaccine, "11369-6"), &result);
  Json imm = only(b, "Immunization");
  BOOST_TEST(imm["status"] == "completed");
  BOOST_TEST(!imm.contains("statusReason"));
  BOOST_TEST(has_coding(imm["vaccineCode"], kCvx, "43"));
  BOOST_TEST(imm["occurrenceDateTime"] == "2010-08-15");
  BOOST_TEST(imm["recorded"] == "2010-08-15");
  BOOST_TEST(imm["lotNumber"] == "HB-2231");
  Json manufacturer = test::resolve(b, imm["manufacturer"]);
  BOOST_TEST(manufacturer["resourceType"] == "Organization");
  BOOST_TEST(manufacturer["name"] == "Health LS - Immuno Inc.");
  BOOST_TEST(has_coding(imm["route"], kNci, "C28161"));
  BOOST_TEST(has_coding(imm["site"], kSnomed, "368208006"));
  BOOST_TEST(imm["doseQuantity"]["value"] == 0.5);
  BOOST_TEST(imm["doseQuantity"]["code"] == "mL");
  BOOST_TEST(imm["doseQuantity"]["system"] == kUcum);
  BOOST_REQUIRE_EQUAL(imm["performer"].size(), 1u);
  BOOST_TEST(has_coding(imm["performer"][0]["function"],
                        "http://terminology.hl7.org/CodeSystem/v2-0443", "AP"));
  BOOST_TEST(resolved_type(b, imm["performer"][0]["actor"]) == "PractitionerRole");
  BOOST_REQUIRE_EQUAL(imm["protocolApplied"].size(), 1u);
  BOOST_TEST(imm["protocolApplied"][0]["doseNumberPositiveInt"] == 2);
  BOOST_REQUIRE_EQUAL(imm["reasonCode"].size(), 1u);
  BOOST_TEST(has_coding(imm["reasonCode"][0], kSnomed, "195967001"));
  Json prov = only(b, "Provenance");
  BOOST_TEST(prov["target"][0]["reference"] == "urn:uuid:" + imm["id"].get<std::string>());
  BOOST_REQUIRE_EQUAL(result.trace.size(), 1u);
  BOOST_TEST(result.trace[0].rule == "immunization-activity");
}

BOOST_AUTO_TEST_CASE(immunization_with_unknown_date_marks_occurrence_absent) {
  std::string xml = kGivenHepatitisBVaccine;
  xml.replace(xml.find(R"(<effectiveTime value="20100815"/>)"), 33,
              R"(<effectiveTime nullFlavor="UNK"/>)");
  Json imm = only(test::convert_xml(test::wrap_entry(xml, "11369-6")), "Immunization");
  BOOST_TEST(!imm.contains("occurrenceDateTime"));
  BOOST_REQUIRE(imm.contains("_occurrenceDateTime"));
  BOOST_TEST(imm["_occurrenceDateTime"]["extension"][0]["url"] == kDar);
  BOOST_TEST(imm["_occurrenceDateTime"]["extension"][0]["valueCode"] == "unknown");
}

BOOST_AUTO_TEST_CASE(immunization_activity_in_intent_mood_becomes_medication_request) {
  std::string xml = kGivenHepatitisBVaccine;
  xml.replace(xml.find(R"(moodCode="EVN" negationInd="false")"), 34,
              R"(moodCode="INT" negationInd="false")");
  Json b = test::convert_xml(test::wrap_entry(xml, "11369-6"));
  BOOST_TEST(test::resources_of(b, "Immunization").empty());
  Json req = only(b, "MedicationRequest");
  BOOST_TEST(has_profile(req, kUsCoreMedRequest));
  BOOST_TEST(req["intent"] == "order");
  BOOST_TEST(req["status"] == "completed");
  // manufacturer and lot travel in a Medication resource
  Json med = test::resolve(b, req["medicationReference"]);
  BOOST_TEST(med["resourceType"] == "Medication");
  BOOST_TEST(has_coding(med["code"], kCvx, "43"));
  BOOST_TEST(med["batch"]["lotNumber"] == "HB-2231");
  BOOST_TEST(resolved_type(b, med["manufacturer"]) == "Organization");
}

BOOST_AUTO_TEST_CASE(planned_immunization_activity_becomes_medication_request_with_cvx_code) {
  const std::string xml = R"(
<substanceAdministration classCode="SBADM" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.120"/>
  <id root="81505d5e-2305-42b3-9273-f579d622000d"/>
  <statusCode code="active"/>
  <effectiveTime value="20241015"/>
  <routeCode code="C28161" codeSystem="2.16.840.1.113883.3.26.1.1" displayName="Intramuscular Route of Administration"/>
  <consumable>
    <manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.54" extension="2014-06-09"/>
      <manufacturedMaterial>
        <code code="158" codeSystem="2.16.840.1.113883.12.292" displayName="influenza, injectable, quadrivalent, contains preservative"/>
      </manufacturedMaterial>
    </manufacturedProduct>
  </consumable>
</substanceAdministration>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "18776-5"), &result);
  Json req = only(b, "MedicationRequest");
  BOOST_TEST(has_profile(req, kUsCoreMedRequest));
  BOOST_TEST(req["intent"] == "order");
  BOOST_TEST(req["status"] == "active");
  BOOST_TEST(has_coding(req["medicationCodeableConcept"], kCvx, "158"));
  BOOST_TEST(req["dosageInstruction"][0]["timing"]["event"][0] == "2024-10-15");
  BOOST_TEST(has_coding(req["dosageInstruction"][0]["route"], kNci, "C28161"));
  BOOST_TEST(resolved_type(b, req["subject"]) == "Patient");
  BOOST_REQUIRE_EQUAL(result.trace.size(), 1u);
  BOOST_TEST(result.trace[0].rule == "planned-immunization-activity");
}

// --- Medication Activity -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(metoprolol_every_12_hours_by_mouth_maps_statement_timing_dose_route) {
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(kMetoprololEvery12Hours, "10160-0"), &result);
  BOOST_TEST(test::resources_of(b, "MedicationRequest").empty());
  Json st = only(b, "MedicationStatement");
  BOOST_TEST(!st.contains("meta"));  // US Core 6.1.0 has no MedicationStatement profile
  BOOST_TEST(st["status"] == "completed");
  BOOST_TEST(st["identifier"][0]["value"] == "urn:uuid:1c8a9b3e-6d1f-4c21-9a77-2d0c5e3f9a10");
  const Json& med = st["medicationCodeableConcept"]["coding"][0];
  BOOST_TEST(med["system"] == kRxNorm);
  BOOST_TEST(med["code"] == "866427");
  BOOST_TEST(resolved_type(b, st["subject"]) == "Patient");
  BOOST_TEST(st["effectivePeriod"]["start"] == "2023-01-10");
  BOOST_TEST(st["effectivePeriod"]["end"] == "2023-06-30");
  BOOST_TEST(st["dateAsserted"] == "2023-01-10T09:30:00-05:00");
  BOOST_TEST(resolved_type(b, st["informationSource"]) == "Practitioner");

  BOOST_REQUIRE_EQUAL(st["dosage"].size(), 1u);
  const Json& dosage = st["dosage"][0];
  const Json& repeat = dosage["timing"]["repeat"];
  BOOST_TEST(repeat["period"] == 12);
  BOOST_TEST(repeat["periodUnit"] == "h");
  BOOST_TEST(!repeat.contains("frequency"));     // every 12 hours: 1 (the default) per 12 h
  BOOST_TEST(!repeat.contains("boundsPeriod"));  // the duration is effectivePeriod
  const Json& route = dosage["route"]["coding"][0];
  BOOST_TEST(route["system"] == kNci);
  BOOST_TEST(route["code"] == "C38288");
  BOOST_TEST(route["display"] == "Oral Route of Administration");
  const Json& dose = dosage["doseAndRate"][0]["doseQuantity"];
  BOOST_TEST(dose["value"] == 25);
  BOOST_TEST(dose["unit"] == "mg");
  BOOST_TEST(dose["system"] == kUcum);
  BOOST_TEST(dose["code"] == "mg");
  BOOST_TEST(dosage["text"] == "Take one tablet by mouth every 12 hours");
  BOOST_TEST(dosage["patientInstruction"] == "Do not crush or chew");
  BOOST_TEST(!dosage.contains("asNeededBoolean"));

  BOOST_REQUIRE_EQUAL(st["reasonCode"].size(), 1u);
  BOOST_TEST(has_coding(st["reasonCode"][0], kSnomed, "38341003"));
  Json prov = only(b, "Provenance");
  BOOST_TEST(prov["target"][0]["reference"] == "urn:uuid:" + st["id"].get<std::string>());
  BOOST_REQUIRE_EQUAL(result.trace.size(), 1u);
  BOOST_TEST(result.trace[0].rule == "medication-activity");
  BOOST_TEST(result.trace[0].targets[0] == "urn:uuid:" + st["id"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(medication_not_taken_is_never_a_positive_statement) {
  std::string xml = kMetoprololEvery12Hours;
  xml.replace(xml.find(R"(moodCode="EVN">)"), 15, R"(moodCode="EVN" negationInd="true">)");
  Json st = only(test::convert_xml(test::wrap_entry(xml, "10160-0")), "MedicationStatement");
  BOOST_TEST(st["status"] == "not-taken");
}

BOOST_AUTO_TEST_CASE(
    lisinopril_prescription_in_intent_mood_maps_request_dispense_request_and_dispense) {
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(kLisinoprilPrescription, "10160-0"), &result);
  BOOST_TEST(test::resources_of(b, "MedicationStatement").empty());
  Json req =
      with_identifier(b, "MedicationRequest", "urn:uuid:a1b2c3d4-0000-4000-8000-000000000001");
  BOOST_REQUIRE(req.is_object());
  BOOST_TEST(test::resources_of(b, "MedicationRequest").size() ==
             1u);  // the supply order is no request of its own
  BOOST_TEST(has_profile(req, kUsCoreMedRequest));
  BOOST_TEST(req["status"] == "active");
  BOOST_TEST(req["intent"] == "order");  // CF-MedActivityMood: INT -> order
  BOOST_TEST(!req.contains("doNotPerform"));
  BOOST_TEST(has_coding(req["medicationCodeableConcept"], kRxNorm, "314076"));
  BOOST_TEST(req["authoredOn"] == "2023-12-31T10:15:00-05:00");
  BOOST_TEST(resolved_type(b, req["requester"]) == "PractitionerRole");

  const Json& dosage = req["dosageInstruction"][0];
  const Json& repeat = dosage["timing"]["repeat"];
  BOOST_TEST(repeat["frequency"] == 2);  // institution-specified every 12 h: twice a day
  BOOST_TEST(repeat["period"] == 1);
  BOOST_TEST(repeat["periodUnit"] == "d");
  BOOST_TEST(repeat["boundsPeriod"]["start"] == "2024-01-01");
  BOOST_TEST(!repeat["boundsPeriod"].contains("end"));
  BOOST_TEST(dosage["doseAndRate"][0]["doseQuantity"]["value"] == 1);
  BOOST_TEST(!dosage["doseAndRate"][0]["doseQuantity"].contains("unit"));
  BOOST_TEST(dosage["maxDosePerPeriod"]["numerator"]["value"] == 2);
  BOOST_TEST(dosage["maxDosePerPeriod"]["denominator"]["code"] == "d");

  const Json& dr = req["dispenseRequest"];
  BOOST_TEST(dr["validityPeriod"]["end"] == "2024-06-01");
  BOOST_TEST(dr["quantity"]["value"] == 30);
  // repeatNumber 3 would be numberOfRepeatsAllowed 2; never copied off by one
  BOOST_TEST((!dr.contains("numberOfRepeatsAllowed") || dr["numberOfRepeatsAllowed"] == 2));

  Json disp = only(b, "MedicationDispense");
  BOOST_TEST(has_profile(disp, kUsCoreDispense));
  BOOST_TEST(disp["status"] == "completed");
  BOOST_TEST(has_coding(disp["medicationCodeableConcept"], kRxNorm, "314076"));
  BOOST_TEST(disp["quantity"]["value"] == 30);
  BOOST_TEST(disp["whenHandedOver"] == "2024-01-02T14:30:00-05:00");
  BOOST_TEST(resolved_type(b, disp["subject"]) == "Patient");
  BOOST_TEST(resolved_type(b, disp["performer"][0]["actor"]) == "Organization");
  BOOST_REQUIRE_EQUAL(disp["authorizingPrescription"].size(), 1u);
  BOOST_TEST(disp["authorizingPrescription"][0]["reference"] ==
             "urn:uuid:" + req["id"].get<std::string>());

  BOOST_REQUIRE_EQUAL(result.trace.size(), 1u);
  BOOST_TEST(result.trace[0].rule == "medication-activity");
}

BOOST_AUTO_TEST_CASE(negated_intended_medication_sets_do_not_perform) {
  std::string xml = kLisinoprilPrescription;
  xml.replace(xml.find(R"(moodCode="INT">)"), 15, R"(moodCode="INT" negationInd="true">)");
  Json b = test::convert_xml(test::wrap_entry(xml, "10160-0"));
  Json req =
      with_identifier(b, "MedicationRequest", "urn:uuid:a1b2c3d4-0000-4000-8000-000000000001");
  BOOST_REQUIRE(req.is_object());
  BOOST_TEST(req["doNotPerform"] == true);
}

BOOST_AUTO_TEST_CASE(taken_medication_with_supply_order_and_dispense_links_request_and_dispense) {
  std::string xml = kLisinoprilPrescription;
  xml.replace(xml.find(R"(moodCode="INT">)"), 15, R"(moodCode="EVN">)");
  Json b = test::convert_xml(test::wrap_entry(xml, "10160-0"));
  Json st = only(b, "MedicationStatement");
  BOOST_TEST(st["status"] == "active");
  // the supply order is the prescription the use is based on
  BOOST_REQUIRE_EQUAL(st["basedOn"].size(), 1u);
  Json order = test::resolve(b, st["basedOn"][0]);
  BOOST_TEST(order["resourceType"] == "MedicationRequest");
  BOOST_TEST(has_profile(order, kUsCoreMedRequest));
  BOOST_TEST(order["intent"] == "order");
  BOOST_TEST(order["status"] == "completed");
  BOOST_TEST(order["identifier"][0]["value"] == "urn:uuid:a1b2c3d4-0000-4000-8000-000000000002");
  BOOST_TEST(
      has_coding(order["medicationCodeableConcept"], kRxNorm, "314076"));  // from the activity
  BOOST_TEST(order["dispenseRequest"]["quantity"]["value"] == 30);
  BOOST_TEST(resolved_type(b, order["subject"]) == "Patient");
  // the dispense is what the statement derives from; a statement cannot authorize it
  BOOST_REQUIRE_EQUAL(st["derivedFrom"].size(), 1u);
  Json disp = test::resolve(b, st["derivedFrom"][0]);
  BOOST_TEST(disp["resourceType"] == "MedicationDispense");
  BOOST_TEST(!disp.contains("authorizingPrescription"));
}

BOOST_AUTO_TEST_CASE(
    albuterol_as_needed_for_wheezing_with_form_and_vehicle_uses_medication_resource) {
  const std::string xml = R"(
<substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
  <id root="cdbd33f0-6cde-11db-9fe1-0800200c9a66"/>
  <statusCode code="active"/>
  <effectiveTime xsi:type="IVL_TS"><low value="20120806"/><high nullFlavor="UNK"/></effectiveTime>
  <effectiveTime xsi:type="PIVL_TS" operator="A">
    <period xsi:type="IVL_PQ"><low value="4" unit="h"/><high value="6" unit="h"/></period>
  </effectiveTime>
  <doseQuantity value="2"/>
  <administrationUnitCode code="C48501" codeSystem="2.16.840.1.113883.3.26.1.1" displayName="Inhalation dosing unit"/>
  <consumable>
    <manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.23" extension="2014-06-09"/>
      <manufacturedMaterial>
        <code code="1190220" codeSystem="2.16.840.1.113883.6.88" displayName="albuterol 0.1 MG/ACTUAT Spray"/>
      </manufacturedMaterial>
      <manufacturerOrganization><name>Good Vaccines Inc</name></manufacturerOrganization>
    </manufacturedProduct>
  </consumable>
  <participant typeCode="CSM">
    <participantRole classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.24"/>
      <code code="412307009" codeSystem="2.16.840.1.113883.6.96" displayName="drug vehicle"/>
      <playingEntity classCode="MMAT">
        <code code="387390002" codeSystem="2.16.840.1.113883.6.96" displayName="sodium chloride"/>
      </playingEntity>
    </participantRole>
  </participant>
  <precondition typeCode="PRCN">
    <criterion>
      <templateId root="2.16.840.1.113883.10.20.22.4.25" extension="2014-06-09"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
      <value xsi:type="CD" code="56018004" codeSystem="2.16.840.1.113883.6.96" displayName="Wheezing"/>
    </criterion>
  </precondition>
</substanceAdministration>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "10160-0"));
  Json st = only(b, "MedicationStatement");
  BOOST_TEST(!st.contains("medicationCodeableConcept"));  // only one medication[x]
  Json med = test::resolve(b, st["medicationReference"]);
  BOOST_REQUIRE(med.is_object());
  BOOST_TEST(med["resourceType"] == "Medication");
  BOOST_TEST(has_profile(med, kUsCoreMedication));
  BOOST_TEST(has_coding(med["code"], kRxNorm, "1190220"));
  BOOST_TEST(has_coding(med["form"], kNci, "C48501"));
  BOOST_TEST(test::resolve(b, med["manufacturer"])["name"] == "Good Vaccines Inc");
  BOOST_REQUIRE_EQUAL(med["ingredient"].size(), 1u);
  BOOST_TEST(med["ingredient"][0]["isActive"] == false);
  BOOST_TEST(has_coding(med["ingredient"][0]["itemCodeableConcept"], kSnomed, "387390002"));
  const Json& dosage = st["dosage"][0];
  BOOST_TEST(has_coding(dosage["asNeededCodeableConcept"], kSnomed, "56018004"));
  BOOST_TEST(!dosage.contains("asNeededBoolean"));
  BOOST_TEST(dosage["timing"]["repeat"]["period"] == 4);
  BOOST_TEST(dosage["timing"]["repeat"]["periodMax"] == 6);
  BOOST_TEST(dosage["timing"]["repeat"]["periodUnit"] == "h");
  BOOST_TEST(st["effectivePeriod"]["start"] == "2012-08-06");
  BOOST_TEST(!st["effectivePeriod"].contains("end"));
}

BOOST_AUTO_TEST_CASE(medication_after_meals_maps_event_timing_and_unknown_code_is_marked_absent) {
  const std::string xml = R"(
<substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16"/>
  <id root="d1d1d1d1-2222-4333-8444-555555555555"/>
  <statusCode code="held"/>
  <effectiveTime xsi:type="IVL_TS"><low value="20220101"/></effectiveTime>
  <effectiveTime xsi:type="EIVL_TS" operator="A">
    <event code="PCM"/>
    <offset><low value="30" unit="min"/></offset>
  </effectiveTime>
  <doseQuantity nullFlavor="UNK"/>
  <precondition typeCode="PRCN"><criterion><code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/></criterion></precondition>
  <consumable>
    <manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.23"/>
      <manufacturedMaterial><code nullFlavor="NA"/></manufacturedMaterial>
    </manufacturedProduct>
  </consumable>
</substanceAdministration>)";
  Json st = only(test::convert_xml(test::wrap_entry(xml, "10160-0")), "MedicationStatement");
  BOOST_TEST(st["status"] == "unknown");  // held is not in CF-MedicationStatus
  const Json& repeat = st["dosage"][0]["timing"]["repeat"];
  BOOST_TEST(repeat["when"][0] == "PCM");
  BOOST_TEST(repeat["offset"] == 30);
  BOOST_TEST(st["dosage"][0]["asNeededBoolean"] == true);
  BOOST_TEST(!st["dosage"][0].contains("doseAndRate"));
  BOOST_TEST(has_coding(st["medicationCodeableConcept"],
                        "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                        "not-applicable"));
}

// --- Planned Medication Activity -----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(planned_medication_in_intent_mood_is_an_order_request) {
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(planned_medication("INT"), "18776-5"), &result);
  Json req = only(b, "MedicationRequest");
  BOOST_TEST(has_profile(req, kUsCoreMedRequest));
  BOOST_TEST(req["intent"] == "order");
  BOOST_TEST(req["status"] == "active");
  BOOST_TEST(has_coding(req["medicationCodeableConcept"], kRxNorm, "197361"));
  BOOST_TEST(req["dosageInstruction"][0]["timing"]["event"][0] == "2024-03-15");
  BOOST_TEST(resolved_type(b, req["subject"]) == "Patient");
  BOOST_REQUIRE_EQUAL(result.trace.size(), 1u);
  BOOST_TEST(result.trace[0].rule == "planned-medication-activity");
}

BOOST_AUTO_TEST_CASE(planned_medication_moods_map_to_intent) {
  BOOST_TEST(only(test::convert_xml(test::wrap_entry(planned_medication("PRP"), "18776-5")),
                  "MedicationRequest")["intent"] == "proposal");
  BOOST_TEST(only(test::convert_xml(test::wrap_entry(planned_medication("RQO"), "18776-5")),
                  "MedicationRequest")["intent"] == "order");
  BOOST_TEST(only(test::convert_xml(test::wrap_entry(planned_medication("PRMS"), "18776-5")),
                  "MedicationRequest")["intent"] == "plan");
}

// --- real documents
// -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hl7_ccd_medications_and_immunizations_from_corpus) {
  test::require_shared();
  ConversionResult result;
  Json b = test::convert_xml(
      test::read_file(test::shared_dir() / "corpus/hl7-examples/Documents/CCD/CCD_1/CCD.XML"),
      &result);
  // Albuterol: EVN activity with form, vehicle and manufacturer, a supply order and a dispense.
  Json albuterol =
      with_identifier(b, "MedicationStatement", "urn:uuid:cdbd33f0-6cde-11db-9fe1-0800200c9a66");
  BOOST_REQUIRE(albuterol.is_object());
  BOOST_TEST(albuterol["status"] == "active");
  Json med = test::resolve(b, albuterol["medicationReference"]);
  BOOST_TEST(has_coding(med["code"], kRxNorm, "573621"));
  BOOST_TEST(med["ingredient"][0]["isActive"] == false);
  BOOST_TEST(has_coding(albuterol["dosage"][0]["asNeededCodeableConcept"], kSnomed, "56018004"));
  Json order = test::resolve(b, albuterol["basedOn"][0]);
  BOOST_TEST(order["resourceType"] == "MedicationRequest");
  BOOST_TEST(order["dispenseRequest"]["quantity"]["value"] == 75);
  Json disp = test::resolve(b, albuterol["derivedFrom"][0]);
  BOOST_TEST(disp["resourceType"] == "MedicationDispense");
  BOOST_TEST(disp["status"] == "completed");
  BOOST_TEST(disp["whenHandedOver"] == "2012-08-15T14:50:00-08:00");
  // Atenolol: twice a day (institution-specified every 12 h).
  Json atenolol =
      with_identifier(b, "MedicationStatement", "urn:uuid:6c844c75-aa34-411c-b7bd-5e4a9f206e29");
  BOOST_REQUIRE(atenolol.is_object());
  BOOST_TEST(atenolol["dosage"][0]["timing"]["repeat"]["frequency"] == 2);
  BOOST_TEST(atenolol["dosage"][0]["timing"]["repeat"]["periodUnit"] == "d");
  // Immunizations: the refused meningococcal vaccine is not-done with its reason.
  bool refused_seen = false;
  for (const auto& imm : test::resources_of(b, "Immunization")) {
    if (!has_coding(imm["vaccineCode"], kCvx, "103")) continue;
    refused_seen = true;
    BOOST_TEST(imm["status"] == "not-done");
    BOOST_TEST(has_coding(imm["statusReason"], kActReason, "PATOBJ"));
  }
  BOOST_TEST(refused_seen);
  for (const auto& t : result.trace) {
    if (t.template_id == "2.16.840.1.113883.10.20.22.4.16" ||
        t.template_id == "2.16.840.1.113883.10.20.22.4.52") {
      BOOST_TEST(!t.targets.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(oncology_planned_clindamycin_from_corpus) {
  test::require_shared();
  Json b = test::convert_xml(
      test::read_file(test::shared_dir() /
                      "corpus/onc-2015/360_Oncology/Alice_Newman_health_summary_Delegate.xml"));
  Json req =
      with_identifier(b, "MedicationRequest", "urn:uuid:cdbd33f0-6cde-11db-9fe1-0800201c9a66");
  BOOST_REQUIRE(req.is_object());
  BOOST_TEST(req["intent"] == "order");
  BOOST_TEST(req["status"] == "active");
  BOOST_TEST(has_coding(req["medicationCodeableConcept"], kRxNorm, "284215"));
  BOOST_TEST(req["dosageInstruction"][0]["timing"]["event"][0] == "2015-06-23");
}

BOOST_AUTO_TEST_CASE(referral_note_planned_influenza_immunization_from_corpus) {
  test::require_shared();
  Json b = test::convert_xml(test::read_file(
      test::shared_dir() / "corpus/hl7-examples/Documents/Referral_Note/Referral_Note.xml"));
  Json req =
      with_identifier(b, "MedicationRequest", "urn:uuid:81505d5e-2305-42b3-9273-f579d622000d");
  BOOST_REQUIRE(req.is_object());
  BOOST_TEST(req["intent"] == "order");
  Json med = test::resolve(b, req["medicationReference"]);
  BOOST_TEST(med["resourceType"] == "Medication");
  BOOST_TEST(med["code"]["coding"][0]["system"] == kCvx);
  BOOST_TEST(req["dosageInstruction"][0]["patientInstruction"] ==
             "Possible flu-like symptoms for three days.");
}

// A product naming itself with an id: the id is the Medication's identifier (a CodeableConcept
// cannot carry it); an effectiveTime whose low and high are one time is a dateTime marked as an
// interval point (to-ccda writes low and high again; the roundtrip suite measures it).
const std::string kProductWithId = R"(
<substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
  <id root="a1b2c3d4-0000-4000-8000-0000000000aa"/>
  <statusCode code="completed"/>
  <effectiveTime xsi:type="IVL_TS"><low value="20240101"/><high value="20240101"/></effectiveTime>
  <consumable>
    <manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.23" extension="2014-06-09"/>
      <id root="a1b2c3d4-0000-4000-8000-0000000000bb"/>
      <manufacturedMaterial>
        <code code="314076" codeSystem="2.16.840.1.113883.6.88" displayName="lisinopril 10 MG Oral Tablet"/>
      </manufacturedMaterial>
    </manufacturedProduct>
  </consumable>
</substanceAdministration>)";

BOOST_AUTO_TEST_CASE(product_id_is_the_medication_identifier_and_equal_bounds_stay_an_interval) {
  Json b = test::convert_xml(test::wrap_entry(kProductWithId, "10160-0"));
  Json st = only(b, "MedicationStatement");
  BOOST_TEST(!st.contains("medicationCodeableConcept"));
  BOOST_REQUIRE(st.contains("medicationReference"));
  BOOST_TEST(resolved_type(b, st["medicationReference"]) == "Medication");
  Json med = only(b, "Medication");
  BOOST_TEST(med["identifier"][0]["value"] == "urn:uuid:a1b2c3d4-0000-4000-8000-0000000000bb");
  BOOST_TEST(has_coding(med["code"], kRxNorm, "314076"));
  BOOST_TEST(st["effectiveDateTime"] == "2024-01-01");
  BOOST_TEST(st["_effectiveDateTime"]["extension"][0]["url"] ==
             "https://ccdafhir.invalid/StructureDefinition/interval-point");
}

BOOST_AUTO_TEST_SUITE_END()
