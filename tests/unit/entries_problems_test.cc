// Entry tables of the problems domain: Allergy Concern Act / Allergy - Intolerance Observation
// (AllergyIntolerance), Problem Concern Act / Problem Observation / Health Concern Act
// (Condition), Encounter Activity / Encounter Diagnosis (Encounter, encounter-diagnosis
// Condition). Hand-written fixtures asserted field by field, plus extracts of real corpus
// documents.
#include <map>

#include "test_support.h"

using namespace ccdafhir;

namespace {

using test::has_coding;
using test::has_profile;
using test::only;

const char* kCondCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
const char* kCondClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const char* kCondVer = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
const char* kAllergyClinical = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
const char* kSnomed = "http://snomed.info/sct";
const char* kDar = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

bool any_category(const Json& condition, const std::string& system, const std::string& code) {
  for (const auto& c : condition["category"]) {
    if (has_coding(c, system, code)) return true;
  }
  return false;
}

std::vector<Json> traces_with_rule(const ConversionResult& r, const std::string& rule) {
  std::vector<Json> out;
  for (const auto& t : r.trace) {
    if (t.rule == rule) out.push_back(Json{{"targets", t.targets}});
  }
  return out;
}

const std::string kPenicillinAllergy = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.30" extension="2015-08-01"/>
  <id root="36e3e930-7b14-11db-9fe1-0800200c9a66"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20100301"/></effectiveTime>
  <entryRelationship typeCode="SUBJ">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.7" extension="2014-06-09"/>
      <id root="4adc1020-7b14-11db-9fe1-0800200c9a66"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
      <statusCode code="completed"/>
      <effectiveTime><low value="20080501"/></effectiveTime>
      <value xsi:type="CD" code="416098002" codeSystem="2.16.840.1.113883.6.96" displayName="Drug allergy"/>
      <author>
        <templateId root="2.16.840.1.113883.10.20.22.4.119"/>
        <time value="20100302101500-0500"/>
        <assignedAuthor>
          <id root="2.16.840.1.113883.4.6" extension="1112223333"/>
          <assignedPerson><name><given>Ann</given><family>Allergist</family></name></assignedPerson>
        </assignedAuthor>
      </author>
      <participant typeCode="CSM">
        <participantRole classCode="MANU">
          <playingEntity classCode="MMAT">
            <code code="7980" codeSystem="2.16.840.1.113883.6.88" displayName="Penicillin G"/>
          </playingEntity>
        </participantRole>
      </participant>
      <entryRelationship typeCode="SUBJ" inversionInd="true">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.28" extension="2019-06-20"/>
          <code code="33999-4" codeSystem="2.16.840.1.113883.6.1"/>
          <statusCode code="completed"/>
          <value xsi:type="CE" code="55561003" codeSystem="2.16.840.1.113883.6.96" displayName="Active"/>
        </observation>
      </entryRelationship>
      <entryRelationship typeCode="MFST" inversionInd="true">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.9" extension="2014-06-09"/>
          <id root="4adc1020-7b14-11db-9fe1-0800200c9a64"/>
          <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
          <statusCode code="completed"/>
          <effectiveTime><low value="20080501"/></effectiveTime>
          <value xsi:type="CD" code="247472004" codeSystem="2.16.840.1.113883.6.96" displayName="Hives"/>
          <entryRelationship typeCode="SUBJ" inversionInd="true">
            <observation classCode="OBS" moodCode="EVN">
              <templateId root="2.16.840.1.113883.10.20.22.4.8" extension="2014-06-09"/>
              <code code="SEV" codeSystem="2.16.840.1.113883.5.4"/>
              <statusCode code="completed"/>
              <value xsi:type="CD" code="6736007" codeSystem="2.16.840.1.113883.6.96" displayName="Moderate"/>
            </observation>
          </entryRelationship>
        </observation>
      </entryRelationship>
      <entryRelationship typeCode="SUBJ" inversionInd="true">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.145"/>
          <code code="82606-5" codeSystem="2.16.840.1.113883.6.1"/>
          <statusCode code="completed"/>
          <value xsi:type="CD" code="CRITH" codeSystem="2.16.840.1.113883.5.1063" displayName="High criticality"/>
        </observation>
      </entryRelationship>
      <entryRelationship typeCode="SUBJ" inversionInd="true">
        <act classCode="ACT" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
          <code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
          <text>Reaction seen twice</text>
        </act>
      </entryRelationship>
    </observation>
  </entryRelationship>
</act>)";

const char* const kConcernTime =
    "https://ccdafhir.invalid/StructureDefinition/concern-effective-time";

const std::string kPneumoniaProblem = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.3" extension="2015-08-01"/>
  <id root="1.3.6.1.4.1.22812.3.2009316.3.4.1" extension="545069300001"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20120806"/></effectiveTime>
  <entryRelationship typeCode="SUBJ">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
      <id root="1.3.6.1.4.1.22812.3.2009316.3.4.1.2.1" extension="545069300001"/>
      <code code="55607006" codeSystem="2.16.840.1.113883.6.96" displayName="Problem"/>
      <statusCode code="completed"/>
      <effectiveTime><low value="20120806"/></effectiveTime>
      <value xsi:type="CD" code="233604007" codeSystem="2.16.840.1.113883.6.96" displayName="Pneumonia">
        <translation code="J18.9" codeSystem="2.16.840.1.113883.6.90"/>
      </value>
      <author>
        <templateId root="2.16.840.1.113883.10.20.22.4.119"/>
        <time value="20140104"/>
        <assignedAuthor>
          <id extension="99999999" root="2.16.840.1.113883.4.6"/>
          <assignedPerson><name><given>Henry</given><family>SevenObs</family></name></assignedPerson>
        </assignedAuthor>
      </author>
      <entryRelationship typeCode="REFR">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.6" extension="2019-06-20"/>
          <code code="33999-4" codeSystem="2.16.840.1.113883.6.1"/>
          <statusCode code="completed"/>
          <value xsi:type="CD" code="246455001" codeSystem="2.16.840.1.113883.6.96" displayName="Recurrence"/>
        </observation>
      </entryRelationship>
      <entryRelationship typeCode="SUBJ" inversionInd="true">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.31"/>
          <code code="445518008" codeSystem="2.16.840.1.113883.6.96" displayName="Age At Onset"/>
          <statusCode code="completed"/>
          <value xsi:type="PQ" value="65" unit="a"/>
        </observation>
      </entryRelationship>
      <entryRelationship typeCode="COMP">
        <act classCode="ACT" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.502" extension="2022-06-01"/>
          <code code="77975-1" codeSystem="2.16.840.1.113883.6.1"/>
          <statusCode code="completed"/>
          <effectiveTime value="20120801"/>
        </act>
      </entryRelationship>
    </observation>
  </entryRelationship>
</act>)";

}  // namespace

BOOST_AUTO_TEST_SUITE(entries)

// ---------------------------------------------------------------- allergies

BOOST_AUTO_TEST_CASE(penicillin_allergy_with_hives_reaction_maps_reaction_and_severity) {
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(kPenicillinAllergy, "48765-2"), &result);
  Json a = only(b, "AllergyIntolerance");
  BOOST_TEST(
      has_profile(a, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance"));
  BOOST_TEST(a["identifier"][0]["value"] == "urn:uuid:4adc1020-7b14-11db-9fe1-0800200c9a66");
  BOOST_TEST(has_coding(a["clinicalStatus"], kAllergyClinical, "active"));
  BOOST_TEST(!a.contains("verificationStatus"));
  BOOST_TEST(a["type"] == "allergy");
  BOOST_REQUIRE(a["category"].is_array());
  BOOST_TEST(a["category"].size() == 1u);
  BOOST_TEST(a["category"][0] == "medication");
  BOOST_TEST(has_coding(a["code"], "http://www.nlm.nih.gov/research/umls/rxnorm", "7980"));
  BOOST_TEST(a["code"]["coding"][0]["display"] == "Penicillin G");
  BOOST_TEST(a["onsetDateTime"] == "2008-05-01");
  BOOST_TEST(a["recordedDate"] == "2010-03-02T10:15:00-05:00");
  Json recorder = test::resolve(b, a["recorder"]);
  BOOST_TEST(recorder["resourceType"] == "Practitioner");
  BOOST_TEST(recorder["name"][0]["family"] == "Allergist");
  BOOST_TEST(test::resolve(b, a["patient"])["resourceType"] == "Patient");
  BOOST_TEST(a["criticality"] == "high");
  BOOST_REQUIRE_EQUAL(a["reaction"].size(), 1u);
  Json r = a["reaction"][0];
  BOOST_TEST(has_coding(r["manifestation"][0], kSnomed, "247472004"));
  BOOST_TEST(r["severity"] == "moderate");
  BOOST_TEST(r["onset"] == "2008-05-01");
  // the Reaction Observation's id: no reaction element holds one, the project's extension does
  BOOST_REQUIRE_EQUAL(r["extension"].size(), 1u);
  BOOST_TEST(r["extension"][0]["url"] ==
             "https://ccdafhir.invalid/StructureDefinition/statement-identifier");
  BOOST_TEST(r["extension"][0]["valueIdentifier"]["value"] ==
             "urn:uuid:4adc1020-7b14-11db-9fe1-0800200c9a64");
  BOOST_REQUIRE_EQUAL(a["note"].size(), 1u);
  BOOST_TEST(a["note"][0]["text"] == "Reaction seen twice");
  // one Provenance for the author, targeting the allergy
  Json prov = only(b, "Provenance");
  BOOST_TEST(prov["target"][0]["reference"] == "urn:uuid:" + a["id"].get<std::string>());
  // the section entry is traced to the AllergyIntolerance
  auto traces = traces_with_rule(result, "allergy-concern-act");
  BOOST_REQUIRE_EQUAL(traces.size(), 1u);
  BOOST_TEST(traces[0]["targets"][0] == "urn:uuid:" + a["id"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(no_known_drug_allergies_entry_maps_to_negated_concept_field_by_field) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.30" extension="2015-08-01"/>
  <id root="36e3e930-7b14-11db-9fe1-0800200c9a66"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20171031"/></effectiveTime>
  <entryRelationship typeCode="SUBJ">
    <observation classCode="OBS" moodCode="EVN" negationInd="true">
      <templateId root="2.16.840.1.113883.10.20.22.4.7" extension="2014-06-09"/>
      <id root="4adc1020-7b14-11db-9fe1-0800200c9a67"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
      <statusCode code="completed"/>
      <effectiveTime><low nullFlavor="NA"/></effectiveTime>
      <value xsi:type="CD" code="416098002" codeSystem="2.16.840.1.113883.6.96" displayName="Drug allergy"/>
      <participant typeCode="CSM">
        <participantRole classCode="MANU">
          <playingEntity classCode="MMAT"><code nullFlavor="NA"/></playingEntity>
        </participantRole>
      </participant>
    </observation>
  </entryRelationship>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "48765-2"));
  Json a = only(b, "AllergyIntolerance");
  BOOST_TEST(
      has_profile(a, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance"));
  // CF-NoKnownAllergies: drug allergy + negation -> 409137002 No known drug allergy
  BOOST_REQUIRE(a["code"]["coding"].size() == 1u);
  BOOST_TEST(a["code"]["coding"][0]["system"] == kSnomed);
  BOOST_TEST(a["code"]["coding"][0]["code"] == "409137002");
  // never a positive statement: no substance code, no reaction, not refuted either (the
  // negated concept carries the negation)
  BOOST_TEST(!has_coding(a["code"], kSnomed, "416098002"));
  BOOST_TEST(!a.contains("reaction"));
  BOOST_TEST(!a.contains("verificationStatus"));
  // the only extension is the concern act's own time (no abatement, no exposure risk)
  BOOST_REQUIRE(a["extension"].size() == 1u);
  BOOST_TEST(a["extension"][0]["url"] == kConcernTime);
  BOOST_TEST(a["extension"][0]["valuePeriod"]["start"] == "2017-10-31");
  BOOST_TEST(!a["extension"][0]["valuePeriod"].contains("end"));
  BOOST_TEST(has_coding(a["clinicalStatus"], kAllergyClinical, "active"));
  BOOST_TEST(a["category"][0] == "medication");
  BOOST_TEST(a["type"] == "allergy");
  BOOST_TEST(!a.contains("onsetDateTime"));
  BOOST_TEST(!a.contains("recorder"));
  BOOST_TEST(test::resolve(b, a["patient"])["resourceType"] == "Patient");
  BOOST_TEST(test::resources_of(b, "Provenance").empty());
}

BOOST_AUTO_TEST_CASE(negated_allergy_without_no_known_concept_is_refuted_not_positive) {
  // 419511003 "Propensity to adverse reactions to drug": CF-NoKnownAllergies has no target.
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.7" extension="2014-06-09"/>
  <id root="1.2.3.4" extension="nka-2"/>
  <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
  <statusCode code="completed"/>
  <value xsi:type="CD" code="419511003" codeSystem="2.16.840.1.113883.6.96" displayName="Propensity to adverse reactions to drug"/>
  <participant typeCode="CSM"><participantRole classCode="MANU">
    <playingEntity classCode="MMAT"><code nullFlavor="NI"/></playingEntity></participantRole></participant>
</observation>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "48765-2"), &result);
  Json a = only(b, "AllergyIntolerance");
  BOOST_TEST(has_coding(a["verificationStatus"],
                        "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                        "refuted"));
  BOOST_TEST(has_coding(a["code"], kSnomed, "419511003"));
  BOOST_TEST(a["category"][0] == "medication");
  // no concern act and no status observation: the absence of clinicalStatus is marked (ait-1)
  BOOST_TEST(a["clinicalStatus"]["extension"][0]["url"] == kDar);
  BOOST_TEST(!a["clinicalStatus"].contains("coding"));
  // stands directly as a section entry
  BOOST_TEST(traces_with_rule(result, "allergy-intolerance-observation").size() == 1u);
}

BOOST_AUTO_TEST_CASE(negated_allergy_to_coded_latex_uses_substance_exposure_risk_extension) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.7" extension="2014-06-09"/>
  <id root="1.2.3.4" extension="latex"/>
  <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
  <statusCode code="completed"/>
  <value xsi:type="CD" code="419199007" codeSystem="2.16.840.1.113883.6.96" displayName="Allergy to substance"/>
  <participant typeCode="CSM"><participantRole classCode="MANU">
    <playingEntity classCode="MMAT"><code code="111088007" codeSystem="2.16.840.1.113883.6.96" displayName="Latex"/></playingEntity></participantRole></participant>
</observation>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "48765-2"));
  Json a = only(b, "AllergyIntolerance");
  // not US Core: the extension prohibits .code (CF-allergies.md)
  BOOST_TEST(!has_profile(
      a, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance"));
  BOOST_TEST(!a.contains("code"));
  BOOST_REQUIRE_EQUAL(a["extension"].size(), 1u);
  Json ext = a["extension"][0];
  BOOST_TEST(ext["url"] ==
             "http://hl7.org/fhir/StructureDefinition/allergyintolerance-substanceExposureRisk");
  BOOST_TEST(ext["extension"][0]["url"] == "substance");
  BOOST_TEST(has_coding(ext["extension"][0]["valueCodeableConcept"], kSnomed, "111088007"));
  BOOST_TEST(ext["extension"][1]["url"] == "exposureRisk");
  BOOST_TEST(has_coding(ext["extension"][1]["valueCodeableConcept"],
                        "http://hl7.org/fhir/allergy-intolerance-risk", "no-known-reaction-risk"));
}

BOOST_AUTO_TEST_CASE(allergy_level_severity_applies_to_reaction_and_concern_status_is_fallback) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.30"/>
  <id root="1.2.3.4" extension="concern-completed"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="completed"/>
  <author><time value="20120101"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="999"/>
    <assignedPerson><name><family>Concern</family></name></assignedPerson></assignedAuthor></author>
  <entryRelationship typeCode="SUBJ">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.7"/>
      <id root="1.2.3.4" extension="egg"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
      <statusCode code="completed"/>
      <effectiveTime><low value="2005"/><high value="20110615"/></effectiveTime>
      <value xsi:type="CD" code="414285001" codeSystem="2.16.840.1.113883.6.96" displayName="Food allergy"/>
      <participant typeCode="CSM"><participantRole classCode="MANU">
        <playingEntity classCode="MMAT"><code code="102263004" codeSystem="2.16.840.1.113883.6.96" displayName="Eggs"/></playingEntity></participantRole></participant>
      <entryRelationship typeCode="MFST" inversionInd="true">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.9"/>
          <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
          <statusCode code="completed"/>
          <value xsi:type="CD" code="39579001" codeSystem="2.16.840.1.113883.6.96" displayName="Anaphylaxis"/>
        </observation>
      </entryRelationship>
      <entryRelationship typeCode="SUBJ" inversionInd="true">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.8"/>
          <code code="SEV" codeSystem="2.16.840.1.113883.5.4"/>
          <statusCode code="completed"/>
          <value xsi:type="CD" code="24484000" codeSystem="2.16.840.1.113883.6.96" displayName="Severe"/>
        </observation>
      </entryRelationship>
    </observation>
  </entryRelationship>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "48765-2"));
  Json a = only(b, "AllergyIntolerance");
  BOOST_TEST(has_coding(a["clinicalStatus"], kAllergyClinical, "inactive"));
  BOOST_TEST(a["type"] == "allergy");
  BOOST_TEST(a["category"][0] == "food");
  BOOST_TEST(a["onsetDateTime"] == "2005");
  BOOST_TEST(a["extension"][0]["url"] ==
             "http://hl7.org/fhir/StructureDefinition/allergyintolerance-abatement");
  BOOST_TEST(a["extension"][0]["valueDateTime"] == "2011-06-15");
  BOOST_TEST(a["reaction"][0]["severity"] == "severe");
  BOOST_TEST(has_coding(a["reaction"][0]["manifestation"][0], kSnomed, "39579001"));
  // the author is only on the concern act: recorder, recordedDate and Provenance come from it
  BOOST_TEST(a["recordedDate"] == "2012-01-01");
  BOOST_TEST(test::resolve(b, a["recorder"])["name"][0]["family"] == "Concern");
  BOOST_TEST(test::resources_of(b, "Provenance").size() == 1u);
}

// ---------------------------------------------------------------- problems

BOOST_AUTO_TEST_CASE(pneumonia_problem_concern_maps_condition_field_by_field) {
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(kPneumoniaProblem, "11450-4"), &result);
  Json c = only(b, "Condition");
  BOOST_TEST(has_profile(c,
                         "http://hl7.org/fhir/us/core/StructureDefinition/"
                         "us-core-condition-problems-health-concerns"));
  BOOST_TEST(c["identifier"][0]["system"] == "urn:oid:1.3.6.1.4.1.22812.3.2009316.3.4.1.2.1");
  BOOST_TEST(c["identifier"][0]["value"] == "545069300001");
  // Problem Status Observation wins over the concern's statusCode
  BOOST_TEST(has_coding(c["clinicalStatus"], kCondClinical, "recurrence"));
  BOOST_TEST(!c.contains("verificationStatus"));
  BOOST_TEST(any_category(c, kCondCategory, "problem-list-item"));
  BOOST_TEST(any_category(c, kSnomed, "55607006"));
  BOOST_TEST(has_coding(c["code"], kSnomed, "233604007"));
  BOOST_TEST(has_coding(c["code"], "http://hl7.org/fhir/sid/icd-10-cm", "J18.9"));
  BOOST_TEST(c["onsetDateTime"] == "2012-08-06");
  BOOST_TEST(!c.contains("onsetAge"));  // only one onset[x]
  BOOST_TEST(!c.contains("abatementDateTime"));
  BOOST_TEST(c["recordedDate"] == "2014-01-04");
  BOOST_TEST(test::resolve(b, c["recorder"])["name"][0]["family"] == "SevenObs");
  BOOST_TEST(test::resolve(b, c["subject"])["resourceType"] == "Patient");
  BOOST_TEST(c["extension"][0]["url"] ==
             "http://hl7.org/fhir/StructureDefinition/condition-assertedDate");
  BOOST_TEST(c["extension"][0]["valueDateTime"] == "2012-08-01");
  // the concern act's effectiveTime, which no Condition element holds
  BOOST_REQUIRE(c["extension"].size() == 3u);
  BOOST_TEST(c["extension"][1]["url"] == kConcernTime);
  BOOST_TEST(c["extension"][1]["valuePeriod"]["start"] == "2012-08-06");
  // the Age Observation beside the onset date, which onset[x] cannot hold as well
  BOOST_TEST(c["extension"][2]["url"] ==
             "https://ccdafhir.invalid/StructureDefinition/age-observation");
  BOOST_TEST(only(b, "Provenance")["target"][0]["reference"] ==
             "urn:uuid:" + c["id"].get<std::string>());
  auto traces = traces_with_rule(result, "problem-concern-act");
  BOOST_REQUIRE_EQUAL(traces.size(), 1u);
  BOOST_TEST(traces[0]["targets"][0] == "urn:uuid:" + c["id"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(negated_problem_is_refuted_field_by_field) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.3" extension="2015-08-01"/>
  <id root="36e3e930-7b14-11db-9fe1-0800200c9a66"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20130607160506-0500"/></effectiveTime>
  <entryRelationship typeCode="SUBJ">
    <observation classCode="OBS" moodCode="EVN" negationInd="true">
      <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
      <id root="4adc1021-7b14-11db-9fe1-0800200c9a67"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
      <text><reference value="#narr1"/></text>
      <statusCode code="completed"/>
      <effectiveTime><low value="20130607160506-0500"/></effectiveTime>
      <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96" displayName="Asthma"/>
    </observation>
  </entryRelationship>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "11450-4"));
  Json c = only(b, "Condition");
  BOOST_TEST(has_profile(c,
                         "http://hl7.org/fhir/us/core/StructureDefinition/"
                         "us-core-condition-problems-health-concerns"));
  BOOST_TEST(c["identifier"][0]["value"] == "urn:uuid:4adc1021-7b14-11db-9fe1-0800200c9a67");
  BOOST_REQUIRE_EQUAL(c["verificationStatus"]["coding"].size(), 1u);
  BOOST_TEST(c["verificationStatus"]["coding"][0]["system"] == kCondVer);
  BOOST_TEST(c["verificationStatus"]["coding"][0]["code"] == "refuted");
  BOOST_TEST(has_coding(c["code"], kSnomed, "195967001"));  // refuted asthma, not asthma
  BOOST_TEST(has_coding(c["clinicalStatus"], kCondClinical, "active"));
  BOOST_REQUIRE_EQUAL(c["category"].size(), 1u);  // ASSERTION is no problem type
  BOOST_TEST(any_category(c, kCondCategory, "problem-list-item"));
  BOOST_TEST(c["onsetDateTime"] == "2013-06-07T16:05:06-05:00");
  BOOST_TEST(!c.contains("abatementDateTime"));
  BOOST_TEST(!c.contains("recorder"));
  BOOST_TEST(test::resolve(b, c["subject"])["resourceType"] == "Patient");
}

BOOST_AUTO_TEST_CASE(resolved_problem_with_unknown_end_date_is_inactive_with_absent_abatement) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.3"/>
  <id root="1.2.3" extension="c1"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="active"/>
  <author><time value="20200101"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="42"/>
    <assignedPerson><name><family>Concerned</family></name></assignedPerson>
    <representedOrganization><name>Clinic</name></representedOrganization></assignedAuthor></author>
  <entryRelationship typeCode="SUBJ">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
      <id root="1.2.3" extension="o1"/>
      <code code="64572001" codeSystem="2.16.840.1.113883.6.96" displayName="Disease"/>
      <statusCode code="completed"/>
      <effectiveTime><low value="201001"/><high nullFlavor="UNK"/></effectiveTime>
      <value xsi:type="CD" code="38341003" codeSystem="2.16.840.1.113883.6.96" displayName="Hypertension"/>
    </observation>
  </entryRelationship>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "11450-4"));
  Json c = only(b, "Condition");
  // the concern says active, but an abated problem cannot be (con-4)
  BOOST_TEST(has_coding(c["clinicalStatus"], kCondClinical, "inactive"));
  BOOST_TEST(!c.contains("abatementDateTime"));
  BOOST_TEST(c["_abatementDateTime"]["extension"][0]["url"] == kDar);
  BOOST_TEST(c["_abatementDateTime"]["extension"][0]["valueCode"] == "unknown");
  BOOST_TEST(c["onsetDateTime"] == "2010-01");
  // author only on the concern: role (person + organization) as recorder
  BOOST_TEST(c["recordedDate"] == "2020-01-01");
  BOOST_TEST(test::resolve(b, c["recorder"])["resourceType"] == "PractitionerRole");
  BOOST_TEST(test::resources_of(b, "Provenance").size() == 1u);
}

BOOST_AUTO_TEST_CASE(problem_observation_directly_in_section_entry_maps_condition) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
  <id root="1.2.3" extension="direct"/>
  <code code="282291009" codeSystem="2.16.840.1.113883.6.96" displayName="Diagnosis"/>
  <statusCode code="completed"/>
  <effectiveTime value="20190304"/>
  <value xsi:type="CD" code="44054006" codeSystem="2.16.840.1.113883.6.96" displayName="Diabetes mellitus type 2"/>
  <entryRelationship typeCode="REFR">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.6"/>
      <code code="33999-4" codeSystem="2.16.840.1.113883.6.1"/>
      <value xsi:type="CD" code="55561003" codeSystem="2.16.840.1.113883.6.96" displayName="Active"/>
    </observation>
  </entryRelationship>
</observation>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "11450-4"), &result);
  Json c = only(b, "Condition");
  BOOST_TEST(has_coding(c["code"], kSnomed, "44054006"));
  BOOST_TEST(has_coding(c["clinicalStatus"], kCondClinical, "active"));
  BOOST_TEST(any_category(c, kCondCategory, "problem-list-item"));
  BOOST_TEST(any_category(c, kSnomed, "282291009"));
  BOOST_TEST(c["onsetDateTime"] == "2019-03-04");
  BOOST_TEST(traces_with_rule(result, "problem-observation").size() == 1u);
}

BOOST_AUTO_TEST_CASE(statements_sharing_an_id_are_named_by_their_rank_not_their_path) {
  // Two Problem Observations carry one id with different content: both are kept, the second
  // named by its rank among that id's statements. An entry added before them moves their paths
  // but not their ids (a round trip keeps the order of statements, not always their paths).
  auto problem = [](const std::string& id_ext, const std::string& value) {
    return R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
  <id root="1.2.3" extension=")" +
           id_ext + R"("/>
  <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <value xsi:type="CD" code=")" +
           value + R"(" codeSystem="2.16.840.1.113883.6.96"/>
</observation>)";
  };
  auto condition_ids = [](const Json& bundle) {
    std::map<std::string, std::string> by_code;
    for (const Json& c : test::resources_of(bundle, "Condition"))
      by_code[c["code"]["coding"][0]["code"].get<std::string>()] = c["id"].get<std::string>();
    return by_code;
  };
  const std::string pair =
      problem("shared", "44054006") + "</entry><entry>" + problem("shared", "38341003");
  ConversionResult result;
  auto plain = condition_ids(test::convert_xml(test::wrap_entry(pair, "11450-4"), &result));
  BOOST_REQUIRE(plain.size() == 2u);
  BOOST_TEST(plain["44054006"] != plain["38341003"]);
  bool warned = false;
  for (const auto& d : result.diagnostics.items())
    warned =
        warned || d.message.find("same identifier with different content") != std::string::npos;
  BOOST_TEST(warned);
  auto moved = condition_ids(test::convert_xml(
      test::wrap_entry(problem("other", "195967001") + "</entry><entry>" + pair, "11450-4")));
  BOOST_REQUIRE(moved.size() == 3u);
  BOOST_TEST(moved["44054006"] == plain["44054006"]);
  BOOST_TEST(moved["38341003"] == plain["38341003"]);
}

BOOST_AUTO_TEST_CASE(no_information_placeholder_problem_yields_no_condition) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.3" extension="2015-08-01"/>
  <id nullFlavor="NI"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode nullFlavor="NA"/>
  <effectiveTime><low nullFlavor="NI"/></effectiveTime>
  <entryRelationship typeCode="SUBJ">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
      <id nullFlavor="NI"/>
      <code nullFlavor="UNK"/>
      <statusCode code="completed"/>
      <effectiveTime><low nullFlavor="NI"/></effectiveTime>
      <value xsi:type="CD" nullFlavor="UNK"/>
    </observation>
  </entryRelationship>
</act>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "11450-4"), &result);
  BOOST_TEST(test::resources_of(b, "Condition").empty());
  BOOST_REQUIRE_EQUAL(result.trace.size(), 1u);
  BOOST_TEST(result.trace[0].targets.empty());
  BOOST_TEST(result.trace[0].dropped.find("placeholder concern") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(problem_described_only_in_narrative_keeps_text_as_code) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
  <id root="1.2.3" extension="narrative-only"/>
  <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
  <text><reference value="#narr1"/></text>
  <statusCode code="completed"/>
  <value xsi:type="CD" nullFlavor="OTH"/>
</observation>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "11450-4"));
  Json c = only(b, "Condition");
  BOOST_TEST(c["code"]["text"] == "Narrative one");
  BOOST_TEST(!c["code"].contains("coding"));
}

BOOST_AUTO_TEST_CASE(health_concern_act_makes_health_concern_conditions) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.132" extension="2015-08-01"/>
  <id root="1.2.3" extension="hc1"/>
  <code code="75310-3" codeSystem="2.16.840.1.113883.6.1" displayName="Health Concern"/>
  <statusCode code="active"/>
  <effectiveTime value="20150722"/>
  <entryRelationship typeCode="REFR">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
      <id root="1.2.3" extension="hc1-obs"/>
      <code code="75321-0" codeSystem="2.16.840.1.113883.6.1" displayName="Clinical finding"/>
      <statusCode code="completed"/>
      <effectiveTime><low value="20150601"/></effectiveTime>
      <value xsi:type="CD" code="414916001" codeSystem="2.16.840.1.113883.6.96" displayName="Obesity"/>
    </observation>
  </entryRelationship>
</act>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "75310-3"), &result);
  Json c = only(b, "Condition");
  BOOST_TEST(has_profile(c,
                         "http://hl7.org/fhir/us/core/StructureDefinition/"
                         "us-core-condition-problems-health-concerns"));
  BOOST_TEST(any_category(c, "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
                          "health-concern"));
  BOOST_TEST(!any_category(c, kCondCategory, "problem-list-item"));
  BOOST_TEST(has_coding(c["code"], kSnomed, "414916001"));
  BOOST_TEST(has_coding(c["clinicalStatus"], kCondClinical, "active"));
  BOOST_TEST(c["onsetDateTime"] == "2015-06-01");
  BOOST_TEST(traces_with_rule(result, "health-concern-act").size() == 1u);
}

BOOST_AUTO_TEST_CASE(health_concern_act_holding_only_entry_references_names_the_entries) {
  // NextTech: a Health Concern Act whose only content is Entry References (4.122) to problems
  // of the Problems section. The concern is a Condition of its own (category health-concern,
  // code unknown: the act states none), naming each referenced entry by its id.
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.132" extension="2015-08-01"/>
  <id root="1.2.3" extension="hc-refs"/>
  <code code="75310-3" codeSystem="2.16.840.1.113883.6.1"/>
  <statusCode code="active"/>
  <entryRelationship typeCode="REFR">
    <act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.122"/>
      <id root="1.2.4" extension="8"/>
      <code xsi:type="CE" nullFlavor="NP"/>
      <statusCode code="active"/>
    </act>
  </entryRelationship>
  <entryRelationship typeCode="REFR">
    <act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.122"/>
      <id root="1.2.4" extension="9"/>
      <code xsi:type="CE" nullFlavor="NP"/>
      <statusCode code="active"/>
    </act>
  </entryRelationship>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "75310-3"));
  Json c = only(b, "Condition");
  BOOST_TEST(c["identifier"][0]["value"] == "hc-refs");
  BOOST_TEST(any_category(c, "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
                          "health-concern"));
  BOOST_TEST(
      has_coding(c["code"], "http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown"));
  BOOST_TEST(has_coding(c["clinicalStatus"], kCondClinical, "active"));
  BOOST_REQUIRE_EQUAL(c["extension"].size(), 2u);
  for (int i = 0; i < 2; ++i) {
    BOOST_TEST(c["extension"][i]["url"] ==
               "https://ccdafhir.invalid/StructureDefinition/entry-reference");
    BOOST_TEST(c["extension"][i]["valueIdentifier"]["system"] == "urn:oid:1.2.4");
  }
  BOOST_TEST(c["extension"][0]["valueIdentifier"]["value"] == "8");
  BOOST_TEST(c["extension"][1]["valueIdentifier"]["value"] == "9");
}

BOOST_AUTO_TEST_CASE(
    health_concern_act_with_only_narrative_becomes_text_condition_and_negated_one_states_none) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.132" extension="2015-08-01"/>
  <id root="1.2.3" extension="hc-text"/>
  <code code="75310-3" codeSystem="2.16.840.1.113883.6.1"/>
  <text><reference value="#narr2"/></text>
  <statusCode code="active"/>
</act>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "75310-3"));
  Json c = only(b, "Condition");
  BOOST_TEST(c["code"]["text"] == "Narrative two");
  BOOST_TEST(!c["code"].contains("coding"));
  BOOST_TEST(any_category(c, "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
                          "health-concern"));

  const std::string negated = R"(
<act classCode="ACT" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.132" extension="2015-08-01"/>
  <id root="1.2.3" extension="hc-none"/>
  <code code="75310-3" codeSystem="2.16.840.1.113883.6.1"/>
  <text><reference value="#narr1"/></text>
  <statusCode code="active"/>
</act>)";
  // "No health concerns": a Condition of the negated concept (CF-problems.md: adjust .code for a
  // negated concept), SNOMED 160245001 No current problems or disability, not a positive
  // concern and not nothing.
  ConversionResult result;
  Json nb = test::convert_xml(test::wrap_entry(negated, "75310-3"), &result);
  Json none = only(nb, "Condition");
  BOOST_TEST(none["code"]["coding"][0]["system"] == "http://snomed.info/sct");
  BOOST_TEST(none["code"]["coding"][0]["code"] == "160245001");
  BOOST_TEST(any_category(none, "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
                          "health-concern"));
  BOOST_REQUIRE_EQUAL(result.trace.size(), 1u);
  BOOST_TEST(result.trace[0].dropped.empty());
  BOOST_TEST(!result.trace[0].targets.empty());
}

// ---------------------------------------------------------------- encounters

BOOST_AUTO_TEST_CASE(office_visit_encounter_with_diagnosis_and_indication) {
  const std::string xml = R"(
<encounter classCode="ENC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.49" extension="2015-08-01"/>
  <id root="2a620155-9d11-439e-92b3-5d9815ff4de8"/>
  <code code="99213" displayName="Office outpatient visit 15 minutes" codeSystem="2.16.840.1.113883.6.12">
    <translation code="AMB" codeSystem="2.16.840.1.113883.5.4" displayName="ambulatory"/>
  </code>
  <effectiveTime value="201208151000-0800"/>
  <performer>
    <assignedEntity><id root="2.16.840.1.113883.4.6" extension="555"/>
      <assignedPerson><name><family>Performer</family></name></assignedPerson></assignedEntity>
  </performer>
  <entryRelationship typeCode="RSON">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.19" extension="2014-06-09"/>
      <id root="1.2.3" extension="ind1"/>
      <code code="404684003" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="25064002" codeSystem="2.16.840.1.113883.6.96" displayName="Headache"/>
    </observation>
  </entryRelationship>
  <entryRelationship typeCode="REFR">
    <act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.80" extension="2015-08-01"/>
      <code code="29308-4" codeSystem="2.16.840.1.113883.6.1" displayName="Diagnosis"/>
      <entryRelationship typeCode="SUBJ">
        <observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
          <id root="1.2.3" extension="dx1"/>
          <code code="282291009" codeSystem="2.16.840.1.113883.6.96" displayName="Diagnosis"/>
          <statusCode code="completed"/>
          <effectiveTime><low value="20120815"/></effectiveTime>
          <value xsi:type="CD" code="37796009" codeSystem="2.16.840.1.113883.6.96" displayName="Migraine"/>
        </observation>
      </entryRelationship>
    </act>
  </entryRelationship>
</encounter>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "46240-8"), &result);
  Json e = only(b, "Encounter");
  BOOST_TEST(has_profile(e, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-encounter"));
  BOOST_TEST(e["identifier"][0]["value"] == "urn:uuid:2a620155-9d11-439e-92b3-5d9815ff4de8");
  BOOST_TEST(e["status"] == "finished");
  BOOST_TEST(e["class"]["code"] == "AMB");
  BOOST_TEST(has_coding(e["type"][0], "http://www.ama-assn.org/go/cpt", "99213"));
  BOOST_TEST(e["period"]["start"] == "2012-08-15T10:00:00-08:00");
  BOOST_TEST(test::resolve(b, e["subject"])["resourceType"] == "Patient");
  BOOST_TEST(test::resolve(b, e["participant"][0]["individual"])["name"][0]["family"] ==
             "Performer");
  // The Indication (with an id and a value) is the Condition it states, referenced as the
  // reason: its id, problem type and value travel on it (fragment/problems-indication-condition).
  BOOST_TEST(!e.contains("reasonCode"));
  BOOST_REQUIRE_EQUAL(e["reasonReference"].size(), 1u);
  Json why = test::resolve(b, e["reasonReference"][0]);
  BOOST_TEST(why["resourceType"] == "Condition");
  BOOST_TEST(has_coding(why["code"], kSnomed, "25064002"));
  BOOST_TEST(why["identifier"][0]["value"] == "ind1");
  BOOST_TEST(any_category(why, kSnomed, "404684003"));
  BOOST_TEST(any_category(why, kCondCategory, "encounter-diagnosis"));
  BOOST_TEST(why["encounter"]["reference"] == "urn:uuid:" + e["id"].get<std::string>());
  BOOST_REQUIRE_EQUAL(e["diagnosis"].size(), 1u);
  Json dx = test::resolve(b, e["diagnosis"][0]["condition"]);
  BOOST_TEST(dx["resourceType"] == "Condition");
  BOOST_TEST(has_profile(
      dx, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-encounter-diagnosis"));
  BOOST_TEST(!has_profile(dx,
                          "http://hl7.org/fhir/us/core/StructureDefinition/"
                          "us-core-condition-problems-health-concerns"));
  BOOST_TEST(any_category(dx, kCondCategory, "encounter-diagnosis"));
  BOOST_TEST(!any_category(dx, kCondCategory, "problem-list-item"));
  BOOST_TEST(has_coding(dx["code"], kSnomed, "37796009"));
  BOOST_TEST(dx["encounter"]["reference"] == "urn:uuid:" + e["id"].get<std::string>());
  BOOST_TEST(
      !dx.contains("clinicalStatus"));  // no status given; con-3 concerns problem-list items only
  BOOST_TEST(test::resources_of(b, "Condition").size() == 2u);  // the diagnosis, the indication
  auto traces = traces_with_rule(result, "encounter-activity");
  BOOST_REQUIRE_EQUAL(traces.size(), 1u);
  BOOST_TEST(traces[0]["targets"][0] == "urn:uuid:" + e["id"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(encounter_diagnosis_standing_alone_yields_encounter_diagnosis_condition) {
  const std::string xml = R"(
<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.80" extension="2015-08-01"/>
  <code code="29308-4" codeSystem="2.16.840.1.113883.6.1"/>
  <entryRelationship typeCode="SUBJ">
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
      <id root="1.2.3" extension="dx-alone"/>
      <code code="29308-4" codeSystem="2.16.840.1.113883.6.1"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="195662009" codeSystem="2.16.840.1.113883.6.96" displayName="Acute viral pharyngitis"/>
    </observation>
  </entryRelationship>
</act>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "46240-8"), &result);
  Json c = only(b, "Condition");
  BOOST_TEST(any_category(c, kCondCategory, "encounter-diagnosis"));
  BOOST_TEST(!c.contains("encounter"));
  BOOST_TEST(traces_with_rule(result, "encounter-diagnosis").size() == 1u);
}

BOOST_AUTO_TEST_CASE(encounter_activity_without_code_gets_data_absent_type) {
  const std::string xml = R"(
<encounter classCode="ENC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.49"/>
  <id root="1.2.3" extension="enc-nocode"/>
  <code nullFlavor="UNK"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20240101"/></effectiveTime>
</encounter>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "46240-8"));
  Json e = only(b, "Encounter");
  BOOST_TEST(e["status"] == "in-progress");
  BOOST_TEST(has_coding(e["type"][0], "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                        "unknown"));
  BOOST_TEST(e["class"]["extension"][0]["url"] == kDar);
}

// ---------------------------------------------------------------- real documents

BOOST_AUTO_TEST_CASE(agastha_no_known_allergies_from_corpus) {
  test::require_shared();
  Json b =
      test::convert_xml(test::read_file(test::shared_dir() / "corpus/onc-2015/Agastha/195372.xml"));
  bool found = false;
  for (const auto& a : test::resources_of(b, "AllergyIntolerance")) {
    if (a["identifier"][0]["value"] != "urn:uuid:4adc1020-7b14-11db-9fe1-0800200c9a66") continue;
    found = true;
    BOOST_TEST(has_coding(a["code"], kSnomed, "716186003"));  // No known allergy
    BOOST_TEST(has_coding(a["clinicalStatus"], kAllergyClinical, "active"));
    BOOST_TEST(!a.contains("reaction"));
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(oncology_encounter_with_diagnosis_from_corpus) {
  test::require_shared();
  Json b = test::convert_xml(
      test::read_file(test::shared_dir() /
                      "corpus/onc-2015/360_Oncology/Alice_Newman_health_summary_Delegate.xml"));
  bool found = false;
  for (const auto& e : test::resources_of(b, "Encounter")) {
    if (e["identifier"][0]["value"] != "urn:uuid:2a620155-9d12-439e-92b3-5d9815ff4de8") continue;
    found = true;
    BOOST_TEST(e["status"] == "finished");
    BOOST_TEST(e["class"]["code"] == "AMB");
    BOOST_TEST(e["period"]["start"] == "2015-06-22");
    BOOST_REQUIRE(e.contains("diagnosis"));
    Json dx = test::resolve(b, e["diagnosis"][0]["condition"]);
    BOOST_TEST(has_coding(dx["code"], kSnomed, "386661006"));
    BOOST_TEST(any_category(dx, kCondCategory, "encounter-diagnosis"));
    BOOST_TEST(dx["onsetDateTime"] == "2015-06-22");
    BOOST_TEST(!test::resolve(b, e["location"][0]["location"]).is_null());
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(ccd_problems_and_allergies_from_corpus) {
  test::require_shared();
  ConversionResult result;
  Json b = test::convert_xml(
      test::read_file(test::shared_dir() / "corpus/ms-fhir-converter/C-CDA_R2-1_CCD.xml"), &result);
  auto allergies = test::resources_of(b, "AllergyIntolerance");
  BOOST_TEST(allergies.size() == 2u);
  bool penicillin = false;
  for (const auto& a : allergies) {
    if (!has_coding(a["code"], "http://www.nlm.nih.gov/research/umls/rxnorm", "7980")) continue;
    penicillin = true;
    BOOST_TEST(a["onsetDateTime"] == "1998-05-01");
    BOOST_TEST(has_coding(a["reaction"][0]["manifestation"][0], kSnomed, "422587007"));
    BOOST_TEST(a["reaction"][0]["severity"] == "mild");
  }
  BOOST_TEST(penicillin);
  auto conditions = test::resources_of(b, "Condition");
  BOOST_TEST(conditions.size() >= 3u);
  for (const auto& c : conditions) {
    BOOST_TEST(c.contains("code"));
    BOOST_TEST(c.contains("subject"));
    BOOST_TEST(c["category"].size() >= 1u);
    // con-4: an abated Condition is never active
    if (c.contains("abatementDateTime"))
      BOOST_TEST(!has_coding(c["clinicalStatus"], kCondClinical, "active"));
  }
  BOOST_TEST(traces_with_rule(result, "problem-concern-act").size() >= 3u);
  BOOST_TEST(traces_with_rule(result, "allergy-concern-act").size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
