// Entry tables of the observations domain: Result Organizer / Result Observation
// (DiagnosticReport + lab Observations), Vital Signs Organizer / Vital Sign Observation (panel,
// blood pressure, per-code US Core vital sign profiles), Social History, Smoking Status,
// Tobacco Use, Pregnancy, Sexual Orientation, Birth Sex, Functional / Mental Status organizers
// and observations, Assessment Scale. Hand-written fixtures asserted field by field, plus
// extracts of real corpus documents.
#include <map>
#include "test_support.h"

using namespace ccdafhir;

namespace {

using test::has_coding;

const char* kLoinc = "http://loinc.org";
const char* kSnomed = "http://snomed.info/sct";
const char* kUcum = "http://unitsofmeasure.org";
const char* kObsCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
const char* kUsCoreCategory = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";
const char* kInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
const char* kUsCore = "http://hl7.org/fhir/us/core/StructureDefinition/";

bool has_profile(const Json& r, const std::string& name) {
  if (!r.contains("meta") || !r["meta"].contains("profile")) return false;
  for (const auto& p : r["meta"]["profile"]) {
    if (p == std::string(kUsCore) + name) return true;
  }
  return false;
}

bool has_category(const Json& r, const std::string& system, const std::string& code) {
  if (!r.contains("category")) return false;
  for (const auto& c : r["category"]) {
    if (has_coding(c, system, code)) return true;
  }
  return false;
}

// The Observations of a Bundle whose code has this LOINC/SNOMED code.
std::vector<Json> observations_coded(const Json& bundle, const std::string& code) {
  std::vector<Json> out;
  for (const auto& o : test::resources_of(bundle, "Observation")) {
    if (!o.contains("code") || !o["code"].contains("coding")) continue;
    for (const auto& c : o["code"]["coding"]) {
      if (c.value("code", "") == code) {
        out.push_back(o);
        break;
      }
    }
  }
  return out;
}

Json one_coded(const Json& bundle, const std::string& code) {
  auto all = observations_coded(bundle, code);
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  return all.front();
}

Json component_coded(const Json& obs, const std::string& code) {
  for (const auto& c : obs["component"]) {
    if (has_coding(c["code"], kLoinc, code)) return c;
  }
  return nullptr;
}

const ccdafhir::TraceRecord* only_trace(const ConversionResult& r) {
  BOOST_REQUIRE_EQUAL(r.trace.size(), 1u);
  return &r.trace.front();
}

Json patient_ref(const Json& bundle) {
  auto patients = test::resources_of(bundle, "Patient");
  BOOST_REQUIRE_EQUAL(patients.size(), 1u);
  return Json{{"reference", "urn:uuid:" + patients.front()["id"].get<std::string>()}};
}

// ---------------------------------------------------------------------------------------------
// Results

const std::string kBasicMetabolicPanel = R"(
<organizer classCode="BATTERY" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.1" extension="2015-08-01"/>
  <templateId root="2.16.840.1.113883.10.20.22.4.1"/>
  <id root="1.3.6.1.4.1.22812.20.1.1.4.5" extension="R123"/>
  <code code="24323-8" codeSystem="2.16.840.1.113883.6.1" displayName="Comprehensive metabolic panel"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20150622"/><high value="20150622"/></effectiveTime>
  <performer typeCode="PRF"><assignedEntity><id root="2.16.840.1.113883.19.5"/>
    <representedOrganization><name>Value Labs</name></representedOrganization></assignedEntity></performer>
  <component>
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.2" extension="2015-08-01"/>
      <templateId root="2.16.840.1.113883.10.20.22.4.2"/>
      <id root="1.3.6.1.4.1.22812.20.1.1.4.5" extension="OBS1"/>
      <code code="2345-7" codeSystem="2.16.840.1.113883.6.1" displayName="Glucose [Mass/volume] in Serum or Plasma"/>
      <statusCode code="completed"/>
      <effectiveTime value="201506221032-0500"/>
      <value xsi:type="PQ" value="182" unit="mg/dL"/>
      <interpretationCode code="H" codeSystem="2.16.840.1.113883.5.83" displayName="High"/>
      <methodCode code="702873001" codeSystem="2.16.840.1.113883.6.96" displayName="Calculation technique"/>
      <referenceRange><observationRange>
        <text><reference value="#narr1"/></text>
        <value xsi:type="IVL_PQ"><low value="70" unit="mg/dL"/><high value="99" unit="mg/dL"/></value>
        <interpretationCode code="N" codeSystem="2.16.840.1.113883.5.83"/>
      </observationRange></referenceRange>
      <referenceRange><observationRange>
        <value xsi:type="IVL_PQ"><low value="400" unit="mg/dL"/></value>
        <interpretationCode code="HH" codeSystem="2.16.840.1.113883.5.83"/>
      </observationRange></referenceRange>
    </observation>
  </component>
  <component>
    <observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.2" extension="2015-08-01"/>
      <id root="1.3.6.1.4.1.22812.20.1.1.4.5" extension="OBS2"/>
      <code code="5778-6" codeSystem="2.16.840.1.113883.6.1" displayName="Color of Urine"/>
      <statusCode code="active"/>
      <value xsi:type="ST">YELLOW</value>
      <referenceRange><observationRange><value xsi:type="ST">YELLOW</value></observationRange></referenceRange>
    </observation>
  </component>
  <component>
    <observation classCode="OBS" moodCode="EVN" negationInd="true">
      <templateId root="2.16.840.1.113883.10.20.22.4.2" extension="2015-08-01"/>
      <id root="1.3.6.1.4.1.22812.20.1.1.4.5" extension="OBS3"/>
      <code code="5792-7" codeSystem="2.16.840.1.113883.6.1" displayName="Glucose [Mass/volume] in Urine"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="167273002" codeSystem="2.16.840.1.113883.6.96" displayName="Glucose in urine"/>
    </observation>
  </component>
</organizer>)";

}  // namespace

BOOST_AUTO_TEST_SUITE(entries)

BOOST_AUTO_TEST_CASE(
    high_glucose_lab_result_maps_reference_range_and_interpretation_field_by_field) {
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(kBasicMetabolicPanel, "30954-2"), &result);

  auto reports = test::resources_of(b, "DiagnosticReport");
  BOOST_REQUIRE_EQUAL(reports.size(), 1u);
  const Json& dr = reports.front();
  BOOST_TEST(has_profile(dr, "us-core-diagnosticreport-lab"));
  BOOST_TEST(dr["identifier"][0]["system"] == "urn:oid:1.3.6.1.4.1.22812.20.1.1.4.5");
  BOOST_TEST(dr["identifier"][0]["value"] == "R123");
  BOOST_TEST(dr["status"] == "final");
  BOOST_TEST(has_category(dr, "http://terminology.hl7.org/CodeSystem/v2-0074", "LAB"));
  BOOST_TEST(has_coding(dr["code"], kLoinc, "24323-8"));
  BOOST_TEST(dr["effectiveDateTime"] == "2015-06-22");  // low == high: one dateTime, day precision
  BOOST_TEST(dr["subject"] == patient_ref(b));
  BOOST_REQUIRE_EQUAL(dr["performer"].size(), 1u);
  Json lab = test::resolve(b, dr["performer"][0]);
  BOOST_TEST(lab["resourceType"] == "Organization");
  BOOST_TEST(lab["name"] == "Value Labs");

  // The negated component is not a result: two of the three observations.
  BOOST_REQUIRE_EQUAL(dr["result"].size(), 2u);
  Json glucose = test::resolve(b, dr["result"][0]);
  BOOST_REQUIRE(glucose.is_object());
  BOOST_TEST(glucose["resourceType"] == "Observation");
  BOOST_TEST(has_profile(glucose, "us-core-observation-lab"));
  BOOST_TEST(glucose["identifier"][0]["value"] == "OBS1");
  BOOST_TEST(glucose["status"] == "final");
  BOOST_TEST(has_category(glucose, kObsCategory, "laboratory"));
  BOOST_TEST(has_coding(glucose["code"], kLoinc, "2345-7"));
  BOOST_TEST(glucose["code"]["coding"][0]["display"] == "Glucose [Mass/volume] in Serum or Plasma");
  BOOST_TEST(glucose["subject"] == patient_ref(b));
  BOOST_TEST(glucose["effectiveDateTime"] == "2015-06-22T10:32:00-05:00");
  BOOST_TEST(glucose["valueQuantity"]["value"] == 182);
  BOOST_TEST(glucose["valueQuantity"]["unit"] == "mg/dL");
  BOOST_TEST(glucose["valueQuantity"]["system"] == kUcum);
  BOOST_TEST(glucose["valueQuantity"]["code"] == "mg/dL");
  BOOST_REQUIRE_EQUAL(glucose["interpretation"].size(), 1u);
  BOOST_TEST(has_coding(glucose["interpretation"][0], kInterpretation, "H"));
  BOOST_TEST(has_coding(glucose["method"], kSnomed, "702873001"));
  // Only the normal (N) range of the two.
  BOOST_REQUIRE_EQUAL(glucose["referenceRange"].size(), 1u);
  const Json& range = glucose["referenceRange"][0];
  BOOST_TEST(range["low"]["value"] == 70);
  BOOST_TEST(range["low"]["code"] == "mg/dL");
  BOOST_TEST(range["low"]["system"] == kUcum);
  BOOST_TEST(range["high"]["value"] == 99);
  BOOST_TEST(range["high"]["unit"] == "mg/dL");
  BOOST_TEST(range["text"] == "Narrative one");
  BOOST_TEST(!glucose.contains("dataAbsentReason"));

  Json color = test::resolve(b, dr["result"][1]);
  BOOST_TEST(color["identifier"][0]["value"] == "OBS2");
  BOOST_TEST(color["status"] == "registered");  // CF-ResultStatus: active -> registered
  BOOST_TEST(color["valueString"] == "YELLOW");
  BOOST_TEST(color["referenceRange"][0]["text"] == "YELLOW");
  BOOST_TEST(color["effectiveDateTime"] == "2015-06-22");  // the organizer's time

  BOOST_TEST(observations_coded(b, "5792-7").empty());  // negated: never stated positively

  const auto* t = only_trace(result);
  BOOST_TEST(t->rule == "result-organizer");
  BOOST_REQUIRE_EQUAL(t->targets.size(), 1u);
  BOOST_TEST(t->targets[0] == "urn:uuid:" + dr["id"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(result_organizer_specimen_becomes_us_core_specimen_on_report_and_results) {
  const std::string xml = R"(
<organizer classCode="BATTERY" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.1"/>
  <id root="2.16.840.1.113883.19.5.1" extension="CBC1"/>
  <code code="58410-2" codeSystem="2.16.840.1.113883.6.1" displayName="CBC panel"/>
  <statusCode code="aborted"/>
  <specimen><specimenRole><id root="2.16.840.1.113883.19.5.9" extension="S1"/>
    <specimenPlayingEntity><code code="119297000" codeSystem="2.16.840.1.113883.6.96" displayName="Blood specimen"/>
    <desc>BLOOD,VENOUS</desc></specimenPlayingEntity></specimenRole></specimen>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.2"/>
    <id root="2.16.840.1.113883.19.5.1" extension="HGB"/>
    <code code="718-7" codeSystem="2.16.840.1.113883.6.1" displayName="Hemoglobin"/>
    <statusCode code="completed"/>
    <effectiveTime value="20240105"/>
    <value xsi:type="PQ" nullFlavor="NAV"/>
  </observation></component>
</organizer>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "30954-2"));
  auto reports = test::resources_of(b, "DiagnosticReport");
  BOOST_REQUIRE_EQUAL(reports.size(), 1u);
  const Json& dr = reports.front();
  BOOST_TEST(dr["status"] == "cancelled");  // CF-ResultReportStatus: aborted -> cancelled
  BOOST_TEST(dr["effectiveDateTime"] == "2024-01-05");  // no organizer time: the component's
  BOOST_REQUIRE_EQUAL(dr["specimen"].size(), 1u);
  Json spec = test::resolve(b, dr["specimen"][0]);
  BOOST_TEST(spec["resourceType"] == "Specimen");
  BOOST_TEST(has_profile(spec, "us-core-specimen"));
  BOOST_TEST(spec["identifier"][0]["value"] == "S1");
  BOOST_TEST(has_coding(spec["type"], kSnomed, "119297000"));
  BOOST_TEST(spec["note"][0]["text"] == "BLOOD,VENOUS");
  Json hgb = test::resolve(b, dr["result"][0]);
  BOOST_TEST(hgb["specimen"] == dr["specimen"][0]);  // the same Specimen resource
  BOOST_TEST(!hgb.contains("valueQuantity"));
  BOOST_TEST(has_coding(hgb["dataAbsentReason"],
                        "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                        "temp-unknown"));
  BOOST_TEST(test::resources_of(b, "Specimen").size() == 1u);
}

// ---------------------------------------------------------------------------------------------
// Vital signs

const std::string kVitalsWithBloodPressure = R"(
<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.26"/>
  <templateId root="2.16.840.1.113883.10.20.22.4.26" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.3.42.126.100001.19" extension="VS1"/>
  <code code="46680005" codeSystem="2.16.840.1.113883.6.96" displayName="Vital Signs"/>
  <statusCode code="completed"/>
  <effectiveTime value="20140520193605-0600"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27" extension="2014-06-09"/>
    <id root="2.16.840.1.113883.3.42.126.100001.19" extension="SYS1"/>
    <code code="8480-6" codeSystem="2.16.840.1.113883.6.1" displayName="Systolic blood pressure"/>
    <statusCode code="completed"/>
    <effectiveTime value="20140520193605-0600"/>
    <value xsi:type="PQ" value="115" unit="mm[Hg]"/>
    <interpretationCode code="N" codeSystem="2.16.840.1.113883.5.83"/>
    <targetSiteCode code="368208006" codeSystem="2.16.840.1.113883.6.96" displayName="Left upper arm"/>
  </observation></component>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27" extension="2014-06-09"/>
    <id root="2.16.840.1.113883.3.42.126.100001.19" extension="DIA1"/>
    <code code="8462-4" codeSystem="2.16.840.1.113883.6.1" displayName="Diastolic blood pressure"/>
    <statusCode code="completed"/>
    <effectiveTime value="20140520193605-0600"/>
    <value xsi:type="PQ" value="75" unit="mm[Hg]"/>
  </observation></component>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27" extension="2014-06-09"/>
    <id root="2.16.840.1.113883.3.42.126.100001.19" extension="HR1"/>
    <code code="8867-4" codeSystem="2.16.840.1.113883.6.1" displayName="Heart rate"/>
    <statusCode code="completed"/>
    <effectiveTime value="20140520193605-0600"/>
    <value xsi:type="PQ" value="80" unit="/min"/>
  </observation></component>
</organizer>)";

BOOST_AUTO_TEST_CASE(systolic_and_diastolic_in_one_organizer_become_one_us_core_blood_pressure) {
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(kVitalsWithBloodPressure, "8716-3"), &result);

  Json panel = one_coded(b, "85353-1");
  BOOST_TEST(has_profile(panel, "us-core-vital-signs"));
  BOOST_TEST(panel["identifier"][0]["value"] == "VS1");
  BOOST_TEST(panel["status"] == "final");
  BOOST_TEST(has_category(panel, kObsCategory, "vital-signs"));
  BOOST_TEST(has_coding(panel["code"], kLoinc, "85353-1"));
  BOOST_TEST(panel["effectiveDateTime"] == "2014-05-20T19:36:05-06:00");
  BOOST_TEST(panel["subject"] == patient_ref(b));
  BOOST_REQUIRE_EQUAL(panel["hasMember"].size(), 2u);  // heart rate + one blood pressure

  Json bp = one_coded(b, "85354-9");
  BOOST_TEST(has_profile(bp, "us-core-blood-pressure"));
  BOOST_TEST(has_profile(bp, "us-core-vital-signs"));
  BOOST_TEST(bp["status"] == "final");
  BOOST_TEST(has_category(bp, kObsCategory, "vital-signs"));
  BOOST_TEST(bp["code"]["coding"].size() == 1u);
  BOOST_TEST(bp["subject"] == patient_ref(b));
  BOOST_TEST(bp["effectiveDateTime"] == "2014-05-20T19:36:05-06:00");
  BOOST_TEST(!bp.contains("valueQuantity"));  // CF-vitals.md: no value on the panel
  BOOST_TEST(!bp.contains("dataAbsentReason"));
  BOOST_REQUIRE_EQUAL(bp["identifier"].size(), 2u);
  BOOST_TEST(bp["identifier"][0]["value"] == "SYS1");
  BOOST_TEST(bp["identifier"][1]["value"] == "DIA1");
  BOOST_TEST(has_coding(bp["bodySite"], kSnomed, "368208006"));
  BOOST_REQUIRE_EQUAL(bp["component"].size(), 2u);
  Json sys = component_coded(bp, "8480-6");
  BOOST_REQUIRE(sys.is_object());
  BOOST_TEST(sys["code"]["coding"][0]["display"] == "Systolic blood pressure");
  BOOST_TEST(sys["valueQuantity"]["value"] == 115);
  BOOST_TEST(sys["valueQuantity"]["unit"] == "mm[Hg]");
  BOOST_TEST(sys["valueQuantity"]["system"] == kUcum);
  BOOST_TEST(sys["valueQuantity"]["code"] == "mm[Hg]");
  BOOST_TEST(has_coding(sys["interpretation"][0], kInterpretation, "N"));
  Json dia = component_coded(bp, "8462-4");
  BOOST_REQUIRE(dia.is_object());
  BOOST_TEST(dia["valueQuantity"]["value"] == 75);
  BOOST_TEST(dia["valueQuantity"]["code"] == "mm[Hg]");
  BOOST_TEST(dia["valueQuantity"]["system"] == kUcum);
  // The readings are not separate Observations as well.
  BOOST_TEST(observations_coded(b, "8480-6").empty());  // only as a component of the BP
  BOOST_TEST(observations_coded(b, "8462-4").empty());
  bool bp_is_member = false;
  for (const auto& m : panel["hasMember"]) bp_is_member |= test::resolve(b, m)["id"] == bp["id"];
  BOOST_TEST(bp_is_member);

  Json hr = one_coded(b, "8867-4");
  BOOST_TEST(has_profile(hr, "us-core-heart-rate"));
  BOOST_TEST(has_profile(hr, "us-core-vital-signs"));
  BOOST_TEST(hr["valueQuantity"]["value"] == 80);
  BOOST_TEST(hr["valueQuantity"]["code"] == "/min");

  const auto* t = only_trace(result);
  BOOST_TEST(t->rule == "vital-signs-organizer");
  BOOST_TEST(t->targets[0] == "urn:uuid:" + panel["id"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(blood_pressure_readings_without_ids_never_make_the_panel_reference_itself) {
  std::string xml = kVitalsWithBloodPressure;
  for (const char* id : {"SYS1", "DIA1", "HR1"}) {
    std::string tag =
        std::string(R"(<id root="2.16.840.1.113883.3.42.126.100001.19" extension=")") + id +
        R"("/>)";
    xml.replace(xml.find(tag), tag.size(), R"(<id nullFlavor="NI"/>)");
  }
  Json b = test::convert_xml(test::wrap_entry(xml, "8716-3"));
  Json panel = one_coded(b, "85353-1");
  BOOST_REQUIRE_EQUAL(panel["hasMember"].size(), 2u);
  for (const auto& m : panel["hasMember"]) {
    Json member = test::resolve(b, m);
    BOOST_REQUIRE(member.is_object());
    BOOST_TEST(member["id"] != panel["id"]);
  }
  Json bp = one_coded(b, "85354-9");
  BOOST_TEST(!bp.contains("identifier"));
  BOOST_TEST(bp["component"].size() == 2u);
}

BOOST_AUTO_TEST_CASE(organizer_with_two_blood_pressure_pairs_keeps_each_reading) {
  const std::string reading = R"(
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27"/>
    <id root="2.16.840.1.113883.19.7" extension="ID"/>
    <code code="CODE" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="completed"/><effectiveTime value="TIME"/>
    <value xsi:type="PQ" value="VAL" unit="mm[Hg]"/>
  </observation></component>)";
  auto make = [&](const std::string& id, const std::string& code, const std::string& time,
                  const std::string& val) {
    std::string s = reading;
    s.replace(s.find("ID"), 2, id);
    s.replace(s.find("CODE"), 4, code);
    s.replace(s.find("TIME"), 4, time);
    s.replace(s.find("VAL"), 3, val);
    return s;
  };
  const std::string xml = R"(<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.26"/>
  <id root="2.16.840.1.113883.19.7" extension="ORG"/>
  <code code="46680005" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="completed"/>)" +
                          make("s1", "8480-6", "20240101", "120") +
                          make("d1", "8462-4", "20240101", "80") +
                          make("s2", "8480-6", "20240102", "130") +
                          make("d2", "8462-4", "20240102", "85") + "</organizer>";
  Json b = test::convert_xml(test::wrap_entry(xml, "8716-3"));
  BOOST_TEST(observations_coded(b, "85354-9").empty());
  BOOST_TEST(observations_coded(b, "8480-6").size() == 2u);
  BOOST_TEST(observations_coded(b, "8462-4").size() == 2u);
  Json panel = one_coded(b, "85353-1");
  BOOST_TEST(panel["hasMember"].size() == 4u);
  BOOST_TEST(panel["effectiveDateTime"] == "2024-01-01");  // no organizer time: the first reading's
  for (const auto& o : observations_coded(b, "8480-6")) {
    BOOST_TEST(has_profile(o, "us-core-vital-signs"));
    BOOST_TEST(!has_profile(o, "us-core-blood-pressure"));
  }
}

BOOST_AUTO_TEST_CASE(body_height_profile_is_claimed_only_for_a_ucum_length_unit) {
  const std::string xml = R"(
<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.26"/>
  <id root="2.16.840.1.113883.19.8" extension="ORG"/>
  <code code="46680005" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="completed"/>
  <effectiveTime value="20240301"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27"/>
    <id root="2.16.840.1.113883.19.8" extension="H-CM"/>
    <code code="8302-2" codeSystem="2.16.840.1.113883.6.1" displayName="Body height"/>
    <statusCode code="completed"/>
    <value xsi:type="PQ" value="177" unit="cm"/>
  </observation></component>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27"/>
    <id root="2.16.840.1.113883.19.8" extension="H-IN"/>
    <code code="8302-2" codeSystem="2.16.840.1.113883.6.1" displayName="Body height"/>
    <statusCode code="completed"/>
    <value xsi:type="PQ" value="70" unit="in"/>
  </observation></component>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27"/>
    <id root="2.16.840.1.113883.19.8" extension="W"/>
    <code code="29463-7" codeSystem="2.16.840.1.113883.6.1" displayName="Body weight"/>
    <statusCode code="completed"/>
    <value xsi:type="PQ" nullFlavor="UNK"/>
  </observation></component>
</organizer>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "8716-3"));
  auto heights = observations_coded(b, "8302-2");
  BOOST_REQUIRE_EQUAL(heights.size(), 2u);
  for (const auto& h : heights) {
    bool cm = h["identifier"][0]["value"] == "H-CM";
    BOOST_TEST(has_profile(h, "us-core-vital-signs"));
    BOOST_TEST(has_profile(h, "us-core-body-height") == cm);
    BOOST_TEST(h["effectiveDateTime"] == "2024-03-01");  // the organizer's time
  }
  Json weight = one_coded(b, "29463-7");
  BOOST_TEST(!has_profile(weight, "us-core-body-weight"));
  BOOST_TEST(has_coding(weight["dataAbsentReason"],
                        "http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown"));
}

BOOST_AUTO_TEST_CASE(pulse_oximetry_carries_both_codes_and_inhaled_oxygen_components) {
  const std::string xml = R"(
<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.26"/>
  <id root="2.16.840.1.113883.19.9" extension="ORG"/>
  <code code="46680005" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="completed"/>
  <effectiveTime value="20240301101500-0500"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27"/>
    <id root="2.16.840.1.113883.19.9" extension="SPO2"/>
    <code code="2708-6" codeSystem="2.16.840.1.113883.6.1" displayName="Oxygen saturation"/>
    <statusCode code="completed"/><effectiveTime value="20240301101500-0500"/>
    <value xsi:type="PQ" value="98" unit="%"/>
  </observation></component>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27"/>
    <id root="2.16.840.1.113883.19.9" extension="FLOW"/>
    <code code="3151-8" codeSystem="2.16.840.1.113883.6.1" displayName="Inhaled oxygen flow rate"/>
    <statusCode code="completed"/><effectiveTime value="20240301101500-0500"/>
    <value xsi:type="PQ" value="6" unit="L/min"/>
  </observation></component>
</organizer>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "8716-3"));
  Json ox = one_coded(b, "2708-6");
  BOOST_TEST(has_profile(ox, "us-core-pulse-oximetry"));
  BOOST_TEST(has_coding(ox["code"], kLoinc, "2708-6"));
  BOOST_TEST(has_coding(ox["code"], kLoinc, "59408-5"));
  BOOST_TEST(ox["valueQuantity"]["value"] == 98);
  BOOST_TEST(ox["valueQuantity"]["code"] == "%");
  BOOST_REQUIRE_EQUAL(ox["component"].size(), 1u);
  Json flow = component_coded(ox, "3151-8");
  BOOST_TEST(flow["valueQuantity"]["value"] == 6);
  BOOST_TEST(flow["valueQuantity"]["code"] == "L/min");
  // The flow rate is a component, not a member of its own.
  BOOST_TEST(observations_coded(b, "3151-8").empty());
  BOOST_TEST(one_coded(b, "85353-1")["hasMember"].size() == 1u);
}

// The flow-rate rules select from the organizer (`shared-from`): the run selects once per
// organizer and reuses the list, so two saturations in one organizer both get its flow rate,
// and a saturation in another organizer gets that one's, never a neighbour's.
BOOST_AUTO_TEST_CASE(inhaled_oxygen_is_shared_within_an_organizer_and_never_across) {
  auto reading = [](const std::string& id, const std::string& code, const std::string& value,
                    const std::string& unit) {
    return R"(<component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27"/>
    <id root="2.16.840.1.113883.19.9" extension=")" +
           id + R"("/><code code=")" + code + R"(" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="completed"/><effectiveTime value="20240301101500-0500"/>
    <value xsi:type="PQ" value=")" +
           value + R"(" unit=")" + unit + R"("/></observation></component>)";
  };
  auto organizer = [](const std::string& id, const std::string& components) {
    return R"(<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.26"/>
  <id root="2.16.840.1.113883.19.9" extension=")" +
           id + R"("/><code code="46680005" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/><effectiveTime value="20240301101500-0500"/>)" +
           components + "</organizer>";
  };
  const std::string xml =
      organizer("A", reading("A1", "2708-6", "97", "%") + reading("AF", "3151-8", "2", "L/min") +
                         reading("A2", "59408-5", "96", "%")) +
      "</entry><entry>" +
      organizer("B", reading("B1", "2708-6", "91", "%") + reading("BF", "3151-8", "8", "L/min"));
  Json b = test::convert_xml(test::wrap_entry(xml, "8716-3"));
  std::map<std::string, double> flow_by_saturation;
  for (const Json& o : test::resources_of(b, "Observation")) {
    if (!o.contains("valueQuantity") || o["valueQuantity"]["code"] != "%") continue;
    BOOST_REQUIRE_EQUAL(o["component"].size(), 1u);
    flow_by_saturation[o["valueQuantity"]["value"].dump()] =
        component_coded(o, "3151-8")["valueQuantity"]["value"].get<double>();
  }
  BOOST_TEST(flow_by_saturation.size() == 3u);
  BOOST_TEST(flow_by_saturation["97"] == 2.0);
  BOOST_TEST(flow_by_saturation["96"] == 2.0);
  BOOST_TEST(flow_by_saturation["91"] == 8.0);
}

// ---------------------------------------------------------------------------------------------
// Social history

BOOST_AUTO_TEST_CASE(current_every_day_smoker_maps_to_us_core_smoking_status) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.78"/>
  <templateId root="2.16.840.1.113883.10.20.22.4.78" extension="2014-06-09"/>
  <id extension="123456789" root="2.16.840.1.113883.19"/>
  <code code="72166-2" codeSystem="2.16.840.1.113883.6.1" displayName="Tobacco smoking status NHIS"/>
  <statusCode code="completed"/>
  <effectiveTime value="20140606153200+0000"/>
  <value xsi:type="CD" code="449868002" codeSystem="2.16.840.1.113883.6.96" displayName="Current every day smoker"/>
  <author><time value="20140606"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="111"/>
    <assignedPerson><name><given>Ann</given><family>Nurse</family></name></assignedPerson></assignedAuthor></author>
</observation>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "29762-2"), &result);
  Json o = one_coded(b, "72166-2");
  BOOST_TEST(has_profile(o, "us-core-smokingstatus"));
  BOOST_TEST(o["identifier"][0]["system"] == "urn:oid:2.16.840.1.113883.19");
  BOOST_TEST(o["identifier"][0]["value"] == "123456789");
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(has_category(o, kObsCategory, "social-history"));
  BOOST_TEST(o["effectiveDateTime"] == "2014-06-06T15:32:00+00:00");
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "449868002"));
  BOOST_TEST(o["valueCodeableConcept"]["coding"][0]["display"] == "Current every day smoker");
  BOOST_TEST(o["subject"] == patient_ref(b));
  BOOST_REQUIRE_EQUAL(o["performer"].size(), 1u);
  BOOST_TEST(test::resolve(b, o["performer"][0])["resourceType"] == "Practitioner");
  auto prov = test::resources_of(b, "Provenance");
  bool targets_obs = false;
  for (const auto& p : prov)
    targets_obs |= p["target"][0]["reference"] == "urn:uuid:" + o["id"].get<std::string>();
  BOOST_TEST(targets_obs);
  BOOST_TEST(only_trace(result)->rule == "smoking-status");
}

BOOST_AUTO_TEST_CASE(r11_smoking_status_assertion_gets_the_loinc_code_and_a_single_time) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.78"/>
  <id root="2.16.840.1.113883.19.10" extension="SS"/>
  <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20090101"/><high value="20120101"/></effectiveTime>
  <value xsi:type="CD" code="8517006" codeSystem="2.16.840.1.113883.6.96" displayName="Former smoker"/>
</observation>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "29762-2"));
  Json o = one_coded(b, "72166-2");
  BOOST_TEST(o["code"]["coding"].size() == 1u);
  BOOST_TEST(o["code"]["coding"][0]["system"] == kLoinc);
  BOOST_TEST(o["effectiveDateTime"] == "2009-01-01");  // US Core 6.1: dateTime only, the low bound
  BOOST_TEST(!o.contains("effectivePeriod"));
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "8517006"));
}

BOOST_AUTO_TEST_CASE(tobacco_use_keeps_its_period_as_a_social_history_observation) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.85" extension="2014-06-09"/>
  <id root="2.16.840.1.113883.19.11" extension="TU"/>
  <code code="11367-0" codeSystem="2.16.840.1.113883.6.1" displayName="History of tobacco use"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="2005"/><high value="2011"/></effectiveTime>
  <value xsi:type="CD" code="449868002" codeSystem="2.16.840.1.113883.6.96" displayName="Current every day smoker"/>
</observation>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "29762-2"));
  Json o = one_coded(b, "11367-0");
  BOOST_TEST(has_profile(o, "us-core-simple-observation"));
  BOOST_TEST(!has_profile(o, "us-core-smokingstatus"));
  BOOST_TEST(has_category(o, kObsCategory, "social-history"));
  BOOST_TEST(o["effectivePeriod"]["start"] == "2005");
  BOOST_TEST(o["effectivePeriod"]["end"] == "2011");
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "449868002"));
}

BOOST_AUTO_TEST_CASE(negated_tobacco_use_is_never_stated_positively) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.85"/>
  <id root="2.16.840.1.113883.19.11" extension="NEG"/>
  <code code="11367-0" codeSystem="2.16.840.1.113883.6.1"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="2005"/></effectiveTime>
  <value xsi:type="CD" code="160618006" codeSystem="2.16.840.1.113883.6.96" displayName="Current non-smoker"/>
</observation>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "29762-2"), &result);
  BOOST_TEST(test::resources_of(b, "Observation").empty());
  const auto* t = only_trace(result);
  BOOST_TEST(t->targets.empty());
  BOOST_TEST(!t->dropped.empty());
}

BOOST_AUTO_TEST_CASE(alcohol_use_social_history_with_quantity_value) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.38" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.12" extension="ALC"/>
  <code code="74013-4" codeSystem="2.16.840.1.113883.6.1" displayName="Alcoholic drinks per day"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20120301"/></effectiveTime>
  <value xsi:type="PQ" value="2" unit="{drinks}/d"/>
</observation>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "29762-2"));
  Json o = one_coded(b, "74013-4");
  BOOST_TEST(has_profile(o, "us-core-simple-observation"));
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(has_category(o, kObsCategory, "social-history"));
  BOOST_TEST(o["effectivePeriod"]["start"] == "2012-03-01");
  BOOST_TEST(o["valueQuantity"]["value"] == 2);
  BOOST_TEST(o["valueQuantity"]["code"] == "{drinks}/d");
}

BOOST_AUTO_TEST_CASE(pregnancy_observation_maps_status_value_and_delivery_date) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.15.3.8"/>
  <id extension="123456789" root="2.16.840.1.113883.19"/>
  <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20220824103952+0000"/></effectiveTime>
  <value xsi:type="CD" code="77386006" displayName="pregnant" codeSystem="2.16.840.1.113883.6.96"/>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.15.3.1"/>
    <code code="11778-8" codeSystem="2.16.840.1.113883.6.1" displayName="Estimated date of delivery"/>
    <statusCode code="completed"/>
    <value xsi:type="TS" value="20230315"/>
  </observation></entryRelationship>
</observation>)";
  Json b = test::convert_xml(test::wrap_entry(xml, "29762-2"));
  Json o = one_coded(b, "82810-3");
  BOOST_TEST(has_profile(o, "us-core-observation-pregnancystatus"));
  BOOST_TEST(o["code"]["coding"].size() == 1u);
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(has_category(o, kObsCategory, "social-history"));
  BOOST_TEST(o["effectiveDateTime"] == "2022-08-24T10:39:52+00:00");
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "77386006"));
  BOOST_REQUIRE_EQUAL(o["component"].size(), 1u);
  BOOST_TEST(has_coding(o["component"][0]["code"], kLoinc, "11778-8"));
  BOOST_TEST(o["component"][0]["valueDateTime"] == "2023-03-15");
}

BOOST_AUTO_TEST_CASE(negated_pregnant_is_not_pregnant_and_unknown_is_a_null_flavor_value) {
  const std::string negated = R"(
<observation classCode="OBS" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.15.3.8"/>
  <id root="2.16.840.1.113883.19.13" extension="P1"/>
  <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
  <statusCode code="completed"/><effectiveTime value="20240101"/>
  <value xsi:type="CD" code="77386006" codeSystem="2.16.840.1.113883.6.96"/>
</observation>)";
  Json b = test::convert_xml(test::wrap_entry(negated, "29762-2"));
  Json o = one_coded(b, "82810-3");
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "60001007"));
  BOOST_TEST(!has_coding(o["valueCodeableConcept"], kSnomed, "77386006"));
  BOOST_TEST(o["effectiveDateTime"] == "2024-01-01");

  const std::string unknown = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.15.3.8"/>
  <id root="2.16.840.1.113883.19.13" extension="P2"/>
  <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
  <statusCode code="completed"/>
  <author><time value="20240202"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="9"/></assignedAuthor></author>
  <value xsi:type="CD" nullFlavor="UNK"/>
</observation>)";
  Json u = one_coded(test::convert_xml(test::wrap_entry(unknown, "29762-2")), "82810-3");
  BOOST_TEST(has_coding(u["valueCodeableConcept"],
                        "http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "UNK"));
  BOOST_TEST(u["effectiveDateTime"] == "2024-02-02");  // no effectiveTime: the author time
}

BOOST_AUTO_TEST_CASE(birth_sex_entry_points_at_the_patient_carrying_the_extension) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.200" extension="2016-06-01"/>
  <code code="76689-9" codeSystem="2.16.840.1.113883.6.1" displayName="Sex Assigned At Birth"/>
  <statusCode code="completed"/>
  <value xsi:type="CD" codeSystem="2.16.840.1.113883.5.1" code="F" displayName="Female"/>
</observation>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "29762-2"), &result);
  BOOST_TEST(observations_coded(b, "76689-9").empty());  // CF-social.md: no Observation
  auto patients = test::resources_of(b, "Patient");
  BOOST_REQUIRE_EQUAL(patients.size(), 1u);
  bool birthsex = false;
  for (const auto& e : patients.front()["extension"]) {
    if (e["url"] == std::string(kUsCore) + "us-core-birthsex") birthsex = e["valueCode"] == "F";
  }
  BOOST_TEST(birthsex);
  const auto* t = only_trace(result);
  BOOST_TEST(t->rule == "birth-sex-observation");
  BOOST_REQUIRE_EQUAL(t->targets.size(), 1u);
  BOOST_TEST(t->targets[0] == patient_ref(b)["reference"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(sexual_orientation_uses_the_us_core_profile) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.501" extension="2023-05-01"/>
  <id root="2.16.840.1.113883.19.14" extension="SO"/>
  <code code="76690-7" codeSystem="2.16.840.1.113883.6.1" displayName="Sexual orientation"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20230101"/></effectiveTime>
  <value xsi:type="CD" nullFlavor="ASKU"/>
</observation>)";
  Json o = one_coded(test::convert_xml(test::wrap_entry(xml, "29762-2")), "76690-7");
  BOOST_TEST(has_profile(o, "us-core-observation-sexual-orientation"));
  BOOST_TEST(o["code"]["coding"].size() == 1u);
  BOOST_TEST(has_coding(o["valueCodeableConcept"],
                        "http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "ASKU"));
  BOOST_TEST(!o.contains("dataAbsentReason"));
}

// ---------------------------------------------------------------------------------------------
// Functional and mental status

BOOST_AUTO_TEST_CASE(functional_status_organizer_with_assessment_scale_member) {
  const std::string xml = R"(
<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.66" extension="2014-06-09"/>
  <id root="2.16.840.1.113883.19.15" extension="FSO"/>
  <code code="d5" codeSystem="2.16.840.1.113883.6.254" displayName="Self-Care"/>
  <statusCode code="completed"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.67" extension="2014-06-09"/>
    <id root="2.16.840.1.113883.19.15" extension="FS1"/>
    <code code="54522-8" codeSystem="2.16.840.1.113883.6.1" displayName="Functional status"/>
    <statusCode code="completed"/>
    <effectiveTime value="20130311"/>
    <value xsi:type="CD" code="165245003" codeSystem="2.16.840.1.113883.6.96" displayName="Independent walking"/>
    <entryRelationship typeCode="COMP"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.69"/>
      <id root="2.16.840.1.113883.19.15" extension="AS1"/>
      <code code="72133-2" codeSystem="2.16.840.1.113883.6.1" displayName="Montreal Cognitive Assessment"/>
      <statusCode code="completed"/>
      <effectiveTime value="20130311"/>
      <value xsi:type="INT" value="27"/>
      <entryRelationship typeCode="COMP"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.86"/>
        <id root="2.16.840.1.113883.19.15" extension="ASQ1"/>
        <code code="72172-0" codeSystem="2.16.840.1.113883.6.1" displayName="Total score"/>
        <statusCode code="completed"/>
        <value xsi:type="INT" value="5"/>
      </observation></entryRelationship>
    </observation></entryRelationship>
  </observation></component>
</organizer>)";
  ConversionResult result;
  Json b = test::convert_xml(test::wrap_entry(xml, "47420-5"), &result);
  Json panel = one_coded(b, "d5");
  BOOST_TEST(has_profile(panel, "us-core-simple-observation"));
  BOOST_TEST(has_category(panel, kUsCoreCategory, "functional-status"));
  BOOST_TEST(panel["status"] == "final");
  BOOST_TEST(panel["effectiveDateTime"] == "2013-03-11");
  BOOST_REQUIRE_EQUAL(panel["hasMember"].size(), 1u);
  Json fs = test::resolve(b, panel["hasMember"][0]);
  BOOST_TEST(has_coding(fs["code"], kLoinc, "54522-8"));
  BOOST_TEST(has_category(fs, kUsCoreCategory, "functional-status"));
  BOOST_TEST(has_coding(fs["valueCodeableConcept"], kSnomed, "165245003"));
  BOOST_REQUIRE_EQUAL(fs["hasMember"].size(), 1u);
  Json scale = test::resolve(b, fs["hasMember"][0]);
  BOOST_TEST(has_profile(scale, "us-core-observation-screening-assessment"));
  BOOST_TEST(has_category(scale, kObsCategory, "survey"));
  BOOST_TEST(scale["valueInteger"] == 27);
  BOOST_REQUIRE_EQUAL(scale["hasMember"].size(), 1u);
  BOOST_TEST(test::resolve(b, scale["hasMember"][0])["valueInteger"] == 5);
  BOOST_TEST(only_trace(result)->rule == "functional-status-organizer");
}

BOOST_AUTO_TEST_CASE(mental_status_observation_has_the_cognitive_status_category) {
  const std::string xml = R"(
<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.74" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.16" extension="MS1"/>
  <code code="373930000" codeSystem="2.16.840.1.113883.6.96" displayName="Cognitive function"/>
  <statusCode code="completed"/>
  <effectiveTime value="20150622"/>
  <value xsi:type="CD" code="48167000" codeSystem="2.16.840.1.113883.6.96" displayName="Amnesia"/>
</observation>)";
  Json o = one_coded(test::convert_xml(test::wrap_entry(xml, "10190-7")), "373930000");
  BOOST_TEST(has_profile(o, "us-core-simple-observation"));
  BOOST_TEST(has_category(o, kUsCoreCategory, "cognitive-status"));
  BOOST_TEST(o["status"] == "final");
  BOOST_TEST(o["effectiveDateTime"] == "2015-06-22");
  BOOST_TEST(has_coding(o["valueCodeableConcept"], kSnomed, "48167000"));
}

// ---------------------------------------------------------------------------------------------
// Real documents

BOOST_AUTO_TEST_CASE(real_document_results_vitals_and_smoking_status_from_an_onc_sample) {
  test::require_shared();
  ConversionResult result;
  Json b = test::convert_xml(
      test::read_file(test::shared_dir() /
                      "corpus/onc-2015/360_Oncology/Alice_Newman_health_summary_Delegate.xml"),
      &result);
  // Result Organizer: urinalysis with a specific gravity result and its range.
  auto reports = test::resources_of(b, "DiagnosticReport");
  BOOST_REQUIRE(!reports.empty());
  const Json& ua = reports.front();
  BOOST_TEST(has_coding(ua["code"], kSnomed, "27171005"));
  BOOST_TEST(ua["status"] == "final");
  BOOST_TEST(ua["effectiveDateTime"] == "2015-06-22");
  BOOST_TEST(ua["result"].size() == 8u);
  Json sg = one_coded(b, "5811-5");
  BOOST_TEST(sg["valueQuantity"]["value"] == 1.015);
  BOOST_TEST(sg["referenceRange"][0]["low"]["value"] == 1.005);
  BOOST_TEST(sg["referenceRange"][0]["high"]["value"] == 1.03);
  BOOST_TEST(has_coding(sg["interpretation"][0], kInterpretation, "N"));
  // Vital signs: one blood pressure panel, body height in cm.
  Json bp = one_coded(b, "85354-9");
  BOOST_TEST(component_coded(bp, "8480-6")["valueQuantity"]["value"] == 145);
  BOOST_TEST(component_coded(bp, "8462-4")["valueQuantity"]["value"] == 88);
  Json height = one_coded(b, "8302-2");
  BOOST_TEST(has_profile(height, "us-core-body-height"));
  BOOST_TEST(height["valueQuantity"]["value"] == 177);
  // Smoking status.
  auto smoking = test::resources_of(b, "Observation");
  bool found = false;
  for (const auto& o : smoking)
    found |= has_profile(o, "us-core-smokingstatus") && o.contains("valueCodeableConcept");
  BOOST_TEST(found);
  std::size_t mine = 0;
  for (const auto& t : result.trace) {
    if (t.rule == "result-organizer" || t.rule == "vital-signs-organizer" ||
        t.rule == "smoking-status") {
      ++mine;
      BOOST_TEST(!t.targets.empty());
    }
  }
  BOOST_TEST(mine >= 3u);
}

BOOST_AUTO_TEST_CASE(real_document_mental_status_organizer_and_pregnancy_from_corpus) {
  test::require_shared();
  Json b = test::convert_xml(test::read_file(
      test::shared_dir() /
      "corpus/onc-2015/Advanced_Technologies_Group/SLI_CCD_b6AliceNewman_ATG_ATGEHR_10162017.xml"));
  // The organizer and its observation share an id: the panel must not reference itself.
  bool checked = false;
  for (const auto& o : observations_coded(b, "75275-8")) {
    if (!o.contains("hasMember")) continue;
    BOOST_TEST(has_category(o, kUsCoreCategory, "cognitive-status"));
    for (const auto& m : o["hasMember"]) {
      Json member = test::resolve(b, m);
      BOOST_TEST(member["id"] != o["id"]);
      BOOST_TEST(has_coding(member["valueCodeableConcept"], kSnomed, "48167000"));
      checked = true;
    }
  }
  BOOST_TEST(checked);

  Json athena = test::convert_xml(
      test::read_file(test::shared_dir() / "corpus/nurra/documents/athena_ccd.xml"));
  Json preg = one_coded(athena, "82810-3");
  BOOST_TEST(has_profile(preg, "us-core-observation-pregnancystatus"));
  BOOST_TEST(has_coding(preg["valueCodeableConcept"], kSnomed, "60001007"));
  BOOST_TEST(preg["effectiveDateTime"] == "2024-03-01T00:00:00-05:00");
}

BOOST_AUTO_TEST_SUITE_END()
