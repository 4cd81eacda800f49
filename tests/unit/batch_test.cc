// ccdafhir batch: the same documents as a folder, a zip and a tar.gz give the same outputs and
// reports; hostile members (malformed XML, path traversal, a zip bomb) each get their report
// line and the batch goes on; an interrupted batch resumes to the result of an uninterrupted
// one. These tests need ../shared/corpus (a few of its folders are copied to a scratch tree).
#include <archive.h>
#include <archive_entry.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ccdafhir_build_paths.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "batch/batch.h"
#include "batch/directory_source.h"
#include "batch/input_source.h"
#include "batch/member_name.h"
#include "ccdafhir/validate.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;
using namespace ccdafhir::batch;

namespace {

// A scratch folder for the whole run, removed when the test program ends.
struct Scratch {
  fs::path root = fs::temp_directory_path() / ("ccdafhir-batch-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

fs::path scratch_root() {
  static const Scratch scratch;
  return scratch.root;
}

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// The input tree: three small corpus folders (one not well-formed document among them), the
// malformed/ folder of hostile inputs, and files that are not documents.
const fs::path& input_tree() {
  static const fs::path tree = [] {
    test::require_shared();
    fs::path t = scratch_root() / "in";
    for (const char* folder : {"hl7-examples", "hl7-ccda-ig", "onc-scorecard", "malformed"}) {
      // File by file: the shared folders are read-only, their copies must not be.
      const fs::path from = test::shared_dir() / "corpus" / folder;
      for (const auto& e : fs::recursive_directory_iterator(from)) {
        if (!e.is_regular_file()) continue;
        write_file(t / folder / fs::relative(e.path(), from), test::read_file(e.path()));
      }
    }
    write_file(t / "README", "not a document\n");
    write_file(t / "images" / "logo.png", std::string("\x89PNG\r\n\x1a\n", 8));
    return t;
  }();
  return tree;
}

std::size_t summary_source_problems(const fs::path& printed) {
  const Json summary = Json::parse(test::read_file(printed));
  return summary.value("source_problems", std::size_t{0});
}

std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

// Writes every member of `tree`, in the batch's own walk order, into an archive of `format`
// ("zip" or "tar.gz"), plus `extra` members (name -> bytes) at the end.
void make_archive(const fs::path& tree, const fs::path& path, const std::string& format,
                  const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  struct archive* a = archive_write_new();
  if (format == "zip") {
    archive_write_set_format_zip(a);
  } else {
    archive_write_set_format_pax_restricted(a);
    archive_write_add_filter_gzip(a);
  }
  BOOST_REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
  auto add = [&](const std::string& name, const std::string& bytes) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    BOOST_REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
    BOOST_REQUIRE(archive_write_data(a, bytes.data(), bytes.size()) ==
                  static_cast<la_ssize_t>(bytes.size()));
    archive_entry_free(e);
  };
  if (!tree.empty()) {
    DirectorySource source(tree, "");
    MemberHeader header;
    std::string bytes;
    while (source.next(header)) {
      BOOST_REQUIRE(source.read(bytes, std::size_t{1} << 30));
      add(header.name, bytes);
    }
  }
  for (const auto& [name, bytes] : extra) add(name, bytes);
  archive_write_close(a);
  archive_write_free(a);
}

BatchOptions options_for(const fs::path& in, const fs::path& out) {
  BatchOptions o;
  o.input = in.string();
  o.out_dir = out.string();
  o.jobs = 2;
  o.ndjson = true;
  o.convert = test::fixed_options();
  o.progress = ProgressMode::kOff;
  return o;
}

// report.ndjson without the timings, line by line.
std::vector<Json> report_of(const fs::path& out) {
  std::vector<Json> lines;
  std::ifstream in(out / kReportFile);
  std::string text;
  while (std::getline(in, text)) {
    Json line = Json::parse(text);
    line.erase("ms");
    lines.push_back(std::move(line));
  }
  return lines;
}

// Every file under OUT_DIR but the report and summary, by relative name.
std::map<std::string, std::string> outputs_of(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file()) continue;
    std::string name = fs::relative(e.path(), out).generic_string();
    if (name == kReportFile || name == kSummaryFile) continue;
    files[name] = test::read_file(e.path());
  }
  return files;
}

Json summary_of(const fs::path& out) {
  Json s = Json::parse(test::read_file(out / kSummaryFile));
  for (const char* timing :
       {"seconds", "documents_per_second", "mib_per_second", "input", "input_kind"}) {
    s.erase(timing);
  }
  return s;
}

// The reference: the folder, converted once without interruption.
const fs::path& reference_out() {
  static const fs::path out = [] {
    fs::path o = scratch_root() / "out-dir";
    run_batch(test::engine(), options_for(input_tree(), o));
    return o;
  }();
  return out;
}

const Json* line_named(const std::vector<Json>& report, const std::string& name) {
  for (const Json& line : report) {
    if (line["name"] == name) return &line;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(batch)

BOOST_AUTO_TEST_CASE(member_names_that_leave_out_dir_are_refused) {
  BOOST_TEST(check_member_name("a/./b.xml").name == "a/b.xml");
  BOOST_TEST(check_member_name("./a.xml").name == "a.xml");
  BOOST_TEST(check_member_name("a/b.xml").problem.empty());
  BOOST_TEST(check_member_name("../../x.xml").problem.find("traversal") != std::string::npos);
  BOOST_TEST(check_member_name("a/../../x.xml").problem.find("traversal") != std::string::npos);
  BOOST_TEST(check_member_name("/etc/x.xml").problem.find("absolute") != std::string::npos);
  BOOST_TEST(check_member_name("C:x.xml").problem.find("drive") != std::string::npos);
  BOOST_TEST(!check_member_name("a\\..\\x.xml").problem.empty());
  BOOST_TEST(!check_member_name(std::string("a\nb.xml")).problem.empty());
  BOOST_TEST(!check_member_name("").problem.empty());
  BOOST_TEST(output_name("a.b/c.XML", ".json") == "a.b/c.json");
  BOOST_TEST(output_name("a.b/c", ".json") == "a.b/c.json");
  BOOST_TEST(extension_of("x/y.XmL") == ".xml");
  BOOST_TEST(extension_of("x.y/README") == "");
}

BOOST_AUTO_TEST_CASE(every_member_has_one_line_and_the_good_ones_convert) {
  const std::vector<Json> report = report_of(reference_out());
  BOOST_TEST(report.size() == files_in(input_tree()));
  std::size_t converted = 0;
  for (const Json& line : report) {
    const std::string name = line["name"];
    const std::string status = line["status"];
    if (status == "converted" || status == "converted-with-errors") {
      ++converted;
      BOOST_TEST(fs::is_regular_file(reference_out() / line["output"].get<std::string>()));
      BOOST_TEST(line["sha1"].get<std::string>().size() == 40u);
    }
    // Hostile inputs are rejected with a reason; the bogus README, SOURCE.json, images and
    // the folder notes are skipped with one.
    if (name.rfind("malformed/", 0) == 0 && fs::path(name).extension() == ".xml") {
      BOOST_TEST(status == "rejected", name);
    }
    if (status == "rejected" || status == "skipped") {
      BOOST_TEST(!line.value("reason", "").empty(), name);
      BOOST_TEST(!line.contains("output"), name);
    }
  }
  BOOST_TEST(line_named(report, "README")->at("status") == "skipped");
  BOOST_TEST(line_named(report, "images/logo.png")->at("status") == "skipped");
  BOOST_TEST(line_named(report, "hl7-examples/SOURCE.json")->at("status") == "skipped");
  // Every well-formed ClinicalDocument of the three folders converts.
  std::size_t documents = 0;
  for (const char* folder : {"hl7-examples", "hl7-ccda-ig", "onc-scorecard"}) {
    for (const auto& e : fs::recursive_directory_iterator(input_tree() / folder)) {
      documents += extension_of(e.path().string()) == ".xml" ? 1 : 0;
    }
  }
  BOOST_TEST(converted == documents - 1);  // hl7-ccda-ig holds one that is not well-formed
  const Json summary = Json::parse(test::read_file(reference_out() / kSummaryFile));
  BOOST_TEST(summary["complete"] == true);
  BOOST_TEST(summary["members"] == report.size());
  BOOST_TEST(fs::is_regular_file(reference_out() / kBulkFolder / "Patient.ndjson"));
  BOOST_TEST(fs::is_regular_file(reference_out() / kBulkFolder / "Composition.ndjson"));
}

BOOST_AUTO_TEST_CASE(a_zip_and_a_tar_gz_give_what_the_folder_gives) {
  for (const char* format : {"zip", "tar.gz"}) {
    BOOST_TEST_CONTEXT(format) {
      const fs::path archive = scratch_root() / (std::string("in.") + format);
      make_archive(input_tree(), archive, format);
      const fs::path out = scratch_root() / (std::string("out-") + format);
      BatchResult r = run_batch(test::engine(), options_for(archive, out));
      BOOST_TEST(r.facts.input_kind != "directory");
      BOOST_TEST(report_of(out) == report_of(reference_out()));
      BOOST_TEST((outputs_of(out) == outputs_of(reference_out())));
      BOOST_TEST(summary_of(out) == summary_of(reference_out()));
    }
  }
}

BOOST_AUTO_TEST_CASE(an_interrupted_batch_resumes_to_the_uninterrupted_result) {
  const fs::path out = scratch_root() / "out-resumed";
  BatchOptions first = options_for(input_tree(), out);
  first.stop_after = 20;
  BatchResult stopped = run_batch(test::engine(), first);
  BOOST_TEST(stopped.facts.interrupted);
  BOOST_TEST(stopped.totals.members == 20u);
  BOOST_TEST(report_of(out).size() == 20u);
  BOOST_TEST(Json::parse(test::read_file(out / kSummaryFile))["complete"] == false);
  // Bulk files are only put in place by a batch that ran to its end.
  BOOST_TEST(!fs::exists(out / kBulkFolder / "Patient.ndjson"));

  BatchResult resumed = run_batch(test::engine(), options_for(input_tree(), out));
  BOOST_TEST(!resumed.facts.interrupted);
  BOOST_TEST(resumed.totals.resumed > 0u);
  BOOST_TEST(resumed.totals.resumed ==
             stopped.totals.converted + stopped.totals.converted_with_errors);
  BOOST_TEST(report_of(out) == report_of(reference_out()));
  BOOST_TEST((outputs_of(out) == outputs_of(reference_out())));
  Json summary = summary_of(out);
  Json reference = summary_of(reference_out());
  summary.erase("resumed");
  reference.erase("resumed");
  BOOST_TEST(summary == reference);

  // --force converts everything again.
  BatchOptions again = options_for(input_tree(), out);
  again.force = true;
  BOOST_TEST(run_batch(test::engine(), again).totals.resumed == 0u);
  BOOST_TEST(report_of(out) == report_of(reference_out()));
}

BOOST_AUTO_TEST_CASE(path_traversal_and_a_zip_bomb_are_refused_and_the_batch_goes_on) {
  std::vector<fs::path> examples;
  for (const auto& e : fs::recursive_directory_iterator(input_tree() / "hl7-examples")) {
    if (e.path().extension() == ".xml") examples.push_back(e.path());
  }
  BOOST_REQUIRE(!examples.empty());
  const fs::path first_example = *std::min_element(examples.begin(), examples.end());
  const std::string good = test::read_file(first_example);
  // A megabyte limit and a member of 8 MiB that deflates to a few KiB.
  const std::string bomb = "<ClinicalDocument>" + std::string(8u << 20, ' ');
  const fs::path archive = scratch_root() / "hostile.zip";
  make_archive({}, archive, "zip",
               {{"../../evil.xml", good},
                {"/tmp/absolute.xml", good},
                {"ok/../../../x.xml", good},
                {"bomb.xml", bomb},
                {"ok/good.xml", good}});
  const fs::path out = scratch_root() / "out-hostile";
  BatchOptions o = options_for(archive, out);
  o.convert.limits.max_input_bytes = 1u << 20;
  BatchResult r = run_batch(test::engine(), o);
  const std::vector<Json> report = report_of(out);
  BOOST_TEST(report.size() == 5u);
  BOOST_TEST(line_named(report, "ok/good.xml")->at("status") != "rejected");
  BOOST_TEST(fs::is_regular_file(out / "ok" / "good.json"));
  BOOST_TEST(line_named(report, "bomb.xml")->at("status") == "rejected");
  BOOST_TEST(line_named(report, "bomb.xml")->at("reason").get<std::string>().find("limit") !=
             std::string::npos);
  for (const char* name : {"../../evil.xml", "/tmp/absolute.xml", "ok/../../../x.xml"}) {
    BOOST_TEST(line_named(report, name)->at("status") == "rejected", name);
  }
  BOOST_TEST(
      line_named(report, "../../evil.xml")->at("reason").get<std::string>().find("traversal") !=
      std::string::npos);
  BOOST_TEST(
      line_named(report, "/tmp/absolute.xml")->at("reason").get<std::string>().find("absolute") !=
      std::string::npos);
  BOOST_TEST(!fs::exists(scratch_root() / "evil.json"));
  BOOST_TEST(!fs::exists(fs::path("/tmp/absolute.json")));
  BOOST_TEST(r.totals.rejected == 4u);
}

BOOST_AUTO_TEST_CASE(a_member_larger_than_the_limit_is_never_held_whole) {
  // The header's size is not trusted: read() itself stops at the limit and keeps nothing.
  const fs::path tgz = scratch_root() / "bomb.tar.gz";
  make_archive({}, tgz, "tar.gz", {{"bomb.xml", std::string(8u << 20, ' ')}, {"b.xml", "<x/>"}});
  std::unique_ptr<InputSource> source = open_input(tgz.string());
  MemberHeader header;
  std::string bytes;
  BOOST_REQUIRE(source->next(header));
  BOOST_TEST(!source->read(bytes, 1u << 20));
  BOOST_TEST(bytes.capacity() <= std::size_t{1u << 20} + (1u << 16));
  BOOST_REQUIRE(source->next(header));
  BOOST_TEST(header.name == "b.xml");
  BOOST_TEST(source->read(bytes, 1u << 20));
  BOOST_TEST(bytes == "<x/>");
  BOOST_TEST(!source->next(header));
}

BOOST_AUTO_TEST_CASE(to_ccda_converts_the_bundles_and_skips_the_xml) {
  // A Bundle made by the forward direction, beside the document it came from.
  const fs::path in = scratch_root() / "in-ccda";
  std::vector<fs::path> examples;
  for (const auto& e : fs::recursive_directory_iterator(input_tree() / "hl7-examples")) {
    if (e.path().extension() == ".xml") examples.push_back(e.path());
  }
  BOOST_REQUIRE(!examples.empty());
  const std::string xml = test::read_file(*std::min_element(examples.begin(), examples.end()));
  write_file(in / "doc.xml", xml);
  write_file(in / "bundles" / "doc.json",
             test::engine().to_fhir(xml, test::fixed_options()).output);
  const fs::path out = scratch_root() / "out-ccda";
  BatchOptions o = options_for(in, out);
  o.direction = Direction::kToCcda;
  BatchResult r = run_batch(test::engine(), o);
  const std::vector<Json> report = report_of(out);
  BOOST_REQUIRE(report.size() == 2u);
  BOOST_TEST(line_named(report, "doc.xml")->at("status") == "skipped");
  BOOST_TEST(line_named(report, "bundles/doc.json")->at("status") != "rejected");
  BOOST_TEST(line_named(report, "bundles/doc.json")->at("output") == "bundles/doc.xml");
  BOOST_TEST(test::read_file(out / "bundles" / "doc.xml").find("ClinicalDocument") !=
             std::string::npos);
  BOOST_TEST(r.facts.direction == "ccda");
  BOOST_TEST(!fs::exists(out / kBulkFolder));  // --ndjson is for FHIR output only
}

BOOST_AUTO_TEST_CASE(without_to_each_member_goes_by_its_kind) {
  // A mixed folder: a C-CDA document, a FHIR Bundle, JSON that is no FHIR resource, JSON that
  // does not parse, and a file of neither kind.
  const fs::path in = scratch_root() / "in-mixed";
  std::vector<fs::path> examples;
  for (const auto& e : fs::recursive_directory_iterator(input_tree() / "hl7-examples")) {
    if (e.path().extension() == ".xml") examples.push_back(e.path());
  }
  BOOST_REQUIRE(!examples.empty());
  const std::string xml = test::read_file(*std::min_element(examples.begin(), examples.end()));
  const std::string bundle = test::engine().to_fhir(xml, test::fixed_options()).output;
  write_file(in / "doc.xml", xml);
  write_file(in / "bundles" / "doc.json", bundle);
  write_file(in / "meta" / "SOURCE.json", R"({"name": "x", "files": [{"resourceType": "no"}]})");
  write_file(in / "meta" / "broken.json", R"({"resourceType": )");
  write_file(in / "notes.txt", "not a document\n");
  const fs::path out = scratch_root() / "out-mixed";
  BatchOptions o = options_for(in, out);
  BOOST_TEST((o.direction == Direction::kByKind));  // the default
  BatchResult r = run_batch(test::engine(), o);
  const std::vector<Json> report = report_of(out);
  BOOST_REQUIRE(report.size() == 5u);
  BOOST_TEST(line_named(report, "doc.xml")->at("status") == "converted");
  BOOST_TEST(line_named(report, "doc.xml")->at("output") == "doc.json");
  BOOST_TEST(test::read_file(out / "doc.json") == bundle);
  BOOST_TEST(line_named(report, "bundles/doc.json")->at("status") != "rejected");
  BOOST_TEST(line_named(report, "bundles/doc.json")->at("output") == "bundles/doc.xml");
  BOOST_TEST(test::read_file(out / "bundles" / "doc.xml").find("ClinicalDocument") !=
             std::string::npos);
  // A resourceType below the top level does not make a FHIR resource.
  BOOST_TEST(line_named(report, "meta/SOURCE.json")->at("status") == "skipped");
  BOOST_TEST(!line_named(report, "meta/SOURCE.json")->at("reason").get<std::string>().empty());
  BOOST_TEST(!fs::exists(out / "meta" / "SOURCE.xml"));
  BOOST_TEST(line_named(report, "meta/broken.json")->at("status") == "rejected");
  BOOST_TEST(line_named(report, "notes.txt")->at("status") == "skipped");
  BOOST_TEST(r.facts.direction == "by-kind");
  BOOST_TEST(r.totals.skipped == 2u);
  // --ndjson takes the FHIR outputs only: the one Bundle made from doc.xml.
  BOOST_TEST(fs::is_regular_file(out / kBulkFolder / "Composition.ndjson"));
  BOOST_TEST(test::read_file(out / kBulkFolder / "Composition.ndjson").find('\n') ==
             test::read_file(out / kBulkFolder / "Composition.ndjson").size() - 1);
}

BOOST_AUTO_TEST_CASE(validate_counts_reach_the_report_and_the_summary) {
  // Through the command line, so the Validator wiring of `batch --validate` is what is tested.
  const fs::path out = scratch_root() / "out-validate";
  const std::string cmd = "CCDAFHIR_DATA_DIR='" + std::string(CCDAFHIR_SOURCE_DIR) + "' '" +
                          CCDAFHIR_BINARY + "' batch '" + (input_tree() / "hl7-examples").string() +
                          "' '" + out.string() +
                          "' --jobs 2 --validate --progress off --now 2000-01-01T00:00:00Z > '" +
                          (scratch_root() / "validate.out").string() + "'";
  const int status = std::system(cmd.c_str());
  BOOST_REQUIRE(WIFEXITED(status));
  BOOST_TEST((WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1));
  // Each output validated again here gives the counts its report line holds.
  const Validator validator;
  std::size_t errors = 0, warnings = 0, converted = 0, source_problems = 0, explained = 0;
  for (const Json& line : report_of(out)) {
    const std::string name = line["name"];
    if (line["status"] != "converted" && line["status"] != "converted-with-errors") {
      BOOST_TEST(!line.contains("validation_errors"), name);
      continue;
    }
    ++converted;
    BOOST_REQUIRE_MESSAGE(line.contains("validation_errors"), name);
    BOOST_REQUIRE_MESSAGE(line.contains("validation_warnings"), name);
    const ValidationResult v = validator.validate(
        test::read_file(out / line["output"].get<std::string>()), ValidateOptions{});
    BOOST_TEST(line["validation_errors"].get<std::size_t>() == v.errors, name);
    BOOST_TEST(line["validation_warnings"].get<std::size_t>() == v.warnings, name);
    BOOST_TEST((line["status"] == "converted-with-errors") ==
                   (v.errors > 0 || line["errors"].get<std::size_t>() > 0),
               name);
    errors += v.errors;
    warnings += v.warnings;
    // A Bundle with errors carries the C-CDA rules its source fails (to-fhir --validate's
    // "source problem" warnings): their count and their rule ids, each once.
    if (v.errors == 0) {
      BOOST_TEST(!line.contains("source_problems"), name);
      continue;
    }
    const ValidationResult sp = validator.source_problems(
        test::read_file(input_tree() / "hl7-examples" / name), ValidateOptions{});
    std::set<std::string> rules;
    for (const Diagnostic& d : sp.diagnostics.items()) rules.insert(d.rule_id);
    BOOST_TEST(line.value("source_problems", std::size_t{0}) == sp.diagnostics.items().size(),
               name);
    std::vector<std::string> listed;
    if (line.contains("source_problem_rules")) listed = line["source_problem_rules"];
    BOOST_TEST((listed == std::vector<std::string>(rules.begin(), rules.end())), name);
    source_problems += sp.diagnostics.items().size();
    ++explained;
  }
  BOOST_TEST(converted > 0u);
  BOOST_TEST(explained > 0u);  // hl7-examples has Bundles with errors from their sources
  BOOST_TEST(summary_source_problems(scratch_root() / "validate.out") == source_problems);
  BOOST_TEST(warnings > 0u);  // the corpus documents are not all clean: the counts are real
  const Json summary = Json::parse(test::read_file(scratch_root() / "validate.out"));
  BOOST_TEST(summary["validation_errors"].get<std::size_t>() == errors);
  BOOST_TEST(summary["validation_warnings"].get<std::size_t>() == warnings);
  BOOST_TEST(Json::parse(test::read_file(out / kSummaryFile))["validation_errors"] ==
             summary["validation_errors"]);
  // A run without --validate does not carry over the validated lines: it converts again.
  BatchResult plain = run_batch(test::engine(), options_for(input_tree() / "hl7-examples", out));
  BOOST_TEST(plain.totals.resumed == 0u);
  BOOST_TEST(!report_of(out).front().contains("validation_errors"));
}

BOOST_AUTO_TEST_CASE(the_command_line_prints_the_summary_and_says_when_it_was_interrupted) {
  const fs::path out = scratch_root() / "out-cli";
  auto run = [&](const std::string& env) {
    std::string cmd = env + " CCDAFHIR_DATA_DIR='" + std::string(CCDAFHIR_SOURCE_DIR) + "' '" +
                      CCDAFHIR_BINARY + "' batch '" + (input_tree() / "hl7-ccda-ig").string() +
                      "' '" + out.string() + "' --jobs 2 --now 2000-01-01T00:00:00Z > '" +
                      (scratch_root() / "cli.out").string() + "' 2> '" +
                      (scratch_root() / "cli.err").string() + "'";
    int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  BOOST_TEST(run("CCDAFHIR_BATCH_STOP_AFTER=3") == 2);
  BOOST_TEST(test::read_file(scratch_root() / "cli.err").find("interrupted") != std::string::npos);
  // hl7-ccda-ig holds a document that is not well-formed: the batch ends with exit code 1.
  BOOST_TEST(run("") == 1);
  Json summary = Json::parse(test::read_file(scratch_root() / "cli.out"));
  BOOST_TEST(summary["complete"] == true);
  BOOST_TEST(summary["rejected"] == 1);
  BOOST_TEST(summary["resumed"].get<int>() > 0);
}

BOOST_AUTO_TEST_SUITE_END()
