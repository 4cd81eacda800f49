// FHIR -> C-CDA on input other systems wrote: every JSON file of the C-CDA on FHIR IG's vendor
// examples (../shared/spec/ccda-on-fhir-ig/mappings/examples) and every FHIR Bundle of the
// corpus pairs (../shared/corpus/pairs) either becomes a C-CDA that passes the CDA XSD and the
// template rules with no error (and the independent checker), or is refused with the reason
// that fits what the file is. Then the imperfect Bundles of issue 6 (no fullUrl, relative and
// absolute references, resources outside the Composition, contained resources, no Patient),
// built here so that they need no ../shared.
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include "ccdafhir_build_paths.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>

#include "ccdafhir/error.h"
#include "mapping/mapping_set.h"
#include "test_support.h"
#include "validate/cda_validator.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

const CdaValidator& cda_validator() {
  test::require_shared();
  static CdaValidator v(CCDAFHIR_SOURCE_DIR, (test::shared_dir() / "schemas" / "cda").string());
  return v;
}

// The errors `ccdafhir validate` reports on a C-CDA (XSD and template rules), one a line.
std::string cda_errors(const std::string& xml) {
  DiagnosticSink sink;
  cda_validator().validate(xml, ValidateOptions{}, sink);
  std::string out;
  for (const Diagnostic& d : sink.items()) {
    if (d.severity != Severity::kError && d.severity != Severity::kFatal) continue;
    out += d.source_path + " [" + d.rule_id + "] " + d.message + "\n";
  }
  return out;
}

// XPath over a C-CDA in the hl7 (h:) namespace.
class Cda {
 public:
  explicit Cda(const std::string& xml) {
    doc_ = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "out.xml", nullptr,
                         XML_PARSE_NONET);
    BOOST_REQUIRE_MESSAGE(doc_, "to-ccda output is not well-formed XML");
    ctx_ = xmlXPathNewContext(doc_);
    xmlXPathRegisterNs(ctx_, reinterpret_cast<const xmlChar*>("h"),
                       reinterpret_cast<const xmlChar*>("urn:hl7-org:v3"));
  }
  ~Cda() {
    xmlXPathFreeContext(ctx_);
    xmlFreeDoc(doc_);
  }
  Cda(const Cda&) = delete;
  Cda& operator=(const Cda&) = delete;
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

// What a foreign file is, told independently of the converter: the refusal it must get, or ""
// when it is a Bundle that must convert.
std::string expected_refusal(const std::string& text) {
  if (!Json::accept(text)) return "JSON";  // comments (.jsonc), a stray '}' after the Bundle
  Json j = Json::parse(text);
  if (j.is_object() && j.value("resourceType", "") == "Bundle") return "";
  if (j.is_object() && j.contains("resource")) return "one Bundle entry";
  if (j.is_object() && j.contains("resourceType")) return "resource, not a FHIR Bundle";
  return "not a FHIR Bundle";
}

bool foreign_name(const fs::path& p) {
  std::string name = p.filename().string();
  auto ends = [&](const std::string& s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  // The IG folder names JSON files .json, .jsonc (with comments), ._json, or _json.
  return ends(".json") || ends(".jsonc") || ends("_json");
}

std::vector<fs::path> foreign_inputs() {
  std::vector<fs::path> out;
  for (const fs::path& base :
       {test::shared_dir() / "spec" / "ccda-on-fhir-ig" / "mappings" / "examples",
        test::shared_dir() / "corpus" / "pairs"}) {
    BOOST_REQUIRE_MESSAGE(fs::is_directory(base), base << " missing");
    for (const auto& e : fs::recursive_directory_iterator(base)) {
      if (e.is_regular_file() && foreign_name(e.path())) out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The independent checker over a folder of outputs: true when every file passes.
bool check_output_passes(const fs::path& dir, std::string& report) {
  fs::path out = fs::temp_directory_path() / ("ccdafhir-foreign-" + std::to_string(::getpid()));
  std::string cmd = "'" + (test::shared_dir() / "tools" / "check-output").string() +
                    "' --cda-xsd '" + dir.string() + "' > '" + out.string() + "' 2>&1";
  int rc = std::system(cmd.c_str());
  report = test::read_file(out);
  fs::remove(out);
  return rc == 0;
}

std::string to_ccda(const std::string& json, ConversionResult* result = nullptr) {
  ConversionResult r = test::engine().to_ccda(json, test::fixed_options());
  if (result) *result = r;
  return r.output;
}

std::string refusal(const std::string& json) {
  try {
    to_ccda(json);
  } catch (const Error& e) {
    return e.kind() == ErrorKind::kInputRejected ? std::string(e.what()) : "wrong kind";
  }
  return "accepted";
}

bool has_message(const ConversionResult& r, const std::string& fhir_path, const std::string& part) {
  for (const Diagnostic& d : r.diagnostics.items()) {
    if (d.fhir_path == fhir_path && d.message.find(part) != std::string::npos) return true;
  }
  return false;
}

// The synthetic sample through to-fhir: our own document Bundle, to make imperfect ones of.
Json sample_bundle() {
  static const std::string json = [] {
    std::string xml =
        test::read_file(fs::path(CCDAFHIR_SOURCE_DIR) / "samples" / "ccd-synthetic.xml");
    return test::engine().to_fhir(xml, test::fixed_options()).output;
  }();
  return Json::parse(json);
}

// Every reference string in `v` rewritten by `f`.
void rewrite_references(Json& v, const std::function<std::string(const std::string&)>& f) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() == "reference" && it->is_string()) {
        *it = f(it->get<std::string>());
      } else {
        rewrite_references(*it, f);
      }
    }
  } else if (v.is_array()) {
    for (Json& c : v) rewrite_references(c, f);
  }
}

// fullUrl -> "Type/id" of every entry of a Bundle.
std::map<std::string, std::string> relative_names(const Json& bundle) {
  std::map<std::string, std::string> out;
  for (const Json& e : bundle["entry"]) {
    out[e["fullUrl"].get<std::string>()] = e["resource"]["resourceType"].get<std::string>() + "/" +
                                           e["resource"]["id"].get<std::string>();
  }
  return out;
}

// The numbers a document's body comes down to: sections by code, entries in each.
std::map<std::string, double> entries_by_section(const Cda& cda) {
  std::map<std::string, double> out;
  double n = cda.count("//h:structuredBody/h:component/h:section");
  for (int i = 1; i <= static_cast<int>(n); ++i) {
    std::string sec = "(//h:structuredBody/h:component/h:section)[" + std::to_string(i) + "]";
    out[cda.str(sec + "/h:code/@code")] = cda.count(sec + "/h:entry");
  }
  return out;
}

const std::string kPatient = R"({"resourceType":"Patient","id":"p1",
    "identifier":[{"system":"urn:oid:2.16.840.1.113883.19.5","value":"12345"}],
    "name":[{"family":"Doe","given":["Jan"]}],"gender":"female","birthDate":"1970-02-03"})";

}  // namespace

BOOST_AUTO_TEST_SUITE(foreign)

BOOST_AUTO_TEST_CASE(every_foreign_input_is_a_valid_ccda_or_refused_with_its_reason) {
  test::require_shared();
  fs::path outdir =
      fs::temp_directory_path() / ("ccdafhir-foreign-out-" + std::to_string(::getpid()));
  fs::remove_all(outdir);
  fs::create_directories(outdir);
  int converted = 0, refused = 0, n = 0;
  for (const fs::path& in : foreign_inputs()) {
    std::string rel = fs::relative(in, test::shared_dir()).string();
    BOOST_TEST_CONTEXT(rel) {
      std::string text = test::read_file(in);
      std::string want = expected_refusal(text);
      ++n;
      try {
        std::string xml = to_ccda(text);
        BOOST_TEST(want.empty(), "converted, but expected the refusal '" << want << "'");
        std::string errors = cda_errors(xml);
        BOOST_TEST(errors.empty(), "XSD / template rule errors:\n" << errors);
        std::ofstream(outdir / ("out" + std::to_string(n) + ".xml"), std::ios::binary) << xml;
        ++converted;
      } catch (const Error& e) {
        BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
        BOOST_TEST(!want.empty(), "refused a Bundle: " << e.what());
        BOOST_TEST(std::string(e.what()).find(want) != std::string::npos,
                   "reason '" << e.what() << "' does not say '" << want << "'");
        BOOST_TEST(std::string(e.what()).find('\n') == std::string::npos);
        ++refused;
      }
    }
  }
  BOOST_TEST_MESSAGE("foreign inputs: " << n << ", converted " << converted << ", refused "
                                        << refused);
  // 5 vendor Bundles (one is not JSON), 3 Smile searchsets, Oracle Cerner's collection, 22
  // corpus pairs; the other files are single Bundle entries or commented drafts.
  BOOST_TEST(converted >= 30);
  BOOST_TEST(n >= 150);
  std::string report;
  BOOST_TEST(check_output_passes(outdir, report), report);
  fs::remove_all(outdir);
}

BOOST_AUTO_TEST_CASE(vendor_bundles_convert_each_as_its_type_allows) {
  test::require_shared();
  fs::path base = test::shared_dir() / "spec" / "ccda-on-fhir-ig" / "mappings" / "examples";
  fs::path complete = base / "CDAtoFHIRExamples" / "Raw_Output" / "Bundle-Complete";
  // Google's file has a stray '}' after the Bundle: refused as JSON, with the byte.
  std::string google =
      refusal(test::read_file(complete / "Google" / "Google_Myra_Jones.fhir.output.json"));
  BOOST_TEST(google.find("JSON: not valid JSON (byte") != std::string::npos, google);
  BOOST_TEST(google.find("text after the end of the JSON value") != std::string::npos, google);
  // A searchset (Diameter Health) and a transaction (MDIX) with a Patient: a CCD of their
  // resources, every required section present.
  for (const fs::path& p : {complete / "Diameter_Health" / "DH_Myra_Jones_v2_fhir_bundle.json",
                            complete / "MDIX" / "MDIX_CCDA_output.json"}) {
    BOOST_TEST_CONTEXT(p.filename()) {
      Cda cda(to_ccda(test::read_file(p)));
      BOOST_TEST(cda.str("/h:ClinicalDocument/h:code/@code") == "34133-9");
      BOOST_TEST(cda.str("/h:ClinicalDocument/h:templateId[@extension][2]/@root") ==
                 "2.16.840.1.113883.10.20.22.1.2");
      for (const char* code : {"48765-2", "10160-0", "11450-4", "30954-2", "29762-2", "8716-3"})
        BOOST_TEST(cda.count(std::string("//h:section[h:code/@code='") + code + "']") == 1, code);
      BOOST_TEST(cda.count("//h:section[h:code/@code='11450-4']/h:entry") >= 1);
      BOOST_TEST(cda.str("//h:recordTarget//h:patient/h:name/h:family") != "");
    }
  }
  // Oracle Cerner's collection carries no Patient, only references to one: the document names
  // that patient with nulls (as Cerner's own C-CDA of it does), with a warning saying so.
  ConversionResult r;
  Cda cerner(to_ccda(
      test::read_file(base / "FHIRtoCDAExamples" / "OracleCerner" / "Myra_Jones_json"), &r));
  BOOST_TEST(has_message(r, "Bundle.entry", "holds no Patient resource"));
  BOOST_TEST(cerner.str("//h:recordTarget//h:patient/h:raceCode/@nullFlavor") == "NI");
  BOOST_TEST(cerner.count("//h:section[h:code/@code='48765-2']/h:entry") == 1);
  // Its encounter's participant is a contained Practitioner ("#1"): resolved inside the
  // Encounter, the performer keeps its NPI.
  BOOST_TEST(cerner.count("//h:encounter//h:id[@root='2.16.840.1.113883.4.6']") >= 1);
}

BOOST_AUTO_TEST_CASE(output_of_foreign_bundles_is_deterministic) {
  test::require_shared();
  fs::path complete = test::shared_dir() / "spec" / "ccda-on-fhir-ig" / "mappings" / "examples" /
                      "CDAtoFHIRExamples" / "Raw_Output" / "Bundle-Complete";
  for (const fs::path& p : {complete / "Cerner" / "Cerner_Myra_Jones_v2_fhir_bundle.json",
                            complete / "Redox" / "Redox_Myra_Jones_v2_fhir_bundle.json"}) {
    std::string json = test::read_file(p);
    BOOST_TEST(to_ccda(json) == to_ccda(json), p.filename());
  }
}

BOOST_AUTO_TEST_CASE(references_without_fullurl_resolve_by_relative_id) {
  // Our own document Bundle, every fullUrl removed and every reference made "Type/id": the
  // same sections with the same number of entries as the original.
  Json doc = sample_bundle();
  Cda original(to_ccda(doc.dump()));
  auto names = relative_names(doc);
  Json bare = doc;
  for (Json& e : bare["entry"]) e.erase("fullUrl");
  rewrite_references(bare, [&](const std::string& r) { return names.count(r) ? names[r] : r; });
  Cda cda(to_ccda(bare.dump()));
  BOOST_TEST(entries_by_section(cda) == entries_by_section(original));
  BOOST_TEST(entries_by_section(cda).size() >= 5u);
  BOOST_TEST(cda.str("//h:recordTarget//h:patient/h:name/h:family") ==
             original.str("//h:recordTarget//h:patient/h:name/h:family"));
}

BOOST_AUTO_TEST_CASE(absolute_urls_resolve_against_relative_names_and_back) {
  Json doc = sample_bundle();
  Cda original(to_ccda(doc.dump()));
  auto names = relative_names(doc);
  // fullUrls on a server base, references relative ("Type/id"), as a server writes them.
  Json served = doc;
  for (Json& e : served["entry"]) {
    e["fullUrl"] = "https://fhir.example.org/r4/" + names[e["fullUrl"].get<std::string>()];
  }
  rewrite_references(served, [&](const std::string& r) { return names.count(r) ? names[r] : r; });
  BOOST_TEST(entries_by_section(Cda(to_ccda(served.dump()))) == entries_by_section(original));
  // No fullUrl, references absolute URLs with a version: the Type/id tail names the resource.
  Json versioned = doc;
  for (Json& e : versioned["entry"]) e.erase("fullUrl");
  rewrite_references(versioned, [&](const std::string& r) {
    return names.count(r) ? "https://other.example.org/fhir/" + names[r] + "/_history/3" : r;
  });
  BOOST_TEST(entries_by_section(Cda(to_ccda(versioned.dump()))) == entries_by_section(original));
}

BOOST_AUTO_TEST_CASE(a_collection_resource_without_fullurl_or_id_is_still_an_entry) {
  std::string json = R"({"resourceType":"Bundle","type":"collection","entry":[
      {"resource":)" +
                     kPatient + R"(},
      {"resource":{"resourceType":"AllergyIntolerance","patient":{"reference":"Patient/p1"},
        "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"7980"}]}}},
      {"resource":{"resourceType":"Condition","patient":{"reference":"Patient/p1"},
        "code":{"coding":[{"system":"http://snomed.info/sct","code":"233604007"}]}}}]})";
  std::string xml = to_ccda(json);
  Cda cda(xml);
  BOOST_TEST(cda.count("//h:section[h:code/@code='48765-2']/h:entry") == 1);
  BOOST_TEST(cda.count("//h:section[h:code/@code='11450-4']/h:entry") == 1);
  BOOST_TEST(cda.count("//h:participant//h:code[@code='7980']") == 1);
  BOOST_TEST(xml == to_ccda(json));  // ids made from the entry's place: the same every time
}

BOOST_AUTO_TEST_CASE(resources_outside_the_composition_are_reported_and_left_out) {
  Json doc = sample_bundle();
  std::size_t before = doc["entry"].size();
  doc["entry"].push_back(Json::parse(R"({"fullUrl":"urn:uuid:7b4d1c2e-0000-4000-8000-000000000001",
      "resource":{"resourceType":"Condition","id":"7b4d1c2e-0000-4000-8000-000000000001",
        "code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003"}]}}})"));
  ConversionResult r;
  std::string xml = to_ccda(doc.dump(), &r);
  BOOST_TEST(has_message(r, "Bundle.entry[" + std::to_string(before) + "].resource",
                         "referenced neither by the Composition"));
  BOOST_TEST(xml.find("38341003") == std::string::npos);
  // Our own Bundle has none: every resource is reached from its Composition (the Provenance
  // resources through their target).
  ConversionResult own;
  to_ccda(sample_bundle().dump(), &own);
  for (const Diagnostic& d : own.diagnostics.items())
    BOOST_TEST(d.message.find("referenced neither") == std::string::npos, d.fhir_path);
}

BOOST_AUTO_TEST_CASE(contained_resources_resolve_inside_their_container) {
  std::string json = R"({"resourceType":"Bundle","type":"searchset","entry":[
      {"fullUrl":"https://x.example/fhir/Patient/p1","resource":)" +
                     kPatient + R"(},
      {"fullUrl":"https://x.example/fhir/MedicationRequest/m1","resource":{
        "resourceType":"MedicationRequest","id":"m1","status":"active","intent":"order",
        "contained":[{"resourceType":"Medication","id":"med",
          "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197361"}]}}],
        "medicationReference":{"reference":"#med"},"subject":{"reference":"Patient/p1"}}},
      {"fullUrl":"https://x.example/fhir/Immunization/i1","resource":{
        "resourceType":"Immunization","id":"i1","status":"completed",
        "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"140"}]},
        "patient":{"reference":"Patient/p1"},"occurrenceDateTime":"2020-10-01",
        "contained":[{"resourceType":"Practitioner","id":"doc",
          "identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"1234567893"}],
          "name":[{"family":"Welby"}]}],
        "performer":[{"actor":{"reference":"#doc"}}]}}]})";
  std::string xml = to_ccda(json);
  Cda cda(xml);
  BOOST_TEST(
      cda.count("//h:substanceAdministration//h:manufacturedMaterial/h:code[@code='197361']") == 1);
  BOOST_TEST(cda.str("//h:section[h:code/@code='11369-6']//h:performer//h:family") == "Welby");
  BOOST_TEST(cda_errors(xml).empty(), cda_errors(xml));
}

BOOST_AUTO_TEST_CASE(a_collection_gets_every_section_the_ccd_requires) {
  // Only a Patient and one problem: the five other required sections are there, empty, with
  // nullFlavor NI and a narrative that says so; the problem is in the Problems section.
  std::string json = R"({"resourceType":"Bundle","type":"transaction","entry":[
      {"fullUrl":"urn:uuid:0b0e4a52-1111-4000-8000-000000000001","resource":)" +
                     kPatient + R"(,"request":{"method":"POST","url":"Patient"}},
      {"fullUrl":"urn:uuid:0b0e4a52-1111-4000-8000-000000000002","resource":{
        "resourceType":"Condition","subject":{"reference":"urn:uuid:0b0e4a52-1111-4000-8000-000000000001"},
        "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-category","code":"problem-list-item"}]}],
        "code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003"}]}},
        "request":{"method":"POST","url":"Condition"}}]})";
  ConversionResult r;
  std::string xml = to_ccda(json, &r);
  Cda cda(xml);
  BOOST_TEST(cda.count("//h:section[h:code/@code='11450-4']/h:entry") == 1);
  for (const char* code : {"48765-2", "10160-0", "30954-2", "29762-2", "8716-3"}) {
    std::string sec = std::string("//h:section[h:code/@code='") + code + "']";
    BOOST_TEST(cda.count(sec) == 1, code);
    BOOST_TEST(cda.str(sec + "/@nullFlavor") == "NI", code);
    BOOST_TEST(cda.count(sec + "/h:entry") == 0, code);
    BOOST_TEST(cda.str(sec + "/h:text") != "", code);
  }
  BOOST_TEST(cda_errors(xml).empty(), cda_errors(xml));
}

BOOST_AUTO_TEST_CASE(a_document_composition_missing_required_sections_gets_them_empty) {
  Json doc = sample_bundle();
  Json& sections = doc["entry"][0]["resource"]["section"];
  Json kept = Json::array();
  for (const Json& s : sections) {
    if (s["code"]["coding"][0]["code"] != "29762-2") kept.push_back(s);  // no Social History
  }
  BOOST_REQUIRE(kept.size() + 1 == sections.size());
  sections = kept;
  Cda cda(to_ccda(doc.dump()));
  BOOST_TEST(cda.str("//h:section[h:code/@code='29762-2']/@nullFlavor") == "NI");
  BOOST_TEST(cda.count("//h:section[h:code/@code='29762-2']") == 1);
}

BOOST_AUTO_TEST_CASE(bundles_naming_no_single_patient_are_refused_with_the_reason) {
  // No Patient and no reference to one: nothing says whom the document is about.
  std::string none = refusal(R"({"resourceType":"Bundle","type":"collection","entry":[
      {"resource":{"resourceType":"Condition","id":"c"}}]})");
  BOOST_TEST(none.find("name no patient") != std::string::npos, none);
  // No Patient and references to two.
  std::string two = refusal(R"({"resourceType":"Bundle","type":"searchset","entry":[
      {"resource":{"resourceType":"Condition","id":"c","subject":{"reference":"Patient/a"}}},
      {"resource":{"resourceType":"Condition","id":"d","subject":{"reference":"Patient/b"}}}]})");
  BOOST_TEST(two.find("several patients") != std::string::npos, two);
  // A single resource, a Bundle entry, and JSON that is no resource, each said as what it is.
  BOOST_TEST(refusal(kPatient).find("a FHIR Patient resource, not a FHIR Bundle") !=
             std::string::npos);
  BOOST_TEST(
      refusal(R"({"fullUrl":"urn:uuid:1","resource":)" + kPatient + "}").find("one Bundle entry") !=
      std::string::npos);
  BOOST_TEST(refusal("[1,2]").find("not a FHIR Bundle") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_grouping_keys_load_and_mistakes_are_named) {
  auto error_for = [](const std::string& yaml, const std::string& folder) {
    try {
      MappingSet::load_table_text(yaml, folder, "bad");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string doc = "table: bad\ntemplates:\n  - root: 1.2.3\nrules: []\nreverse:\n";
  std::string e = error_for(doc + "  collection-authors: [ Organization ]\n", "document");
  BOOST_TEST(e.find("collection-authors need collections: true") != std::string::npos, e);
  const std::string sec = "table: bad\nrules: []\nreverse:\n";
  e = error_for(sec + "  sections:\n    - { code: 1-1, title: T }\n", "section");
  BOOST_TEST(e.find("need the code-system") != std::string::npos, e);
  e = error_for(doc + "  context-resources: [ Patient ]\n", "document");
  BOOST_TEST(e.find("context-resources belong to section tables") != std::string::npos, e);
  // The tables as shipped: the CCD requires six sections, each written by the section table.
  auto set = MappingSet::load(CCDAFHIR_SOURCE_DIR);
  BOOST_REQUIRE(set->collections_document());
  BOOST_TEST(set->collections_document()->reverse.required_sections.size() == 6u);
  BOOST_TEST(!set->collections_document()->reverse.collection_authors.empty());
  BOOST_TEST(set->table("section")->reverse.section_code_system == "http://loinc.org");
  BOOST_TEST(!set->table("section")->reverse.context_resources.empty());
}

BOOST_AUTO_TEST_SUITE_END()
