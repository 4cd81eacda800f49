// FHIR -> C-CDA (Engine::to_ccda): the mapping tables run backwards. Field by field on the
// synthetic sample, the schema on corpus outputs and foreign Bundles, the refusals, the second
// cycle FHIR -> C-CDA -> FHIR, and the table vocabulary's reverse keys.
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include "ccdafhir_build_paths.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "mapping/mapping_set.h"
#include "test_support.h"
#include "validate/cda_validator.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

// A parsed C-CDA document with XPath in the hl7 (h:) and sdtc namespaces.
class Cda {
 public:
  explicit Cda(const std::string& xml) {
    doc_ = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "out.xml", nullptr,
                         XML_PARSE_NONET);
    BOOST_REQUIRE_MESSAGE(doc_, "to-ccda output is not well-formed XML");
    ctx_ = xmlXPathNewContext(doc_);
    xmlXPathRegisterNs(ctx_, reinterpret_cast<const xmlChar*>("h"),
                       reinterpret_cast<const xmlChar*>("urn:hl7-org:v3"));
    xmlXPathRegisterNs(ctx_, reinterpret_cast<const xmlChar*>("sdtc"),
                       reinterpret_cast<const xmlChar*>("urn:hl7-org:sdtc"));
  }
  ~Cda() {
    xmlXPathFreeContext(ctx_);
    xmlFreeDoc(doc_);
  }
  Cda(const Cda&) = delete;
  Cda& operator=(const Cda&) = delete;

  // The string value of an XPath expression ("" when it selects nothing).
  std::string str(const std::string& xpath) const {
    xmlXPathObject* r = xmlXPathEvalExpression(
        reinterpret_cast<const xmlChar*>(("string(" + xpath + ")").c_str()), ctx_);
    std::string out = r && r->stringval ? reinterpret_cast<const char*>(r->stringval) : "";
    xmlXPathFreeObject(r);
    return out;
  }
  double count(const std::string& xpath) const {
    xmlXPathObject* r = xmlXPathEvalExpression(
        reinterpret_cast<const xmlChar*>(("count(" + xpath + ")").c_str()), ctx_);
    double n = r ? r->floatval : -1;
    xmlXPathFreeObject(r);
    return n;
  }

 private:
  xmlDoc* doc_ = nullptr;
  xmlXPathContext* ctx_ = nullptr;
};

std::string sample_bundle() {
  std::string xml =
      test::read_file(fs::path(CCDAFHIR_SOURCE_DIR) / "samples" / "ccd-synthetic.xml");
  return test::engine().to_fhir(xml, test::fixed_options()).output;
}

std::string to_ccda(const std::string& json, ConversionResult* result = nullptr) {
  ConversionResult r = test::engine().to_ccda(json, test::fixed_options());
  if (result) *result = r;
  return r.output;
}

// The independent checker on one file: true when it says PASS.
bool passes_check_output(const fs::path& file, std::string& report) {
  fs::path out = fs::temp_directory_path() / ("ccdafhir-check-" + std::to_string(::getpid()));
  std::string cmd = "'" + (test::shared_dir() / "tools" / "check-output").string() +
                    "' --cda-xsd '" + file.string() + "' > '" + out.string() + "' 2>&1";
  int rc = std::system(cmd.c_str());
  report = test::read_file(out);
  fs::remove(out);
  return rc == 0;
}

fs::path write_temp(const std::string& name, const std::string& content) {
  fs::path dir = fs::temp_directory_path() / ("ccdafhir-reverse-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

// A fixed subset of the corpus: the golden cases (every document type, 13 sources).
std::vector<std::string> golden_corpus_paths() {
  std::ifstream in(fs::path(CCDAFHIR_SOURCE_DIR) / "tests" / "golden" / "cases.tsv");
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("name\t", 0) == 0) continue;
    out.push_back(line.substr(line.find('\t') + 1));
  }
  return out;
}

fs::path foreign_examples() {
  return test::shared_dir() / "spec" / "ccda-on-fhir-ig" / "mappings" / "examples";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reverse)

BOOST_AUTO_TEST_CASE(header_is_written_field_by_field) {
  Cda cda(to_ccda(sample_bundle()));
  BOOST_TEST(cda.str("/h:ClinicalDocument/h:realmCode/@code") == "US");
  BOOST_TEST(cda.str("/h:ClinicalDocument/h:typeId/@root") == "2.16.840.1.113883.1.3");
  BOOST_TEST(cda.str("/h:ClinicalDocument/h:typeId/@extension") == "POCD_HD000040");
  // US Realm Header and CCD, each as root alone and with its version
  BOOST_TEST(
      cda.count("/h:ClinicalDocument/h:templateId[@root='2.16.840.1.113883.10.20.22.1.1']") == 2);
  BOOST_TEST(cda.count("/h:ClinicalDocument/h:templateId[@root='2.16.840.1.113883.10.20.22.1.2' "
                       "and @extension]") == 1);
  BOOST_TEST(cda.str("/h:ClinicalDocument/h:id/@root") == "2.16.840.1.113883.19.5.99999.2");
  BOOST_TEST(cda.str("/h:ClinicalDocument/h:id/@extension") == "CCD-20240315-0001");
  BOOST_TEST(cda.str("/h:ClinicalDocument/h:code/@code") == "34133-9");
  BOOST_TEST(cda.str("/h:ClinicalDocument/h:code/@codeSystem") == "2.16.840.1.113883.6.1");
  BOOST_TEST(!cda.str("/h:ClinicalDocument/h:title").empty());
  BOOST_TEST(cda.str("/h:ClinicalDocument/h:effectiveTime/@value").size() >= 8u);
  BOOST_TEST(!cda.str("/h:ClinicalDocument/h:confidentialityCode/@code").empty());
  BOOST_TEST(!cda.str("/h:ClinicalDocument/h:languageCode/@code").empty());
}

BOOST_AUTO_TEST_CASE(participants_come_back_from_their_resources) {
  Json bundle = Json::parse(sample_bundle());
  Json patient = test::only(bundle, "Patient");
  Cda cda(to_ccda(bundle.dump()));
  const std::string pr = "/h:ClinicalDocument/h:recordTarget/h:patientRole";
  BOOST_TEST(cda.count(pr) == 1);
  BOOST_TEST(cda.str(pr + "/h:id/@extension") ==
             patient["identifier"][0]["value"].get<std::string>());
  BOOST_TEST(cda.str(pr + "/h:patient/h:name/h:family") ==
             patient["name"][0]["family"].get<std::string>());
  BOOST_TEST(!cda.str(pr + "/h:patient/h:administrativeGenderCode/@code").empty());
  BOOST_TEST(cda.str(pr + "/h:patient/h:birthTime/@value").substr(0, 4) ==
             patient["birthDate"].get<std::string>().substr(0, 4));
  BOOST_TEST(cda.count(pr + "/h:addr") >= 1);
  BOOST_TEST(cda.count("/h:ClinicalDocument/h:author/h:assignedAuthor") >= 1);
  BOOST_TEST(!cda.str("/h:ClinicalDocument/h:author/h:time/@value").empty());
  BOOST_TEST(cda.count("/h:ClinicalDocument/h:custodian/h:assignedCustodian/"
                       "h:representedCustodianOrganization/h:name") == 1);
}

BOOST_AUTO_TEST_CASE(sections_keep_their_templates_codes_and_entries) {
  Json bundle = Json::parse(sample_bundle());
  Json comp = test::only(bundle, "Composition");
  Cda cda(to_ccda(bundle.dump()));
  const std::string sec = "/h:ClinicalDocument/h:component/h:structuredBody/h:component/h:section";
  BOOST_TEST(cda.count(sec) == comp["section"].size());
  for (std::size_t i = 0; i < comp["section"].size(); ++i) {
    const Json& s = comp["section"][i];
    std::string code = s["code"]["coding"][0]["code"];
    std::string at = "(" + sec + ")[" + std::to_string(i + 1) + "]";
    BOOST_TEST_CONTEXT(code) {
      BOOST_TEST(cda.str(at + "/h:code/@code") == code);
      BOOST_TEST(cda.count(at + "/h:templateId") >= 1);
      BOOST_TEST(cda.count(at + "/h:text") == 1);
      std::size_t entries = s.contains("entry") ? s["entry"].size() : 0;
      BOOST_TEST(cda.count(at + "/h:entry") <= entries);
    }
  }
}

BOOST_AUTO_TEST_CASE(concern_acts_wrap_conditions_and_allergies) {
  Cda cda(to_ccda(sample_bundle()));
  const std::string act =
      "//h:section[h:code/@code='11450-4']/h:entry/h:act[h:templateId/"
      "@root='2.16.840.1.113883.10.20.22.4.3']";
  BOOST_TEST(cda.count(act) >= 1);
  BOOST_TEST(cda.str(act + "/h:code/@code") == "CONC");
  BOOST_TEST(cda.str(act + "/h:statusCode/@code") == "active");
  const std::string obs = act + "/h:entryRelationship[@typeCode='SUBJ']/h:observation";
  BOOST_TEST(cda.count(obs + "[h:templateId/@root='2.16.840.1.113883.10.20.22.4.4']") >= 1);
  BOOST_TEST(!cda.str(obs + "/h:value/@code").empty());
  BOOST_TEST(cda.str(obs + "/h:statusCode/@code") == "completed");
  const std::string allergy =
      "//h:section[h:code/@code='48765-2']/h:entry/h:act[h:templateId/"
      "@root='2.16.840.1.113883.10.20.22.4.30']"
      "/h:entryRelationship[@typeCode='SUBJ']/h:observation[h:templateId/"
      "@root='2.16.840.1.113883.10.20.22.4.7']";
  BOOST_TEST(cda.count(allergy) >= 1);
  BOOST_TEST(
      cda.count(allergy +
                "/h:participant[@typeCode='CSM']/h:participantRole/h:playingEntity/h:code") >= 1);
}

BOOST_AUTO_TEST_CASE(a_concern_acts_own_effective_time_and_reaction_ids_come_back) {
  // The concern act's effectiveTime has no FHIR element: forward it is the concern-effective-time
  // extension (valuePeriod) on each Condition / AllergyIntolerance of the act, backwards the act's
  // low and high again, even where they differ from the observation's onset and author time. A
  // resource without that extension (another system's) still gets the recorded date as the low.
  test::require_shared();
  std::string xml =
      test::read_file(test::shared_dir() / "corpus" / "hl7-examples/Documents/CCD/CCD_1/CCD.XML");
  std::string fhir = test::engine().to_fhir(xml, test::fixed_options()).output;
  const std::string url = "https://ccdafhir.invalid/StructureDefinition/concern-effective-time";
  Json bundle = Json::parse(fhir);
  int with_extension = 0;
  for (const Json& e : bundle["entry"]) {
    const Json& r = e["resource"];
    if (r["resourceType"] != "Condition" && r["resourceType"] != "AllergyIntolerance") continue;
    for (const Json& x : r.value("extension", Json::array())) {
      if (x.value("url", "") == url) ++with_extension;
    }
  }
  BOOST_TEST(with_extension == 6);  // two allergies, four problems of the problem concern acts
  Cda cda(to_ccda(fhir));
  const std::string problem = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.3']";
  // a completed concern: tracked from 1998-03-10 to 1998-05-04, its problem authored 03-16
  BOOST_TEST(cda.count(problem + "[h:effectiveTime/h:low/@value='199803101030-0800']" +
                       "[h:effectiveTime/h:high/@value='199805041145-0800']") == 1);
  // the concern low is its own author's time, not the problem observation's author time
  BOOST_TEST(cda.count(problem + "[h:effectiveTime/h:low/@value='201307061145-0800']") == 1);
  const std::string allergy = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.30']";
  BOOST_TEST(cda.count(allergy + "[h:effectiveTime/h:low/@value='199805011145-0800']") == 2);
  BOOST_TEST(cda.count(allergy + "/h:effectiveTime/h:low") == 2);
  // without the extension the fallback rules write the recorded date as the low
  for (Json& e : bundle["entry"]) {
    Json& r = e["resource"];
    if (r["resourceType"] == "Condition" || r["resourceType"] == "AllergyIntolerance")
      r.erase("extension");
  }
  Cda foreign(to_ccda(bundle.dump()));
  BOOST_TEST(foreign.count(problem + "[h:effectiveTime/h:low/@value='200808141030-0800']") == 1);
  BOOST_TEST(foreign.count(problem + "/h:effectiveTime/h:high") == 0);
  // a Reaction Observation's id comes back from the reaction's statement-identifier extension
  BOOST_TEST(cda.count("//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.9']"
                       "[h:id/@root='4ADC1020-7B14-11DB-9FE1-0800200C9A64']") == 1);
}

BOOST_AUTO_TEST_CASE(a_medications_indication_comes_back_with_its_id_code_and_time) {
  // An Indication (4.19) inside a medication is a reasonCode (its value); its id, problem type
  // (code) and effectiveTime have no FHIR element there and travel as the statement-identifier,
  // statement-code and statement-effective-time extensions of that reasonCode, so backwards the
  // observation has them again. One without a value (it only names a problem) keeps id and code.
  test::require_shared();
  const std::string ind =
      "//h:substanceAdministration/h:entryRelationship[@typeCode='RSON']/h:observation"
      "[h:templateId/@root='2.16.840.1.113883.10.20.22.4.19']";
  std::string xml = test::read_file(test::shared_dir() / "corpus" /
                                    "hl7-examples/Documents/Referral_Note/Referral_Note.xml");
  std::string fhir = test::engine().to_fhir(xml, test::fixed_options()).output;
  int with_id = 0;
  Json bundle = Json::parse(fhir);
  for (const Json& e : bundle["entry"]) {
    for (const Json& reason : e["resource"].value("reasonCode", Json::array())) {
      for (const Json& x : reason.value("extension", Json::array())) {
        if (x.value("url", "") ==
            "https://ccdafhir.invalid/StructureDefinition/statement-identifier")
          ++with_id;
      }
    }
  }
  BOOST_TEST(with_id == 2);
  Cda cda(to_ccda(fhir));
  BOOST_TEST(cda.count(ind + "[h:id/@extension='45665'][h:code/@code='404684003']"
                             "[h:effectiveTime/h:low/@value='20130103']"
                             "[h:value/@code='195967001']") == 1);
  BOOST_TEST(cda.count(ind + "[h:id/@root='E63166C7-6482-4A44-83A1-37CCDBDE725B']"
                             "[h:value/@code='38341003']") == 1);
  BOOST_TEST(
      cda.count(ind + "[h:id/@root='E63166C7-6482-4A44-83A1-37CCDBDE725B']/h:effectiveTime") == 0);
  xml = test::read_file(test::shared_dir() / "corpus" / "onc-2015/EchoMan/CUMMC00.xml");
  Cda echo(to_ccda(test::engine().to_fhir(xml, test::fixed_options()).output));
  BOOST_TEST(echo.count(ind + "[h:id/@extension='1a16fd5244394dacaf'][h:code/@code='55607006']") ==
             1);
}

BOOST_AUTO_TEST_CASE(a_concern_acts_own_authors_come_back_on_the_act) {
  // CCD_1's concern acts and their observations each name an author. The observation's is the
  // recorder; the act's had no FHIR element and is the concern-author extension (time, who) on
  // each Condition / AllergyIntolerance of the act, and backwards the act's author again.
  test::require_shared();
  std::string xml =
      test::read_file(test::shared_dir() / "corpus" / "hl7-examples/Documents/CCD/CCD_1/CCD.XML");
  std::string fhir = test::engine().to_fhir(xml, test::fixed_options()).output;
  Json bundle = Json::parse(fhir);
  int with_extension = 0;
  for (const Json& e : bundle["entry"]) {
    for (const Json& x : e["resource"].value("extension", Json::array())) {
      if (x.value("url", "") == "https://ccdafhir.invalid/StructureDefinition/concern-author")
        ++with_extension;
    }
  }
  BOOST_TEST(with_extension == 6);  // two allergies, four problems
  Cda cda(to_ccda(fhir));
  const std::string problem = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.3']";
  BOOST_TEST(cda.count(problem + "/h:author[h:time/@value='201307061145-0800']"
                                 "[h:assignedAuthor/h:id/@extension='555555555']") == 1);
  const std::string allergy = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.30']";
  BOOST_TEST(cda.count(allergy + "/h:author[h:time/@value='199805011145-0800']"
                                 "[h:assignedAuthor/h:id/@extension='555555555']") == 2);
  // the observation keeps its own author, not the act's
  BOOST_TEST(cda.count(problem + "/h:entryRelationship/h:observation/h:author"
                                 "[h:time/@value='201307061145-0800']") == 0);
}

BOOST_AUTO_TEST_CASE(an_allergy_concern_acts_r11_code_comes_back) {
  // C-CDA R1.1 Allergy Problem Acts carry LOINC 48765-2 where later versions fix CONC: that
  // code is the concern-code extension on the AllergyIntolerance and, backwards, a translation
  // of the CONC that R2.1 requires (CONF:1098-19158), read again the next cycle; a CONC act
  // (CCD_1) gets no extension and its fixed CONC.
  test::require_shared();
  const std::string url = "https://ccdafhir.invalid/StructureDefinition/concern-code";
  const std::string act = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.30']";
  auto extensions = [&](const std::string& fhir) {
    int n = 0;
    Json bundle = Json::parse(fhir);
    for (const Json& e : bundle["entry"]) {
      for (const Json& x : e["resource"].value("extension", Json::array())) {
        if (x.value("url", "") == url) ++n;
      }
    }
    return n;
  };
  std::string fhir =
      test::engine()
          .to_fhir(test::read_file(test::shared_dir() / "corpus" / "chb/EMERGE/Patient-101.xml"),
                   test::fixed_options())
          .output;
  BOOST_TEST(extensions(fhir) >= 1);
  const std::string xml = to_ccda(fhir);
  Cda cda(xml);
  BOOST_TEST(cda.count(act) >= 1);
  BOOST_TEST(cda.count(act + "[h:code/@code='CONC' and h:code/@codeSystem='2.16.840.1.113883.5.6']"
                             "[h:code/h:translation/@code='48765-2']") == cda.count(act));
  BOOST_TEST(cda.count(act + "[h:code/@code='48765-2']") == 0);
  const int first_cycle = extensions(fhir);
  BOOST_TEST(extensions(test::engine().to_fhir(xml, test::fixed_options()).output) == first_cycle);
  fhir = test::engine()
             .to_fhir(test::read_file(test::shared_dir() / "corpus" /
                                      "hl7-examples/Documents/CCD/CCD_1/CCD.XML"),
                      test::fixed_options())
             .output;
  BOOST_TEST(extensions(fhir) == 0);
  Cda ccd(to_ccda(fhir));
  BOOST_TEST(ccd.count(act + "[h:code/@code='CONC']") == 2);
}

BOOST_AUTO_TEST_CASE(a_ccd1_status_observation_comes_back_inside_its_statement) {
  // Atos Pulse attaches CCD 1.0 Status Observations (1.57, code 33999-4) to medications,
  // immunizations, vital signs and results. Their value is the status-observation extension on
  // the resource made from the statement (fragment/observations-ccd-status.yaml, every
  // resource) and backwards that observation again, inside the same statement.
  test::require_shared();
  std::string xml = test::read_file(test::shared_dir() / "corpus" /
                                    "onc-2015/Atos_Pulse/patienthealthrecord_08032017.xml");
  std::string fhir = test::engine().to_fhir(xml, test::fixed_options()).output;
  int with_extension = 0;
  Json bundle = Json::parse(fhir);
  for (const Json& e : bundle["entry"]) {
    for (const Json& x : e["resource"].value("extension", Json::array())) {
      if (x.value("url", "") == "https://ccdafhir.invalid/StructureDefinition/status-observation")
        ++with_extension;
    }
  }
  BOOST_TEST(with_extension == 33);
  Cda cda(to_ccda(fhir));
  const std::string status =
      "/h:entryRelationship[@typeCode='REFR']/h:observation[h:templateId/@root="
      "'2.16.840.1.113883.10.20.1.57'][h:code/@code='33999-4'][h:statusCode/@code='completed']";
  BOOST_TEST(cda.count("//h:substanceAdministration" + status + "/h:value[@code='73425007']") >= 1);
  BOOST_TEST(cda.count("//h:observation" + status + "/h:value[@code]") >= 1);
  BOOST_TEST(cda.count("//h:entry//*" + status) == 33);
}

BOOST_AUTO_TEST_CASE(an_encounter_diagnosis_act_keeps_its_id_and_time) {
  // The Encounter Diagnosis act (4.80) around a Problem Observation: its id is a secondary
  // identifier of the Condition, its effectiveTime the encounter-diagnosis-effective-time
  // extension, and both are the act's again backwards (not the observation's).
  test::require_shared();
  const std::string act =
      "//h:encounter/h:entryRelationship/h:act[h:templateId/@root="
      "'2.16.840.1.113883.10.20.22.4.80']";
  std::string xml =
      test::read_file(test::shared_dir() / "corpus" /
                      "onc-2015/Freedom_Medical/NEWMAN_ALICE_JONES_1000_05-01-1970.52306.xml");
  Cda cda(to_ccda(test::engine().to_fhir(xml, test::fixed_options()).output));
  BOOST_TEST(cda.count(act + "/h:id[@extension='2668-2017-02-0000373915']") >= 1);
  BOOST_TEST(cda.count(act + "/h:entryRelationship/h:observation/h:id[@extension='2668-2017-02-"
                             "0000373915']") == 0);
  xml = test::read_file(test::shared_dir() / "corpus" / "onc-2015/SuccessEHS/290.xml");
  std::string fhir = test::engine().to_fhir(xml, test::fixed_options()).output;
  BOOST_TEST(fhir.find("https://ccdafhir.invalid/StructureDefinition/"
                       "encounter-diagnosis-effective-time") != std::string::npos);
  Cda success(to_ccda(fhir));
  BOOST_TEST(success.count(act + "[h:effectiveTime/h:low/@value='20150622000000']") >= 1);
}

BOOST_AUTO_TEST_CASE(a_measured_goal_comes_back_with_its_code_and_due_time) {
  // Care Plan's pulse oximetry goal: code 44616-1, a lone effectiveTime/@value (the due date),
  // an IVL_PQ value (the target). Backwards the description is the code again (not a second,
  // coded value) and the due date the lone @value beside the value.
  test::require_shared();
  std::string xml = test::read_file(test::shared_dir() / "corpus" /
                                    "hl7-examples/Documents/Care_Plan/Care_Plan.xml");
  Cda cda(to_ccda(test::engine().to_fhir(xml, test::fixed_options()).output));
  const std::string goal = "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.121']";
  BOOST_TEST(cda.count(goal + "[h:code/@code='44616-1'][h:effectiveTime/@value='20130902']") == 1);
  // The template fixes the goal mood (GoalObservation.fsh: classCode OBS, moodCode GOL).
  BOOST_TEST(cda.count(goal) >= 1);
  BOOST_TEST(cda.count(goal + "[@classCode='OBS'][@moodCode='GOL']") == cda.count(goal));
  BOOST_TEST(cda.count(goal + "[h:code/@code='44616-1']/h:value") == 1);
  BOOST_TEST(cda.count(goal + "[h:code/@code='44616-1']/h:value[h:low/@unit='%']") == 1);
}

BOOST_AUTO_TEST_CASE(a_health_concern_naming_entries_comes_back_with_its_entry_references) {
  // NextTech's Health Concern Acts hold only Entry References (4.122): the Condition they become
  // names the entries (entry-reference extension) and goes back as the act with its references,
  // each a complete Entry Reference (code NP, statusCode completed).
  test::require_shared();
  std::string xml = test::read_file(test::shared_dir() / "corpus" /
                                    "onc-2015/NextTech/Susan_Turner_74_000001.xml");
  Cda source(xml);
  const std::string refs =
      "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.132']/h:entryRelationship/"
      "h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.122']";
  int want = source.count(refs);
  BOOST_REQUIRE(want > 0);
  Cda cda(to_ccda(test::engine().to_fhir(xml, test::fixed_options()).output));
  BOOST_TEST(cda.count(refs) == want);
  BOOST_TEST(
      cda.count(refs + "[h:id/@root][h:code/@nullFlavor='NP'][h:statusCode/@code='completed']") ==
      want);
  BOOST_TEST(cda.count(refs + "[h:id/@root='2.25.79364944623376954839912467830817539355.1.1.4' and "
                              "h:id/@extension='8']") == 1);
}

BOOST_AUTO_TEST_CASE(a_free_text_goal_comes_back_as_its_text_value) {
  // Agastha's goals: value xsi:type ST. Goal.description is then text only, and backwards the
  // ST value again, not a CD of nullFlavor OTH with the text as originalText.
  test::require_shared();
  std::string xml = test::read_file(test::shared_dir() / "corpus" / "onc-2015/Agastha/195352.xml");
  Cda cda(to_ccda(test::engine().to_fhir(xml, test::fixed_options()).output));
  const std::string goal = "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.121']";
  BOOST_TEST(cda.count(goal + "/h:value[contains(., 'intermittent fever')][not(@nullFlavor)]" +
                       "[not(h:originalText)]") == 1);
  BOOST_TEST(cda.count(goal + "/h:value[@nullFlavor]") == 0);
}

BOOST_AUTO_TEST_CASE(a_blood_pressure_panel_comes_back_as_its_two_readings) {
  // One US Core Blood Pressure Observation (components 8480-6 and 8462-4) is written as the
  // organizer's systolic and diastolic Vital Sign Observations, each with its id, time and value
  // (observations-blood-pressure.yaml: reverse takes / index / from climbing to the organizer).
  test::require_shared();
  std::string xml =
      test::read_file(test::shared_dir() / "corpus" / "hl7-examples/Documents/CCD/CCD_1/CCD.XML");
  Cda cda(to_ccda(test::engine().to_fhir(xml, test::fixed_options()).output));
  const std::string vs = "//h:organizer[h:templateId/@root='2.16.840.1.113883.10.20.22.4.26']";
  const std::string reading = vs +
                              "/h:component/h:observation[h:templateId/"
                              "@root='2.16.840.1.113883.10.20.22.4.27'][h:code/@code='";
  for (const char* code : {"8480-6", "8462-4"}) {
    BOOST_TEST_CONTEXT(code) {
      BOOST_TEST(cda.count(reading + code + "']") == cda.count(vs));
      BOOST_TEST(cda.count(reading + code + "'][h:id/@root][h:effectiveTime/@value]" +
                           "[h:value/@unit='mm[Hg]'][h:statusCode/@code='completed']") ==
                 cda.count(vs));
    }
  }
  BOOST_TEST(cda.count(vs + "//h:code[@code='85354-9']") == 0);
}

BOOST_AUTO_TEST_CASE(a_procedure_inside_a_result_organizer_comes_back_inside_it) {
  // Vitera puts the lab procedure beside the results in the organizer: it is a Procedure named
  // by the report's organizer-component extension, and backwards the organizer's component.
  const std::string entry = R"(<organizer classCode="BATTERY" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.1" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.9" extension="PANEL"/>
  <code code="57021-8" codeSystem="2.16.840.1.113883.6.1" displayName="CBC W Auto Differential panel"/>
  <statusCode code="completed"/><effectiveTime value="20240301101500-0500"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.2" extension="2015-08-01"/>
    <id root="2.16.840.1.113883.19.9" extension="HGB"/>
    <code code="718-7" codeSystem="2.16.840.1.113883.6.1" displayName="Hemoglobin"/>
    <statusCode code="completed"/><effectiveTime value="20240301101500-0500"/>
    <value xsi:type="PQ" value="13.2" unit="g/dL"/>
  </observation></component>
  <component><procedure classCode="PROC" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.14"/>
    <id root="2.16.840.1.113883.19.9" extension="DRAW"/>
    <code code="82078001" codeSystem="2.16.840.1.113883.6.96" displayName="Collection of blood specimen"/>
    <statusCode code="completed"/><effectiveTime value="20240301100000-0500"/>
  </procedure></component>
</organizer>)";
  Json bundle = test::convert_xml(test::wrap_entry(entry, "30954-2"));
  Json report = test::only(bundle, "DiagnosticReport");
  BOOST_REQUIRE(report.contains("extension"));
  BOOST_TEST(report["extension"][0]["url"] ==
             "https://ccdafhir.invalid/StructureDefinition/organizer-component");
  Json procedure = test::only(bundle, "Procedure");
  BOOST_TEST(report["extension"][0]["valueReference"]["reference"] ==
             "urn:uuid:" + procedure["id"].get<std::string>());
  Cda cda(to_ccda(bundle.dump()));
  const std::string drawn =
      "//h:organizer[h:templateId/@root='2.16.840.1.113883.10.20.22.4.1']/h:component/"
      "h:procedure[h:templateId/@root='2.16.840.1.113883.10.20.22.4.14'][h:id/@extension='DRAW']"
      "[h:code/@code='82078001'][h:effectiveTime/@value='20240301100000-0500']";
  BOOST_TEST(cda.count(drawn) == 1);
  BOOST_TEST(cda.count("//h:organizer/h:component/h:observation[h:id/@extension='HGB']") == 1);
}

BOOST_AUTO_TEST_CASE(products_come_back_as_medication_information_and_refusals_with_reasons) {
  // FHIR has no element for the templateId of a medication's or vaccine's manufacturedProduct
  // (Medication Information 4.23, Immunization Medication Information 4.54): the entry tables
  // ensure it. A refused immunization is a completed statement whose reason observation keeps
  // its template and id (the statement-identifier extension on statusReason).
  const std::string meds = R"(<substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
  <id root="2.16.840.1.113883.19.9" extension="MED1"/>
  <statusCode code="active"/><effectiveTime xsi:type="IVL_TS"><low value="20240301"/></effectiveTime>
  <consumable><manufacturedProduct classCode="MANU">
    <templateId root="2.16.840.1.113883.10.20.22.4.23" extension="2014-06-09"/>
    <manufacturedMaterial><code code="197380" codeSystem="2.16.840.1.113883.6.88" displayName="atenolol 25 MG Oral Tablet"/></manufacturedMaterial>
  </manufacturedProduct></consumable>
  <author><templateId root="2.16.840.1.113883.10.20.22.4.119"/><time value="20240301101500-0500"/>
    <assignedAuthor><id root="2.16.840.1.113883.4.6" extension="1234567893"/>
      <assignedPerson><name><given>Ada</given><family>Prescriber</family></name></assignedPerson>
    </assignedAuthor></author>
  <entryRelationship typeCode="REFR"><supply classCode="SPLY" moodCode="INT">
    <templateId root="2.16.840.1.113883.10.20.22.4.17" extension="2014-06-09"/>
    <id root="2.16.840.1.113883.19.9" extension="ORDER1"/>
    <statusCode code="completed"/>
    <product><manufacturedProduct classCode="MANU">
      <templateId root="2.16.840.1.113883.10.20.22.4.23" extension="2014-06-09"/>
      <manufacturedMaterial><code code="197380" codeSystem="2.16.840.1.113883.6.88" displayName="atenolol 25 MG Oral Tablet"/></manufacturedMaterial>
    </manufacturedProduct></product>
  </supply></entryRelationship>
</substanceAdministration>)";
  Cda med_cda(to_ccda(test::convert_xml(test::wrap_entry(meds, "10160-0")).dump()));
  const std::string info =
      "h:manufacturedProduct[@classCode='MANU'][h:templateId[@root='2.16.840.1.113883.10.20.22.4."
      "23'"
      " and @extension='2014-06-09']]/h:manufacturedMaterial/h:code[@code='197380']";
  BOOST_TEST(med_cda.count("//h:substanceAdministration[h:templateId/@root='2.16.840.1.113883.10."
                           "20.22.4.16']/h:consumable/" +
                           info) == 1);
  // An entry's author (a Provenance) comes back as an Author Participation.
  BOOST_TEST(med_cda.count("//h:substanceAdministration/h:author[h:templateId/@root='2.16.840.1."
                           "113883.10.20.22.4.119'][h:assignedAuthor/h:id/@extension='1234567893']"
                           "[h:time/@value='20240301101500-0500']") == 1);
  BOOST_TEST(med_cda.count("//h:supply[h:templateId/@root='2.16.840.1.113883.10.20.22.4.17']/"
                           "h:product/" +
                           info) == 1);

  const std::string refused =
      R"(<substanceAdministration classCode="SBADM" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.52" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.9" extension="IMM1"/>
  <statusCode code="completed"/><effectiveTime value="20240301"/>
  <consumable><manufacturedProduct classCode="MANU">
    <templateId root="2.16.840.1.113883.10.20.22.4.54" extension="2014-06-09"/>
    <manufacturedMaterial><code code="166" codeSystem="2.16.840.1.113883.12.292" displayName="influenza, intradermal, quadrivalent, preservative free"/></manufacturedMaterial>
  </manufacturedProduct></consumable>
  <entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.53"/>
    <id root="2.16.840.1.113883.19.9" extension="WHY1"/>
    <code code="PATOBJ" codeSystem="2.16.840.1.113883.5.8" displayName="patient objection"/>
    <statusCode code="completed"/>
  </observation></entryRelationship>
</substanceAdministration>)";
  Json bundle = test::convert_xml(test::wrap_entry(refused, "11369-6"));
  Json imm = test::only(bundle, "Immunization");
  BOOST_TEST(imm["status"] == "not-done");
  BOOST_TEST(imm["statusReason"]["coding"][0]["code"] == "PATOBJ");
  BOOST_TEST(imm["statusReason"]["extension"][0]["valueIdentifier"]["value"] == "WHY1");
  Cda cda(to_ccda(bundle.dump()));
  const std::string sa =
      "//h:substanceAdministration[@negationInd='true'][h:statusCode/@code='completed']";
  BOOST_TEST(
      cda.count(sa + "/h:consumable/h:manufacturedProduct[@classCode='MANU']/h:templateId["
                     "@root='2.16.840.1.113883.10.20.22.4.54' and @extension='2014-06-09']") == 1);
  BOOST_TEST(cda.count(sa +
                       "/h:entryRelationship[@typeCode='RSON']/h:observation[h:templateId/"
                       "@root='2.16.840.1.113883.10.20.22.4.53'][h:id/@extension='WHY1'][h:code/"
                       "@code='PATOBJ'][h:statusCode/@code='completed']") == 1);
  BOOST_TEST(cda.count(sa + "/h:entryRelationship") == 1);
}

BOOST_AUTO_TEST_CASE(an_instruction_inside_a_procedure_comes_back_inside_it) {
  // Procedure (like Immunization) has no patientInstruction: the nested Instruction (4.20) is
  // the project's instruction extension (code, text, identifier) and comes back as that act.
  const std::string entry = R"(<procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14" extension="2014-06-09"/>
  <id root="2.16.840.1.113883.19.9" extension="PROC1"/>
  <code code="80146002" codeSystem="2.16.840.1.113883.6.96" displayName="Appendectomy"/>
  <statusCode code="completed"/><effectiveTime value="20240301"/>
  <entryRelationship typeCode="SUBJ" inversionInd="true"><act classCode="ACT" moodCode="INT">
    <templateId root="2.16.840.1.113883.10.20.22.4.20" extension="2014-06-09"/>
    <id root="2.16.840.1.113883.19.9" extension="INSTR1"/>
    <code code="311401005" codeSystem="2.16.840.1.113883.6.96" displayName="Patient education"/>
    <text>Keep the wound dry for a week.</text>
    <statusCode code="completed"/>
  </act></entryRelationship>
</procedure>)";
  Json bundle = test::convert_xml(test::wrap_entry(entry, "47519-4"));
  Json procedure = test::only(bundle, "Procedure");
  BOOST_REQUIRE(procedure.contains("extension"));
  const Json& ext = procedure["extension"][0];
  BOOST_TEST(ext["url"] == "https://ccdafhir.invalid/StructureDefinition/instruction");
  BOOST_TEST(ext["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "311401005");
  BOOST_TEST(ext["extension"][1]["valueString"] == "Keep the wound dry for a week.");
  BOOST_TEST(ext["extension"][2]["valueIdentifier"]["value"] == "INSTR1");
  Cda cda(to_ccda(bundle.dump()));
  BOOST_TEST(cda.count("//h:procedure[h:id/@extension='PROC1']/h:entryRelationship[@typeCode='SUBJ'"
                       " and @inversionInd='true']/h:act[@moodCode='INT'][h:templateId/@root='2."
                       "16.840.1.113883.10.20.22.4.20'][h:id/@extension='INSTR1'][h:code/@code='"
                       "311401005'][h:text='Keep the wound dry for a week.'][h:statusCode/@code="
                       "'completed']") == 1);
}

BOOST_AUTO_TEST_CASE(a_planned_procedures_priority_preference_comes_back) {
  // A ServiceRequest's priority is the order's urgency, not the preference the Priority
  // Preference (4.143) records: the observation is the priority-preference extension (value,
  // identifier, effective-time) and comes back as that observation with its fixed code.
  const std::string entry = R"(<procedure classCode="PROC" moodCode="RQO">
  <templateId root="2.16.840.1.113883.10.20.22.4.41" extension="2014-06-09"/>
  <id root="2.16.840.1.113883.19.9" extension="PLAN1"/>
  <code code="73761001" codeSystem="2.16.840.1.113883.6.96" displayName="Colonoscopy"/>
  <statusCode code="active"/><effectiveTime value="20240601"/>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.143"/>
    <id root="2.16.840.1.113883.19.9" extension="PREF1"/>
    <code code="225773000" codeSystem="2.16.840.1.113883.6.96" displayName="preference"/>
    <effectiveTime value="20240301"/>
    <value xsi:type="CD" code="394848005" codeSystem="2.16.840.1.113883.6.96" displayName="Normal priority"/>
  </observation></entryRelationship>
</procedure>)";
  Json bundle = test::convert_xml(test::wrap_entry(entry, "18776-5"));
  Json request = test::only(bundle, "ServiceRequest");
  BOOST_REQUIRE(request.contains("extension"));
  bool found = false;
  for (const Json& e : request["extension"]) {
    if (e["url"] != "https://ccdafhir.invalid/StructureDefinition/priority-preference") continue;
    found = true;
    BOOST_TEST(e["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "394848005");
    BOOST_TEST(e["extension"][1]["valueIdentifier"]["value"] == "PREF1");
    BOOST_TEST(e["extension"][2]["valueDateTime"] == "2024-03-01");
  }
  BOOST_TEST(found);
  Cda cda(to_ccda(bundle.dump()));
  BOOST_TEST(
      cda.count("//h:procedure[h:id/@extension='PLAN1']/h:entryRelationship[@typeCode='REFR']"
                "/h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.143'][h:id/"
                "@extension='PREF1'][h:code/@code='225773000'][h:statusCode/@code='completed']"
                "[h:effectiveTime/@value='20240301'][h:value/@code='394848005']") == 1);
}

BOOST_AUTO_TEST_CASE(a_mental_status_panel_comes_back_as_its_organizer) {
  // A Mental Status Organizer whose id is also its observation's id: forward the panel is named
  // by its place, backwards it is an Observation with hasMember and no value, which the
  // organizer table's `reverse: when` takes (the observation table, listed first by the
  // section, would otherwise write it as a Mental Status Observation holding itself).
  test::require_shared();
  std::string xml = test::read_file(
      test::shared_dir() / "corpus" /
      "onc-2015/Advanced_Technologies_Group/SLI_CCD_b6AliceNewman_ATG_ATGEHR_10162017.xml");
  auto opt = test::fixed_options();
  std::string f1 = test::engine().to_fhir(xml, opt).output;
  std::string c2 = to_ccda(f1);
  Cda cda(c2);
  const std::string organizer =
      "//h:organizer[h:templateId/@root='2.16.840.1.113883.10.20.22.4.75'][h:code/@code='75275-8']";
  BOOST_TEST(cda.count(organizer) == 1);
  BOOST_TEST(cda.count(organizer +
                       "/h:component/h:observation[h:templateId/@root="
                       "'2.16.840.1.113883.10.20.22.4.74'][h:value/@code='48167000']") == 1);
  std::string f3 = test::engine().to_fhir(c2, opt).output;
  BOOST_TEST(test::engine().to_fhir(to_ccda(f3), opt).output == f3);
}

BOOST_AUTO_TEST_CASE(comments_come_back_as_comment_activities_with_their_code) {
  // A Comment Activity on a social history observation is the Observation's note, and one
  // standing in a section is a Communication; backwards both are Comment Activities with the
  // code the template fixes, the observation's where the template places it.
  const std::string xml = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.38" extension="2015-08-01"/>
  <id root="1.2.3" extension="social"/>
  <code code="160573003" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <effectiveTime value="20200101"/>
  <value xsi:type="CD" code="228450008" codeSystem="2.16.840.1.113883.6.96"/>
  <entryRelationship typeCode="SUBJ" inversionInd="true">
    <act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
      <code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
      <text>Walks daily</text>
    </act>
  </entryRelationship>
</observation></entry><entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
  <code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
  <text>Section comment</text>
</act>)";
  Json bundle = test::convert_xml(test::wrap_entry(xml, "29762-2"));
  BOOST_TEST(test::only(bundle, "Observation")["note"][0]["text"] == "Walks daily");
  BOOST_TEST(test::only(bundle, "Communication")["payload"][0]["contentString"] ==
             "Section comment");
  Cda cda(to_ccda(bundle.dump()));
  const std::string comment =
      "h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.64'][h:code/@code='48767-8']"
      "[h:code/@codeSystem='2.16.840.1.113883.6.1']";
  BOOST_TEST(cda.count("//h:observation/h:entryRelationship[@typeCode='SUBJ'][@inversionInd="
                       "'true']/" +
                       comment + "[h:text='Walks daily']") == 1);
  BOOST_TEST(cda.count("//h:section/h:entry/" + comment + "[h:text='Section comment']") == 1);
}

BOOST_AUTO_TEST_CASE(security_labels_of_a_statement_travel_in_meta_security) {
  // DS4P Security Observations in a Privacy Annotations organizer inside a problem observation
  // are the Condition's meta.security (fragment/ds4p-security-labels, every-resource), and come
  // back as Security Observations of the kind their code system names.
  const std::string label = R"(<component><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.3.445.21"/><templateId root="2.16.840.1.113883.3.445.%T"/>
      <code code="%C" codeSystem="2.16.840.1.113883.1.11.%S"/>
      <value xsi:type="CE" code="%V" codeSystem="2.16.840.1.113883.5.%Y"/></observation></component>)";
  auto make = [&](const char* t, const char* c, const char* s, const char* v, const char* y) {
    std::string out = label;
    for (auto [k, val] : {std::pair{"%T", t}, {"%C", c}, {"%S", s}, {"%V", v}, {"%Y", y}})
      out.replace(out.find(k), 2, val);
    return out;
  };
  const std::string xml = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
  <id root="1.2.3" extension="labelled"/>
  <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <value xsi:type="CD" code="44054006" codeSystem="2.16.840.1.113883.6.96"/>
  <entryRelationship typeCode="COMP"><organizer classCode="CLUSTER" moodCode="EVN">
    <templateId root="2.16.840.1.113883.3.3251.1.4"/><statusCode code="active"/>)" +
                          make("12", "SECCLASSOBS", "20471", "R", "25") +
                          make("22", "SECCONOBS", "20457", "HPAYMT", "8") +
                          make("14", "SECCONOBS", "20457", "ENCRYPT", "4") +
                          R"(</organizer></entryRelationship>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(xml, "11450-4"));
  const Json condition = test::only(bundle, "Condition");
  const Json& security = condition["meta"]["security"];
  BOOST_REQUIRE(security.size() == 3u);
  BOOST_TEST(security[0]["system"] == "http://terminology.hl7.org/CodeSystem/v3-Confidentiality");
  BOOST_TEST(security[0]["code"] == "R");
  BOOST_TEST(security[1]["code"] == "HPAYMT");
  BOOST_TEST(security[2]["code"] == "ENCRYPT");
  Cda cda(to_ccda(bundle.dump()));
  const std::string obs =
      "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.4']/h:entryRelationship"
      "[@typeCode='COMP']/h:organizer[h:templateId/@root='2.16.840.1.113883.3.3251.1.4']/"
      "h:component/h:observation[h:templateId/@root='2.16.840.1.113883.3.445.21']";
  BOOST_TEST(cda.count(obs) == 3);
  BOOST_TEST(cda.count(obs + "[h:templateId/@root='2.16.840.1.113883.3.445.12'][h:code/"
                             "@code='SECCLASSOBS'][h:value/@code='R']") == 1);
  BOOST_TEST(cda.count(obs + "[h:templateId/@root='2.16.840.1.113883.3.445.22'][h:value/"
                             "@code='HPAYMT'][h:value/@codeSystem='2.16.840.1.113883.5.8']") == 1);
  BOOST_TEST(cda.count(obs + "[h:templateId/@root='2.16.840.1.113883.3.445.14'][h:value/"
                             "@code='ENCRYPT']") == 1);
  // The document's own confidentiality stays the header's.
  BOOST_TEST(!cda.str("/h:ClinicalDocument/h:confidentialityCode/@code").empty());
}

BOOST_AUTO_TEST_CASE(placeholders_and_wrapped_medications_repeat_in_the_next_cycle) {
  // A Bundle without custodian gets a custodian of nulls; the Organization the next cycle reads
  // from it states nothing and keeps its null id (not one made from its name), so the cycle
  // after repeats it. A Discharge Medication comes back as the act wrapping its activity.
  test::require_shared();
  auto opt = test::fixed_options();
  for (const char* doc : {"hl7-examples/Header/Direct_Address/"
                          "Patient_and_Provider_Organization_Direct_Address_C-CDAR2.1_.xml",
                          "hl7-examples/Documents/Discharge_Summary/Discharge_Summary.xml"}) {
    BOOST_TEST_CONTEXT(doc) {
      std::string xml = test::read_file(test::shared_dir() / "corpus" / doc);
      std::string f1 = test::engine().to_fhir(xml, opt).output;
      std::string c2 = to_ccda(f1);
      std::string f2 = test::engine().to_fhir(c2, opt).output;
      std::string c3 = to_ccda(f2);
      BOOST_TEST(test::engine().to_fhir(c3, opt).output == f2);
      Cda cda(c3);
      BOOST_TEST(cda.count("/h:ClinicalDocument/h:custodian//h:representedCustodianOrganization/"
                           "h:id") == 1);
    }
  }
  Cda ds(to_ccda(test::engine()
                     .to_fhir(test::read_file(
                                  test::shared_dir() / "corpus" /
                                  "hl7-examples/Documents/Discharge_Summary/Discharge_Summary.xml"),
                              opt)
                     .output));
  BOOST_TEST(ds.count("//h:section[h:code/@code='75311-1']/h:entry/h:act[h:templateId/"
                      "@root='2.16.840.1.113883.10.20.22.4.35'][h:code/@code='10183-2']"
                      "/h:entryRelationship[@typeCode='SUBJ']/h:substanceAdministration"
                      "[h:templateId/@root='2.16.840.1.113883.10.20.22.4.16']") == 1);
}

BOOST_AUTO_TEST_CASE(the_three_documents_that_moved_in_the_second_cycle_repeat_it) {
  // FHIR -> C-CDA -> FHIR twice, byte for byte, on the three corpus documents that were not
  // stable (2026-12-02, 581/584): organization ids that are nullFlavor UNK on random roots
  // (athena_ccd_real_world), a problem whose clinicalStatus is data-absent under a concern act
  // that always says active (Sample_DS4P_MDHTGen), and a planned act written back in the EVN
  // mood with its Instruction as an intervention without id (tempResults_ValidatorBrokeETTGG).
  test::require_shared();
  auto opt = test::fixed_options();
  for (const char* doc :
       {"nurra/documents/athena_ccd_real_world.xml", "onc-validator/Sample_DS4P_MDHTGen.xml",
        "onc-validator/tempResults_ValidatorBrokeETTGG.xml"}) {
    BOOST_TEST_CONTEXT(doc) {
      std::string xml = test::read_file(test::shared_dir() / "corpus" / doc);
      std::string f1 = test::engine().to_fhir(xml, opt).output;
      std::string f2 = test::engine().to_fhir(to_ccda(f1), opt).output;
      std::string c3 = to_ccda(f2);
      std::string f3 = test::engine().to_fhir(c3, opt).output;
      BOOST_TEST(f2 == f3);
      // Every entry-level author (a Provenance's, a recorder's, a requester's) comes back as an
      // Author Participation, and two statements of one author stay one.
      Cda cda(c3);
      BOOST_TEST(cda.count("//h:section/h:entry//h:author") > 0);
      BOOST_TEST(cda.count("//h:section/h:entry//h:author[not(h:templateId/@root='2.16.840.1."
                           "113883.10.20.22.4.119')]") == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_problem_status_and_a_planned_instruction_come_back_as_such) {
  // A Problem Status Observation whose value is a nullFlavor: the status is unknown (the
  // concern's statusCode is only the fallback when the observation is missing), and backwards
  // the observation comes back with a null value under the act's fixed "active".
  const std::string problem = R"(<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.3" extension="2015-08-01"/>
  <id root="1.2.3" extension="concern"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="active"/>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
    <id root="1.2.3" extension="problem"/>
    <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
    <statusCode code="completed"/>
    <value xsi:type="CD" code="44054006" codeSystem="2.16.840.1.113883.6.96"/>
    <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.6"/>
      <code code="33999-4" codeSystem="2.16.840.1.113883.6.1"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" nullFlavor="UNK"/>
    </observation></entryRelationship>
  </observation></entryRelationship>
</act>)";
  Json bundle = test::convert_xml(test::wrap_entry(problem));
  Json condition = test::only(bundle, "Condition");
  BOOST_TEST(condition["clinicalStatus"]["extension"][0]["valueCode"] == "unknown");
  BOOST_TEST(!condition["clinicalStatus"].contains("coding"));
  Cda cda(to_ccda(bundle.dump()));
  BOOST_TEST(cda.count("//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.4']/"
                       "h:entryRelationship[@typeCode='REFR']/h:observation[h:templateId/"
                       "@root='2.16.840.1.113883.10.20.22.4.6']/h:value[@nullFlavor]") == 1);

  // A planned act (intent plan) with an instruction for the patient, in an Interventions section
  // (where it goes back inside an Intervention Act), goes back in the INT mood, its Instruction
  // where C-CDA puts a plan's instructions (SUBJ, inversionInd true); the next cycle reads one
  // ServiceRequest again, not a Procedure and a ServiceRequest without id.
  const std::string planned = R"(<act classCode="ACT" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.39"/>
  <id root="1.2.3" extension="plan"/>
  <code code="3141000175101" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="active"/>
  <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="INT">
    <templateId root="2.16.840.1.113883.10.20.22.4.20"/>
    <code code="409073007" codeSystem="2.16.840.1.113883.6.96"/>
    <text>Take it with food</text>
    <statusCode code="completed"/>
  </act></entryRelationship>
</act>)";
  Json plan = test::convert_xml(test::wrap_entry(planned, "62387-6"));
  Json request = test::only(plan, "ServiceRequest");
  BOOST_TEST(request["intent"] == "plan");
  BOOST_TEST(request["patientInstruction"] == "Take it with food");
  std::string back = to_ccda(plan.dump());
  Cda out(back);
  const std::string act = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.39']";
  BOOST_TEST(out.count(act) == 1);
  BOOST_TEST(out.str(act + "/@moodCode") == "INT");
  BOOST_TEST(out.count(act + "/h:entryRelationship[@typeCode='SUBJ'][@inversionInd='true']/"
                             "h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.20']"
                             "[@moodCode='INT']/h:text") == 1);
  Json again = Json::parse(test::engine().to_fhir(back, test::fixed_options()).output);
  Json request2 = test::only(again, "ServiceRequest");
  BOOST_TEST(request2["patientInstruction"] == "Take it with food");
  BOOST_TEST(request2["code"]["coding"][0]["code"] == "3141000175101");
}

BOOST_AUTO_TEST_CASE(a_problems_priority_code_travels_in_a_project_extension) {
  // The Problem Observation's priorityCode has no Condition element: it is the project's
  // priority-code extension (valueCodeableConcept) and comes back as the priorityCode.
  const std::string problem = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
  <id root="1.2.3" extension="ranked"/>
  <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20120921"/></effectiveTime>
  <priorityCode code="8319008" codeSystem="2.16.840.1.113883.6.96" displayName="Principal diagnosis"/>
  <value xsi:type="CD" code="162864005" codeSystem="2.16.840.1.113883.6.96"/>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(problem));
  Json condition = test::only(bundle, "Condition");
  const std::string url = "https://ccdafhir.invalid/StructureDefinition/priority-code";
  Json priority;
  for (const Json& x : condition.value("extension", Json::array()))
    if (x.value("url", "") == url) priority = x;
  BOOST_REQUIRE(priority.is_object());
  BOOST_TEST(priority["valueCodeableConcept"]["coding"][0]["code"] == "8319008");
  BOOST_TEST(priority["valueCodeableConcept"]["coding"][0]["system"] == "http://snomed.info/sct");
  Cda cda(to_ccda(bundle.dump()));
  BOOST_TEST(cda.count("//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.4']/"
                       "h:priorityCode[@code='8319008'][@codeSystem='2.16.840.1.113883.6.96']") ==
             1);
}

BOOST_AUTO_TEST_CASE(a_severitys_interpretation_code_travels_in_a_project_extension) {
  // The Severity Observation's interpretationCode has no FHIR element on the reaction: it is the
  // project's severity-interpretation extension on the reaction carrying the severity (here an
  // allergy-level severity without Reaction Observation), and comes back on the Severity
  // Observation written for it.
  test::require_shared();
  std::string xml =
      test::read_file(test::shared_dir() / "corpus" / "chb" / "EMERGE" / "Patient-101.xml");
  Json bundle = Json::parse(test::engine().to_fhir(xml, test::fixed_options()).output);
  const std::string url = "https://ccdafhir.invalid/StructureDefinition/severity-interpretation";
  std::vector<std::string> codes;
  for (const Json& a : test::resources_of(bundle, "AllergyIntolerance"))
    for (const Json& r : a.value("reaction", Json::array()))
      for (const Json& x : r.value("extension", Json::array()))
        if (x.value("url", "") == url)
          codes.push_back(x["valueCodeableConcept"]["coding"][0].value("code", ""));
  BOOST_TEST(codes.size() == 3u);  // three allergies, each with an allergy-level severity
  BOOST_TEST((std::find(codes.begin(), codes.end(), "MS") != codes.end()));
  Cda cda(to_ccda(bundle.dump()));
  const std::string sev = "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.8']";
  BOOST_TEST(cda.count(sev + "/h:interpretationCode") == 3);
  BOOST_TEST(cda.count(sev + "[h:value/@code='371924009']/h:interpretationCode[@code='MS']") == 1);
}

BOOST_AUTO_TEST_CASE(allergy_value_comes_from_type_and_category_together) {
  // observation/value states type and category at once: the SNOMED code both FC maps list
  // (problems-allergy-common.yaml reverse rules with `reverse: when`).
  Json bundle = Json::parse(sample_bundle());
  Json* allergy = nullptr;
  for (Json& e : bundle["entry"]) {
    if (e["resource"].value("resourceType", "") == "AllergyIntolerance" && !allergy)
      allergy = &e["resource"];
  }
  BOOST_REQUIRE(allergy);
  const std::string value =
      "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.7']/h:value/@code";
  struct Case {
    const char* type;
    const char* category;
    const char* code;
  };
  for (const Case& c :
       {Case{"intolerance", "food", "235719002"}, Case{"allergy", "medication", "416098002"},
        Case{"", "medication", "419511003"}, Case{"allergy", "", "419199007"}}) {
    BOOST_TEST_CONTEXT(c.type << "/" << c.category) {
      allergy->erase("type");
      allergy->erase("category");
      if (*c.type) (*allergy)["type"] = c.type;
      if (*c.category) (*allergy)["category"] = Json::array({c.category});
      Cda cda(to_ccda(bundle.dump()));
      BOOST_TEST(cda.str(value) == c.code);
    }
  }
}

BOOST_AUTO_TEST_CASE(entries_convert_back_to_the_same_sections_and_counts) {
  Json first = Json::parse(sample_bundle());
  std::string cda = to_ccda(first.dump());
  Json second = Json::parse(test::engine().to_fhir(cda, test::fixed_options()).output);
  const Json& a = test::only(first, "Composition")["section"];
  const Json& b = test::only(second, "Composition")["section"];
  BOOST_REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    BOOST_TEST_CONTEXT(a[i]["code"].dump()) {
      BOOST_TEST(a[i]["code"] == b[i]["code"]);
      std::size_t na = a[i].contains("entry") ? a[i]["entry"].size() : 0;
      std::size_t nb = b[i].contains("entry") ? b[i]["entry"].size() : 0;
      BOOST_TEST(nb <= na);
      BOOST_TEST(nb + 1 >= na);  // at most one statement per section without a reverse
    }
  }
}

BOOST_AUTO_TEST_CASE(output_is_deterministic) {
  std::string bundle = sample_bundle();
  BOOST_TEST(to_ccda(bundle) == to_ccda(bundle));
}

BOOST_AUTO_TEST_CASE(sample_output_passes_the_cda_schema) {
  test::require_shared();
  fs::path p = write_temp("sample.xml", to_ccda(sample_bundle()));
  std::string report;
  BOOST_TEST(passes_check_output(p, report), report);
}

BOOST_AUTO_TEST_CASE(corpus_subset_outputs_pass_the_cda_schema) {
  test::require_shared();
  for (const auto& path : golden_corpus_paths()) {
    BOOST_TEST_CONTEXT(path) {
      std::string xml = test::read_file(test::shared_dir() / "corpus" / path);
      std::string fhir = test::engine().to_fhir(xml, test::fixed_options()).output;
      fs::path p = write_temp("corpus.xml", to_ccda(fhir));
      std::string report;
      BOOST_TEST(passes_check_output(p, report), report);
    }
  }
}

BOOST_AUTO_TEST_CASE(corpus_subset_outputs_pass_the_xsd_and_the_template_rules) {
  // `ccdafhir validate` on to-ccda's output: the CDA XSD (SDTC) and the C-CDA template rules of
  // schemas/ccda (US Realm Header, the document type, the section catalogue), errors only.
  test::require_shared();
  static const CdaValidator validator(CCDAFHIR_SOURCE_DIR,
                                      (test::shared_dir() / "schemas" / "cda").string());
  std::size_t passing = 0, n = 0;
  auto paths = golden_corpus_paths();
  // Indications with translations and originalText (their values were split in two, and
  // originalText followed the translations: both failed the XSD until 2026-12-03).
  paths.push_back("nurra/documents/athena_ccd_real_world.xml");
  paths.push_back("onc-validator/tempResults_ValidatorBrokeETTGG.xml");
  for (const auto& path : paths) {
    BOOST_TEST_CONTEXT(path) {
      std::string xml = test::read_file(test::shared_dir() / "corpus" / path);
      std::string fhir = test::engine().to_fhir(xml, test::fixed_options()).output;
      DiagnosticSink sink;
      validator.validate(to_ccda(fhir), ValidateOptions{}, sink);
      std::size_t errors = 0;
      for (const Diagnostic& d : sink.items()) {
        if (d.severity != Severity::kError && d.severity != Severity::kFatal) continue;
        ++errors;
        BOOST_TEST_MESSAGE(d.rule_id << " at " << d.source_path << ": " << d.message);
      }
      ++n;
      if (errors == 0) ++passing;
      BOOST_TEST(errors == 0u);
    }
  }
  BOOST_TEST_MESSAGE("XSD and template rules: " << passing << "/" << n << " to-ccda outputs pass");
}

BOOST_AUTO_TEST_CASE(foreign_bundles_pass_the_cda_schema_or_are_refused_with_a_reason) {
  test::require_shared();
  fs::path base = foreign_examples();
  BOOST_REQUIRE_MESSAGE(fs::is_directory(base), base << " missing");
  std::vector<fs::path> inputs;
  for (const auto& e : fs::recursive_directory_iterator(base / "CDAtoFHIRExamples" / "Raw_Output" /
                                                        "Bundle-Complete")) {
    if (e.is_regular_file() && e.path().extension() == ".json") inputs.push_back(e.path());
  }
  inputs.push_back(base / "FHIRtoCDAExamples" / "OracleCerner" / "Myra_Jones_json");
  std::sort(inputs.begin(), inputs.end());
  int converted = 0;
  for (const auto& in : inputs) {
    BOOST_TEST_CONTEXT(in.filename().string()) {
      std::string json = test::read_file(in);
      try {
        fs::path p = write_temp("foreign.xml", to_ccda(json));
        ++converted;
        std::string report;
        BOOST_TEST(passes_check_output(p, report), report);
      } catch (const Error& e) {
        // Only input that is not JSON at all may be refused (one vendor's file has a stray '}').
        BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
        BOOST_TEST(std::string(e.what()).find("JSON") != std::string::npos, e.what());
      }
    }
  }
  BOOST_TEST(converted >= 5);
}

BOOST_AUTO_TEST_CASE(a_collection_bundle_becomes_a_ccd_of_its_resources) {
  Json doc = Json::parse(sample_bundle());
  Json coll = Json{{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", Json::array()}};
  for (const auto& e : doc["entry"]) {
    if (e["resource"]["resourceType"] == "Composition") continue;
    Json entry = Json::object();
    // relative references and no fullUrl, as many servers write them
    entry["resource"] = e["resource"];
    coll["entry"].push_back(entry);
  }
  std::string text = coll.dump();
  // urn:uuid:X references become Type/X where X is that resource's id
  for (const auto& e : doc["entry"]) {
    std::string full = e["fullUrl"];
    std::string rel = e["resource"]["resourceType"].get<std::string>() + "/" +
                      e["resource"]["id"].get<std::string>();
    for (std::size_t at = text.find("\"" + full + "\""); at != std::string::npos;
         at = text.find("\"" + full + "\"", at)) {
      text.replace(at + 1, full.size(), rel);
    }
  }
  ConversionResult r;
  Cda cda(to_ccda(text, &r));
  BOOST_TEST(cda.str("/h:ClinicalDocument/h:code/@code") == "34133-9");
  BOOST_TEST(cda.count("/h:ClinicalDocument/h:recordTarget/h:patientRole/h:patient/h:name") >= 1);
  BOOST_TEST(cda.count("//h:section[h:code/@code='11450-4']/h:entry") >= 1);
  BOOST_TEST(cda.count("//h:section[h:code/@code='48765-2']/h:entry") >= 1);
}

BOOST_AUTO_TEST_CASE(bundles_that_cannot_make_a_document_are_refused_with_the_reason) {
  auto refused = [](const std::string& json) {
    try {
      to_ccda(json);
    } catch (const Error& e) {
      return e.kind() == ErrorKind::kInputRejected ? std::string(e.what()) : "wrong kind";
    }
    return std::string("accepted");
  };
  BOOST_TEST(refused(R"({"resourceType":"Patient"})").find("not a FHIR Bundle") !=
             std::string::npos);
  BOOST_TEST(
      refused(R"({"resourceType":"Bundle","type":"collection","entry":[]})").find("patient") !=
      std::string::npos);
  BOOST_TEST(refused(R"({"resourceType":"Bundle","type":"searchset","entry":[
      {"resource":{"resourceType":"Patient","id":"a"}},
      {"resource":{"resourceType":"Patient","id":"b"}}]})")
                 .find("2 Patients") != std::string::npos);
  BOOST_TEST(refused("{\"resourceType\":\"Bundle\",\"a\":1,\"a\":2}").find("duplicate") !=
             std::string::npos);
  BOOST_TEST(refused("not json").find("JSON") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(hostile_shapes_do_not_crash) {
  for (
      const char* json : {
          R"({"resourceType":"Bundle","type":"document","entry":[{"resource":{"resourceType":"Composition","section":"x","author":[{"reference":"#x"}],"subject":{"reference":"Patient/none"}}}]})",
          R"({"resourceType":"Bundle","type":"document","entry":[{"resource":{"resourceType":"Composition","section":[{"entry":[{"reference":"Condition/1"},{"reference":7},{}]}]}},{"resource":{"resourceType":"Condition","id":"1","code":{"coding":"bad"},"subject":{"reference":"Condition/1"}}}]})",
          R"({"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Composition","section":[{"section":[{"section":[{"title":7}]}]}]}}]})",
          R"({"resourceType":"Bundle","type":"document","entry":[{"fullUrl":"urn:uuid:1","resource":{"resourceType":"Composition","section":[{"entry":[{"reference":"urn:uuid:2"}]}]}},{"fullUrl":"urn:uuid:2","resource":{"resourceType":"Observation","hasMember":[{"reference":"urn:uuid:2"}]}}]})",
      }) {
    BOOST_TEST_CONTEXT(json) {
      std::string out = to_ccda(json);
      BOOST_TEST(out.find("<ClinicalDocument") != std::string::npos);
    }
  }
}

// Narrative divs with their whitespace runs collapsed: the XHTML -> CDA stylesheet does not
// yet reproduce inter-element whitespace exactly from one cycle to the next.
Json without_narrative_whitespace(const Json& j) {
  if (j.is_object()) {
    Json out = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "div" && it->is_string()) {
        std::string collapsed;
        bool space = false;
        for (char c : it->get<std::string>()) {
          bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
          if (ws && space) continue;
          collapsed.push_back(ws ? ' ' : c);
          space = ws;
        }
        out[it.key()] = collapsed;
      } else {
        out[it.key()] = without_narrative_whitespace(*it);
      }
    }
    return out;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const Json& v : j) out.push_back(without_narrative_whitespace(v));
    return out;
  }
  return j;
}

BOOST_AUTO_TEST_CASE(second_cycle_repeats_the_first) {
  // FHIR -> C-CDA -> FHIR twice over the golden corpus subset: the second Bundle equals the
  // first (narrative whitespace aside). The bar only goes up; the goal is every case, byte for
  // byte.
  test::require_shared();
  // 16:15 UTC: 22 of the 24; 18:30 UTC: 23 (Discharge_Summary's medication goes back as its
  // Discharge Medication act); athena_ccd_pq_translation (a Provenance time) still moved;
  // 2026-12-02 18:50 UTC: 24 of 24, byte for byte.
  constexpr std::size_t kMinimumRepeating = 24;
  std::size_t repeating = 0, byte_identical = 0, n = 0;
  for (const auto& path : golden_corpus_paths()) {
    std::string xml = test::read_file(test::shared_dir() / "corpus" / path);
    auto opt = test::fixed_options();
    std::string f1 = test::engine().to_fhir(xml, opt).output;
    std::string f2 = test::engine().to_fhir(to_ccda(f1), opt).output;
    std::string f3 = test::engine().to_fhir(to_ccda(f2), opt).output;
    ++n;
    if (f2 == f3) ++byte_identical;
    if (without_narrative_whitespace(Json::parse(f2)) ==
        without_narrative_whitespace(Json::parse(f3))) {
      ++repeating;
    } else {
      BOOST_TEST_MESSAGE("second cycle differs: " << path);
    }
  }
  BOOST_TEST_MESSAGE("second cycle: " << repeating << "/" << n << " repeat the first, "
                                      << byte_identical << " byte for byte");
  BOOST_TEST(repeating >= kMinimumRepeating);
  BOOST_TEST(byte_identical >= kMinimumRepeating);
}

BOOST_AUTO_TEST_CASE(reverse_keys_load_and_mistakes_name_file_and_line) {
  auto set = MappingSet::load(CCDAFHIR_SOURCE_DIR);
  BOOST_TEST(set->collections_document() != nullptr);
  const Table* concern = set->table("problem-concern-act");
  BOOST_REQUIRE(concern);
  BOOST_TEST(concern->element == "act");
  BOOST_TEST(concern->reverse.ensure.size() == 2u);
  bool concern_ids = false;  // the concern's ids come back from the secondary identifiers
  for (const Rule& r : concern->reverse.rules)
    concern_ids = concern_ids || (r.has_fixed && r.id == "reverse.concern-id");
  BOOST_TEST(concern_ids);
  const Table* section = set->table("section");
  BOOST_REQUIRE(section);
  BOOST_TEST(section->reverse.sections.size() >= 20u);
  // A section states its templates, or (a code its template does not fix) its entry tables.
  for (const auto& s : section->reverse.sections)
    BOOST_TEST((!s.templates.empty() || !s.entries.empty()), s.code);

  fs::path dir = fs::temp_directory_path() / ("ccdafhir-rev-map-" + std::to_string(::getpid()));
  auto error_for = [&](const std::string& yaml) {
    fs::remove_all(dir);
    fs::path src = CCDAFHIR_SOURCE_DIR;
    fs::create_directories(dir / "mappings" / "ccda-to-fhir" / "entry");
    fs::copy(src / "mappings" / "codesystems.tsv", dir / "mappings" / "codesystems.tsv");
    fs::copy(src / "mappings" / "conceptmaps", dir / "mappings" / "conceptmaps");
    std::ofstream(dir / "mappings" / "ccda-to-fhir" / "entry" / "bad.yaml") << yaml;
    try {
      MappingSet::load(dir.string());
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string head = "table: bad\ntemplates:\n  - root: 1.2.3\nproduces: Observation\n";
  std::string e = error_for(head + "reverse:\n  colour: red\nrules: []\n");
  BOOST_TEST(e.find("bad.yaml:6") != std::string::npos, e);
  BOOST_TEST(e.find("unknown reverse key 'colour'") != std::string::npos, e);
  e = error_for(head +
                "rules:\n  - { id: c, kind: coded, from: code, to: code, reverse: { from: "
                "\"code/../code\" } }\n");
  BOOST_TEST(e.find("rule 'c'") != std::string::npos, e);
  BOOST_TEST(e.find("cannot be built") != std::string::npos, e);
  // Leading `..` builds beside the element; `takes` and `index` choose the values taken.
  BOOST_TEST(error_for(head +
                       "rules:\n  - { id: c, kind: object, from: ../x, to: \"component[]\", "
                       "reverse: { from: \"../../component/observation\", index: 1, takes: "
                       "{ code.coding.code: \"8462-4\" } }, rules: [ { id: v, kind: quantity, "
                       "from: value, to: valueQuantity } ] }\n") == "");
  e = error_for(
      head + "rules:\n  - { id: c, kind: coded, from: code, to: code, reverse: { index: 1 } }\n");
  BOOST_TEST(e.find("needs an appended target") != std::string::npos, e);
  e = error_for(
      head + "rules:\n  - { id: c, kind: coded, from: code, to: code, reverse: { takes: x } }\n");
  BOOST_TEST(e.find("reverse takes must map") != std::string::npos, e);
  e = error_for(head +
                "rules:\n  - { id: c, kind: coded, from: code, to: code, reverse: { when: "
                "{ \"a..b\": x } } }\n");
  BOOST_TEST(e.find("reverse when: empty step") != std::string::npos, e);
  // `fixed` on a datatype rule (the concern act id's use: secondary) and `~` (nothing there).
  BOOST_TEST(error_for(head +
                       "rules:\n  - { id: c, kind: identifier, from: ../../id, to: "
                       "\"identifier[]\", fixed: { use: secondary } }\n  - { id: p, kind: period, "
                       "from: effectiveTime, to: period, reverse: { takes: { end: ~ }, when: { "
                       "status: finished } } }\n") == "");
  e = error_for(head + "rules:\n  - { id: c, kind: copy, from: code, to: x, fixed: { a: b } }\n");
  BOOST_TEST(e.find("fixed needs a rule producing an object") != std::string::npos, e);
  e = error_for(head +
                "rules:\n  - { id: c, kind: identifier, from: id, to: \"identifier[]\", fixed: "
                "{ use: secondary }, value: x }\n");
  BOOST_TEST(e.find("either 'value' or 'fixed'") != std::string::npos, e);
  e = error_for(head + "rules:\n  - { id: c, kind: coded, from: code, to: code, reverse: true }\n");
  BOOST_TEST(e.find("reverse must be false or a mapping") != std::string::npos, e);
  e = error_for(head + "reverse:\n  rules:\n    - { id: r, kind: coded, to: code }\nrules: []\n");
  BOOST_TEST(e.find("needs 'from'") != std::string::npos, e);
  // A table-level `when` chooses the resources an entry table writes back.
  BOOST_TEST(
      error_for(head + "reverse:\n  when: { hasMember: \"*\", valueString: ~ }\nrules: []\n") ==
      "");
  e = error_for("table: bad\ntemplates:\n  - root: 1.2.3\nreverse:\n  when: { a: b }\nrules: []\n");
  BOOST_TEST(e.find("entry and header tables that produce a resource") != std::string::npos, e);
  e = error_for(head + "reverse:\n  sections: []\nrules: []\n");
  BOOST_TEST(e.find("belong to section tables") != std::string::npos, e);
  BOOST_TEST(
      error_for(head +
                "reverse:\n  ensure: \"statusCode[@code='completed']\"\n"
                "rules:\n  - { id: c, kind: coded, from: code, to: code, reverse: false }\n") ==
      "");
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(an_allergy_level_severity_beside_reactions_comes_back_on_the_allergy) {
  // MDOffice / ioPracticeWare: a Severity Observation on the allergy and another on its
  // reaction. The reaction's is reaction.severity; the allergy's own is the project's
  // allergy-severity extension (fragment/problems-allergy-common.yaml) and comes back as the
  // allergy-level Severity Observation.
  const std::string allergy = R"(<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.30" extension="2015-08-01"/>
  <id root="1.2.3" extension="concern"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="active"/><effectiveTime><low value="20200101"/></effectiveTime>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.7" extension="2014-06-09"/>
    <id root="1.2.3" extension="allergy"/>
    <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
    <statusCode code="completed"/><effectiveTime><low value="20200101"/></effectiveTime>
    <value xsi:type="CD" code="419511003" codeSystem="2.16.840.1.113883.6.96"/>
    <participant typeCode="CSM"><participantRole classCode="MANU"><playingEntity classCode="MMAT">
      <code code="7980" codeSystem="2.16.840.1.113883.6.88" displayName="Penicillin G"/>
    </playingEntity></participantRole></participant>
    <entryRelationship typeCode="MFST" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.9" extension="2014-06-09"/>
      <id root="1.2.3" extension="reaction"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="247472004" codeSystem="2.16.840.1.113883.6.96" displayName="Hives"/>
      <entryRelationship typeCode="SUBJ" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.8" extension="2014-06-09"/>
        <code code="SEV" codeSystem="2.16.840.1.113883.5.4"/>
        <statusCode code="completed"/>
        <value xsi:type="CD" code="255604002" codeSystem="2.16.840.1.113883.6.96" displayName="Mild"/>
      </observation></entryRelationship>
    </observation></entryRelationship>
    <entryRelationship typeCode="SUBJ" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.8" extension="2014-06-09"/>
      <code code="SEV" codeSystem="2.16.840.1.113883.5.4"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="6736007" codeSystem="2.16.840.1.113883.6.96" displayName="Moderate"/>
    </observation></entryRelationship>
  </observation></entryRelationship>
</act>)";
  Json bundle = test::convert_xml(test::wrap_entry(allergy, "48765-2"));
  Json resource = test::only(bundle, "AllergyIntolerance");
  BOOST_REQUIRE(resource["reaction"].size() == 1u);
  BOOST_TEST(resource["reaction"][0]["severity"] == "mild");
  Json severity;
  for (const Json& x : resource.value("extension", Json::array()))
    if (x.value("url", "") == "https://ccdafhir.invalid/StructureDefinition/allergy-severity")
      severity = x;
  BOOST_REQUIRE(severity.is_object());
  BOOST_TEST(
      test::has_coding(severity["valueCodeableConcept"], "http://snomed.info/sct", "6736007"));
  Cda cda(to_ccda(bundle.dump()));
  const std::string obs = "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.7']";
  const std::string sev =
      "/h:entryRelationship[@typeCode='SUBJ'][@inversionInd='true']/"
      "h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.8']"
      "[h:code/@code='SEV']/h:value/@code";
  BOOST_TEST(cda.str(obs + sev) == "6736007");
  BOOST_TEST(cda.str(obs + "/h:entryRelationship[@typeCode='MFST']/h:observation" + sev) ==
             "255604002");
}

BOOST_AUTO_TEST_CASE(a_goals_entry_references_come_back_on_the_goal) {
  // Amrita / SuccessEHS care plans: a Goal Observation names the health concern it addresses by
  // an Entry Reference (4.122). The referenced id is the entry-reference extension on the Goal
  // (goal-observation.yaml) and comes back as the Entry Reference.
  const std::string goal = R"(<observation classCode="OBS" moodCode="GOL">
  <templateId root="2.16.840.1.113883.10.20.22.4.121"/>
  <id root="1.2.3" extension="goal"/>
  <code code="289169006" codeSystem="2.16.840.1.113883.6.96" displayName="Weight loss"/>
  <statusCode code="active"/><effectiveTime value="20240301"/>
  <value xsi:type="ST">Lose 5 kg</value>
  <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.122"/>
    <id root="1.2.3" extension="concern-7"/>
    <code nullFlavor="NP"/><statusCode code="completed"/>
  </act></entryRelationship>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(goal, "61146-7"));
  Json resource = test::only(bundle, "Goal");
  int references = 0;
  for (const Json& x : resource.value("extension", Json::array()))
    if (x.value("url", "") == "https://ccdafhir.invalid/StructureDefinition/entry-reference" &&
        x["valueIdentifier"].value("value", "") == "concern-7")
      ++references;
  BOOST_TEST(references == 1);
  Cda cda(to_ccda(bundle.dump()));
  BOOST_TEST(cda.count("//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.121']/"
                       "h:entryRelationship[@typeCode='REFR']/h:act[h:templateId/@root="
                       "'2.16.840.1.113883.10.20.22.4.122'][h:id/@root='1.2.3'][h:id/@extension="
                       "'concern-7']") == 1);
}

BOOST_AUTO_TEST_CASE(a_smoking_status_interval_comes_back_whole) {
  // The ONC samples' Former smoker from low to high: US Core keeps only effectiveDateTime (the
  // low); the interval is the statement-effective-time extension (smoking-status.yaml) and comes
  // back as low and high.
  const std::string smoking = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.78" extension="2014-06-09"/>
  <id root="1.2.3" extension="smoking"/>
  <code code="72166-2" codeSystem="2.16.840.1.113883.6.1"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20050501"/><high value="20110227"/></effectiveTime>
  <value xsi:type="CD" code="8517006" codeSystem="2.16.840.1.113883.6.96" displayName="Former smoker"/>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(smoking, "29762-2"));
  Json resource = test::only(bundle, "Observation");
  BOOST_TEST(resource["effectiveDateTime"] == "2005-05-01");
  Cda cda(to_ccda(bundle.dump()));
  const std::string obs = "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.78']";
  BOOST_TEST(cda.str(obs + "/h:effectiveTime/h:low/@value") == "20050501");
  BOOST_TEST(cda.str(obs + "/h:effectiveTime/h:high/@value") == "20110227");
  BOOST_TEST(cda.count(obs + "/h:effectiveTime/@value") == 0);
  // A lone time stays a lone time.
  std::string point = smoking;
  point.replace(point.find("<effectiveTime>"),
                std::string("<effectiveTime><low value=\"20050501\"/><high value=\"20110227\"/>"
                            "</effectiveTime>")
                    .size(),
                "<effectiveTime value=\"20050501\"/>");
  Cda again(to_ccda(test::convert_xml(test::wrap_entry(point, "29762-2")).dump()));
  BOOST_TEST(again.str(obs + "/h:effectiveTime/@value") == "20050501");
}

BOOST_AUTO_TEST_CASE(an_inhaled_oxygen_reading_comes_back_beside_its_pulse_oximetry) {
  // The ONC samples' inhaled oxygen concentration (3150-0) in a Vital Signs Organizer with a
  // pulse oximetry (59408-5): a component of the oximetry Observation (CF-vitals.md), with the
  // reading's id and time in the statement-identifier / statement-effective-time extensions;
  // backwards a Vital Sign Observation of its own again, beside the oximetry one.
  const std::string organizer = R"(<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.26" extension="2015-08-01"/>
  <id root="1.2.3" extension="vitals"/>
  <code code="46680005" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/><effectiveTime value="201506221012-0500"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27" extension="2014-06-09"/>
    <id root="1.2.3" extension="spo2"/>
    <code code="59408-5" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="completed"/><effectiveTime value="201506221012-0500"/>
    <value xsi:type="PQ" value="95" unit="%"/>
  </observation></component>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.27" extension="2014-06-09"/>
    <id root="1.2.3" extension="fio2"/>
    <code code="3150-0" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="completed"/><effectiveTime value="201506221013-0500"/>
    <value xsi:type="PQ" value="21" unit="%"/>
  </observation></component>
</organizer>)";
  Json bundle = test::convert_xml(test::wrap_entry(organizer, "8716-3"));
  Cda cda(to_ccda(bundle.dump()));
  const std::string o2 =
      "//h:organizer/h:component/h:observation[h:templateId/@root="
      "'2.16.840.1.113883.10.20.22.4.27'][h:code/@code='3150-0']";
  BOOST_TEST(cda.count(o2) == 1);
  BOOST_TEST(cda.str(o2 + "/h:id/@extension") == "fio2");
  BOOST_TEST(cda.str(o2 + "/h:effectiveTime/@value") == "201506221013-0500");
  BOOST_TEST(cda.str(o2 + "/h:value/@value") == "21");
  BOOST_TEST(cda.str(o2 + "/h:statusCode/@code") == "completed");
  BOOST_TEST(cda.count("//h:organizer/h:component/h:observation[h:code/@code='59408-5']"
                       "[h:id/@extension='spo2']") == 1);
}

BOOST_AUTO_TEST_CASE(a_medications_status_observation_without_its_ccd1_template_comes_back) {
  // Vitera writes a medication's status with the Medication Status Observation template (1.47)
  // alone, OpenVista CareVue with no templateId: on a medication both are the CCD 1.0 status
  // (fragment/observations-ccd-status.yaml, status-observation-medication) and come back as the
  // 1.57 Status Observation with the value.
  for (const std::string& templ :
       {std::string("<templateId root=\"2.16.840.1.113883.10.20.1.47\"/>"), std::string()}) {
    BOOST_TEST_CONTEXT(templ) {
      const std::string med = R"(<substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
  <id root="1.2.3" extension="med"/>
  <statusCode code="active"/><effectiveTime xsi:type="IVL_TS"><low value="20240301"/></effectiveTime>
  <consumable><manufacturedProduct classCode="MANU">
    <templateId root="2.16.840.1.113883.10.20.22.4.23" extension="2014-06-09"/>
    <manufacturedMaterial><code code="197380" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial>
  </manufacturedProduct></consumable>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">)" +
                              templ + R"(
    <code code="33999-4" codeSystem="2.16.840.1.113883.6.1" displayName="Status"/>
    <statusCode code="completed"/>
    <value xsi:type="CE" code="55561003" codeSystem="2.16.840.1.113883.6.96" displayName="Active"/>
  </observation></entryRelationship>
</substanceAdministration>)";
      Json bundle = test::convert_xml(test::wrap_entry(med, "10160-0"));
      Cda cda(to_ccda(bundle.dump()));
      BOOST_TEST(cda.count("//h:substanceAdministration/h:entryRelationship[@typeCode='REFR']/"
                           "h:observation[h:templateId/@root='2.16.840.1.113883.10.20.1.57']"
                           "[h:code/@code='33999-4']/h:value[@code='55561003']") == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_problems_age_at_onset_beside_its_onset_date_comes_back) {
  // Practice Fusion: a Problem Observation with an onset date and an Age Observation (4.31).
  // onset[x] takes the date; the age is the project's age-observation extension
  // (fragment/problems-condition-common.yaml) and comes back as the Age Observation.
  const std::string problem = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
  <id root="1.2.3" extension="aged"/>
  <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20111005"/></effectiveTime>
  <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96" displayName="Asthma"/>
  <entryRelationship typeCode="SUBJ" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.31"/>
    <code code="445518008" codeSystem="2.16.840.1.113883.6.96"/>
    <statusCode code="completed"/>
    <value xsi:type="PQ" value="41" unit="a"/>
  </observation></entryRelationship>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(problem));
  Json condition = test::only(bundle, "Condition");
  BOOST_TEST(condition["onsetDateTime"] == "2011-10-05");
  BOOST_TEST(!condition.contains("onsetAge"));
  Cda cda(to_ccda(bundle.dump()));
  const std::string age =
      "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.4']/"
      "h:entryRelationship[@typeCode='SUBJ'][@inversionInd='true']/"
      "h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.31']"
      "[h:code/@code='445518008']/h:value";
  BOOST_TEST(cda.str(age + "/@value") == "41");
  BOOST_TEST(cda.str(age + "/@unit") == "a");
  BOOST_TEST(cda.str("//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.4']/"
                     "h:effectiveTime/h:low/@value") == "20111005");
}

BOOST_AUTO_TEST_CASE(a_problem_status_observations_id_and_time_come_back) {
  // Practice Fusion: the Problem Status Observation (4.6) has its own id and effectiveTime. The
  // status is clinicalStatus; its id and time are the statement-identifier and
  // statement-effective-time extensions on clinicalStatus and come back on the observation.
  const std::string problem = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
  <id root="1.2.3" extension="problem"/>
  <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20150622"/></effectiveTime>
  <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96" displayName="Asthma"/>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.6"/>
    <id root="1.2.3" extension="status"/>
    <code code="33999-4" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="completed"/>
    <effectiveTime><low value="20150622"/></effectiveTime>
    <value xsi:type="CD" code="55561003" codeSystem="2.16.840.1.113883.6.96" displayName="Active"/>
  </observation></entryRelationship>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(problem));
  Json condition = test::only(bundle, "Condition");
  BOOST_TEST(test::has_coding(condition["clinicalStatus"],
                              "http://terminology.hl7.org/CodeSystem/condition-clinical",
                              "active"));
  BOOST_TEST(condition["clinicalStatus"]["extension"].size() == 2u);
  Cda cda(to_ccda(bundle.dump()));
  const std::string status =
      "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.4']/"
      "h:entryRelationship[@typeCode='REFR']/h:observation[h:templateId/"
      "@root='2.16.840.1.113883.10.20.22.4.6']";
  BOOST_TEST(cda.count(status) == 1);
  BOOST_TEST(cda.str(status + "/h:id/@extension") == "status");
  BOOST_TEST(cda.str(status + "/h:effectiveTime/h:low/@value") == "20150622");
  BOOST_TEST(cda.str(status + "/h:value/@code") == "55561003");
}

BOOST_AUTO_TEST_CASE(an_encounters_class_translation_stays_beside_its_code) {
  // An Encounter Activity's CPT code with an ActCode translation (AMB): type keeps both codings,
  // class the ActCode one. Backwards type writes the code and its translation; class, being one of
  // type's codings, is not written again over the code (header/encounter.yaml, class).
  const std::string encounter = R"(<encounter classCode="ENC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.49" extension="2015-08-01"/>
  <id root="1.2.3" extension="visit"/>
  <code code="99213" codeSystem="2.16.840.1.113883.6.12" displayName="Office outpatient visit">
    <translation code="AMB" codeSystem="2.16.840.1.113883.5.4" displayName="Ambulatory"/>
  </code>
  <effectiveTime value="20150622"/>
</encounter>)";
  Json bundle = test::convert_xml(test::wrap_entry(encounter, "46240-8"));
  Json resource = test::only(bundle, "Encounter");
  BOOST_TEST(resource["class"]["code"] == "AMB");
  Cda cda(to_ccda(bundle.dump()));
  const std::string code =
      "//h:encounter[h:templateId/@root='2.16.840.1.113883.10.20.22.4.49']/h:code";
  BOOST_TEST(cda.str(code + "/@code") == "99213");
  BOOST_TEST(cda.str(code + "/@codeSystem") == "2.16.840.1.113883.6.12");
  BOOST_TEST(cda.count(code + "/h:translation[@code='AMB'][@codeSystem='2.16.840.1.113883.5.4']") ==
             1);
}

BOOST_AUTO_TEST_CASE(an_immunizations_product_id_comes_back) {
  // Netsmart: the Immunization Medication Information (4.54) has its own id. Immunization has no
  // element for it: the product-identifier extension (fragment/medications-immunization.yaml),
  // and backwards the manufacturedProduct's id again.
  const std::string immunization =
      R"(<substanceAdministration classCode="SBADM" moodCode="EVN" negationInd="false">
  <templateId root="2.16.840.1.113883.10.20.22.4.52" extension="2015-08-01"/>
  <id root="1.2.3" extension="shot"/>
  <statusCode code="completed"/><effectiveTime value="20170301"/>
  <consumable><manufacturedProduct classCode="MANU">
    <templateId root="2.16.840.1.113883.10.20.22.4.54" extension="2014-06-09"/>
    <id root="1.1.1.1.1.1" extension="78||HMI.00001"/>
    <manufacturedMaterial><code code="88" codeSystem="2.16.840.1.113883.12.292" displayName="Influenza virus vaccine"/></manufacturedMaterial>
  </manufacturedProduct></consumable>
</substanceAdministration>)";
  Json bundle = test::convert_xml(test::wrap_entry(immunization, "11369-6"));
  Json resource = test::only(bundle, "Immunization");
  int ids = 0;
  for (const Json& x : resource.value("extension", Json::array()))
    if (x.value("url", "") == "https://ccdafhir.invalid/StructureDefinition/product-identifier" &&
        x["valueIdentifier"].value("value", "") == "78||HMI.00001")
      ++ids;
  BOOST_TEST(ids == 1);
  Cda cda(to_ccda(bundle.dump()));
  BOOST_TEST(
      cda.count("//h:substanceAdministration/h:consumable/h:manufacturedProduct[h:templateId/"
                "@root='2.16.840.1.113883.10.20.22.4.54']/h:id[@root='1.1.1.1.1.1']"
                "[@extension='78||HMI.00001']") == 1);
}

BOOST_AUTO_TEST_CASE(a_procedure_activity_observation_comes_back_whole) {
  // A Procedure Activity Observation (4.13) on an <observation> is a US Core Observation reached
  // through the group table procedure-activity-observation, whose forward path climbs to select
  // the statement itself. Backwards that rule writes the Observation onto the group's own
  // element (`reverse: from: "."`): before, the climbing path read context and wrote nothing, and
  // the observation came back with nothing but its templateId and a null code.
  const std::string observation = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.13" extension="2014-06-09"/>
  <id root="2.16.840.1.113883.19" extension="123456789"/>
  <code code="274025005" codeSystem="2.16.840.1.113883.6.96" displayName="Colonic polypectomy"/>
  <statusCode code="completed"/>
  <effectiveTime value="20110203"/>
  <value xsi:type="CD" code="260385009" codeSystem="2.16.840.1.113883.6.96" displayName="Negative"/>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(observation, "47519-4"));
  Json resource = test::only(bundle, "Observation");
  BOOST_TEST(test::has_coding(resource["code"], "http://snomed.info/sct", "274025005"));
  Cda cda(to_ccda(bundle.dump()));
  const std::string obs = "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.13']";
  BOOST_TEST(cda.count(obs) == 1);
  BOOST_TEST(cda.str(obs + "/h:id/@extension") == "123456789");
  BOOST_TEST(cda.str(obs + "/h:code/@code") == "274025005");
  BOOST_TEST(cda.str(obs + "/h:effectiveTime/@value") == "20110203");
  BOOST_TEST(cda.str(obs + "/h:value/@code") == "260385009");
}

BOOST_AUTO_TEST_CASE(a_health_concerns_entry_references_beside_its_problems_come_back) {
  // Get Real Health, HealthGrid: a Health Concern Act holding a Problem Observation and Entry
  // References (4.122). The act is a group (the Condition of its observation); the referenced ids
  // travel as the concern-entry-reference extension on that Condition and come back as the act's
  // Entry References (health-concern-act.yaml reverse rule concern-entry-reference).
  const std::string concern = R"(<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.132" extension="2015-08-01"/>
  <id root="1.2.3" extension="concern"/>
  <code code="75310-3" codeSystem="2.16.840.1.113883.6.1"/>
  <statusCode code="active"/>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
    <id root="1.2.3" extension="problem"/>
    <code code="75315-2" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="completed"/>
    <effectiveTime><low value="20150622"/></effectiveTime>
    <value xsi:type="CD" code="59621000" codeSystem="2.16.840.1.113883.6.96" displayName="Essential hypertension"/>
  </observation></entryRelationship>
  <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.122"/>
    <id root="1.2.3" extension="named-entry"/>
    <code nullFlavor="NP"/><statusCode code="completed"/>
  </act></entryRelationship>
</act>)";
  Json bundle = test::convert_xml(test::wrap_entry(concern, "75310-3"));
  Json condition = test::only(bundle, "Condition");
  int references = 0;
  for (const Json& x : condition.value("extension", Json::array()))
    if (x.value("url", "") ==
            "https://ccdafhir.invalid/StructureDefinition/concern-entry-reference" &&
        x["valueIdentifier"].value("value", "") == "named-entry")
      ++references;
  BOOST_TEST(references == 1);
  Cda cda(to_ccda(bundle.dump()));
  const std::string act = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.132']";
  BOOST_TEST(cda.count(act + "/h:entryRelationship/h:observation[h:templateId/@root="
                             "'2.16.840.1.113883.10.20.22.4.4']") == 1);
  BOOST_TEST(cda.count(act + "/h:entryRelationship[@typeCode='REFR']/h:act[h:templateId/@root="
                             "'2.16.840.1.113883.10.20.22.4.122'][h:id/@extension='named-entry']"
                             "[h:code/@nullFlavor='NP'][h:statusCode/@code='completed']") == 1);
}

BOOST_AUTO_TEST_CASE(an_intervention_acts_entry_references_come_back_on_the_act) {
  // Amrita / SuccessEHS care plans: an Intervention Act (4.131) holding an intervention and Entry
  // References (4.122) to the concern and goal it addresses. The act is a group; the referenced
  // ids travel on the intervention's resource (fragment/more-intervention-entry-reference.yaml)
  // and come back on the act (intervention-act.yaml reverse rule intervention-entry-reference),
  // not on the resources of the intervention's participants.
  const std::string act = R"(<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.131" extension="2015-08-01"/>
  <id root="1.2.3" extension="intervention"/>
  <code code="362956003" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <entryRelationship typeCode="REFR"><procedure classCode="PROC" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.14" extension="2014-06-09"/>
    <id root="1.2.3" extension="procedure"/>
    <code code="386053000" codeSystem="2.16.840.1.113883.6.96" displayName="Evaluation procedure"/>
    <statusCode code="completed"/><effectiveTime value="20240301"/>
    <author><templateId root="2.16.840.1.113883.10.20.22.4.119"/><time value="20240301"/>
      <assignedAuthor><id root="2.16.840.1.113883.4.6" extension="1234567893"/>
        <assignedPerson><name><given>Ada</given><family>Nurse</family></name></assignedPerson>
      </assignedAuthor></author>
  </procedure></entryRelationship>
  <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.122"/>
    <id root="1.2.3" extension="goal-7"/>
    <code nullFlavor="NP"/><statusCode code="completed"/>
  </act></entryRelationship>
</act>)";
  Json bundle = test::convert_xml(test::wrap_entry(act, "62387-6"));
  const std::string url =
      "https://ccdafhir.invalid/StructureDefinition/intervention-entry-reference";
  Json procedure = test::only(bundle, "Procedure");
  int references = 0;
  for (const Json& x : procedure.value("extension", Json::array()))
    if (x.value("url", "") == url && x["valueIdentifier"].value("value", "") == "goal-7")
      ++references;
  BOOST_TEST(references == 1);
  for (const Json& p : test::resources_of(bundle, "Practitioner"))
    BOOST_TEST(!p.contains("extension"));
  std::string back = to_ccda(bundle.dump());
  Cda cda(back);
  const std::string intervention = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.131']";
  BOOST_TEST(cda.count(intervention + "/h:entryRelationship[@typeCode='REFR']/h:act[h:templateId/"
                                      "@root='2.16.840.1.113883.10.20.22.4.122'][h:id/@extension="
                                      "'goal-7']") == 1);
}

BOOST_AUTO_TEST_CASE(a_hospital_admission_diagnosis_comes_back_with_its_code_id_and_time) {
  // HealthGrid: a Hospital Admission Diagnosis act (4.34) with its own id and effectiveTime
  // around a Problem Observation. Backwards the act has the code the template fixes (46241-6),
  // the Problem Observation under entryRelationship SUBJ with its templateId, and the act's id
  // (a secondary identifier of the Condition) and effectiveTime (the
  // encounter-diagnosis-effective-time extension), as for an Encounter Diagnosis act.
  const std::string diagnosis = R"(<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.34" extension="2015-08-01"/>
  <id root="1.2.3" extension="admission-dx"/>
  <code code="46241-6" codeSystem="2.16.840.1.113883.6.1"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20150722"/></effectiveTime>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
    <id root="1.2.3" extension="admission-problem"/>
    <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/>
    <statusCode code="completed"/>
    <effectiveTime><low value="20150721"/></effectiveTime>
    <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96" displayName="Asthma"/>
  </observation></entryRelationship>
</act>)";
  Json bundle = test::convert_xml(test::wrap_entry(diagnosis, "46241-6"));
  Json condition = test::only(bundle, "Condition");
  BOOST_TEST(condition.dump().find("encounter-diagnosis-effective-time") != std::string::npos);
  Cda cda(to_ccda(bundle.dump()));
  const std::string act = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.34']";
  BOOST_TEST(
      cda.count(act + "[h:code/@code='46241-6'][h:code/@codeSystem='2.16.840.1.113883.6.1']") == 1);
  BOOST_TEST(cda.str(act + "/h:id/@extension") == "admission-dx");
  BOOST_TEST(cda.str(act + "/h:effectiveTime/h:low/@value") == "20150722");
  const std::string problem = act +
                              "/h:entryRelationship[@typeCode='SUBJ']/h:observation[h:templateId/"
                              "@root='2.16.840.1.113883.10.20.22.4.4']";
  BOOST_TEST(cda.str(problem + "/h:id/@extension") == "admission-problem");
  BOOST_TEST(cda.str(problem + "/h:effectiveTime/h:low/@value") == "20150721");
}

BOOST_AUTO_TEST_CASE(an_encounter_diagnosis_acts_lone_time_comes_back_as_written) {
  // NextTech: the Encounter Diagnosis act's effectiveTime is a lone @value. The template does
  // not constrain its shape, so it goes back as written (encounter-diagnosis-effective-time is
  // value[x]: a dateTime here), not as an interval's low.
  const std::string encounter = R"(<encounter classCode="ENC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.49" extension="2015-08-01"/>
  <id root="1.2.3" extension="visit"/>
  <code code="99213" codeSystem="2.16.840.1.113883.6.12"/>
  <effectiveTime value="20150622"/>
  <entryRelationship typeCode="SUBJ"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.80" extension="2015-08-01"/>
    <code code="29308-4" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="completed"/>
    <effectiveTime value="20150622"/>
    <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
      <id root="1.2.3" extension="visit-problem"/>
      <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="completed"/>
      <effectiveTime><low value="20150601"/></effectiveTime>
      <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96" displayName="Asthma"/>
    </observation></entryRelationship>
  </act></entryRelationship>
</encounter>)";
  Json bundle = test::convert_xml(test::wrap_entry(encounter, "46240-8"));
  Cda cda(to_ccda(bundle.dump()));
  const std::string act = "//h:act[h:templateId/@root='2.16.840.1.113883.10.20.22.4.80']";
  BOOST_TEST(cda.str(act + "/h:effectiveTime/@value") == "20150622");
  BOOST_TEST(cda.count(act + "/h:effectiveTime/h:low") == 0);
}

BOOST_AUTO_TEST_CASE(a_reactions_end_time_comes_back) {
  // The ONC samples: a Reaction Observation with effectiveTime low and high. reaction has only
  // onset (the low); the effectiveTime as written is the statement-effective-time extension on
  // the reaction (fragment/problems-allergy-common.yaml) and comes back as low and high.
  const std::string allergy = R"(<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.30" extension="2015-08-01"/>
  <id root="1.2.3" extension="concern"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20080226"/></effectiveTime>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.7" extension="2014-06-09"/>
    <id root="1.2.3" extension="allergy"/>
    <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
    <statusCode code="completed"/>
    <effectiveTime><low value="20080226"/></effectiveTime>
    <value xsi:type="CD" code="419511003" codeSystem="2.16.840.1.113883.6.96"/>
    <participant typeCode="CSM"><participantRole classCode="MANU"><playingEntity classCode="MMAT">
      <code code="7980" codeSystem="2.16.840.1.113883.6.88" displayName="Penicillin G"/>
    </playingEntity></participantRole></participant>
    <entryRelationship typeCode="MFST" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.9" extension="2014-06-09"/>
      <id root="1.2.3" extension="reaction"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
      <statusCode code="completed"/>
      <effectiveTime><low value="200802260805-0800"/><high value="200802281205-0800"/></effectiveTime>
      <value xsi:type="CD" code="247472004" codeSystem="2.16.840.1.113883.6.96" displayName="Hives"/>
    </observation></entryRelationship>
  </observation></entryRelationship>
</act>)";
  Json bundle = test::convert_xml(test::wrap_entry(allergy, "48765-2"));
  Json allergy_intolerance = test::only(bundle, "AllergyIntolerance");
  BOOST_TEST(allergy_intolerance["reaction"][0]["onset"] == "2008-02-26T08:05:00-08:00");
  Cda cda(to_ccda(bundle.dump()));
  const std::string reaction =
      "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.9']";
  BOOST_TEST(cda.count(reaction) == 1);
  BOOST_TEST(cda.str(reaction + "/h:effectiveTime/h:low/@value") == "200802260805-0800");
  BOOST_TEST(cda.str(reaction + "/h:effectiveTime/h:high/@value") == "200802281205-0800");
  BOOST_TEST(cda.str(reaction + "/h:id/@extension") == "reaction");
}

BOOST_AUTO_TEST_CASE(an_allergy_value_stating_no_type_comes_back) {
  // The HL7 samples: an Allergy - Intolerance Observation whose value is 420134006 Propensity to
  // adverse reactions, which CF-AllergyIntoleranceType and -Category leave unmatched. FHIR ->
  // CDA writes the value from type and category, so it vanished; it is the statement-value
  // extension (fragment/problems-allergy-common.yaml) and the observation's value again.
  const std::string allergy = R"(<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.30" extension="2015-08-01"/>
  <id root="1.2.3" extension="concern"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
  <statusCode code="active"/>
  <effectiveTime><low value="20080226"/></effectiveTime>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.7" extension="2014-06-09"/>
    <id root="1.2.3" extension="propensity"/>
    <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
    <statusCode code="completed"/>
    <effectiveTime><low value="20080226"/></effectiveTime>
    <value xsi:type="CD" code="420134006" codeSystem="2.16.840.1.113883.6.96"
           displayName="Propensity to adverse reactions"/>
    <participant typeCode="CSM"><participantRole classCode="MANU"><playingEntity classCode="MMAT">
      <code code="7980" codeSystem="2.16.840.1.113883.6.88" displayName="Penicillin G"/>
    </playingEntity></participantRole></participant>
  </observation></entryRelationship>
</act>)";
  Json bundle = test::convert_xml(test::wrap_entry(allergy, "48765-2"));
  Json allergy_intolerance = test::only(bundle, "AllergyIntolerance");
  BOOST_TEST(!allergy_intolerance.contains("type"));
  Cda cda(to_ccda(bundle.dump()));
  const std::string value =
      "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.7']/h:value";
  BOOST_TEST(cda.count(value) == 1);
  BOOST_TEST(cda.str(value + "/@code") == "420134006");
  BOOST_TEST(cda.str(value + "/@codeSystem") == "2.16.840.1.113883.6.96");
}

BOOST_AUTO_TEST_CASE(a_problems_health_status_observation_comes_back) {
  // C-CDA R1.1 (the NIST / ONC samples): a Health Status Observation (4.5, REFR) inside a Problem
  // Observation. Condition has no element for it: it is the health-status-observation extension
  // (fragment/problems-condition-common.yaml) and the observation again backwards.
  const std::string problem = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
  <id root="1.2.3" extension="healthy"/>
  <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20111005"/></effectiveTime>
  <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96" displayName="Asthma"/>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.5"/>
    <code xsi:type="CE" code="11323-3" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="completed"/>
    <value xsi:type="CD" code="135815002" codeSystem="2.16.840.1.113883.6.96"/>
  </observation></entryRelationship>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(problem));
  Json condition = test::only(bundle, "Condition");
  BOOST_TEST(condition.dump().find("health-status-observation") != std::string::npos);
  Cda cda(to_ccda(bundle.dump()));
  const std::string health =
      "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.4']/"
      "h:entryRelationship[@typeCode='REFR']/h:observation[h:templateId/"
      "@root='2.16.840.1.113883.10.20.22.4.5']";
  BOOST_TEST(cda.count(health) == 1);
  BOOST_TEST(cda.count(health + "[h:code/@code='11323-3'][h:statusCode/@code='completed']") == 1);
  BOOST_TEST(cda.str(health + "/h:value/@code") == "135815002");
}

BOOST_AUTO_TEST_CASE(a_procedures_specimen_comes_back) {
  // Medflow, ioPracticeWare, the ONC samples: a Procedure Activity Procedure with a specimen.
  // R4 Procedure has no specimen: it is a Specimen named by the procedure-specimen extension
  // (fragment/procedures-procedure.yaml) and the procedure's specimen again backwards.
  const std::string procedure = R"(<procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14" extension="2014-06-09"/>
  <id root="1.2.3" extension="biopsy"/>
  <code code="90105005" codeSystem="2.16.840.1.113883.6.96" displayName="Biopsy of soft tissue"/>
  <statusCode code="completed"/>
  <effectiveTime value="20120806"/>
  <specimen typeCode="SPC"><specimenRole classCode="SPEC">
    <id root="1.2.3" extension="sample"/>
    <specimenPlayingEntity><code code="119376003" codeSystem="2.16.840.1.113883.6.96"
      displayName="Tissue specimen"/></specimenPlayingEntity>
  </specimenRole></specimen>
</procedure>)";
  Json bundle = test::convert_xml(test::wrap_entry(procedure, "47519-4"));
  Json specimen = test::only(bundle, "Specimen");
  BOOST_TEST(specimen["type"]["coding"][0]["code"] == "119376003");
  Cda cda(to_ccda(bundle.dump()));
  const std::string role =
      "//h:procedure[h:templateId/@root='2.16.840.1.113883.10.20.22.4.14']/"
      "h:specimen/h:specimenRole";
  BOOST_TEST(cda.count(role) == 1);
  BOOST_TEST(cda.str(role + "/h:id/@extension") == "sample");
  BOOST_TEST(cda.str(role + "/h:specimenPlayingEntity/h:code/@code") == "119376003");
}

BOOST_AUTO_TEST_CASE(a_priority_preferences_author_and_id_come_back) {
  // The HL7 Transfer Summary: Priority Preferences (4.143) with an id and an author, on planned
  // statements and on goals. They come back whole: the priority-preference extension holds the
  // id and the author (fragment/more-priority-preference.yaml), on the ServiceRequest and on the
  // Goal (whose priority keeps the value too).
  test::require_shared();
  std::string xml = test::read_file(test::shared_dir() / "corpus" /
                                    "hl7-examples/Documents/Transfer_Summary/Transfer_Summary.xml");
  Cda cda(to_ccda(test::engine().to_fhir(xml, test::fixed_options()).output));
  const std::string preference =
      "/h:entryRelationship[@typeCode='REFR']/h:observation[h:templateId/@root="
      "'2.16.840.1.113883.10.20.22.4.143'][h:code/@code='225773000']";
  const std::string planned = "//h:procedure[@moodCode='INT']";
  const std::string goal = "//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.121']";
  for (const std::string& parent : {planned, goal}) {
    BOOST_TEST_CONTEXT(parent) {
      BOOST_TEST(cda.count(parent + preference + "/h:id[@root]") >= 2);
      BOOST_TEST(cda.count(parent + preference + "/h:author/h:assignedAuthor/h:id[@root]") >= 1);
      BOOST_TEST(cda.count(parent + preference + "/h:author/h:time[@value]") >= 1);
      BOOST_TEST(cda.count(parent + preference + "/h:value[@code]") >= 2);
    }
  }
  BOOST_TEST(cda.count(goal + preference + "/h:author/h:assignedAuthor/h:id[@root]") == 2);
}

BOOST_AUTO_TEST_CASE(a_supply_orders_instruction_comes_back) {
  // The HL7 CCD and the ONC samples: a Medication Supply Order (4.17) under a Medication
  // Activity holds an Instruction (4.20, SUBJ). Its text was the supply's patientInstruction,
  // but the forward path (`*`) built nothing backwards and the code had no place: now
  // dosageInstruction's patientInstruction and additionalInstruction, and the Instruction act
  // again (entry/medication-supply-order.yaml).
  test::require_shared();
  std::string xml =
      test::read_file(test::shared_dir() / "corpus" / "hl7-examples/Documents/CCD/CCD_1/CCD.XML");
  Cda cda(to_ccda(test::engine().to_fhir(xml, test::fixed_options()).output));
  const std::string instruction =
      "//h:supply[h:templateId/@root='2.16.840.1.113883.10.20.22.4.17']/h:entryRelationship"
      "[@typeCode='SUBJ'][@inversionInd='true']/h:act[@moodCode='INT'][h:templateId/@root="
      "'2.16.840.1.113883.10.20.22.4.20']";
  BOOST_TEST(cda.count(instruction) == 1);
  BOOST_TEST(cda.count(instruction + "/h:code[@code='409073007']") == 1);
  BOOST_TEST(cda.count(instruction + "/h:statusCode[@code='completed']") == 1);
}

BOOST_AUTO_TEST_CASE(a_procedure_in_the_medical_equipment_section_comes_back_as_a_procedure) {
  // The Medical Equipment section holds Procedure Activity Procedures (the implanted devices:
  // MedicalEquipmentSection.fsh CONF:1098-31885; the ONC samples' stent placement). Backwards
  // the section preferred only its supply and organizer entries, so the Procedure came back as
  // an Intervention Act, losing its targetSiteCode; it is a Procedure Activity Procedure again.
  const std::string procedure = R"(<procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14" extension="2014-06-09"/>
  <id root="1.2.3" extension="stent"/>
  <code code="103716009" codeSystem="2.16.840.1.113883.6.96" displayName="Stent Placement"/>
  <statusCode code="completed"/>
  <effectiveTime value="20130512"/>
  <targetSiteCode code="28273000" codeSystem="2.16.840.1.113883.6.96" displayName="Bile duct"/>
</procedure>)";
  Json bundle = test::convert_xml(test::wrap_entry(procedure, "46264-8"));
  Cda cda(to_ccda(bundle.dump()));
  const std::string section = "//h:section[h:code/@code='46264-8']";
  BOOST_TEST(cda.count(section + "/h:entry/h:act") == 0);
  const std::string back =
      section + "/h:entry/h:procedure[h:templateId/@root='2.16.840.1.113883.10.20.22.4.14']";
  BOOST_TEST(cda.count(back) == 1);
  BOOST_TEST(cda.str(back + "/h:targetSiteCode/@code") == "28273000");
}

BOOST_AUTO_TEST_CASE(a_health_status_observation_in_the_health_concerns_section_comes_back) {
  // The Health Concerns section holds Health Status Observations (4.5: HealthConcernsSection.fsh
  // CONF:1198-30483; the ONC samples). Backwards the section preferred only Health Concern Acts,
  // so the Observation was written by the first table that fits an Observation, an Advance
  // Directive Observation; it is a Health Status Observation again.
  const std::string health = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.5" extension="2014-06-09"/>
  <id root="1.2.3" extension="health-status"/>
  <code code="11323-3" codeSystem="2.16.840.1.113883.6.1" displayName="Health status"/>
  <statusCode code="completed"/>
  <effectiveTime value="20150622"/>
  <value xsi:type="CD" code="81323004" codeSystem="2.16.840.1.113883.6.96" displayName="Alive and well"/>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(health, "75310-3"));
  Cda cda(to_ccda(bundle.dump()));
  const std::string section = "//h:section[h:code/@code='75310-3']";
  BOOST_TEST(cda.count(section + "//h:observation[h:templateId/@root="
                                 "'2.16.840.1.113883.10.20.22.4.48']") == 0);
  const std::string back =
      section + "/h:entry/h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.5']";
  BOOST_TEST(cda.count(back) == 1);
  BOOST_TEST(cda.str(back + "/h:value/@code") == "81323004");
  BOOST_TEST(cda.str(back + "/h:id/@extension") == "health-status");
}

BOOST_AUTO_TEST_CASE(a_functional_status_organizer_comes_back_as_an_organizer) {
  // A Functional Status Organizer (4.66) is an Observation panel with members and no value.
  // Backwards the Functional Status Observation, first among the section's entries, took it and
  // wrote the panel as an observation with COMP members; the organizer's reverse `when` (as for
  // a Mental Status Organizer) makes it an organizer again with its component observations.
  const std::string organizer = R"(<organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.66" extension="2014-06-09"/>
  <id root="1.2.3" extension="panel"/>
  <code code="d5" codeSystem="2.16.840.1.113883.6.254" displayName="Self-care"/>
  <statusCode code="completed"/>
  <effectiveTime value="20050501"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.67" extension="2014-06-09"/>
    <id root="1.2.3" extension="member"/>
    <code code="54522-8" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="completed"/>
    <effectiveTime value="20050501"/>
    <value xsi:type="CD" code="105504002" codeSystem="2.16.840.1.113883.6.96"/>
  </observation></component>
</organizer>)";
  Json bundle = test::convert_xml(test::wrap_entry(organizer, "47420-5"));
  Cda cda(to_ccda(bundle.dump()));
  const std::string back =
      "//h:section[h:code/@code='47420-5']/h:entry/h:organizer[h:templateId/"
      "@root='2.16.840.1.113883.10.20.22.4.66']";
  BOOST_TEST(cda.count(back) == 1);
  BOOST_TEST(cda.str(back + "/h:id/@extension") == "panel");
  BOOST_TEST(cda.str(back + "/h:component/h:observation/h:id/@extension") == "member");
}

BOOST_AUTO_TEST_CASE(a_vital_sign_in_the_health_concerns_section_stays_a_vital_sign) {
  // The Health Concerns section prefers Health Status Observations, but only an Observation with
  // their fixed code (11323-3) is one: a vital sign written there (SuccessEHS: a body weight a
  // concern names) keeps its own table.
  const std::string weight = R"(<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.27" extension="2014-06-09"/>
  <id root="1.2.3" extension="weight"/>
  <code code="29463-7" codeSystem="2.16.840.1.113883.6.1" displayName="Body weight"/>
  <statusCode code="completed"/>
  <effectiveTime value="20150622"/>
  <value xsi:type="PQ" value="80" unit="kg"/>
</observation>)";
  Json bundle = test::convert_xml(test::wrap_entry(weight, "75310-3"));
  Cda cda(to_ccda(bundle.dump()));
  BOOST_TEST(cda.count("//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.5']") ==
             0);
  BOOST_TEST(cda.count("//h:observation[h:templateId/@root='2.16.840.1.113883.10.20.22.4.27']"
                       "[h:code/@code='29463-7']") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
