// Entry tables of the procedures domain: Procedure Activity Procedure / Act / Observation
// (Procedure, Observation, or ServiceRequest by moodCode), the Plan of Treatment entries (Planned
// Act / Encounter / Observation / Procedure / Supply, Nutrition Recommendation, Instruction ->
// ServiceRequest), Goal Observation (Goal), Family History Organizer (FamilyMemberHistory),
// Coverage / Policy Activity (Coverage), Advance Directive Organizer / Observation (Observation +
// DocumentReference), Medical Equipment Organizer / Non-Medicinal Supply Activity / Product
// Instance (DeviceUseStatement + Device), Handoff Communication and a standalone Comment Activity
// (Communication), Note Activity (DocumentReference). Hand-written fixtures asserted field by
// field, plus extracts of real corpus documents.
#include <algorithm>

#include "test_support.h"

using namespace ccdafhir;

namespace {

using test::has_coding;
using test::has_profile;
using test::only;

const char* kSnomed = "http://snomed.info/sct";
const char* kLoinc = "http://loinc.org";
const char* kDarExt = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

std::string type_of(const Json& bundle, const Json& ref) {
  Json r = test::resolve(bundle, ref);
  if (!r.is_object()) return "";
  return r.value("resourceType", "");
}

// The section entries the Composition lists (references), in order.
std::vector<Json> section_entries(const Json& bundle) {
  const Json& comp = bundle["entry"][0]["resource"];
  std::vector<Json> out;
  for (const auto& s : comp["section"]) {
    if (s.contains("entry")) {
      for (const auto& e : s["entry"]) out.push_back(e);
    }
  }
  return out;
}

// The first corpus entry statement with this template root, wrapped alone in the fixture document
// (keeps the test on one real entry, whatever else the document holds).
Json corpus_doc(const std::string& rel) {
  test::require_shared();
  return test::convert_xml(test::read_file(test::shared_dir() / "corpus" / rel));
}

const std::string kAuthor = R"(
  <author>
    <templateId root="2.16.840.1.113883.10.20.22.4.119"/>
    <time value="20120806101500-0500"/>
    <assignedAuthor>
      <id root="2.16.840.1.113883.4.6" extension="1111111111"/>
      <assignedPerson><name><given>Sue</given><family>Surgeon</family></name></assignedPerson>
    </assignedAuthor>
  </author>)";

const std::string kAppendectomy = R"(
<procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14" extension="2014-06-09"/>
  <templateId root="2.16.840.1.113883.10.20.22.4.14"/>
  <id root="1.3.6.1.4.1.22812.3.2009316.3.4.7" extension="545069400001"/>
  <id root="1.3.6.1.4.1.22812.3.2009316.3.4.7" extension="545069400003"/>
  <code code="80146002" codeSystem="2.16.840.1.113883.6.96" displayName="Excision of appendix">
    <originalText><reference value="#narr1"/></originalText>
    <translation code="0DBJ4ZZ" codeSystem="2.16.840.1.113883.6.90" displayName="Excision of appendix, Percutaneous Endoscopic Approach"/>
  </code>
  <statusCode code="completed"/>
  <effectiveTime value="20120806"/>
</procedure>)";

}  // namespace

BOOST_AUTO_TEST_SUITE(entries)

// --- Procedure Activity Procedure (EVN -> Procedure) ---------------------------------------------

BOOST_AUTO_TEST_CASE(appendectomy_procedure_event_maps_completed_us_core_procedure) {
  Json b = test::convert_xml(test::wrap_entry(kAppendectomy, "47519-4"));
  Json p = only(b, "Procedure");
  BOOST_TEST(has_profile(p, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-procedure"));
  BOOST_REQUIRE_EQUAL(p["identifier"].size(), 2u);
  BOOST_TEST(p["identifier"][0]["system"] == "urn:oid:1.3.6.1.4.1.22812.3.2009316.3.4.7");
  BOOST_TEST(p["identifier"][0]["value"] == "545069400001");
  BOOST_TEST(p["identifier"][1]["value"] == "545069400003");
  BOOST_TEST(p["status"] == "completed");
  BOOST_TEST(has_coding(p["code"], kSnomed, "80146002"));
  BOOST_TEST(p["code"]["coding"].size() == 2u);
  BOOST_TEST(p["code"]["text"] == "Narrative one");
  BOOST_TEST(p["performedDateTime"] == "2012-08-06");
  BOOST_TEST(type_of(b, p["subject"]) == "Patient");
  auto entries = section_entries(b);
  BOOST_REQUIRE_EQUAL(entries.size(), 1u);
  BOOST_TEST(entries[0]["reference"] == "urn:uuid:" + p["id"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(refused_procedure_with_negation_maps_status_not_done) {
  std::string xml = kAppendectomy;
  xml.replace(xml.find("moodCode=\"EVN\""), 14, "moodCode=\"EVN\" negationInd=\"true\"");
  Json p = only(test::convert_xml(test::wrap_entry(xml, "47519-4")), "Procedure");
  BOOST_TEST(p["status"] == "not-done");
}

BOOST_AUTO_TEST_CASE(aborted_procedure_status_goes_through_cf_procedure_status) {
  std::string xml = kAppendectomy;
  xml.replace(xml.find("code=\"completed\""), 16, "code=\"aborted\"");
  Json p = only(test::convert_xml(test::wrap_entry(xml, "47519-4")), "Procedure");
  BOOST_TEST(p["status"] == "stopped");
}

BOOST_AUTO_TEST_CASE(colonoscopy_with_performer_site_location_indication_device_and_author) {
  const std::string xml = R"(
<procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14" extension="2014-06-09"/>
  <id root="d68b7e32-7810-4f5b-9cc2-acd54b0fd85d"/>
  <code code="73761001" codeSystem="2.16.840.1.113883.6.96" displayName="Colonoscopy"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20110215"/><high value="20110216"/></effectiveTime>
  <targetSiteCode code="71854001" codeSystem="2.16.840.1.113883.6.96" displayName="Colon structure"/>
  <performer>
    <assignedEntity>
      <id root="2.16.840.1.113883.4.6" extension="2222222222"/>
      <assignedPerson><name><given>Gail</given><family>Gastro</family></name></assignedPerson>
      <representedOrganization><id root="2.16.840.1.113883.19.5.9"/><name>Good Health Clinic</name></representedOrganization>
    </assignedEntity>
  </performer>)" + kAuthor +
                          R"(
  <participant typeCode="DEV">
    <participantRole classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.37"/>
      <id root="2.16.840.1.113883.3.3719" extension="(01)00643169007222(17)160128(21)BLC200461H"/>
      <playingDevice><code code="90412006" codeSystem="2.16.840.1.113883.6.96" displayName="Colonoscope"/></playingDevice>
      <scopingEntity><id root="2.16.840.1.113883.3.3719"/></scopingEntity>
    </participantRole>
  </participant>
  <participant typeCode="LOC">
    <participantRole classCode="SDLOC">
      <templateId root="2.16.840.1.113883.10.20.22.4.32"/>
      <id root="2.16.840.1.113883.19.5.77"/>
      <code code="1160-1" codeSystem="2.16.840.1.113883.6.259" displayName="Urgent Care Center"/>
    </participantRole>
  </participant>
  <entryRelationship typeCode="RSON">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.19" extension="2014-06-09"/>
      <id root="db734647-fc99-424c-a864-7e3cda82e703"/>
      <code code="404684003" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="428165003" codeSystem="2.16.840.1.113883.6.96" displayName="Colon cancer screening"/>
    </observation>
  </entryRelationship>
  <entryRelationship typeCode="SUBJ" inversionInd="true">
    <act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
      <code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
      <text>Patient tolerated the procedure well.</text>
    </act>
  </entryRelationship>
</procedure>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "47519-4"));
  Json p = only(b, "Procedure");
  BOOST_TEST(p["status"] == "completed");
  BOOST_TEST(p["performedPeriod"]["start"] == "2011-02-15");
  BOOST_TEST(p["performedPeriod"]["end"] == "2011-02-16");
  BOOST_TEST(has_coding(p["bodySite"][0], kSnomed, "71854001"));
  BOOST_TEST(has_coding(p["reasonCode"][0], kSnomed, "428165003"));
  BOOST_TEST(p["note"][0]["text"] == "Patient tolerated the procedure well.");
  BOOST_REQUIRE_EQUAL(p["performer"].size(), 1u);
  BOOST_TEST(type_of(b, p["performer"][0]["actor"]) == "PractitionerRole");
  BOOST_TEST(!p["performer"][0].contains("onBehalfOf"));
  BOOST_TEST(type_of(b, p["recorder"]) == "Practitioner");
  Json loc = test::resolve(b, p["location"]);
  BOOST_TEST(loc["resourceType"] == "Location");
  BOOST_TEST(loc["type"][0]["coding"][0]["code"] == "1160-1");
  Json dev = test::resolve(b, p["focalDevice"][0]["manipulated"]);
  BOOST_TEST(dev["resourceType"] == "Device");
  BOOST_TEST(has_profile(
      dev, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-implantable-device"));
  BOOST_TEST(dev["udiCarrier"][0]["carrierHRF"] == "(01)00643169007222(17)160128(21)BLC200461H");
  BOOST_TEST(dev["udiCarrier"][0]["_deviceIdentifier"]["extension"][0]["url"] == kDarExt);
  BOOST_TEST(has_coding(dev["type"], kSnomed, "90412006"));
  BOOST_TEST(type_of(b, dev["patient"]) == "Patient");
  Json prov = only(b, "Provenance");
  BOOST_TEST(prov["target"][0]["reference"] == "urn:uuid:" + p["id"].get<std::string>());
  BOOST_TEST(prov["recorded"] == "2012-08-06T10:15:00-05:00");
}

BOOST_AUTO_TEST_CASE(procedure_without_effective_time_marks_performed_absent) {
  const std::string xml = R"(
<procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14"/>
  <id root="2.16.840.1.113883.3.3388.1.1.1.310936.3.83899160.1.9"/>
  <code nullFlavor="NI"/>
  <statusCode code="completed"/>
  <effectiveTime nullFlavor="NI"/>
</procedure>)";
  Json p = only(test::convert_xml(test::wrap_entry(xml, "47519-4")), "Procedure");
  BOOST_TEST(p["status"] == "completed");
  BOOST_TEST(p["code"]["coding"][0]["system"] ==
             "http://terminology.hl7.org/CodeSystem/data-absent-reason");
  BOOST_TEST(p["_performedDateTime"]["extension"][0]["url"] == kDarExt);
  BOOST_TEST(!p.contains("performedDateTime"));
}

// --- Procedure Activity Act / Observation ------------------------------------------------------

BOOST_AUTO_TEST_CASE(procedure_activity_act_event_maps_procedure_and_intent_maps_service_request) {
  const std::string evn = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.12" extension="2014-06-09"/>
  <id root="1.2.3.4.5.6.7.8" extension="1234567"/>
  <code code="274025005" codeSystem="2.16.840.1.113883.6.96" displayName="Colonic polypectomy"/>
  <statusCode code="completed"/>
  <effectiveTime value="20110203"/>
</act>)";
  Json p = only(test::convert_xml(test::wrap_entry(evn, "47519-4")), "Procedure");
  BOOST_TEST(p["status"] == "completed");
  BOOST_TEST(p["performedDateTime"] == "2011-02-03");
  std::string intended = evn;
  intended.replace(intended.find("moodCode=\"EVN\""), 14, "moodCode=\"INT\"");
  Json b = test::convert_xml(test::wrap_entry(intended, "47519-4"));
  BOOST_TEST(test::resources_of(b, "Procedure").empty());
  Json sr = only(b, "ServiceRequest");
  BOOST_TEST(sr["intent"] == "plan");
  BOOST_TEST(sr["occurrenceDateTime"] == "2011-02-03");
}

BOOST_AUTO_TEST_CASE(ekg_procedure_observation_maps_clinical_result_observation) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.13" extension="2014-06-09"/>
  <id root="c03e5445-af1b-4911-a419-e2782f21448c"/>
  <code code="29303009" codeSystem="2.16.840.1.113883.6.96" displayName="Electrocardiographic procedure"/>
  <statusCode code="completed"/>
  <effectiveTime value="20110309"/>
  <value xsi:type="CD" code="164854000" codeSystem="2.16.840.1.113883.6.96" displayName="ECG normal"/>
  <targetSiteCode code="80891009" codeSystem="2.16.840.1.113883.6.96" displayName="Heart structure"/>
</observation>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "47519-4"));
  BOOST_TEST(test::resources_of(b, "Procedure").empty());
  Json o = only(b, "Observation");
  BOOST_TEST(has_profile(
      o, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-clinical-result"));
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(has_coding(o["category"][0],
                        "http://terminology.hl7.org/CodeSystem/observation-category", "procedure"));
  BOOST_TEST(has_coding(o["code"], kSnomed, "29303009"));
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "164854000"));
  BOOST_TEST(o["effectiveDateTime"] == "2011-03-09");
  BOOST_TEST(has_coding(o["bodySite"], kSnomed, "80891009"));
  BOOST_TEST(type_of(b, o["subject"]) == "Patient");
}

BOOST_AUTO_TEST_CASE(negated_procedure_observation_is_cancelled_without_value) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.13"/>
  <id root="c03e5445-af1b-4911-a419-e2782f21448d"/>
  <code code="29303009" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <value xsi:type="CD" code="164854000" codeSystem="2.16.840.1.113883.6.96"/>
</observation>)";
  Json o = only(test::convert_xml(test::wrap_entry(xml, "47519-4")), "Observation");
  BOOST_TEST(o["status"] == "cancelled");
  BOOST_TEST(!o.contains("valueCodeableConcept"));
  BOOST_TEST(o["dataAbsentReason"]["coding"][0]["code"] == "not-performed");
}

BOOST_AUTO_TEST_CASE(procedure_observation_template_on_procedure_element_maps_procedure) {
  const std::string xml = R"(
<procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.13"/>
  <id root="2.16.840.1.113883.19" extension="proc-obs-1"/>
  <code code="168731009" codeSystem="2.16.840.1.113883.6.96" displayName="Chest X-Ray"/>
  <statusCode code="completed"/>
  <effectiveTime value="20120807"/>
</procedure>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "47519-4"));
  BOOST_TEST(test::resources_of(b, "Observation").empty());
  Json p = only(b, "Procedure");
  BOOST_TEST(p["status"] == "completed");
  BOOST_TEST(has_coding(p["code"], kSnomed, "168731009"));
}

// --- Plan of Treatment entries -> ServiceRequest -----------------------------------------------

BOOST_AUTO_TEST_CASE(ordered_colonoscopy_planned_procedure_rqo_maps_service_request_order) {
  const std::string xml = R"(
<procedure moodCode="RQO" classCode="PROC">
  <templateId root="2.16.840.1.113883.10.20.22.4.41" extension="2014-06-09"/>
  <id root="9a6d1bac-17d3-4195-89c4-1121bc809b5a"/>
  <code code="73761001" codeSystem="2.16.840.1.113883.6.96" displayName="Colonoscopy"/>
  <statusCode code="active"/>
  <effectiveTime value="20130613"/>
  <priorityCode code="R" codeSystem="2.16.840.1.113883.5.7"/>
  <targetSiteCode code="71854001" codeSystem="2.16.840.1.113883.6.96" displayName="Colon structure"/>
  <performer>
    <assignedEntity>
      <id root="2.16.840.1.113883.4.6" extension="2222222222"/>
      <assignedPerson><name><given>Gail</given><family>Gastro</family></name></assignedPerson>
    </assignedEntity>
  </performer>)" + kAuthor +
                          R"(
  <entryRelationship typeCode="RSON">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.19"/>
      <id root="db734647-fc99-424c-a864-7e3cda82e704"/>
      <code code="404684003" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="428165003" codeSystem="2.16.840.1.113883.6.96"/>
    </observation>
  </entryRelationship>
  <entryRelationship typeCode="SUBJ" inversionInd="true">
    <act classCode="ACT" moodCode="INT">
      <templateId root="2.16.840.1.113883.10.20.22.4.20" extension="2014-06-09"/>
      <code code="409073007" codeSystem="2.16.840.1.113883.6.96"/>
      <text>Clear liquid diet the day before.</text>
      <statusCode code="completed"/>
    </act>
  </entryRelationship>
</procedure>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "18776-5"));
  BOOST_TEST(test::resources_of(b, "Procedure").empty());
  Json sr = only(b, "ServiceRequest");
  BOOST_TEST(
      has_profile(sr, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-servicerequest"));
  BOOST_TEST(sr["identifier"][0]["system"] == "urn:ietf:rfc:3986");
  BOOST_TEST(sr["identifier"][0]["value"] == "urn:uuid:9a6d1bac-17d3-4195-89c4-1121bc809b5a");
  BOOST_TEST(sr["status"] == "active");
  BOOST_TEST(sr["intent"] == "order");
  BOOST_TEST(sr["priority"] == "routine");
  BOOST_TEST(has_coding(sr["code"], kSnomed, "73761001"));
  BOOST_TEST(sr["code"]["coding"][0]["display"] == "Colonoscopy");
  BOOST_TEST(type_of(b, sr["subject"]) == "Patient");
  BOOST_TEST(sr["occurrenceDateTime"] == "2013-06-13");
  BOOST_TEST(sr["authoredOn"] == "2012-08-06T10:15:00-05:00");
  BOOST_TEST(type_of(b, sr["requester"]) == "Practitioner");
  BOOST_TEST(test::resolve(b, sr["requester"])["name"][0]["family"] == "Surgeon");
  BOOST_REQUIRE_EQUAL(sr["performer"].size(), 1u);
  BOOST_TEST(test::resolve(b, sr["performer"][0])["name"][0]["family"] == "Gastro");
  BOOST_TEST(has_coding(sr["reasonCode"][0], kSnomed, "428165003"));
  BOOST_TEST(has_coding(sr["bodySite"][0], kSnomed, "71854001"));
  BOOST_TEST(sr["patientInstruction"] == "Clear liquid diet the day before.");
  BOOST_TEST(!sr.contains("doNotPerform"));
  Json prov = only(b, "Provenance");
  BOOST_TEST(prov["target"][0]["reference"] == "urn:uuid:" + sr["id"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(planned_encounter_intent_with_center_time_maps_plan_at_a_point) {
  const std::string xml = R"(
<encounter moodCode="INT" classCode="ENC">
  <templateId root="2.16.840.1.113883.10.20.22.4.40"/>
  <id root="9a6d1bac-17d3-4195-89a4-1121bc809b4d"/>
  <code code="99241" codeSystem="2.16.840.1.113883.6.12" displayName="Office consultation - 15 minutes"/>
  <statusCode code="new"/>
  <effectiveTime><center value="20120820"/></effectiveTime>
</encounter>)";
  Json sr = only(test::convert_xml(test::wrap_entry(xml, "18776-5")), "ServiceRequest");
  BOOST_TEST(sr["intent"] == "plan");
  BOOST_TEST(sr["status"] == "active");
  BOOST_TEST(sr["occurrenceDateTime"] == "2012-08-20");
  BOOST_TEST(!sr.contains("occurrencePeriod"));
  BOOST_TEST(has_coding(sr["code"], "http://www.ama-assn.org/go/cpt", "99241"));
}

BOOST_AUTO_TEST_CASE(planned_encounter_without_code_marks_code_unknown) {
  const std::string xml = R"(
<encounter moodCode="INT" classCode="ENC">
  <templateId root="2.16.840.1.113883.10.20.22.4.40"/>
  <id root="9a6d1bac-17d3-4195-89a4-1121bc809b4e"/>
</encounter>)";
  Json sr = only(test::convert_xml(test::wrap_entry(xml, "18776-5")), "ServiceRequest");
  BOOST_TEST(sr["code"]["coding"][0]["code"] == "unknown");
  BOOST_TEST(sr["status"] == "active");
  BOOST_TEST(sr["intent"] == "plan");
}

BOOST_AUTO_TEST_CASE(proposed_sputum_culture_planned_observation_maps_proposal) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="PRP">
  <templateId root="2.16.840.1.113883.10.20.22.4.44" extension="2014-06-09"/>
  <id root="9a6d1bac-17d3-4195-89a4-1121bc809b4a"/>
  <code code="624-7" codeSystem="2.16.840.1.113883.6.1" displayName="Sputum Culture"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20120820"/><high value="20120830"/></effectiveTime>
</observation>)";
  Json sr = only(test::convert_xml(test::wrap_entry(xml, "18776-5")), "ServiceRequest");
  BOOST_TEST(sr["intent"] == "proposal");
  BOOST_TEST(has_coding(sr["code"], kLoinc, "624-7"));
  BOOST_TEST(sr["occurrencePeriod"]["start"] == "2012-08-20");
  BOOST_TEST(sr["occurrencePeriod"]["end"] == "2012-08-30");
}

BOOST_AUTO_TEST_CASE(negated_planned_act_maps_do_not_perform) {
  const std::string xml = R"(
<act moodCode="RQO" classCode="ACT" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.39" extension="2014-06-09"/>
  <id root="9a6d1bac-17d3-4195-89a4-1121bc809a5c"/>
  <code code="183948003" codeSystem="2.16.840.1.113883.6.96" displayName="Patient referral"/>
  <statusCode code="active"/>
</act>)";
  Json sr = only(test::convert_xml(test::wrap_entry(xml, "18776-5")), "ServiceRequest");
  BOOST_TEST(sr["doNotPerform"] == true);
  BOOST_TEST(sr["intent"] == "order");
}

BOOST_AUTO_TEST_CASE(planned_supply_of_a_cane_keeps_quantity_and_product) {
  const std::string xml = R"(
<supply moodCode="INT" classCode="SPLY">
  <templateId root="2.16.840.1.113883.10.20.22.4.43" extension="2014-06-09"/>
  <id root="9a6d1bac-17d3-4195-89c4-1121bc809b5b"/>
  <statusCode code="active"/>
  <effectiveTime xsi:type="IVL_TS"><low value="20130615"/></effectiveTime>
  <quantity value="1"/>
  <participant typeCode="PRD">
    <participantRole classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.37"/>
      <playingDevice><code code="87405001" codeSystem="2.16.840.1.113883.6.96" displayName="cane"/></playingDevice>
    </participantRole>
  </participant>
</supply>)";
  Json sr = only(test::convert_xml(test::wrap_entry(xml, "18776-5")), "ServiceRequest");
  BOOST_TEST(sr["intent"] == "plan");
  BOOST_TEST(sr["quantityQuantity"]["value"] == 1);
  BOOST_TEST(has_coding(sr["orderDetail"][0], kSnomed, "87405001"));
  BOOST_TEST(sr["code"]["coding"][0]["code"] == "unknown");
}

BOOST_AUTO_TEST_CASE(nutrition_education_recommendation_maps_planned_service_request) {
  const std::string xml = R"(
<act moodCode="INT" classCode="ACT">
  <templateId root="2.16.840.1.113883.10.20.22.4.130"/>
  <id root="9a6d1bac-17d3-4195-89a4-1121bc809a5d"/>
  <code code="61310001" codeSystem="2.16.840.1.113883.6.96" displayName="Nutrition education"/>
  <statusCode code="active"/>
  <effectiveTime value="20130731"/>
</act>)";
  Json sr = only(test::convert_xml(test::wrap_entry(xml, "18776-5")), "ServiceRequest");
  BOOST_TEST(sr["intent"] == "plan");
  BOOST_TEST(sr["status"] == "active");
  BOOST_TEST(has_coding(sr["code"], kSnomed, "61310001"));
  BOOST_TEST(sr["occurrenceDateTime"] == "2013-07-31");
}

BOOST_AUTO_TEST_CASE(standalone_instruction_maps_service_request_with_patient_instruction) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.20" extension="2014-06-09"/>
  <code code="409073007" codeSystem="2.16.840.1.113883.6.96" displayName="instruction"/>
  <text>Follow up with Dr George Potomac for Asthma</text>
  <statusCode code="completed"/>
</act>)";
  Json sr = only(test::convert_xml(test::wrap_entry(xml, "69730-0")), "ServiceRequest");
  BOOST_TEST(sr["patientInstruction"] == "Follow up with Dr George Potomac for Asthma");
  BOOST_TEST(sr["status"] == "completed");
  BOOST_TEST(sr["intent"] == "plan");
  BOOST_TEST(has_coding(sr["code"], kSnomed, "409073007"));
}

// --- Goal ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(pulse_oximetry_goal_maps_target_quantity_and_due_date) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="GOL">
  <templateId root="2.16.840.1.113883.10.20.22.4.121"/>
  <id root="3700b3b0-fbed-11e2-b778-0800200c9a66"/>
  <code code="59408-5" codeSystem="2.16.840.1.113883.6.1" displayName="Oxygen saturation in Arterial blood by Pulse oximetry"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20130730"/><high value="20130902"/></effectiveTime>
  <value xsi:type="IVL_PQ"><low value="92" unit="%"/></value>)" +
                          kAuthor + R"(
  <entryRelationship typeCode="RSON">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.143"/>
      <code code="225773000" codeSystem="2.16.840.1.113883.6.96"/>
      <value xsi:type="CD" code="394849002" codeSystem="2.16.840.1.113883.6.96" displayName="High priority"/>
    </observation>
  </entryRelationship>
</observation>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "61146-7"));
  Json g = only(b, "Goal");
  BOOST_TEST(has_profile(g, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal"));
  BOOST_TEST(g["lifecycleStatus"] == "active");
  BOOST_TEST(has_coding(g["description"], kLoinc, "59408-5"));
  BOOST_TEST(type_of(b, g["subject"]) == "Patient");
  BOOST_TEST(g["startDate"] == "2013-07-30");
  BOOST_REQUIRE_EQUAL(g["target"].size(), 1u);
  BOOST_TEST(has_coding(g["target"][0]["measure"], kLoinc, "59408-5"));
  BOOST_TEST(g["target"][0]["dueDate"] == "2013-09-02");
  BOOST_TEST((g["target"][0].contains("detailQuantity") || g["target"][0].contains("detailRange")));
  BOOST_TEST(has_coding(g["priority"], kSnomed, "394849002"));
  BOOST_TEST(type_of(b, g["expressedBy"]) == "Practitioner");
  BOOST_TEST(only(b, "Provenance")["target"][0]["reference"] ==
             "urn:uuid:" + g["id"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(free_text_goal_maps_description_text_and_due_date) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="GOL">
  <templateId root="2.16.840.1.113883.10.20.22.4.121"/>
  <id root="3700b3b0-fbed-11e2-b778-0800200c9a67"/>
  <code code="58144-7" codeSystem="2.16.840.1.113883.6.1"/>
  <statusCode code="active"/>
  <effectiveTime value="20150622"/>
  <value xsi:type="ST">Get rid of intermittent fever.</value>
</observation>)";
  Json g = only(test::convert_xml(test::wrap_entry(xml, "61146-7")), "Goal");
  BOOST_TEST(g["description"]["text"] == "Get rid of intermittent fever.");
  BOOST_TEST(!g["description"].contains("coding"));
  BOOST_TEST(g["target"][0]["dueDate"] == "2015-06-22");
  BOOST_TEST(!g.contains("startDate"));
}

BOOST_AUTO_TEST_CASE(goal_without_status_code_or_content_keeps_required_elements) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="GOL">
  <templateId root="2.16.840.1.113883.10.20.22.4.121"/>
  <id root="3700b3b0-fbed-11e2-b778-0800200c9a68"/>
  <code nullFlavor="UNK"/>
</observation>)";
  Json g = only(test::convert_xml(test::wrap_entry(xml, "61146-7")), "Goal");
  BOOST_TEST(g["lifecycleStatus"] == "active");
  BOOST_TEST(g["description"]["coding"][0]["system"] ==
             "http://terminology.hl7.org/CodeSystem/data-absent-reason");
}

// --- Family history ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(father_with_fatal_myocardial_infarction_at_57_maps_family_member_history) {
  const std::string xml = R"(
<organizer moodCode="EVN" classCode="CLUSTER">
  <templateId root="2.16.840.1.113883.10.20.22.4.45" extension="2015-08-01"/>
  <id root="d42ebf70-5c89-11db-b0de-0800200c9a67"/>
  <statusCode code="completed"/>
  <subject>
    <relatedSubject classCode="PRS">
      <code code="FTH" codeSystem="2.16.840.1.113883.5.111" displayName="Father"/>
      <subject>
        <administrativeGenderCode code="M" codeSystem="2.16.840.1.113883.5.1"/>
        <birthTime value="1912"/>
      </subject>
    </relatedSubject>
  </subject>
  <component>
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.46" extension="2015-08-01"/>
      <id root="d42ebf70-5c89-11db-b0de-0800200c9a66"/>
      <code code="64572001" codeSystem="2.16.840.1.113883.6.96" displayName="Disease"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="22298006" codeSystem="2.16.840.1.113883.6.96" displayName="Myocardial infarction"/>
      <entryRelationship typeCode="CAUS">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.47"/>
          <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
          <statusCode code="completed"/>
          <value xsi:type="CD" code="419099009" codeSystem="2.16.840.1.113883.6.96" displayName="Dead"/>
        </observation>
      </entryRelationship>
      <entryRelationship typeCode="SUBJ" inversionInd="true">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.31"/>
          <code code="445518008" codeSystem="2.16.840.1.113883.6.96"/>
          <statusCode code="completed"/>
          <value xsi:type="PQ" value="57" unit="a"/>
        </observation>
      </entryRelationship>
    </observation>
  </component>
  <component>
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.46"/>
      <id root="5bfe3ec0-5c8b-11db-b0de-0800200c9a66"/>
      <code code="64572001" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="completed"/>
      <effectiveTime value="1916"/>
      <value xsi:type="CD" code="46635009" codeSystem="2.16.840.1.113883.6.96" displayName="Diabetes mellitus type 1"/>
    </observation>
  </component>
  <component>
    <observation classCode="OBS" moodCode="EVN" negationInd="true">
      <templateId root="2.16.840.1.113883.10.20.22.4.46"/>
      <id root="5bfe3ec0-5c8b-11db-b0de-0800200c9a67"/>
      <code code="64572001" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="363346000" codeSystem="2.16.840.1.113883.6.96" displayName="Cancer"/>
    </observation>
  </component>
</organizer>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "10157-6"));
  Json f = only(b, "FamilyMemberHistory");
  BOOST_TEST(f["status"] == "completed");
  BOOST_TEST(type_of(b, f["patient"]) == "Patient");
  BOOST_TEST(
      has_coding(f["relationship"], "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "FTH"));
  BOOST_TEST(has_coding(f["sex"], "http://hl7.org/fhir/administrative-gender", "male"));
  BOOST_TEST(f["bornDate"] == "1912");
  BOOST_TEST(f["deceasedBoolean"] == true);
  BOOST_REQUIRE_EQUAL(f["condition"].size(), 2u);  // the negated cancer is not stated as present
  const Json& mi = f["condition"][0];
  BOOST_TEST(has_coding(mi["code"], kSnomed, "22298006"));
  BOOST_TEST(has_coding(mi["outcome"], kSnomed, "419099009"));
  BOOST_TEST(mi["contributedToDeath"] == true);
  BOOST_TEST(mi["onsetAge"]["value"] == 57);
  BOOST_TEST(mi["onsetAge"]["code"] == "a");
  BOOST_TEST(mi["onsetAge"]["system"] == "http://unitsofmeasure.org");
  const Json& dm = f["condition"][1];
  BOOST_TEST(has_coding(dm["code"], kSnomed, "46635009"));
  BOOST_TEST(!dm.contains("contributedToDeath"));
  BOOST_TEST(!dm.contains("onsetAge"));
  for (const auto& c : f["condition"]) BOOST_TEST(!has_coding(c["code"], kSnomed, "363346000"));
}

BOOST_AUTO_TEST_CASE(family_member_without_relationship_code_marks_it_absent) {
  const std::string xml = R"(
<organizer moodCode="EVN" classCode="CLUSTER">
  <templateId root="2.16.840.1.113883.10.20.22.4.45"/>
  <statusCode code="completed"/>
  <subject><relatedSubject classCode="PRS"><code nullFlavor="UNK"/></relatedSubject></subject>
</organizer>)";
  Json f = only(test::convert_xml(test::wrap_entry(xml, "10157-6")), "FamilyMemberHistory");
  BOOST_TEST(f["relationship"]["coding"][0]["code"] == "unknown");
  BOOST_TEST(f["status"] == "completed");
}

// --- Coverage -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(spouse_covered_by_group_policy_maps_us_core_coverage_with_payor) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.60" extension="2015-08-01"/>
  <id root="1fe2cdd0-7aad-11db-9fe1-0800200c9a66"/>
  <code code="48768-6" codeSystem="2.16.840.1.113883.6.1"/>
  <statusCode code="completed"/>
  <entryRelationship typeCode="COMP">
    <act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.61" extension="2015-08-01"/>
      <id root="3e676a50-7aac-11db-9fe1-0800200c9a66"/>
      <code code="81" codeSystem="2.16.840.1.113883.3.221.5" displayName="Self-pay"/>
      <statusCode code="completed"/>
      <performer typeCode="PRF">
        <templateId root="2.16.840.1.113883.10.20.22.4.87"/>
        <assignedEntity>
          <id root="2.16.840.1.113883.19" extension="payer-1"/>
          <code code="PAYOR" codeSystem="2.16.840.1.113883.5.110"/>
          <representedOrganization><id root="2.16.840.1.113883.19.77"/><name>Good Health Insurance</name></representedOrganization>
        </assignedEntity>
      </performer>
      <participant typeCode="COV">
        <templateId root="2.16.840.1.113883.10.20.22.4.89"/>
        <time><low value="20110101"/><high value="20111231"/></time>
        <participantRole classCode="PAT">
          <id root="14d4a520-7aae-11db-9fe1-0800200c9a66" extension="1138345"/>
          <code code="SPS" codeSystem="2.16.840.1.113883.5.111" displayName="spouse"/>
        </participantRole>
      </participant>
      <participant typeCode="HLD">
        <templateId root="2.16.840.1.113883.10.20.22.4.90"/>
        <participantRole>
          <id root="2.16.840.1.113883.19" extension="sub-778"/>
          <playingEntity><name><given>Boris</given><family>Betterhalf</family></name></playingEntity>
        </participantRole>
      </participant>
    </act>
  </entryRelationship>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "48768-6"));
  Json c = only(b, "Coverage");
  BOOST_TEST(has_profile(c, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-coverage"));
  BOOST_TEST(c["status"] == "active");
  BOOST_TEST(has_coding(c["type"], "https://nahdo.org/sopt", "81"));
  BOOST_TEST(type_of(b, c["beneficiary"]) == "Patient");
  BOOST_TEST(has_coding(c["relationship"],
                        "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "spouse"));
  BOOST_TEST(c["period"]["start"] == "2011-01-01");
  BOOST_TEST(c["period"]["end"] == "2011-12-31");
  BOOST_TEST(c["subscriberId"] == "sub-778");
  Json payor = test::resolve(b, c["payor"][0]);
  BOOST_TEST(payor["resourceType"] == "Organization");
  BOOST_TEST(payor["name"] == "Good Health Insurance");
  Json sub = test::resolve(b, c["subscriber"]);
  BOOST_TEST(sub["resourceType"] == "RelatedPerson");
  BOOST_TEST(sub["name"][0]["family"] == "Betterhalf");
  auto entries = section_entries(b);
  BOOST_REQUIRE_EQUAL(entries.size(), 1u);
  BOOST_TEST(type_of(b, entries[0]) == "Coverage");
}

BOOST_AUTO_TEST_CASE(policy_without_payer_performer_marks_payor_absent) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.60"/>
  <id root="1fe2cdd0-7aad-11db-9fe1-0800200c9a67"/>
  <statusCode code="completed"/>
  <entryRelationship typeCode="COMP">
    <act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.61"/>
      <id root="3e676a50-7aac-11db-9fe1-0800200c9a67"/>
      <statusCode code="completed"/>
      <participant typeCode="COV">
        <participantRole><code code="SELF" codeSystem="2.16.840.1.113883.5.111"/></participantRole>
      </participant>
    </act>
  </entryRelationship>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "48768-6"));
  Json c = only(b, "Coverage");
  BOOST_TEST(c["payor"][0]["extension"][0]["url"] == kDarExt);
  BOOST_TEST(has_coding(c["relationship"],
                        "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self"));
  BOOST_TEST(type_of(b, c["subscriber"]) == "Patient");
}

// --- Advance directives -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(do_not_resuscitate_directive_maps_observation_and_document) {
  const std::string xml = R"(
<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.108" extension="2015-08-01"/>
  <id root="af6ebdf2-d996-11e2-a5b8-f23c91aec05e"/>
  <code code="45473-6" codeSystem="2.16.840.1.113883.6.1"/>
  <statusCode code="completed"/>
  <component>
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.48" extension="2015-08-01"/>
      <id root="9b54c3c9-1673-49c7-aef9-b037ed72ed27"/>
      <code code="75278-2" codeSystem="2.16.840.1.113883.6.1"/>
      <statusCode code="completed"/>
      <effectiveTime><low value="20110219"/><high nullFlavor="NA"/></effectiveTime>
      <value xsi:type="CD" code="304253006" codeSystem="2.16.840.1.113883.6.96" displayName="Not for resuscitation"/>
      <reference typeCode="REFR">
        <externalDocument>
          <id root="b50b7910-7ffb-4f4c-bbe4-177ed68cbbf3"/>
          <text mediaType="application/pdf"><reference value="AdvanceDirective.b50b7910.pdf"/></text>
        </externalDocument>
      </reference>
    </observation>
  </component>
</organizer>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "42348-3"));
  Json o = only(b, "Observation");
  BOOST_TEST(
      has_profile(o, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-simple-observation"));
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(has_coding(o["category"][0], kLoinc, "42348-3"));
  BOOST_TEST(has_coding(o["code"], kLoinc, "75278-2"));
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "304253006"));
  BOOST_TEST(o["effectivePeriod"]["start"] == "2011-02-19");
  Json doc = test::resolve(b, o["derivedFrom"][0]);
  BOOST_TEST(doc["resourceType"] == "DocumentReference");
  BOOST_TEST(doc["identifier"][0]["value"] == "urn:uuid:b50b7910-7ffb-4f4c-bbe4-177ed68cbbf3");
  BOOST_TEST(doc["content"][0]["attachment"]["contentType"] == "application/pdf");
  BOOST_TEST(doc["content"][0]["attachment"]["url"] == "AdvanceDirective.b50b7910.pdf");
  BOOST_TEST(type_of(b, doc["subject"]) == "Patient");
  auto entries = section_entries(b);
  BOOST_REQUIRE_EQUAL(entries.size(), 1u);
  BOOST_TEST(entries[0]["reference"] == "urn:uuid:" + o["id"].get<std::string>());
}

// --- Medical equipment ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(pacemaker_in_medical_equipment_organizer_maps_device_use_statement) {
  const std::string xml = R"(
<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.135"/>
  <id root="3e414708-0e61-4d48-8863-484a2d473a02"/>
  <code code="40388003" codeSystem="2.16.840.1.113883.6.96" displayName="Implant"/>
  <statusCode code="completed"/>
  <component>
    <supply classCode="SPLY" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.50" extension="2014-06-09"/>
      <id root="39b5f1b4-a8e1-4ad7-8849-0deab10c97b1"/>
      <statusCode code="completed"/>
      <effectiveTime xsi:type="IVL_TS"><high value="20120703"/></effectiveTime>
      <quantity value="1"/>
      <participant typeCode="PRD">
        <participantRole classCode="MANU">
          <templateId root="2.16.840.1.113883.10.20.22.4.37"/>
          <id root="24993f33-6222-41ce-add6-37a9d3da6acb"/>
          <playingDevice><code code="14106009" codeSystem="2.16.840.1.113883.6.96" displayName="Cardiac pacemaker"/></playingDevice>
          <scopingEntity><id root="eb936010-7b17-11db-9fe1-0800200c9b65"/><desc>Good Health Durable Medical Equipment</desc></scopingEntity>
        </participantRole>
      </participant>
    </supply>
  </component>
</organizer>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "46264-8"));
  Json u = only(b, "DeviceUseStatement");
  BOOST_TEST(u["status"] == "completed");
  BOOST_TEST(u["timingPeriod"]["end"] == "2012-07-03");
  BOOST_TEST(type_of(b, u["subject"]) == "Patient");
  Json d = test::resolve(b, u["device"]);
  BOOST_TEST(d["resourceType"] == "Device");
  BOOST_TEST(!d.contains("meta"));  // no UDI: not a US Core Implantable Device
  BOOST_TEST(has_coding(d["type"], kSnomed, "14106009"));
  Json owner = test::resolve(b, d["owner"]);
  BOOST_TEST(owner["name"] == "Good Health Durable Medical Equipment");
  auto entries = section_entries(b);
  BOOST_REQUIRE_EQUAL(entries.size(), 1u);
  BOOST_TEST(type_of(b, entries[0]) == "DeviceUseStatement");
}

// --- Communication, notes
// -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(handoff_to_registered_nurse_maps_communication) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.141"/>
  <code code="432138007" codeSystem="2.16.840.1.113883.6.96" displayName="Handoff communication"/>
  <statusCode code="completed"/>
  <effectiveTime value="20130712"/>)" +
                          kAuthor + R"(
  <participant typeCode="IRCP">
    <participantRole>
      <id root="73add9b3-307d-44ad-bd3e-93f3bd0a3910"/>
      <code code="163W00000X" codeSystem="2.16.840.1.113883.6.101"/>
      <playingEntity><name><given>Nancy</given><family>Nurse</family></name></playingEntity>
    </participantRole>
  </participant>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "18776-5"));
  Json c = only(b, "Communication");
  BOOST_TEST(c["status"] == "completed");
  BOOST_TEST(has_coding(c["topic"], kSnomed, "432138007"));
  BOOST_TEST(c["sent"] == "2013-07-12");
  BOOST_TEST(test::resolve(b, c["sender"])["name"][0]["family"] == "Surgeon");
  BOOST_TEST(test::resolve(b, c["recipient"][0])["name"][0]["family"] == "Nurse");
}

BOOST_AUTO_TEST_CASE(standalone_comment_activity_maps_communication_with_text_payload) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
  <code code="48767-8" codeSystem="2.16.840.1.113883.6.1" displayName="Annotation comment"/>
  <text><reference value="#narr2"/></text>)" +
                          kAuthor + R"(
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "11450-4"));
  Json c = only(b, "Communication");
  BOOST_TEST(c["status"] == "completed");
  BOOST_TEST(c["payload"][0]["contentString"] == "Narrative two");
  BOOST_TEST(has_coding(c["category"][0], kLoinc, "48767-8"));
  BOOST_TEST(c["sent"] == "2012-08-06T10:15:00-05:00");
  BOOST_TEST(type_of(b, c["subject"]) == "Patient");
}

BOOST_AUTO_TEST_CASE(consultation_note_activity_maps_document_reference) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.202" extension="2016-11-01"/>
  <code code="34109-9" codeSystem="2.16.840.1.113883.6.1" displayName="Note">
    <translation code="11488-4" codeSystem="2.16.840.1.113883.6.1" displayName="Consultation note"/>
  </code>
  <text mediaType="application/rtf" representation="B64">e1xydGYxXGFuc2kgSGVsbG8gd29ybGQhfQ==<reference value="#narr1"/></text>
  <statusCode code="completed"/>
  <effectiveTime value="20160908"/>
  <author>
    <templateId root="2.16.840.1.113883.10.20.22.4.119"/>
    <time value="20160908083215-0500"/>
    <assignedAuthor>
      <id root="20cf14fb-b65c-4c8c-a54d-b0cca834c18c"/>
      <assignedPerson><name><prefix>Dr.</prefix><family>Specialist</family></name></assignedPerson>
    </assignedAuthor>
  </author>
  <reference typeCode="REFR">
    <externalDocument><id root="4dc41c26-43a4-48d9-b17e-067890006b29"/></externalDocument>
  </reference>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "11488-4"));
  Json d = only(b, "DocumentReference");
  BOOST_TEST(
      has_profile(d, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference"));
  BOOST_TEST(d["status"] == "current");
  BOOST_TEST(has_coding(d["type"], kLoinc, "11488-4"));
  BOOST_TEST(d["category"][0]["coding"][0]["code"] == "clinical-note");
  BOOST_TEST(d["date"] == "2016-09-08T08:32:15-05:00");
  BOOST_TEST(test::resolve(b, d["author"][0])["name"][0]["family"] == "Specialist");
  BOOST_TEST(d["content"][0]["attachment"]["contentType"] == "application/rtf");
  BOOST_TEST(d["content"][0]["attachment"]["data"] == "e1xydGYxXGFuc2kgSGVsbG8gd29ybGQhfQ==");
  BOOST_TEST(d["context"]["period"]["start"] == "2016-09-08");
  BOOST_TEST(d["relatesTo"][0]["target"]["identifier"]["value"] ==
             "urn:uuid:4dc41c26-43a4-48d9-b17e-067890006b29");
}

// --- Real corpus documents
// ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(corpus_hl7_ccd_sample_procedures_plans_family_history_and_equipment) {
  Json b = corpus_doc("chb/HL7_Samples/CCD.sample.xml");
  bool polypectomy = false;
  for (const auto& p : test::resources_of(b, "Procedure")) {
    if (has_coding(p["code"], kSnomed, "274025005")) {
      polypectomy = true;
      BOOST_TEST(p["status"] == "completed");
      BOOST_TEST(p["performedDateTime"] == "2011-02-15");
      BOOST_TEST(type_of(b, p["focalDevice"][0]["manipulated"]) == "Device");
    }
  }
  BOOST_TEST(polypectomy);
  bool colonoscopy_order = false;
  for (const auto& sr : test::resources_of(b, "ServiceRequest")) {
    if (has_coding(sr["code"], kSnomed, "310634005") && sr["intent"] == "order") {
      colonoscopy_order = true;
      BOOST_TEST(sr["status"] == "active");
      BOOST_TEST(sr["occurrenceDateTime"] == "2000-04-21");
    }
  }
  BOOST_TEST(colonoscopy_order);
  auto fmh = test::resources_of(b, "FamilyMemberHistory");
  BOOST_REQUIRE(!fmh.empty());
  BOOST_TEST(has_coding(fmh[0]["relationship"], "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                        "FTH"));
  BOOST_TEST(fmh[0]["condition"][0]["contributedToDeath"] == true);
  BOOST_TEST(fmh[0]["condition"][0]["onsetAge"]["value"] == 57);
  BOOST_TEST(test::resources_of(b, "DeviceUseStatement").size() == 3u);
  bool dnr = false;
  for (const auto& o : test::resources_of(b, "Observation")) {
    // operator[] on a const json must only see keys that exist (nlohmann asserts otherwise).
    if (o.contains("valueCodeableConcept") &&
        has_coding(o["valueCodeableConcept"], kSnomed, "304253006")) {
      dnr = true;
      BOOST_TEST(type_of(b, o["derivedFrom"][0]) == "DocumentReference");
    }
  }
  BOOST_TEST(dnr);
}

BOOST_AUTO_TEST_CASE(corpus_transfer_summary_policy_maps_coverage_with_payor) {
  Json b = corpus_doc("hl7-examples/Documents/Transfer_Summary/Transfer_Summary.xml");
  auto cov = test::resources_of(b, "Coverage");
  BOOST_REQUIRE(!cov.empty());
  BOOST_TEST(cov[0]["status"] == "active");
  Json payor = test::resolve(b, cov[0]["payor"][0]);
  BOOST_TEST(payor["name"] == "Good Health Insurance");
  BOOST_TEST(type_of(b, cov[0]["beneficiary"]) == "Patient");
  BOOST_TEST(cov[0].contains("relationship"));
}

BOOST_AUTO_TEST_CASE(corpus_care_plan_goal_maps_target_and_author) {
  Json b = corpus_doc("hl7-examples/Documents/Care_Plan/Care_Plan.xml");
  bool found = false;
  for (const auto& g : test::resources_of(b, "Goal")) {
    if (has_coding(g["description"], kLoinc, "44616-1")) {
      found = true;
      BOOST_TEST(g["lifecycleStatus"] == "active");
      BOOST_TEST(g["target"][0]["dueDate"] == "2013-09-02");
      BOOST_TEST(type_of(b, g["expressedBy"]) == "PractitionerRole");
    }
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(corpus_consultation_note_handoff_and_nutrition_recommendation) {
  Json b = corpus_doc("hl7-examples/Documents/Consultation_Note/Consultation_Note.xml");
  auto comms = test::resources_of(b, "Communication");
  bool handoff = false;
  for (const auto& c : comms) {
    if (has_coding(c["topic"], kSnomed, "432138007")) handoff = true;
  }
  BOOST_TEST(handoff);
  bool nutrition = false;
  for (const auto& sr : test::resources_of(b, "ServiceRequest")) {
    if (has_coding(sr["code"], kSnomed, "61310001")) {
      nutrition = true;
      BOOST_TEST(sr["intent"] == "plan");
    }
  }
  BOOST_TEST(nutrition);
}

BOOST_AUTO_TEST_CASE(corpus_every_procedures_domain_entry_is_mapped) {
  test::require_shared();
  const std::vector<std::string> docs = {
      "chb/HL7_Samples/CCD.sample.xml", "hl7-examples/Documents/Care_Plan/Care_Plan.xml",
      "hl7-examples/Documents/Transfer_Summary/Transfer_Summary.xml",
      "chb/NIST_Samples/CCDA_CCD_b1_Ambulatory_v2.xml"};
  const std::vector<std::string> tables = {"procedure-activity-procedure",
                                           "procedure-activity-act",
                                           "procedure-activity-observation",
                                           "planned-procedure",
                                           "planned-act",
                                           "planned-encounter",
                                           "planned-observation",
                                           "planned-supply",
                                           "nutrition-recommendation",
                                           "instruction",
                                           "goal-observation",
                                           "family-history-organizer",
                                           "coverage-activity",
                                           "policy-activity",
                                           "advance-directive-organizer",
                                           "advance-directive-observation",
                                           "medical-equipment-organizer",
                                           "non-medicinal-supply-activity",
                                           "handoff-communication",
                                           "comment-activity",
                                           "note-activity"};
  std::size_t mapped = 0;
  for (const auto& d : docs) {
    ConvertOptions o = test::fixed_options();
    o.collect_trace = true;
    ConversionResult r =
        test::engine().to_fhir(test::read_file(test::shared_dir() / "corpus" / d), o);
    for (const auto& t : r.trace) {
      if (std::find(tables.begin(), tables.end(), t.rule) == tables.end()) continue;
      BOOST_TEST(!t.targets.empty(), d << " " << t.source);
      ++mapped;
    }
  }
  BOOST_TEST(mapped > 20u);
}

BOOST_AUTO_TEST_SUITE_END()
