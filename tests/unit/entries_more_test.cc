// Entry tables of the "more" domain: diagnosis wrappers (Hospital Admission / Discharge,
// Preoperative, Postprocedure Diagnosis, standalone Indication -> Condition encounter-diagnosis),
// Health Status / Outcome / Nutritional Status / Disability Status / Cultural and Religious /
// Home Environment / Pregnancy Intention observations, Patient Referral Act, (Planned)
// Intervention Act, Discharge / Admission Medication, Risk Concern Act, Longitudinal Care Wound
// Observation, Care Team Organizer, CCD 1.0 Problem Act, Diagnostic Imaging Report entries (Study
// Act, Procedure Context, Text Observation), IHE Pharmacy / CDA-CH-EMED items and the DS4P
// privacy annotations (left out with a reason). Hand-written fixtures asserted field by field,
// plus extracts of real corpus documents.
#include <algorithm>

#include "test_support.h"

using namespace ccdafhir;

namespace {

using test::has_coding;
using test::only;

const char* kSnomed = "http://snomed.info/sct";
const char* kLoinc = "http://loinc.org";
const char* kObsCat = "http://terminology.hl7.org/CodeSystem/observation-category";
const char* kCondCat = "http://terminology.hl7.org/CodeSystem/condition-category";
const char* kSimple = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-simple-observation";
const char* kEncDx =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-encounter-diagnosis";
const char* kProblems =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-problems-health-concerns";

bool has_profile(const Json& r, const std::string& url) {
  if (!r.contains("meta") || !r["meta"].contains("profile")) return false;
  return std::count(r["meta"]["profile"].begin(), r["meta"]["profile"].end(), url) == 1;
}

bool no_profile(const Json& r) {
  return !r.contains("meta") || !r["meta"].contains("profile");
}

bool any_coding(const Json& list, const std::string& system, const std::string& code) {
  if (!list.is_array()) return false;
  for (const auto& cc : list)
    if (has_coding(cc, system, code)) return true;
  return false;
}

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

std::string type_of(const Json& bundle, const Json& ref) {
  Json r = test::resolve(bundle, ref);
  return r.is_object() ? r.value("resourceType", "") : "";
}

// A trace record's fields for the first section entry.
const TraceRecord& first_trace(const ConversionResult& res) {
  BOOST_REQUIRE(!res.trace.empty());
  return res.trace.front();
}

Json convert(const std::string& entry, const std::string& section,
             ConversionResult* res = nullptr) {
  return test::convert_xml(test::wrap_entry(entry, section), res);
}

Json corpus(const std::string& rel) {
  test::require_shared();
  return test::convert_xml(test::read_file(test::shared_dir() / "corpus" / rel));
}

const char* kAppendicitis = R"(
  <observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
    <id root="1.2.3.4" extension="dx1"/>
    <code code="29308-4" codeSystem="2.16.840.1.113883.6.1" displayName="Diagnosis"/>
    <statusCode code="completed"/>
    <effectiveTime><low value="20240105"/></effectiveTime>
    <value xsi:type="CD" code="74400008" codeSystem="2.16.840.1.113883.6.96" displayName="Appendicitis"/>
  </observation>)";

std::string wrapper(const std::string& root, const std::string& code, const std::string& inner) {
  return R"(<act classCode="ACT" moodCode="EVN"><templateId root=")" + root +
         R"(" extension="2015-08-01"/><id root="1.2.3.4" extension="wrap"/><code code=")" + code +
         R"(" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="active"/>
         <entryRelationship typeCode="SUBJ">)" +
         inner + "</entryRelationship></act>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(entries)

// --- diagnosis wrappers ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(admission_diagnosis_of_appendicitis_is_an_encounter_diagnosis_condition) {
  Json b = convert(wrapper("2.16.840.1.113883.10.20.22.4.34", "46241-6", kAppendicitis), "46241-6");
  Json c = only(b, "Condition");
  BOOST_TEST(has_profile(c, kEncDx));
  BOOST_TEST(any_coding(c["category"], kCondCat, "encounter-diagnosis"));
  BOOST_TEST(has_coding(c["code"], kSnomed, "74400008"));
  BOOST_TEST(c["onsetDateTime"] == "2024-01-05");
  BOOST_TEST(type_of(b, c["subject"]) == "Patient");
  auto entries = section_entries(b);
  BOOST_REQUIRE_EQUAL(entries.size(), 1u);
  BOOST_TEST(type_of(b, entries[0]) == "Condition");
}

BOOST_AUTO_TEST_CASE(discharge_preop_and_postprocedure_diagnoses_each_yield_their_condition) {
  for (auto [root, code] : {std::pair{"2.16.840.1.113883.10.20.22.4.33", "11535-2"},
                            std::pair{"2.16.840.1.113883.10.20.22.4.65", "10219-4"},
                            std::pair{"2.16.840.1.113883.10.20.22.4.51", "59769-0"}}) {
    ConversionResult res;
    Json b = convert(wrapper(root, code, kAppendicitis), code, &res);
    Json c = only(b, "Condition");
    BOOST_TEST(has_profile(c, kEncDx));
    BOOST_TEST(has_coding(c["code"], kSnomed, "74400008"));
    BOOST_TEST(!first_trace(res).targets.empty(), root);
  }
}

BOOST_AUTO_TEST_CASE(negated_admission_diagnosis_is_refuted_never_positive) {
  std::string obs = kAppendicitis;
  obs.replace(obs.find("moodCode=\"EVN\""), 14, "moodCode=\"EVN\" negationInd=\"true\"");
  Json c = only(convert(wrapper("2.16.840.1.113883.10.20.22.4.34", "46241-6", obs), "46241-6"),
                "Condition");
  BOOST_TEST(c["verificationStatus"]["coding"][0]["code"] == "refuted");
}

BOOST_AUTO_TEST_CASE(placeholder_discharge_diagnosis_yields_nothing_with_a_reason) {
  ConversionResult res;
  Json b = convert(
      wrapper(
          "2.16.840.1.113883.10.20.22.4.33", "11535-2",
          R"(<observation classCode="OBS" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.4"/>
                              <code code="29308-4" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
                              <value xsi:type="CD" nullFlavor="NI"/></observation>)"),
      "11535-2", &res);
  BOOST_TEST(test::resources_of(b, "Condition").empty());
  BOOST_TEST(first_trace(res).dropped.find("hospital-discharge-diagnosis") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(standalone_indication_of_rectal_bleeding_is_an_encounter_diagnosis) {
  Json c = only(convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.19" extension="2014-06-09"/>
      <id root="db734647-fc99-424c-a864-7e3cda82e703" extension="45665"/>
      <code code="75321-0" codeSystem="2.16.840.1.113883.6.1" displayName="Clinical finding"/>
      <statusCode code="completed"/><effectiveTime><low value="20091023"/></effectiveTime>
      <value xsi:type="CD" code="414992000" displayName="Painless rectal bleeding" codeSystem="2.16.840.1.113883.6.96"/>
    </observation>)",
                        "59768-2"),
                "Condition");
  BOOST_TEST(has_profile(c, kEncDx));
  BOOST_TEST(has_coding(c["code"], kSnomed, "414992000"));
  BOOST_TEST(c["onsetDateTime"] == "2009-10-23");
}

BOOST_AUTO_TEST_CASE(corpus_discharge_summary_admission_diagnosis_references_the_encounter) {
  Json b = corpus("hl7-examples/Documents/Discharge_Summary/Discharge_Summary.xml");
  bool found = false;
  for (const auto& c : test::resources_of(b, "Condition")) {
    if (!has_profile(c, kEncDx) || !has_coding(c["code"], kSnomed, "74400008")) continue;
    found = true;
    BOOST_TEST(type_of(b, c["encounter"]) == "Encounter");
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(corpus_operative_note_preoperative_diagnosis_and_indication_map) {
  Json b = corpus("hl7-examples/Documents/Operative_Note/Operative_Note.xml");
  int appendicitis = 0, bleeding = 0;
  for (const auto& c : test::resources_of(b, "Condition")) {
    if (has_coding(c["code"], kSnomed, "74400008")) ++appendicitis;
    if (has_coding(c["code"], kSnomed, "414992000")) ++bleeding;
  }
  BOOST_TEST(appendicitis >= 1);
  BOOST_TEST(bleeding == 1);
}

// --- simple observations ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(health_status_chronically_ill_is_a_simple_exam_observation) {
  Json o = only(convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.5" extension="2014-06-09"/>
      <id root="1.2.3" extension="hs"/>
      <code code="11323-3" codeSystem="2.16.840.1.113883.6.1" displayName="Health status"/>
      <statusCode code="completed"/><effectiveTime value="20141222"/>
      <value xsi:type="CD" code="161901003" codeSystem="2.16.840.1.113883.6.96" displayName="Chronically ill"/>
    </observation>)",
                        "75310-3"),
                "Observation");
  BOOST_TEST(has_profile(o, kSimple));
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(any_coding(o["category"], kObsCat, "exam"));
  BOOST_TEST(has_coding(o["code"], kLoinc, "11323-3"));
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "161901003"));
  BOOST_TEST(o["effectiveDateTime"] == "2014-12-22");
}

BOOST_AUTO_TEST_CASE(negated_health_status_is_left_out) {
  Json b = convert(R"(<observation classCode="OBS" moodCode="EVN" negationInd="true">
      <templateId root="2.16.840.1.113883.10.20.22.4.5"/><code code="11323-3" codeSystem="2.16.840.1.113883.6.1"/>
      <statusCode code="completed"/><value xsi:type="CD" code="161901003" codeSystem="2.16.840.1.113883.6.96"/>
    </observation>)",
                   "75310-3");
  BOOST_TEST(test::resources_of(b, "Observation").empty());
}

BOOST_AUTO_TEST_CASE(corpus_health_status_from_an_onc_ccd) {
  Json b = corpus("onc-2015/Agastha/195414.xml");
  bool found = false;
  for (const auto& o : test::resources_of(b, "Observation"))
    if (has_coding(o["code"], kLoinc, "11323-3")) {
      found = true;
      BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "161901003"));
    }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(outcome_pulse_oximetry_keeps_goal_progress_as_component) {
  Json o = only(convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.144"/><id root="1.2.3" extension="out"/>
      <code code="44616-1" codeSystem="2.16.840.1.113883.6.1" displayName="Pulse oximetry panel"/>
      <statusCode code="completed"/><effectiveTime value="20130806"/>
      <value xsi:type="PQ" value="95" unit="%"/>
      <entryRelationship typeCode="SPRT" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.110"/><code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
        <statusCode code="completed"/>
        <value xsi:type="CD" code="390802008" codeSystem="2.16.840.1.113883.6.96" displayName="Goal achieved"/>
      </observation></entryRelationship>
    </observation>)",
                        "11383-7"),
                "Observation");
  BOOST_TEST(has_profile(o, kSimple));
  BOOST_TEST(o["valueQuantity"]["value"] == 95);
  BOOST_TEST(o["valueQuantity"]["code"] == "%");
  BOOST_REQUIRE(o.contains("component"));
  BOOST_TEST(has_coding(o["component"][0]["valueCodeableConcept"], kSnomed, "390802008"));
}

BOOST_AUTO_TEST_CASE(nutritional_status_well_nourished_lists_its_assessment) {
  Json b = convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.124"/><id root="1.2.3" extension="ns"/>
      <code code="75305-3" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
      <effectiveTime value="20130512"/>
      <value xsi:type="CD" code="248324001" codeSystem="2.16.840.1.113883.6.96" displayName="well nourished"/>
      <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.138"/><id root="1.2.3" extension="na"/>
        <code code="75303-8" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
        <value xsi:type="CD" code="386619000" codeSystem="2.16.840.1.113883.6.96" displayName="low sodium diet"/>
      </observation></entryRelationship>
    </observation>)",
                   "61144-2");
  auto obs = test::resources_of(b, "Observation");
  BOOST_REQUIRE_EQUAL(obs.size(), 2u);
  const Json& status = has_coding(obs[0]["code"], kLoinc, "75305-3") ? obs[0] : obs[1];
  BOOST_TEST(has_coding(status["valueCodeableConcept"], kSnomed, "248324001"));
  Json member = test::resolve(b, status["hasMember"][0]);
  BOOST_TEST(has_coding(member["valueCodeableConcept"], kSnomed, "386619000"));
  BOOST_TEST(has_profile(member, kSimple));
}

BOOST_AUTO_TEST_CASE(disability_status_carries_the_us_core_disability_category) {
  Json o = only(convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.505" extension="2023-05-01"/>
      <code code="89571-4" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
      <effectiveTime value="20221111"/>
      <value xsi:type="CD" code="LA29243-5" codeSystem="2.16.840.1.113883.6.1" displayName="I'm Vulnerable"/>
    </observation>)",
                        "47420-5"),
                "Observation");
  BOOST_TEST(any_coding(o["category"], "http://hl7.org/fhir/us/core/CodeSystem/us-core-category",
                        "disability-status"));
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kLoinc, "LA29243-5"));
}

BOOST_AUTO_TEST_CASE(cultural_belief_and_home_environment_are_social_history) {
  Json b = convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.111"/><id root="1.2.3" extension="cr"/>
      <code code="75281-6" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
      <value xsi:type="ST">Does not accept blood transfusions</value></observation>)",
                   "29762-2");
  Json o = only(b, "Observation");
  BOOST_TEST(any_coding(o["category"], kObsCat, "social-history"));
  BOOST_TEST(o["valueString"] == "Does not accept blood transfusions");
  Json h = only(convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.109"/><id root="1.2.3" extension="he"/>
      <code code="75274-1" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
      <value xsi:type="CD" code="308899009" codeSystem="2.16.840.1.113883.6.96"/></observation>)",
                        "29762-2"),
                "Observation");
  BOOST_TEST(any_coding(h["category"], kObsCat, "social-history"));
  BOOST_TEST(has_coding(h["valueCodeableConcept"], kSnomed, "308899009"));
}

BOOST_AUTO_TEST_CASE(corpus_transfer_summary_cultural_and_home_observations) {
  Json b = corpus("hl7-examples/Documents/Transfer_Summary/Transfer_Summary.xml");
  int n = 0;
  for (const auto& o : test::resources_of(b, "Observation"))
    if (has_coding(o["code"], kLoinc, "75281-6") || has_coding(o["code"], kLoinc, "75274-1")) ++n;
  BOOST_TEST(n == 2);
}

BOOST_AUTO_TEST_CASE(pregnancy_intention_no_desire_is_us_core_pregnancy_intent) {
  Json o = only(convert(R"(<observation classCode="OBS" moodCode="INT">
      <templateId root="2.16.840.1.113883.10.20.22.4.281" extension="2023-05-01"/><id root="1.2.3" extension="pi"/>
      <code code="86645-9" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
      <effectiveTime><low value="20170107"/><high value="20180107"/></effectiveTime>
      <value xsi:type="CD" code="454401000124105" codeSystem="2.16.840.1.113883.6.96"/>
    </observation>)",
                        "29762-2"),
                "Observation");
  BOOST_TEST(has_profile(
      o, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-pregnancyintent"));
  BOOST_TEST(o["effectiveDateTime"] == "2017-01-07");
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "454401000124105"));
}

BOOST_AUTO_TEST_CASE(corpus_svap_ccd_pregnancy_intention_and_disability) {
  Json b = corpus("onc-validator/2023SVAPCCD2.xml");
  bool intent = false, disability = false;
  for (const auto& o : test::resources_of(b, "Observation")) {
    if (has_coding(o["code"], kLoinc, "86645-9")) intent = true;
    if (has_coding(o["code"], kLoinc, "89571-4")) disability = true;
  }
  BOOST_TEST(intent);
  BOOST_TEST(disability);
}

// --- requests / interventions ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(referral_for_consultation_asap_is_a_us_core_service_request) {
  Json s = only(convert(R"(<act classCode="PCPR" moodCode="INT">
      <templateId root="2.16.840.1.113883.10.20.22.4.140"/><id root="70bdd7db-e02d-4eff-9829-35e3b7d9e154"/>
      <code code="44383000" codeSystem="2.16.840.1.113883.6.96" displayName="Patient referral for consultation"/>
      <statusCode code="active"/><effectiveTime value="20130311"/>
      <priorityCode code="A" codeSystem="2.16.840.1.113883.5.7"/>
      <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="RQO">
        <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/><statusCode code="completed"/>
        <value xsi:type="CD" code="268528005" codeSystem="2.16.840.1.113883.6.96" displayName="full care by specialist"/>
      </observation></entryRelationship>
    </act>)",
                        "42349-1"),
                "ServiceRequest");
  BOOST_TEST(
      has_profile(s, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-servicerequest"));
  BOOST_TEST(s["status"] == "active");
  BOOST_TEST(s["intent"] == "plan");
  BOOST_TEST(s["priority"] == "asap");
  BOOST_TEST(has_coding(s["code"], kSnomed, "44383000"));
  BOOST_TEST(any_coding(s["category"], kSnomed, "3457005"));
  BOOST_TEST(any_coding(s["orderDetail"], kSnomed, "268528005"));
  BOOST_TEST(s["occurrenceDateTime"] == "2013-03-11");
}

BOOST_AUTO_TEST_CASE(corpus_referral_note_referral_act) {
  Json b = corpus("ms-fhir-converter/Referral_Note.xml");
  bool found = false;
  for (const auto& s : test::resources_of(b, "ServiceRequest"))
    if (has_coding(s["code"], kSnomed, "44383000")) found = true;
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(planned_intervention_forwards_its_planned_procedure) {
  ConversionResult res;
  Json b = convert(R"(<act classCode="ACT" moodCode="INT">
      <templateId root="2.16.840.1.113883.10.20.22.4.146" extension="2015-08-01"/><id root="1.2.3" extension="pi"/>
      <code code="362956003" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="active"/>
      <entryRelationship typeCode="REFR"><procedure classCode="PROC" moodCode="INT">
        <templateId root="2.16.840.1.113883.10.20.22.4.41" extension="2014-06-09"/><id root="1.2.3" extension="pp"/>
        <code code="371907003" codeSystem="2.16.840.1.113883.6.96" displayName="Oxygen administration by nasal cannula"/>
        <statusCode code="active"/><effectiveTime value="20130901"/>
      </procedure></entryRelationship>
      <entryRelationship typeCode="RSON"><act classCode="ACT" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.122"/><id root="9.9.9"/><code nullFlavor="NP"/>
        <statusCode code="completed"/></act></entryRelationship>
    </act>)",
                   "18776-5", &res);
  Json s = only(b, "ServiceRequest");
  BOOST_TEST(has_coding(s["code"], kSnomed, "371907003"));
  BOOST_TEST(first_trace(res).rule == "planned-intervention-act");
}

BOOST_AUTO_TEST_CASE(planned_intervention_with_only_entry_references_is_its_own_request) {
  Json s = only(convert(R"(<act classCode="ACT" moodCode="INT">
      <templateId root="2.16.840.1.113883.10.20.22.4.146"/><id root="1.2.3" extension="pi2"/>
      <code code="362956003" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="active"/>
      <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.122"/><id root="9.9.9"/><code nullFlavor="NP"/>
        <statusCode code="completed"/></act></entryRelationship>
    </act>)",
                        "18776-5"),
                "ServiceRequest");
  BOOST_TEST(has_coding(s["code"], kSnomed, "362956003"));
  BOOST_TEST(s["intent"] == "plan");
}

BOOST_AUTO_TEST_CASE(intervention_act_forwards_performed_procedure_act) {
  Json p = only(convert(R"(<act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.131"/><id root="1.2.3" extension="ia"/>
      <code code="362956003" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="completed"/>
      <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.12" extension="2014-06-09"/><id root="1.2.3" extension="hb"/>
        <code code="423171007" codeSystem="2.16.840.1.113883.6.96" displayName="Elevate head of bed"/>
        <statusCode code="completed"/><effectiveTime value="20130801"/></act></entryRelationship>
    </act>)",
                        "11383-7"),
                "Procedure");
  BOOST_TEST(has_coding(p["code"], kSnomed, "423171007"));
  BOOST_TEST(p["status"] == "completed");
  BOOST_TEST(p["performedDateTime"] == "2013-08-01");
}

BOOST_AUTO_TEST_CASE(corpus_care_plan_interventions_outcome_and_risk_concern_all_map) {
  test::require_shared();
  ConversionResult res;
  test::convert_xml(
      test::read_file(test::shared_dir() / "corpus/hl7-examples/Documents/Care_Plan/Care_Plan.xml"),
      &res);
  int seen = 0;
  for (const auto& t : res.trace) {
    if (t.template_id == "2.16.840.1.113883.10.20.22.4.131" ||
        t.template_id == "2.16.840.1.113883.10.20.22.4.146" ||
        t.template_id == "2.16.840.1.113883.10.20.22.4.144" ||
        t.template_id == "2.16.840.1.113883.10.20.22.4.136") {
      ++seen;
      BOOST_TEST(!t.targets.empty(), t.template_id);
    }
  }
  BOOST_TEST(seen >= 4);
}

// --- medications ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(discharge_medication_ibuprofen_becomes_medication_request) {
  ConversionResult res;
  Json b = convert(R"(<act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.35" extension="2016-03-01"/>
      <code code="10183-2" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
      <entryRelationship typeCode="SUBJ"><substanceAdministration classCode="SBADM" moodCode="INT">
        <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
        <id root="47d3e719-f688-459d-bcdc-47c6de0767a9"/><statusCode code="active"/>
        <effectiveTime xsi:type="IVL_TS"><low value="20140916"/></effectiveTime>
        <consumable><manufacturedProduct classCode="MANU"><templateId root="2.16.840.1.113883.10.20.22.4.23"/>
          <manufacturedMaterial><code code="197806" codeSystem="2.16.840.1.113883.6.88" displayName="Ibuprofen 600mg Oral Tablet"/></manufacturedMaterial>
        </manufacturedProduct></consumable>
      </substanceAdministration></entryRelationship>
    </act>)",
                   "10183-2", &res);
  Json m = only(b, "MedicationRequest");
  BOOST_TEST(has_coding(m["medicationCodeableConcept"],
                        "http://www.nlm.nih.gov/research/umls/rxnorm", "197806"));
  BOOST_TEST(first_trace(res).rule == "discharge-medication");
}

BOOST_AUTO_TEST_CASE(admission_medication_taken_at_home_becomes_medication_statement) {
  Json m = only(convert(R"(<act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.36" extension="2014-06-09"/>
      <code code="42346-7" codeSystem="2.16.840.1.113883.6.1"/>
      <entryRelationship typeCode="SUBJ"><substanceAdministration classCode="SBADM" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
        <id root="1.2.3" extension="am"/><statusCode code="active"/>
        <consumable><manufacturedProduct classCode="MANU"><templateId root="2.16.840.1.113883.10.20.22.4.23"/>
          <manufacturedMaterial><code code="314076" codeSystem="2.16.840.1.113883.6.88" displayName="lisinopril 10 MG"/></manufacturedMaterial>
        </manufacturedProduct></consumable>
      </substanceAdministration></entryRelationship>
    </act>)",
                        "42346-7"),
                "MedicationStatement");
  BOOST_TEST(has_coding(m["medicationCodeableConcept"],
                        "http://www.nlm.nih.gov/research/umls/rxnorm", "314076"));
  BOOST_TEST(m["status"] == "active");
}

BOOST_AUTO_TEST_CASE(corpus_discharge_summary_discharge_medication) {
  Json b = corpus("hl7-examples/Documents/Discharge_Summary/Discharge_Summary.xml");
  bool found = false;
  // The product has an id, so the medication is a Medication (its identifier) referenced by
  // the request.
  for (const auto& m : test::resources_of(b, "MedicationRequest")) {
    Json med = m.contains("medicationReference")
                   ? test::resolve(b, m["medicationReference"])["code"]
                   : m["medicationCodeableConcept"];
    if (has_coding(med, "http://www.nlm.nih.gov/research/umls/rxnorm", "197806")) found = true;
  }
  BOOST_TEST(found);
}

// --- concerns, wounds, care team, CCD 1.0 ------------------------------------------------------

BOOST_AUTO_TEST_CASE(risk_concern_is_an_at_risk_health_concern_not_the_risked_disease) {
  Json c = only(convert(R"(<act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.136" extension="2015-08-01"/><id root="1.2.3" extension="rc"/>
      <code code="281694009" codeSystem="2.16.840.1.113883.6.96" displayName="At risk for"/>
      <statusCode code="active"/><effectiveTime value="20130616"/>
      <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/><id root="1.2.3" extension="po"/>
        <code code="281694009" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="completed"/>
        <value xsi:type="CD" code="409623005" codeSystem="2.16.840.1.113883.6.96" displayName="Respiratory insufficiency"/>
      </observation></entryRelationship>
    </act>)",
                        "75310-3"),
                "Condition");
  BOOST_TEST(has_profile(c, kProblems));
  BOOST_TEST(any_coding(c["category"], "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
                        "health-concern"));
  BOOST_TEST(has_coding(c["code"], kSnomed, "281694009"));
  BOOST_TEST(!has_coding(c["code"], kSnomed, "409623005"));
  BOOST_TEST(c["note"][0]["text"] == "Respiratory insufficiency");
  BOOST_TEST(c["clinicalStatus"]["coding"][0]["code"] == "active");
  BOOST_TEST(c["onsetDateTime"] == "2013-06-16");
}

BOOST_AUTO_TEST_CASE(negated_risk_concern_is_left_out) {
  ConversionResult res;
  Json b = convert(R"(<act classCode="ACT" moodCode="EVN" negationInd="true">
      <templateId root="2.16.840.1.113883.10.20.22.4.136"/><code code="281694009" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="active"/></act>)",
                   "75310-3", &res);
  BOOST_TEST(test::resources_of(b, "Condition").empty());
  BOOST_TEST(first_trace(res).dropped.find("negated") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pressure_ulcer_wound_is_a_condition_with_body_site) {
  Json c = only(convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.114" extension="2015-08-01"/><id root="1.2.3" extension="w"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/><statusCode code="completed"/>
      <effectiveTime><low value="20130301"/></effectiveTime>
      <value xsi:type="CD" code="421927004" codeSystem="2.16.840.1.113883.6.96" displayName="Pressure ulcer stage 3"/>
      <targetSiteCode code="182295001" codeSystem="2.16.840.1.113883.6.96"/>
    </observation>)",
                        "11450-4"),
                "Condition");
  BOOST_TEST(has_profile(c, kProblems));
  BOOST_TEST(has_coding(c["code"], kSnomed, "421927004"));
  BOOST_TEST(any_coding(c["bodySite"], kSnomed, "182295001"));
  BOOST_TEST(c["onsetDateTime"] == "2013-03-01");
}

BOOST_AUTO_TEST_CASE(care_team_with_a_primary_care_physician_is_a_us_core_care_team) {
  Json b = convert(R"(<organizer classCode="CLUSTER" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.500" extension="2022-06-01"/><id root="1.1.1.1.1.1"/>
      <code code="86744-0" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="active"/>
      <effectiveTime><low value="20181008"/></effectiveTime>
      <component><act classCode="PCPR" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.500.1" extension="2022-06-01"/><id root="1.5.5"/>
        <code code="85847-2" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="active"/>
        <effectiveTime xsi:type="IVL_TS"><low value="20181008"/></effectiveTime>
        <performer typeCode="PRF">
          <sdtc:functionCode code="PCP" codeSystem="2.16.840.1.113883.5.88" displayName="primary care physician"/>
          <assignedEntity><id root="2.16.840.1.113883.4.6" extension="1234567893"/>
            <assignedPerson><name><given>John</given><family>Smith</family></name></assignedPerson></assignedEntity>
        </performer>
      </act></component>
    </organizer>)",
                   "85847-2");
  Json t = only(b, "CareTeam");
  BOOST_TEST(has_profile(t, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careteam"));
  BOOST_TEST(t["status"] == "active");
  BOOST_TEST(t["period"]["start"] == "2018-10-08");
  BOOST_REQUIRE_EQUAL(t["participant"].size(), 1u);
  BOOST_TEST(any_coding(t["participant"][0]["role"],
                        "http://terminology.hl7.org/CodeSystem/v3-ParticipationFunction", "PCP"));
  BOOST_TEST(type_of(b, t["participant"][0]["member"]) == "Practitioner");
  BOOST_TEST(type_of(b, t["subject"]) == "Patient");
}

BOOST_AUTO_TEST_CASE(corpus_athena_care_team) {
  Json t = only(corpus("nurra/documents/athena_ccd_real_world.xml"), "CareTeam");
  BOOST_TEST(t["participant"].size() >= 1u);
  BOOST_TEST(t["status"] == "active");
}

BOOST_AUTO_TEST_CASE(ccd_one_problem_act_with_ccd_problem_observation_is_a_condition) {
  Json c = only(convert(R"(<act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.1.27"/><id nullFlavor="NA"/><code nullFlavor="NA"/>
      <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.1.28"/>
        <code code="64572001" codeSystem="2.16.840.1.113883.6.96" displayName="Condition"/>
        <statusCode code="completed"/><effectiveTime value="20101021"/>
        <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96" displayName="Asthma"/>
      </observation></entryRelationship>
    </act>)",
                        "11450-4"),
                "Condition");
  BOOST_TEST(has_coding(c["code"], kSnomed, "195967001"));
  BOOST_TEST(c["onsetDateTime"] == "2010-10-21");
}

BOOST_AUTO_TEST_CASE(
    corpus_ds4p_sample_ccd_problem_acts_map_and_privacy_annotations_give_a_reason) {
  test::require_shared();
  ConversionResult res;
  test::convert_xml(
      test::read_file(test::shared_dir() / "corpus/onc-validator/Sample_DS4P_MDHTGen.xml"), &res);
  int acts = 0, privacy = 0;
  for (const auto& t : res.trace) {
    if (t.template_id == "2.16.840.1.113883.10.20.1.27") {
      ++acts;
      BOOST_TEST(!t.targets.empty());
    }
    if (t.template_id == "2.16.840.1.113883.3.3251.1.4") {
      ++privacy;
      BOOST_TEST(t.dropped.find("security labels") != std::string::npos);
    }
  }
  BOOST_TEST(acts == 3);
  BOOST_TEST(privacy == 1);
}

// --- Diagnostic Imaging Report ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(study_act_with_one_cr_series_is_an_imaging_study) {
  Json s = only(convert(R"(<act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.6.2.6"/><id root="1.2.840.113619.2.62.994044785528.114289542805"/>
      <code code="113014" codeSystem="1.2.840.10008.2.16.4"/><effectiveTime value="20060828170821"/>
      <entryRelationship typeCode="COMP"><act classCode="ACT" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.63"/><id root="1.2.840.113619.2.62.1"/>
        <code code="113015" codeSystem="1.2.840.10008.2.16.4"><qualifier>
          <name code="121139" codeSystem="1.2.840.10008.2.16.4"/><value code="CR" codeSystem="1.2.840.10008.2.16.4" displayName="Computed Radiography"/>
        </qualifier></code>
        <entryRelationship typeCode="COMP"><observation classCode="DGIMG" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.6.2.8"/><id root="1.2.840.113619.2.62.1.1"/>
          <code code="1.2.840.10008.5.1.4.1.1.1" codeSystem="1.2.840.10008.2.6.1"/>
        </observation></entryRelationship>
      </act></entryRelationship>
    </act>)",
                        "121181"),
                "ImagingStudy");
  BOOST_TEST(no_profile(s));
  BOOST_TEST(s["status"] == "available");
  BOOST_TEST(s["identifier"][0]["value"] ==
             "urn:oid:1.2.840.113619.2.62.994044785528.114289542805");
  BOOST_TEST(s["started"] == "2006-08-28");  // a time without zone is kept to the day (datatypes)
  BOOST_TEST(s["series"][0]["uid"] == "1.2.840.113619.2.62.1");
  BOOST_TEST(s["series"][0]["modality"]["code"] == "CR");
  BOOST_TEST(s["series"][0]["instance"][0]["uid"] == "1.2.840.113619.2.62.1.1");
  BOOST_TEST(s["series"][0]["instance"][0]["sopClass"]["code"] == "1.2.840.10008.5.1.4.1.1.1");
}

BOOST_AUTO_TEST_CASE(procedure_context_mra_head_is_a_completed_procedure) {
  Json p = only(convert(R"(<act moodCode="EVN" classCode="ACT">
      <templateId root="2.16.840.1.113883.10.20.6.2.5"/>
      <code code="70548" codeSystem="2.16.840.1.113883.6.12" displayName="MRA head with contrast"/>
      <effectiveTime value="20060823222400"/></act>)",
                        "121181"),
                "Procedure");
  BOOST_TEST(p["status"] == "completed");
  BOOST_TEST(has_coding(p["code"], "http://www.ama-assn.org/go/cpt", "70548"));
  BOOST_TEST(p["performedDateTime"] == "2006-08-23");  // no zone: day precision
}

BOOST_AUTO_TEST_CASE(text_observation_history_resolves_the_narrative_into_value_string) {
  Json o = only(convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.6.2.12"/>
      <code code="121060" codeSystem="1.2.840.10008.2.16.4" displayName="History"/>
      <value xsi:type="ED"><reference value="#narr1"/></value></observation>)",
                        "11329-0"),
                "Observation");
  BOOST_TEST(o["valueString"] == "Narrative one");
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(any_coding(o["category"], kObsCat, "imaging"));
  BOOST_TEST(has_coding(o["code"], "http://dicom.nema.org/resources/ontology/DCM", "121060"));
}

BOOST_AUTO_TEST_CASE(corpus_diagnostic_imaging_report_entries_all_map) {
  Json b = corpus("hl7-examples/Documents/Diagnostic_Imaging_Report/Diagnostic_Imaging_Report.xml");
  BOOST_TEST(test::resources_of(b, "ImagingStudy").size() == 1u);
  int texts = 0;
  for (const auto& o : test::resources_of(b, "Observation"))
    if (any_coding(o["category"], kObsCat, "imaging") && o.contains("valueString")) ++texts;
  BOOST_TEST(texts >= 3);
}

// --- IHE Pharmacy / CDA-CH-EMED --------------------------------------------------------------

namespace {
const char* kTriatec =
    R"(<consumable><manufacturedProduct classCode="MANU"><manufacturedMaterial classCode="MMAT" determinerCode="KIND">
    <code code="7680538751228" codeSystem="2.51.1.1" displayName="TRIATEC Tabl 2.5 mg 20 Stk"/><name>TRIATEC Tabl 2.5 mg</name>
  </manufacturedMaterial></manufacturedProduct></consumable>)";
}

BOOST_AUTO_TEST_CASE(treatment_plan_item_ramipril_is_an_active_medication_statement) {
  Json m = only(convert(std::string(R"(<substanceAdministration classCode="SBADM" moodCode="INT">
      <templateId root="2.16.756.5.30.1.1.10.4.34"/><templateId root="1.3.6.1.4.1.19376.1.9.1.3.7"/>
      <id root="C9F758A1-296C-4710-84D4-E181DB8C7478"/><statusCode code="completed"/>
      <effectiveTime xsi:type="IVL_TS"><low value="20111129"/><high nullFlavor="UNK"/></effectiveTime>
      <effectiveTime xsi:type="EIVL_TS" operator="A"><event code="MORN"/></effectiveTime>
      <routeCode code="20053000" codeSystem="0.4.0.127.0.16.1.1.2.1" displayName="Oral use"/>)") +
                            kTriatec + R"(
      <entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.756.5.30.1.1.10.4.41"/><code code="75326-9" codeSystem="2.16.840.1.113883.6.1"/>
        <text>Bluthochdruck</text><statusCode code="completed"/></observation></entryRelationship>
      <entryRelationship typeCode="COMP"><substanceAdministration classCode="SBADM" moodCode="INT">
        <templateId root="2.16.756.5.30.1.1.10.4.52"/><text>Morgens 1/2 Tablette nehmen</text>
        <consumable><manufacturedProduct><manufacturedMaterial nullFlavor="NA"/></manufacturedProduct></consumable>
      </substanceAdministration></entryRelationship>
    </substanceAdministration>)",
                        "77604-7"),
                "MedicationStatement");
  BOOST_TEST(no_profile(m));
  BOOST_TEST(m["status"] == "active");
  BOOST_TEST(has_coding(m["medicationCodeableConcept"], "urn:oid:2.51.1.1", "7680538751228"));
  BOOST_TEST(m["effectivePeriod"]["start"] == "2011-11-29");
  BOOST_TEST(m["reasonCode"][0]["text"] == "Bluthochdruck");
  BOOST_TEST(m["dosage"][0]["text"] == "Morgens 1/2 Tablette nehmen");
}

BOOST_AUTO_TEST_CASE(prescription_item_is_an_active_order_with_repeats) {
  Json m = only(convert(std::string(R"(<substanceAdministration classCode="SBADM" moodCode="INT">
      <templateId root="1.3.6.1.4.1.19376.1.9.1.3.2"/><templateId root="2.16.756.5.30.1.1.10.4.43"/>
      <id root="D41D72BA-2100-11E6-B67B-9E71128CAE77"/><statusCode code="completed"/>
      <effectiveTime xsi:type="IVL_TS"><low value="20120204"/></effectiveTime><repeatNumber value="2"/>)") +
                            kTriatec + R"(
      <entryRelationship typeCode="COMP"><supply moodCode="RQO" classCode="SPLY">
        <templateId root="1.3.6.1.4.1.19376.1.9.1.3.8"/><quantity value="1"/></supply></entryRelationship>
    </substanceAdministration>)",
                        "57828-6"),
                "MedicationRequest");
  BOOST_TEST(no_profile(m));
  BOOST_TEST(m["status"] == "active");
  BOOST_TEST(m["intent"] == "order");
  BOOST_TEST(m["dispenseRequest"]["numberOfRepeatsAllowed"] == 2);
  BOOST_TEST(m["dispenseRequest"]["quantity"]["value"] == 1);
  BOOST_TEST(m["authoredOn"] == "2024-01-01");  // the document author's time (the item has none)
}

BOOST_AUTO_TEST_CASE(dispense_item_is_a_completed_medication_dispense) {
  Json d = only(convert(std::string(R"(<supply classCode="SPLY" moodCode="EVN">
      <templateId root="2.16.756.5.30.1.1.10.4.42"/><templateId root="1.3.6.1.4.1.19376.1.9.1.3.4"/>
      <id root="488BD23A-20C6-11E6-B67B-9E71128CAE77"/><quantity value="1"/>
      <product><manufacturedProduct classCode="MANU"><manufacturedMaterial classCode="MMAT" determinerCode="KIND">
        <code code="7680538751228" codeSystem="2.51.1.1"/></manufacturedMaterial></manufacturedProduct></product>
    </supply>)"),
                        "60590-7"),
                "MedicationDispense");
  BOOST_TEST(no_profile(d));
  BOOST_TEST(d["status"] == "completed");
  BOOST_TEST(has_coding(d["medicationCodeableConcept"], "urn:oid:2.51.1.1", "7680538751228"));
  BOOST_TEST(d["quantity"]["value"] == 1);
}

BOOST_AUTO_TEST_CASE(pharmaceutical_advice_cancel_is_an_observation_with_its_reason) {
  Json o = only(convert(R"(<observation classCode="OBS" moodCode="EVN">
      <templateId root="1.3.6.1.4.1.19376.1.9.1.3.3"/><templateId root="2.16.756.5.30.1.1.10.4.44"/>
      <id root="8ED02D0A-2971-11E6-B67B-9E71128CAE77"/>
      <code code="CANCEL" codeSystem="1.3.6.1.4.1.19376.1.9.2.1"/>
      <text>Abgesetzt aufgrund UAW trockener Husten</text><statusCode code="completed"/>
      <effectiveTime value="20120204140000+0100"/></observation>)",
                        "61357-0"),
                "Observation");
  BOOST_TEST(no_profile(o));
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(has_coding(o["code"], "urn:oid:1.3.6.1.4.1.19376.1.9.2.1", "CANCEL"));
  BOOST_TEST(o["valueString"] == "Abgesetzt aufgrund UAW trockener Husten");
  BOOST_TEST(o["effectiveDateTime"] == "2012-02-04T14:00:00+01:00");
}

BOOST_AUTO_TEST_CASE(swiss_comment_entry_is_a_communication) {
  Json c = only(convert(R"(<act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.756.5.30.1.1.10.4.2"/><code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
      <text><reference value="#narr2"/></text><statusCode code="completed"/></act>)",
                        "48767-8"),
                "Communication");
  BOOST_TEST(c["payload"][0]["contentString"] == "Narrative two");
  BOOST_TEST(c["status"] == "completed");
}

BOOST_AUTO_TEST_CASE(original_representation_pdf_is_a_document_reference_attachment) {
  Json d = only(convert(R"(<observationMedia classCode="OBS" moodCode="EVN" ID="pdf1">
      <templateId root="2.16.756.5.30.1.1.10.4.83"/>
      <value xsi:type="ED" mediaType="application/pdf" representation="B64">c25pcA==</value></observationMedia>)",
                        "55108-5"),
                "DocumentReference");
  BOOST_TEST(d["status"] == "current");
  BOOST_TEST(d["content"][0]["attachment"]["contentType"] == "application/pdf");
  BOOST_TEST(d["content"][0]["attachment"]["data"] == "c25pcA==");
}

BOOST_AUTO_TEST_CASE(corpus_swiss_emedication_documents_map_every_item) {
  test::require_shared();
  for (const char* rel : {"cda-ch/cda-ch-emed/pml.xml", "cda-ch/cda-ch-emed/2-7-MedicationCard.xml",
                          "cda-ch/cda-ch-emed/1-2-MedicationDispense.xml",
                          "cda-ch/cda-ch-emed/2-2-PharmaceuticalAdvice.xml",
                          "cda-ch/cda-ch-emed/2-6-MedicationPrescription.xml"}) {
    ConversionResult res;
    test::convert_xml(test::read_file(test::shared_dir() / "corpus" / rel), &res);
    for (const auto& t : res.trace)
      BOOST_TEST(!t.targets.empty(), rel << " " << t.template_id << ": " << t.dropped);
  }
  Json b = corpus("cda-ch/cda-ch-emed/pml.xml");
  BOOST_TEST(test::resources_of(b, "MedicationStatement").size() == 40u);
  BOOST_TEST(test::resources_of(b, "MedicationRequest").size() == 40u);
}

BOOST_AUTO_TEST_SUITE_END()
