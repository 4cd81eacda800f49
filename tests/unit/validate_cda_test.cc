// C-CDA validation: the CDA XSD (SDTC) through the cached Xerces grammar and the template
// rules of schemas/ccda. Reads the corpus and the schema from ../shared (fails clearly when
// absent).
#include <libxml/parser.h>
#include "ccdafhir_build_paths.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "ccdafhir/error.h"
#include "intake/xml_intake.h"
#include "test_support.h"
#include "validate/cda_rules.h"
#include "validate/cda_schema.h"
#include "validate/cda_validator.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

fs::path xsd_dir() {
  return test::shared_dir() / "schemas" / "cda";
}

const CdaValidator& validator() {
  test::require_shared();
  static CdaValidator v(CCDAFHIR_SOURCE_DIR, xsd_dir().string());
  return v;
}

std::vector<Diagnostic> run(const std::string& xml) {
  DiagnosticSink sink;
  validator().validate(xml, ValidateOptions{}, sink);
  return sink.items();
}

std::vector<Diagnostic> with_rule(const std::vector<Diagnostic>& all, const std::string& rule) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : all) {
    if (d.rule_id == rule) out.push_back(d);
  }
  return out;
}

std::vector<Diagnostic> errors_only(const std::vector<Diagnostic>& all) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : all) {
    if (d.severity == Severity::kError || d.severity == Severity::kFatal) out.push_back(d);
  }
  return out;
}

std::string describe(const std::vector<Diagnostic>& all) {
  std::string s;
  for (const Diagnostic& d : all) {
    s += "\n  " + d.rule_id + " " + d.source_path + ":" + std::to_string(d.source_line) + " " +
         d.message;
  }
  return s;
}

struct Doc {
  std::string path;
  std::string folder;
  bool well_formed = false;
};

std::vector<Doc> corpus_documents() {
  std::ifstream index(test::shared_dir() / "corpus" / "index.tsv");
  BOOST_REQUIRE_MESSAGE(index, "corpus/index.tsv missing");
  std::vector<Doc> docs;
  std::string line;
  std::getline(index, line);  // header
  while (std::getline(index, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (cols.size() < 6) continue;
    docs.push_back({cols[0], cols[0].substr(0, cols[0].find('/')), cols[5] == "y"});
  }
  return docs;
}

std::string corpus_file(const std::string& relative) {
  return test::read_file(test::shared_dir() / "corpus" / relative);
}

// A small CCD written for these tests: valid against the CDA schema and every template rule.
// Mutations of it prove that each rule fires where it should.
std::string minimal_ccd() {
  auto section = [](const std::string& root, const std::string& code, const std::string& title) {
    return "    <component><section>\n      <templateId root=\"" + root +
           "\" extension=\"2015-08-01\"/>\n      <code code=\"" + code +
           "\" codeSystem=\"2.16.840.1.113883.6.1\"/>\n      <title>" + title +
           "</title>\n      <text>None recorded.</text>\n    </section></component>\n";
  };
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:hl7-org:sdtc">
  <realmCode code="US"/>
  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.2" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.5.99999.1" extension="validate-cda"/>
  <code code="34133-9" codeSystem="2.16.840.1.113883.6.1"/>
  <title>Fixture</title>
  <effectiveTime value="20240101120000-0500"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  <languageCode code="en-US"/>
  <recordTarget>
    <patientRole>
      <id root="2.16.840.1.113883.19.5" extension="p1"/>
      <addr use="HP"><streetAddressLine>1 Main St</streetAddressLine><city>Town</city><state>MA</state><postalCode>01000</postalCode><country>US</country></addr>
      <telecom use="HP" value="tel:+1-555-555-0100"/>
      <patient>
        <name><given>Test</given><family>Fixture</family></name>
        <administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/>
        <birthTime value="19700101"/>
        <raceCode code="2106-3" codeSystem="2.16.840.1.113883.6.238"/>
        <ethnicGroupCode code="2186-5" codeSystem="2.16.840.1.113883.6.238"/>
      </patient>
    </patientRole>
  </recordTarget>
  <author>
    <time value="20240101"/>
    <assignedAuthor>
      <id root="2.16.840.1.113883.4.6" extension="1234567893"/>
      <addr><streetAddressLine>2 Main St</streetAddressLine><city>Town</city><state>MA</state><postalCode>01000</postalCode></addr>
      <telecom use="WP" value="tel:+1-555-555-0101"/>
      <assignedPerson><name><given>Doc</given><family>Author</family></name></assignedPerson>
    </assignedAuthor>
  </author>
  <custodian>
    <assignedCustodian>
      <representedCustodianOrganization>
        <id root="2.16.840.1.113883.19.5.1"/>
        <name>Fixture Clinic</name>
        <telecom use="WP" value="tel:+1-555-555-0102"/>
        <addr><streetAddressLine>3 Main St</streetAddressLine><city>Town</city><state>MA</state><postalCode>01000</postalCode></addr>
      </representedCustodianOrganization>
    </assignedCustodian>
  </custodian>
  <documentationOf>
    <serviceEvent classCode="PCPR">
      <effectiveTime><low value="20230101"/><high value="20240101"/></effectiveTime>
    </serviceEvent>
  </documentationOf>
  <component>
  <structuredBody>
)" + section("2.16.840.1.113883.10.20.22.2.6.1", "48765-2", "Allergies") +
         section("2.16.840.1.113883.10.20.22.2.1.1", "10160-0", "Medications") +
         section("2.16.840.1.113883.10.20.22.2.5.1", "11450-4", "Problems") +
         section("2.16.840.1.113883.10.20.22.2.3.1", "30954-2", "Results") +
         section("2.16.840.1.113883.10.20.22.2.17", "29762-2", "Social History") +
         section("2.16.840.1.113883.10.20.22.2.4.1", "8716-3", "Vital Signs") +
         R"(  </structuredBody>
  </component>
</ClinicalDocument>
)";
}

// The fixture with the first occurrence of `from` replaced (the test fails if it is absent).
std::string mutated(const std::string& from, const std::string& to) {
  std::string xml = minimal_ccd();
  auto at = xml.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, "fixture has no '" << from << "'");
  return xml.replace(at, from.size(), to);
}

long line_of(const std::string& xml, const std::string& text) {
  auto at = xml.find(text);
  BOOST_REQUIRE(at != std::string::npos);
  return 1 + static_cast<long>(std::count(xml.begin(), xml.begin() + static_cast<long>(at), '\n'));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(validate_cda)

BOOST_AUTO_TEST_CASE(the_fixture_passes_the_schema_and_every_template_rule) {
  std::vector<Diagnostic> all = run(minimal_ccd());
  BOOST_TEST(all.empty(), describe(all));
}

BOOST_AUTO_TEST_CASE(grammar_is_compiled_once_per_validator_never_per_document) {
  const CdaValidator& v = validator();
  std::size_t before = CdaSchema::grammar_loads();
  BOOST_TEST(before >= 1u);
  DiagnosticSink sink;
  for (int i = 0; i < 5; ++i) v.validate(minimal_ccd(), ValidateOptions{}, sink);
  v.validate(corpus_file("hl7-examples/Documents/CCD/CCD_2/CCD.xml"), ValidateOptions{}, sink);
  BOOST_TEST(CdaSchema::grammar_loads() == before);
  CdaValidator second(CCDAFHIR_SOURCE_DIR, xsd_dir().string());
  BOOST_TEST(CdaSchema::grammar_loads() == before + 1);
}

BOOST_AUTO_TEST_CASE(validators_share_the_grammar_across_threads) {
  const std::string doc = corpus_file("hl7-examples/Documents/Referral_Note/Referral_Note.xml");
  const std::string expected = describe(run(doc));
  BOOST_REQUIRE(!expected.empty());  // that example carries one schema error: a good witness
  std::vector<std::string> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) seen[t] = describe(run(doc));
    });
  }
  for (auto& th : threads) th.join();
  for (const std::string& s : seen) BOOST_TEST(s == expected);
}

BOOST_AUTO_TEST_CASE(hl7_and_onc_examples_pass_the_xsd) {
  // Examples that are schema-invalid in the source repositories, and the line of the first
  // error: an IND participantRole classCode (a participation type, not a role class), the
  // placeholder text "..." inside patientRole, a stray '>' after the root start tag, and an
  // empty routeCode/@code.
  const std::map<std::string, long> invalid = {
      {"hl7-examples/Documents/Referral_Note/Referral_Note.xml", 1976},
      {"hl7-examples/Documents/Transfer_Summary/Transfer_Summary.xml", 3235},
      {"hl7-examples/Header/Direct_Address/"
       "Patient_and_Provider_Organization_Direct_Address_C-CDAR2.1_.xml",
       118},
      {"hl7-examples/Referrals_-_Planned_and_Completed/Close_Referral_with_a_Document/"
       "Consult_Document_Closing_Referral_C-CDAR2.1_.xml",
       8},
      {"onc-2015/Netsmart_myEvolv/Continuity_of_Care_Document_20170327_190412_124_1.xml", 306},
  };
  std::size_t passed = 0, checked = 0;
  for (const Doc& doc : corpus_documents()) {
    if (doc.folder != "hl7-examples" && doc.folder != "onc-2015") continue;
    ++checked;
    std::vector<Diagnostic> xsd = with_rule(run(corpus_file(doc.path)), "cda-xsd");
    BOOST_TEST_CONTEXT(doc.path) {
      auto it = invalid.find(doc.path);
      if (it == invalid.end()) {
        BOOST_TEST(xsd.empty(), describe(xsd));
        if (xsd.empty()) ++passed;
      } else {
        BOOST_REQUIRE(!xsd.empty());
        BOOST_TEST(xsd.front().source_line == it->second);
        BOOST_TEST(xsd.front().message.find("line " + std::to_string(it->second)) !=
                   std::string::npos);
        BOOST_TEST(!xsd.front().source_path.empty());
      }
    }
  }
  BOOST_TEST(checked == 301u);
  BOOST_TEST(passed == checked - invalid.size());
  std::cout << "hl7-examples + onc-2015: " << passed << "/" << checked << " pass the CDA XSD\n";
}

BOOST_AUTO_TEST_CASE(schema_invalid_corpus_documents_fail_with_lines_and_paths) {
  // Named in corpus/CATALOGUE.md as deliberately schema-invalid; the first error of each.
  struct Case {
    long line;
    std::string message, path;
  };
  const std::map<std::string, Case> cases = {
      // Xerces notices the misplaced guardian/addr where guardian closes (line 113); the issue
      // points at the addr itself.
      {"onc-validator/Sample_addSchemaErrors.xml",
       {98, "element 'addr' is not allowed",
        "/ClinicalDocument/recordTarget/patientRole/patient/guardian/addr"}},
      {"synthea-hdh/invalid_ccda_rev2.xml",
       {5, "no declaration found for element 'realmCodes'", "/ClinicalDocument/realmCodes"}},
  };
  for (const auto& [path, expected] : cases) {
    BOOST_TEST_CONTEXT(path) {
      std::vector<Diagnostic> xsd = with_rule(run(corpus_file(path)), "cda-xsd");
      BOOST_REQUIRE(!xsd.empty());
      BOOST_TEST(xsd.front().source_line == expected.line);
      BOOST_TEST(xsd.front().source_path == expected.path);
      BOOST_TEST(xsd.front().message.find(expected.message) != std::string::npos,
                 xsd.front().message);
      for (const Diagnostic& d : xsd) {
        BOOST_TEST((d.severity == Severity::kError));
        BOOST_TEST((d.code == IssueCode::kStructure));
        BOOST_TEST(d.source_line > 0);
        BOOST_TEST(d.source_path.rfind("/ClinicalDocument", 0) == 0u, d.source_path);
      }
    }
  }
  // The onc-scorecard "sampleWithSchemaErrors" carries schematron errors only: libxml2's own
  // XSD validator agrees that it is schema-valid, and so does this one.
  BOOST_TEST(with_rule(run(corpus_file("onc-scorecard/main/resources/sampleWithSchemaErrors.xml")),
                       "cda-xsd")
                 .empty());
}

BOOST_AUTO_TEST_CASE(malformed_inputs_are_refused_or_fail_the_schema_with_lines) {
  test::require_shared();
  // Well-formed XML that is not a CDA document is validated and fails the schema; everything
  // else is refused by the hardened intake before Xerces sees a byte.
  const std::set<std::string> schema_failures = {"wrong-root.xml", "wrong-namespace.xml"};
  std::size_t seen = 0;
  for (const auto& entry : fs::directory_iterator(test::shared_dir() / "corpus" / "malformed")) {
    if (entry.path().extension() != ".xml") continue;
    ++seen;
    std::string name = entry.path().filename().string();
    std::string bytes = test::read_file(entry.path());
    BOOST_TEST_CONTEXT(name) {
      if (schema_failures.count(name)) {
        std::vector<Diagnostic> xsd = with_rule(run(bytes), "cda-xsd");
        BOOST_REQUIRE(!xsd.empty());
        BOOST_TEST(xsd.front().source_line > 0);
        BOOST_TEST(xsd.front().message.find("line ") != std::string::npos);
        continue;
      }
      try {
        run(bytes);
        BOOST_ERROR("accepted");
      } catch (const Error& e) {
        BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
        std::string reason = e.what();
        BOOST_TEST(reason.find('\n') == std::string::npos);
        if (name == "truncated.xml" || name == "two-roots.xml") {
          BOOST_TEST(reason.find("line ") != std::string::npos, reason);
        }
      }
    }
  }
  BOOST_TEST(seen == 14u);
}

BOOST_AUTO_TEST_CASE(schema_errors_name_the_element_and_its_line) {
  // An element the schema does not know, in the patient: the error points at it.
  std::string xml = mutated("<birthTime value=\"19700101\"/>",
                            "<birthTime value=\"19700101\"/><favouriteColour/>");
  std::vector<Diagnostic> xsd = with_rule(run(xml), "cda-xsd");
  BOOST_REQUIRE(!xsd.empty());
  BOOST_TEST(xsd[0].source_line == line_of(xml, "<favouriteColour/>"));
  BOOST_TEST(xsd[0].source_path ==
             "/ClinicalDocument/recordTarget/patientRole/patient/favouriteColour");
  BOOST_TEST(xsd[0].message.find("favouriteColour") != std::string::npos);

  // A missing required child is reported on the parent at its end tag.
  xml = mutated("<typeId root=\"2.16.840.1.113883.1.3\" extension=\"POCD_HD000040\"/>", "");
  xsd = with_rule(run(xml), "cda-xsd");
  BOOST_REQUIRE(!xsd.empty());
  BOOST_TEST(xsd[0].source_path.rfind("/ClinicalDocument", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(schema_messages_never_quote_document_values) {
  // A birth date that is not a TS: Xerces quotes the bad value; the diagnostic must not.
  std::string xml = mutated("19700101", "1970-Jan-01xyz");
  std::vector<Diagnostic> xsd = with_rule(run(xml), "cda-xsd");
  BOOST_REQUIRE(!xsd.empty());
  for (const Diagnostic& d : xsd) {
    BOOST_TEST(d.message.find("1970-Jan-01xyz") == std::string::npos, d.message);
    BOOST_TEST(d.source_path == "/ClinicalDocument/recordTarget/patientRole/patient/birthTime");
  }
}

BOOST_AUTO_TEST_CASE(template_rules_fire_on_crafted_violations) {
  struct Case {
    const char* what;
    std::string from, to, rule, path;
    std::string also = "";  // a second rule the same mutation breaks, if any
  };
  const std::vector<Case> cases = {
      {"required section removed",
       "<templateId root=\"2.16.840.1.113883.10.20.22.2.6.1\" extension=\"2015-08-01\"/>", "",
       "ccd/section:allergies", "/ClinicalDocument/component/structuredBody"},
      {"wrong section code", "code=\"10160-0\"", "code=\"11450-4\"", "sections/medications-code",
       "/ClinicalDocument/component/structuredBody/component[2]/section"},
      {"section code not LOINC", "code=\"8716-3\" codeSystem=\"2.16.840.1.113883.6.1\"",
       "code=\"8716-3\" codeSystem=\"2.16.840.1.113883.6.96\"", "sections/vital-signs-code-system",
       "/ClinicalDocument/component/structuredBody/component[6]/section"},
      {"recordTarget id missing", "<id root=\"2.16.840.1.113883.19.5\" extension=\"p1\"/>", "",
       "us-realm-header/patient-role-id", "/ClinicalDocument/recordTarget/patientRole"},
      {"realmCode not US", "<realmCode code=\"US\"/>", "<realmCode code=\"CH\"/>",
       "us-realm-header/realm-code", "/ClinicalDocument"},
      {"author without person or device",
       "<assignedPerson><name><given>Doc</given><family>Author</family></name></assignedPerson>",
       "", "us-realm-header/person-or-device", "/ClinicalDocument/author/assignedAuthor",
       "ccd/author-person-or-device"},
      {"custodian organization without telecom",
       "<telecom use=\"WP\" value=\"tel:+1-555-555-0102\"/>", "",
       "us-realm-header/custodian-organization-telecom",
       "/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization"},
      {"patient without birthTime", "<birthTime value=\"19700101\"/>", "",
       "us-realm-header/patient-birth-time", "/ClinicalDocument/recordTarget/patientRole/patient"},
      {"CCD serviceEvent not PCPR", "classCode=\"PCPR\"", "classCode=\"ACT\"", "ccd/service-event",
       "/ClinicalDocument"},
      {"CCD with the wrong document code", "<code code=\"34133-9\"", "<code code=\"11488-4\"",
       "ccd/code", "/ClinicalDocument/code"},
      {"setId without versionNumber", "<languageCode code=\"en-US\"/>",
       "<languageCode code=\"en-US\"/><setId root=\"1.2.3\"/>",
       "us-realm-header/set-id-needs-version", "/ClinicalDocument"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.what) {
      std::string xml = mutated(c.from, c.to);
      std::vector<Diagnostic> all = run(xml);
      std::vector<Diagnostic> hits = with_rule(all, c.rule);
      BOOST_REQUIRE_MESSAGE(hits.size() == 1u, describe(all));
      BOOST_TEST(hits[0].source_path == c.path);
      BOOST_TEST(hits[0].source_line > 0);
      BOOST_TEST((hits[0].severity == Severity::kError));
      BOOST_TEST(!hits[0].message.empty());
      // Nothing else fires: each mutation breaks exactly one template rule.
      for (const Diagnostic& d : errors_only(all)) {
        BOOST_TEST((d.rule_id == c.rule || d.rule_id == c.also || d.rule_id == "cda-xsd"),
                   describe(all));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(unknown_document_types_get_the_header_rules_only) {
  // No CCD templateId: the CCD rules do not apply (no section requirements), the header's do.
  std::string xml =
      mutated("<templateId root=\"2.16.840.1.113883.10.20.22.1.2\" extension=\"2015-08-01\"/>", "");
  xml.replace(xml.find("<templateId root=\"2.16.840.1.113883.10.20.22.2.6.1\""),
              std::string("<templateId root=\"2.16.840.1.113883.10.20.22.2.6.1\"").size(),
              "<templateId root=\"1.2.3.4\"");
  BOOST_TEST(run(xml).empty(), describe(run(xml)));
  xml.replace(xml.find("<realmCode code=\"US\"/>"), std::string("<realmCode code=\"US\"/>").size(),
              "");
  BOOST_TEST(with_rule(run(xml), "us-realm-header/realm-code").size() == 1u);

  CdaRules rules = load_cda_rules(fs::path(CCDAFHIR_SOURCE_DIR) / "schemas" / "ccda");
  DiagnosticSink sink;
  test::require_shared();
  auto parsed_types = [&](const std::string& doc) {
    XmlDocPtr tree(
        xmlReadMemory(doc.data(), static_cast<int>(doc.size()), "t.xml", nullptr, XML_PARSE_NONET));
    return check_cda_rules(rules, tree.get(), sink);
  };
  BOOST_TEST(parsed_types(xml).empty());
  BOOST_TEST(parsed_types(minimal_ccd()) == std::vector<std::string>{"ccd"});
}

BOOST_AUTO_TEST_CASE(template_versions_are_checked_as_warnings) {
  std::string xml =
      mutated("<templateId root=\"2.16.840.1.113883.10.20.22.1.2\" extension=\"2015-08-01\"/>",
              "<templateId root=\"2.16.840.1.113883.10.20.22.1.2\"/>");
  std::vector<Diagnostic> all = run(xml);
  BOOST_TEST(errors_only(all).empty(), describe(all));
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_TEST((all[0].severity == Severity::kWarning));
  BOOST_TEST(all[0].rule_id == "ccd/template-version:2.16.840.1.113883.10.20.22.1.2");
}

BOOST_AUTO_TEST_CASE(a_missing_schema_is_an_error_issue_and_a_broken_rule_file_is_kconfig) {
  fs::path tmp = fs::temp_directory_path() / "ccdafhir-validate-cda-test";
  fs::remove_all(tmp);
  fs::create_directories(tmp / "empty");
  CdaValidator no_xsd(CCDAFHIR_SOURCE_DIR, (tmp / "empty").string());
  DiagnosticSink sink;
  no_xsd.validate(minimal_ccd(), ValidateOptions{}, sink);
  BOOST_REQUIRE_EQUAL(sink.items().size(), 1u);
  BOOST_TEST(sink.items()[0].rule_id == "cda-xsd");
  BOOST_TEST((sink.items()[0].severity == Severity::kError));
  BOOST_TEST(sink.items()[0].message.find("CCDAFHIR_CDA_XSD") != std::string::npos);

  // A rule file with an unknown key stops start-up naming the file and line.
  fs::path data = tmp / "data";
  fs::create_directories(data / "schemas" / "ccda" / "header");
  fs::create_directories(data / "schemas" / "ccda" / "document");
  fs::copy_file(fs::path(CCDAFHIR_SOURCE_DIR) / "schemas" / "ccda" / "sections.yaml",
                data / "schemas" / "ccda" / "sections.yaml");
  std::ofstream(data / "schemas" / "ccda" / "header" / "h.yaml")
      << "header: h\ntitle: H\nrules:\n  - id: r\n    context: /ClinicalDocument\n"
         "    require: id\n    messsage: typo\n";
  try {
    CdaValidator broken(data.string(), (tmp / "empty").string());
    BOOST_ERROR("a broken rule file was accepted");
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kConfig));
    BOOST_TEST(std::string(e.what()).find("h.yaml:7: rule 'r': unknown key 'messsage'") !=
                   std::string::npos,
               e.what());
  }
  std::ofstream(data / "schemas" / "ccda" / "header" / "h.yaml")
      << "header: h\ntitle: H\nrules:\n  - id: r\n    context: /ClinicalDocument[\n"
         "    require: id\n    message: m\n";
  BOOST_CHECK_THROW(CdaValidator(data.string(), (tmp / "empty").string()), Error);
  fs::remove_all(tmp);
}

BOOST_AUTO_TEST_CASE(corpus_sweep_reports_xsd_and_template_results) {
  // Every well-formed corpus document validates (no exception); every issue is placed and
  // named; and no schema message quotes a document value. Prints the pass counts per source
  // and the commonest failures (real EHR output may fail: that is information).
  std::map<std::string, std::pair<std::size_t, std::size_t>> per_folder;  // xsd pass, total
  std::map<std::string, std::size_t> xsd_messages, rule_errors;
  std::size_t xsd_pass = 0, rules_pass = 0, both_pass = 0, total = 0, bytes = 0;
  std::chrono::steady_clock::duration spent{};
  for (const Doc& doc : corpus_documents()) {
    if (!doc.well_formed) continue;
    std::string xml = corpus_file(doc.path);
    bytes += xml.size();
    auto start = std::chrono::steady_clock::now();
    std::vector<Diagnostic> all = run(xml);
    spent += std::chrono::steady_clock::now() - start;
    ++total;
    std::size_t xsd = 0, rule = 0;
    for (const Diagnostic& d : errors_only(all)) {
      BOOST_TEST_CONTEXT(doc.path) {
        BOOST_TEST(!d.rule_id.empty());
        BOOST_TEST(!d.source_path.empty(), d.message);
        BOOST_TEST(d.source_line > 0, d.message);
      }
      if (d.rule_id == "cda-xsd") {
        ++xsd;
        std::string m = d.message.substr(0, d.message.find(" (line"));
        ++xsd_messages[m.substr(0, 110)];
        for (auto at = m.find("value '"); at != std::string::npos; at = m.find("value '", at + 1)) {
          BOOST_TEST(m.compare(at + 7, 4, "\xE2\x80\xA6'") == 0, m);
        }
      } else {
        ++rule;
        ++rule_errors[d.rule_id];
      }
    }
    auto& [pass, count] = per_folder[doc.folder];
    ++count;
    if (xsd == 0) ++pass, ++xsd_pass;
    if (rule == 0) ++rules_pass;
    if (xsd == 0 && rule == 0) ++both_pass;
  }
  BOOST_TEST(total == 584u);
  std::cout << "C-CDA corpus: " << xsd_pass << "/" << total << " pass the CDA XSD, " << rules_pass
            << "/" << total << " have no template rule error, " << both_pass << "/" << total
            << " pass both ("
            << std::chrono::duration_cast<std::chrono::milliseconds>(spent).count() << " ms for "
            << bytes / (1 << 20) << " MiB, one thread)\n";
  for (const auto& [folder, counts] : per_folder) {
    std::cout << "  " << folder << ": " << counts.first << "/" << counts.second
              << " pass the XSD\n";
  }
  auto top = [](const std::map<std::string, std::size_t>& m, const char* title) {
    std::vector<std::pair<std::size_t, std::string>> v;
    for (const auto& [k, n] : m) v.push_back({n, k});
    std::sort(v.rbegin(), v.rend());
    std::cout << title << "\n";
    for (std::size_t i = 0; i < v.size() && i < 12; ++i) {
      std::cout << "  " << v[i].first << "\t" << v[i].second << "\n";
    }
  };
  top(xsd_messages, "commonest schema errors:");
  top(rule_errors, "commonest template rule errors:");
}

BOOST_AUTO_TEST_SUITE_END()
