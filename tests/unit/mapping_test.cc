// Loading mapping tables: the shipped set loads; every kind of mistake stops start-up with
// file, line and rule id; the engine code holds no template OIDs.
#include <fstream>
#include <regex>
#include "ccdafhir_build_paths.h"

#include "mapping/mapping_set.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

// A scratch data dir: the real code systems, ConceptMaps and one table of the test's making.
fs::path data_dir_with(const std::string& table_yaml, const std::string& name = "bad.yaml") {
  fs::path dir = fs::temp_directory_path() / ("ccdafhir-mapping-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::path src = CCDAFHIR_SOURCE_DIR;
  fs::create_directories(dir / "mappings" / "ccda-to-fhir" / "entry");
  fs::copy(src / "mappings" / "codesystems.tsv", dir / "mappings" / "codesystems.tsv");
  fs::copy(src / "mappings" / "conceptmaps", dir / "mappings" / "conceptmaps");
  std::ofstream(dir / "mappings" / "ccda-to-fhir" / "entry" / name) << table_yaml;
  return dir;
}

std::string load_error(const std::string& yaml, const std::string& name = "bad.yaml") {
  fs::path dir = data_dir_with(yaml, name);
  try {
    MappingSet::load(dir.string());
  } catch (const Error& e) {
    fs::remove_all(dir);
    return e.what();
  }
  fs::remove_all(dir);
  return "";
}

const std::string kHead =
    "table: bad\ntemplates:\n  - root: 1.2.3\nproduces: Observation\nrules:\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(mapping)

BOOST_AUTO_TEST_CASE(shipped_tables_load_and_resolve) {
  auto set = MappingSet::load(CCDAFHIR_SOURCE_DIR);
  BOOST_TEST(set->tables().size() > 20u);
  BOOST_TEST(set->fallback_document() != nullptr);
  BOOST_TEST(set->code_systems().size() >= 80u);
  BOOST_TEST(set->concept_maps().find("CF-ProblemStatus") != nullptr);
  for (const auto& t : set->tables()) {
    for (const auto& r : t->rules) BOOST_TEST(!r.id.empty());
  }
}

BOOST_AUTO_TEST_CASE(a_valid_scratch_table_loads) {
  BOOST_TEST(load_error(kHead + "  - { id: code, kind: coded, from: code, to: code }\n") == "");
}

BOOST_AUTO_TEST_CASE(unknown_rule_kind_names_file_line_and_rule) {
  std::string e = load_error(kHead +
                             "  - { id: code, kind: coded, from: code, to: code }\n  - { id: oops, "
                             "kind: teleport, to: x }\n");
  BOOST_TEST(
      e.find("entry/bad.yaml:7: rule 'oops': unknown rule kind 'teleport'") != std::string::npos,
      e);
}

BOOST_AUTO_TEST_CASE(bad_path_names_column) {
  std::string e =
      load_error(kHead + "  - { id: code, kind: coded, from: \"code[@x='1'\", to: code }\n");
  BOOST_TEST(e.find("bad.yaml:6: rule 'code': path") != std::string::npos, e);
  BOOST_TEST(e.find("column") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_errors) {
  BOOST_TEST(load_error(kHead + "  - { id: code, kind: coded, form: code, to: code }\n")
                 .find("unknown rule key 'form'") != std::string::npos);
  BOOST_TEST(load_error("colour: red\n" + kHead).find("unknown table key 'colour'") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(constant_without_why_is_refused) {
  std::string e =
      load_error(kHead + "  - { id: status, kind: constant, to: status, value: final }\n");
  BOOST_TEST(e.find("needs 'why'") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(unknown_conceptmap_and_table_are_refused) {
  BOOST_TEST(
      load_error(kHead +
                 "  - { id: s, kind: concept-map, from: statusCode, map: CF-Nope, to: status }\n")
          .find("unknown ConceptMap 'CF-Nope'") != std::string::npos);
  BOOST_TEST(
      load_error(kHead +
                 "  - { id: s, kind: reference, from: author, table: nope, to: performer }\n")
          .find("unknown table 'nope'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicate_rule_ids_and_misnamed_tables_are_refused) {
  BOOST_TEST(load_error(kHead + "  - { id: a, kind: coded, from: code, to: code }\n  - { id: a, "
                                "kind: coded, from: code, to: x }\n")
                 .find("duplicate rule id") != std::string::npos);
  BOOST_TEST(load_error(kHead, "other.yaml").find("must equal the file name") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(choice_targets_need_choice_kinds) {
  BOOST_TEST(load_error(kHead + "  - { id: v, kind: coded, from: value, to: \"value[x]\" }\n")
                 .find("[x]") != std::string::npos);
  BOOST_TEST(
      load_error(kHead + "  - { id: v, kind: value, from: value, to: value }\n").find("[x]") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(nest_repeats_is_checked) {
  const std::string object =
      "  - { id: c, kind: object, from: component, to: \"component[]\", rules: [ { id: x, kind: "
      "coded, from: code, to: code } ], ";
  BOOST_TEST(load_error(kHead + object +
                        "nest-repeats: { key: code/@code, into: \"nested[]\" } }\n") == "");
  std::string e = load_error(kHead + object + "nest-repeats: { key: code/@code } }\n");
  BOOST_TEST(e.find("bad.yaml:6: rule 'c': nest-repeats needs exactly 'key'") != std::string::npos,
             e);
  e = load_error(kHead + object + "nest-repeats: { key: code/@code, into: nested } }\n");
  BOOST_TEST(e.find("'into' must append") != std::string::npos, e);
  e = load_error(kHead +
                 "  - { id: c, kind: coded, from: code, to: \"code[]\", nest-repeats: { "
                 "key: \"@code\", into: \"x[]\" } }\n");
  BOOST_TEST(e.find("nest-repeats belongs to an object rule") != std::string::npos, e);
  e = load_error(kHead + object + "nest-repeats: { key: \"code[\", into: \"nested[]\" } }\n");
  BOOST_TEST(e.find("rule 'c': path") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(shared_from_is_checked) {
  auto rule = [](const std::string& from, const std::string& shared = "true") {
    return kHead + "  - { id: s, kind: coded, from: \"" + from +
           "\", to: \"component[]\", shared-from: " + shared + " }\n";
  };
  BOOST_TEST(load_error(rule("../../component/observation/code")) == "");
  BOOST_TEST(load_error(rule("code", "false")) == "");
  std::string e = load_error(rule("code"));
  BOOST_TEST(e.find("bad.yaml:6: rule 's': shared-from needs a path starting with '..'") !=
                 std::string::npos,
             e);
  e = load_error(rule("../code | ../value"));
  BOOST_TEST(e.find("not a union") != std::string::npos, e);
  e = load_error(rule("..[code]/value"));
  BOOST_TEST(e.find("must have no predicates") != std::string::npos, e);
  e = load_error(rule("../.."));
  BOOST_TEST(e.find("needs a step after") != std::string::npos, e);
  e = load_error(rule("../code", "yes"));
  BOOST_TEST(e.find("shared-from must be true or false") != std::string::npos, e);
  e = load_error(kHead +
                 "  - { id: s, kind: constant, to: x, value: 1, why: w, shared-from: true }\n");
  BOOST_TEST(e.find("shared-from needs 'from'") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(ensure_in_entries_is_checked) {
  auto table = [](const std::string& element, const std::string& ensure, const std::string& flag) {
    return "table: bad\ntemplates:\n  - root: 1.2.3\n" + element +
           "produces: Observation\nreverse:\n" + ensure + "  ensure-in-entries: " + flag +
           "\nrules: []\n";
  };
  const std::string element = "element: author\n";
  const std::string ensure = "  ensure: [\"templateId[@root='1.2.3.4']\"]\n";
  BOOST_TEST(load_error(table(element, ensure, "true")) == "");
  BOOST_TEST(load_error(table(element, ensure, "false")) == "");
  std::string e = load_error(table(element, ensure, "yes"));
  BOOST_TEST(e.find("bad.yaml:8: ensure-in-entries must be true or false") != std::string::npos, e);
  e = load_error(table("", ensure, "true"));
  BOOST_TEST(e.find("ensure-in-entries needs the table's element and a reverse ensure") !=
                 std::string::npos,
             e);
  e = load_error(table(element, "", "true"));
  BOOST_TEST(e.find("needs the table's element") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(invalid_yaml_names_the_line) {
  std::string e = load_error(kHead + "  - { id: a, kind: coded\n");
  BOOST_TEST(e.find("bad.yaml:") != std::string::npos);
  BOOST_TEST(e.find("not valid YAML") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(engine_sources_hold_no_template_oids) {
  // Templates live in mappings/: the engine only knows kinds of rules.
  std::regex oid(R"(2\.16\.840\.1\.113883\.10\.20)");
  for (const auto& f : fs::recursive_directory_iterator(fs::path(CCDAFHIR_SOURCE_DIR) / "engine")) {
    if (!f.is_regular_file()) continue;
    std::string text = test::read_file(f.path());
    BOOST_TEST(!std::regex_search(text, oid), f.path() << " names a C-CDA template OID");
  }
}

BOOST_AUTO_TEST_SUITE_END()
