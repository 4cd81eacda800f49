#include "test_support.h"
#include "ccdafhir_build_paths.h"

#include <fstream>
#include <sstream>

namespace ccdafhir::test {

const Engine& engine() {
  static Engine e(EngineConfig{CCDAFHIR_SOURCE_DIR});
  return e;
}

ConvertOptions fixed_options() {
  ConvertOptions o;
  o.now = "2000-01-01T00:00:00Z";
  return o;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path shared_dir() {
  return CCDAFHIR_SHARED_DIR;
}

void require_shared() {
  BOOST_REQUIRE_MESSAGE(
      std::filesystem::is_directory(shared_dir() / "corpus"),
      "this test needs the shared/ folder beside the repository (corpus, schemas, "
      "tools); not found at "
          << shared_dir() << " — set -DCCDAFHIR_SHARED_DIR=...");
}

Json convert_xml(const std::string& xml, ConversionResult* result) {
  ConversionResult r = engine().to_fhir(xml, fixed_options());
  Json bundle = Json::parse(r.output);
  if (result) *result = std::move(r);
  return bundle;
}

std::string wrap_entry(const std::string& entry_xml, const std::string& section_code) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:hl7-org:sdtc" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <realmCode code="US"/>
  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.2" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.5.99999.1" extension="fixture"/>
  <code code="34133-9" codeSystem="2.16.840.1.113883.6.1" displayName="Summarization of Episode Note"/>
  <title>Fixture</title>
  <effectiveTime value="20240101120000-0500"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  <languageCode code="en-US"/>
  <recordTarget><patientRole><id root="2.16.840.1.113883.19.5" extension="p1"/>
    <patient><name><given>Test</given><family>Fixture</family></name>
    <administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/><birthTime value="19700101"/></patient>
  </patientRole></recordTarget>
  <author><time value="20240101"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="1234567893"/>
    <assignedPerson><name><given>Doc</given><family>Author</family></name></assignedPerson></assignedAuthor></author>
  <custodian><assignedCustodian><representedCustodianOrganization><id root="2.16.840.1.113883.19.5.1"/>
    <name>Fixture Clinic</name></representedCustodianOrganization></assignedCustodian></custodian>
  <component><structuredBody><component><section>
    <code code=")" +
         section_code + R"(" codeSystem="2.16.840.1.113883.6.1"/>
    <title>Fixture section</title>
    <text><paragraph ID="narr1">Narrative one</paragraph><paragraph ID="narr2">Narrative two</paragraph></text>
    <entry>)" +
         entry_xml + R"(</entry>
  </section></component></structuredBody></component>
</ClinicalDocument>
)";
}

std::vector<Json> resources_of(const Json& bundle, const std::string& type) {
  std::vector<Json> out;
  for (const auto& e : bundle["entry"]) {
    if (e["resource"]["resourceType"] == type) out.push_back(e["resource"]);
  }
  return out;
}

Json only(const Json& bundle, const std::string& type) {
  auto all = test::resources_of(bundle, type);
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  return all.front();
}

bool has_coding(const Json& cc, const std::string& system, const std::string& code) {
  if (!cc.is_object() || !cc.contains("coding")) return false;
  for (const auto& c : cc["coding"]) {
    if (c.value("system", "") == system && c.value("code", "") == code) return true;
  }
  return false;
}

bool has_profile(const Json& r, const std::string& url) {
  if (!r.contains("meta") || !r["meta"].contains("profile")) return false;
  for (const auto& p : r["meta"]["profile"]) {
    if (p == url) return true;
  }
  return false;
}

Json resolve(const Json& bundle, const Json& reference) {
  if (!reference.is_object() || !reference.contains("reference")) return nullptr;
  for (const auto& e : bundle["entry"]) {
    if (e["fullUrl"] == reference["reference"]) return e["resource"];
  }
  return nullptr;
}

}  // namespace ccdafhir::test
