// Every attack through every entry point it applies to, each with the exact one-line reason: the
// XML attacks through to-fhir and validate (C-CDA), the JSON attacks through to-ccda and
// validate (FHIR); the entry, size and time limits of to-ccda and validate in the library and
// on the command line (exit 2, the reason on stderr, no output); a reference cycle through the
// validator; a zip bomb and hostile member names in a batch archive. Needs ../shared (the CDA
// XSD for the validator).
#include <archive.h>
#include <archive_entry.h>

#include <chrono>
#include <fstream>
#include <map>

#include "hostile_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;
using namespace ccdafhir::test;

namespace {

struct Attack {
  std::string name;
  std::string bytes;
  std::string reason;
};

std::vector<Attack> xml_attacks() {
  const std::string open = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">";
  return {
      {"external file entity",
       "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "
       "\"file:///etc/passwd\">]>" +
           open + "<title>&x;</title></ClinicalDocument>",
       kDoctypeRefused},
      {"external http entity",
       "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "
       "\"http://127.0.0.1:9/secret\">]>" +
           open + "<title>&x;</title></ClinicalDocument>",
       kDoctypeRefused},
      {"external DTD",
       "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument SYSTEM \"http://127.0.0.1:9/cda.dtd\">" +
           open + "</ClinicalDocument>",
       kDoctypeRefused},
      {"billion laughs", billion_laughs(), kDoctypeRefused},
      {"quadratic blow-up", quadratic_blowup(), kDoctypeRefused},
      {"10,000-deep nesting", ten_thousand_deep_xml(), "elements nest too deeply (line 1)"},
      {"invalid UTF-8", open + "<title>caf\xC3\x28</title></ClinicalDocument>",
       "not well-formed XML at line 1: invalid UTF-8 byte sequence"},
      {"UTF-16 declared over single-byte text",
       "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + open + "</ClinicalDocument>",
       "the XML declaration says UTF-16 but the bytes are single-byte text: the encoding "
       "declaration is wrong"},
      {"UTF-8 declared over Latin-1 text",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + open +
           "<title>caf\xE9</title></ClinicalDocument>",
       "not well-formed XML at line 1: invalid UTF-8 byte sequence"},
  };
}

std::vector<Attack> json_attacks() {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "{\"a\":";
  deep += "1" + std::string(10000, '}');
  return {
      {"10,000-deep nesting", deep, "JSON: nesting deeper than 256 levels"},
      {"a number of 10,000 digits",
       "{\"resourceType\":\"Observation\",\"valueInteger\":" + std::string(10000, '9') + "}",
       "JSON: a number literal is longer than 64 characters"},
      {"duplicate keys",
       "{\"resourceType\":\"Bundle\",\"type\":\"document\",\"type\":\"collection\"}",
       "JSON: duplicate key in an object (path type)"},
      {"a byte order mark", "\xEF\xBB\xBF{\"resourceType\":\"Bundle\"}",
       "JSON: a byte order mark is not allowed (RFC 8259)"},
      {"invalid UTF-8", "{\"resourceType\":\"caf\xC3\x28\"}",
       "JSON: invalid UTF-8 byte sequence at byte 20"},
  };
}

// The sample's Bundle (to-fhir output) as a file, and its number of entries.
const std::string& sample_bundle() {
  static const std::string bundle = engine().to_fhir(read_file(sample()), fixed_options()).output;
  return bundle;
}

std::size_t sample_bundle_entries() {
  Json parsed = Json::parse(sample_bundle());
  return parsed["entry"].size();
}

fs::path written(const std::string& name, const std::string& bytes) {
  fs::path p = scratch(name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

const std::string kNow = "2000-01-01T00:00:00Z";

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile)

BOOST_AUTO_TEST_CASE(xml_attacks_are_refused_alike_by_to_fhir_and_validate) {
  for (const Attack& a : xml_attacks()) {
    BOOST_TEST_CONTEXT(a.name) {
      BOOST_TEST(conversion_rejection(a.bytes, fixed_options()) == a.reason);
      BOOST_TEST(validation_rejection(a.bytes) == a.reason);
    }
  }
}

BOOST_AUTO_TEST_CASE(json_attacks_are_refused_alike_by_to_ccda_and_validate) {
  for (const Attack& a : json_attacks()) {
    BOOST_TEST_CONTEXT(a.name) {
      BOOST_TEST(to_ccda_rejection(a.bytes, fixed_options()) == a.reason);
      BOOST_TEST(validation_rejection(a.bytes) == a.reason);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_command_line_refuses_attacks_with_exit_2_and_the_reason) {
  const Attack entity = xml_attacks().front();
  const Attack duplicate = json_attacks()[2];
  fs::path xml = written("entity.xml", entity.bytes);
  fs::path json = written("duplicate.json", duplicate.bytes);
  struct Case {
    std::vector<std::string> args;
    std::string reason;
  };
  for (const Case& c : std::vector<Case>{
           {{"to-fhir", xml.string(), "-o", scratch("out.json").string()}, entity.reason},
           {{"validate", xml.string()}, entity.reason},
           {{"to-ccda", json.string(), "-o", scratch("out.xml").string()}, duplicate.reason},
           {{"validate", json.string()}, duplicate.reason}}) {
    BOOST_TEST_CONTEXT(c.args[0] << " " << c.args[1]) {
      CliRun r = run_cli(c.args);
      BOOST_TEST(r.exit_code == 2);
      BOOST_TEST(r.err == "ccdafhir: rejected: " + c.reason + "\n");
    }
  }
  BOOST_TEST(!fs::exists(scratch("out.json")));
  BOOST_TEST(!fs::exists(scratch("out.xml")));
}

BOOST_AUTO_TEST_CASE(text_over_the_text_limit_is_refused_by_validate_with_its_line) {
  ValidateOptions options;
  options.limits.max_text_bytes = 1000;
  std::string doc = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n<title>" +
                    std::string(5000, 'x') + "</title></ClinicalDocument>";
  BOOST_TEST(validation_rejection(doc, options) ==
             "a text value at line 2 is 5000 bytes, over the limit of 1000");
}

BOOST_AUTO_TEST_CASE(input_over_the_size_limit_streamed_to_to_ccda_and_validate_is_not_read_whole) {
  // 256 MiB generated as it is written, inside one string or text node: each command must stop
  // reading at the 1 MiB limit, so the pipe takes little more than that and memory stays small.
  const std::size_t fill = std::size_t{256} << 20;
  const std::string json_head = "{\"resourceType\":\"Bundle\",\"type\":\"document\",\"id\":\"";
  const std::string xml_head = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>";
  struct Case {
    std::vector<std::string> args;
    std::string head, tail;
  };
  for (const Case& c : std::vector<Case>{
           {{"to-ccda", "-", "--max-bytes", "1048576", "-o", scratch("big.xml").string()},
            json_head,
            "\"}"},
           {{"validate", "-", "--max-bytes", "1048576"}, json_head, "\"}"},
           {{"validate", "-", "--max-bytes", "1048576"},
            xml_head,
            "</title></ClinicalDocument>"}}) {
    BOOST_TEST_CONTEXT(c.args[0] << " " << c.head.substr(0, 12)) {
      CliRun r = run_cli(c.args, c.head, fill, c.tail);
      BOOST_TEST(r.exit_code == 2);
      BOOST_TEST(r.err == "ccdafhir: rejected: input is over the size limit of 1048576 bytes\n");
      BOOST_TEST(r.bytes_fed < std::size_t{8} << 20, "fed " << r.bytes_fed);
      BOOST_TEST(r.max_rss_kib < 200 * 1024, "peak RSS " << r.max_rss_kib << " KiB");
    }
  }
  BOOST_TEST(!fs::exists(scratch("big.xml")));
}

BOOST_AUTO_TEST_CASE(more_entries_than_the_limit_are_refused_by_to_ccda_and_validate) {
  const std::size_t n = sample_bundle_entries();
  BOOST_REQUIRE(n > 2u);
  ConvertOptions convert = fixed_options();
  convert.limits.max_entries = n - 1;
  const std::string over = "Bundle has more than " + std::to_string(n - 1) + " entries";
  BOOST_TEST(to_ccda_rejection(sample_bundle(), convert) == over);
  ValidateOptions validate;
  validate.limits.max_entries = n - 1;
  BOOST_TEST(validation_rejection(sample_bundle(), validate) == over);
  convert.limits.max_entries = n;
  validate.limits.max_entries = n;
  BOOST_TEST(to_ccda_rejection(sample_bundle(), convert) == "(accepted)");
  BOOST_TEST(validation_rejection(sample_bundle(), validate) == "(accepted)");

  // C-CDA: section entries, counted as to-fhir counts them.
  validate.limits.max_entries = 10;
  BOOST_TEST(validation_rejection(document_with_entries(11), validate) ==
             "document has more than 10 entries");
  BOOST_TEST(validation_rejection(document_with_entries(10), validate) == "(accepted)");

  fs::path bundle = written("entries.json", sample_bundle());
  fs::path doc = written("entries.xml", document_with_entries(30));
  const std::string limit = std::to_string(n - 1);
  for (const auto& [args, reason] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"to-ccda", bundle.string(), "--max-entries", limit, "--now", kNow}, over},
           {{"validate", bundle.string(), "--max-entries", limit}, over},
           {{"validate", doc.string(), "--max-entries", "10"},
            "document has more than 10 entries"}}) {
    BOOST_TEST_CONTEXT(args[0] << " " << args[1]) {
      CliRun r = run_cli(args);
      BOOST_TEST(r.exit_code == 2);
      BOOST_TEST(r.err == "ccdafhir: rejected: " + reason + "\n");
    }
  }
}

BOOST_AUTO_TEST_CASE(to_ccda_and_validate_honour_the_time_limit) {
  ConvertOptions convert = fixed_options();
  convert.limits.max_seconds = 1e-9;
  BOOST_TEST(to_ccda_rejection(sample_bundle(), convert) ==
             "conversion took longer than the limit of 1e-09 seconds (stopped while parsing)");
  ValidateOptions validate;
  validate.limits.max_seconds = 1e-9;
  const std::string validation_over =
      "validation took longer than the limit of 1e-09 seconds (stopped while parsing)";
  BOOST_TEST(validation_rejection(sample_bundle(), validate) == validation_over);
  BOOST_TEST(validation_rejection(read_file(sample()), validate) == validation_over);

  fs::path bundle = written("timed.json", sample_bundle());
  for (const auto& [args, reason] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"to-ccda", bundle.string(), "--max-seconds", "0.000000001", "-o",
             scratch("timed.xml").string()},
            "conversion took longer than the limit of 1e-09 seconds (stopped while parsing)"},
           {{"validate", bundle.string(), "--max-seconds", "0.000000001"}, validation_over},
           {{"validate", sample(), "--max-seconds", "0.000000001"}, validation_over},
           {{"to-fhir", sample(), "--validate", "--max-seconds", "0.000000001"},
            "conversion took longer than the limit of 1e-09 seconds (stopped while parsing)"},
           {{"to-ccda", bundle.string(), "--max-seconds", "soon"},
            "--max-seconds must be a positive number of seconds"},
           {{"validate", bundle.string(), "--max-seconds", "-1"},
            "--max-seconds must be a positive number of seconds"}}) {
    BOOST_TEST_CONTEXT(args[0] << " " << args[2] << " " << args[3]) {
      CliRun r = run_cli(args);
      BOOST_TEST(r.exit_code == 2);
      BOOST_TEST(r.err == "ccdafhir: rejected: " + reason + "\n");
    }
  }
  BOOST_TEST(!fs::exists(scratch("timed.xml")));

  // A generous budget changes nothing.
  convert.limits.max_seconds = 600;
  validate.limits.max_seconds = 600;
  BOOST_TEST(engine().to_ccda(sample_bundle(), convert).output ==
             engine().to_ccda(sample_bundle(), fixed_options()).output);
  ValidationResult timed = validator().validate(sample_bundle(), validate);
  ValidationResult untimed = validator().validate(sample_bundle(), ValidateOptions{});
  BOOST_TEST(timed.errors == untimed.errors);
  BOOST_TEST(timed.diagnostics.items().size() == untimed.diagnostics.items().size());
}

BOOST_AUTO_TEST_CASE(the_time_limit_stops_validation_in_the_middle_of_its_checks) {
  // A Bundle of many small resources takes the structure check through thousands of objects:
  // with a budget spent while it runs, the tick inside the check stops it (not the end check).
  Json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", Json::array()}};
  for (int i = 0; i < 20000; ++i) {
    bundle["entry"].push_back(
        {{"fullUrl", "urn:uuid:00000000-0000-4000-8000-" + std::to_string(100000000000 + i)},
         {"resource",
          {{"resourceType", "Observation"},
           {"status", "final"},
           {"code", {{"coding", {{{"system", "http://loinc.org"}, {"code", "8867-4"}}}}}}}}});
  }
  std::string json = bundle.dump();
  // The deadline is wall-clock: on a shared machine one run can be several times slower than the
  // next. Each attempt measures the whole validation, then gives a quarter of that as the budget
  // (spent long after parsing, long before the end); the property must hold in one of three
  // attempts, and every rejection seen must be the time limit's.
  std::string reason;
  double stopped = 0, full = 0;
  bool in_the_middle = false;
  for (int attempt = 0; attempt < 3 && !in_the_middle; ++attempt) {
    auto start = std::chrono::steady_clock::now();
    validator().validate(json, ValidateOptions{});
    full = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ValidateOptions options;
    options.limits.max_seconds = full / 4;
    start = std::chrono::steady_clock::now();
    reason = validation_rejection(json, options);
    stopped = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!reason.empty())
      BOOST_TEST(reason.rfind("validation took longer than the limit of ", 0) == 0u, reason);
    in_the_middle =
        reason.find("(stopped while checking the ") != std::string::npos && stopped < full * 0.75;
  }
  BOOST_TEST(in_the_middle,
             "last attempt: '" << reason << "' after " << stopped << " s of " << full);
}

BOOST_AUTO_TEST_CASE(a_bom_before_xml_changes_nothing_in_validation) {
  ValidationResult plain = validator().validate(read_file(sample()), ValidateOptions{});
  ValidationResult bom = validator().validate("\xEF\xBB\xBF" + read_file(sample()), {});
  BOOST_TEST(bom.errors == plain.errors);
  BOOST_TEST(bom.warnings == plain.warnings);
  BOOST_TEST(bom.diagnostics.items().size() == plain.diagnostics.items().size());
}

BOOST_AUTO_TEST_CASE(validate_ends_on_a_bundle_with_a_reference_cycle) {
  auto start = std::chrono::steady_clock::now();
  ValidationResult r = validator().validate(reference_cycle_bundle(), ValidateOptions{});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(seconds < 10.0);
  // The Bundle lacks what a C-CDA on FHIR document needs (Composition.identifier, Patient
  // identifiers, ...): the validator says so instead of following the cycle.
  BOOST_TEST(r.errors > 0u);
}

BOOST_AUTO_TEST_CASE(a_zip_bomb_and_hostile_member_names_in_a_batch_archive_get_their_reasons) {
  // 128 MiB of spaces deflates to about 128 KiB: a thousand to one. The member is written in
  // pieces, so neither the test nor the batch ever holds it whole.
  const fs::path archive = scratch("hostile.zip");
  {
    struct archive* a = archive_write_new();
    archive_write_set_format_zip(a);
    BOOST_REQUIRE(archive_write_open_filename(a, archive.c_str()) == ARCHIVE_OK);
    auto add = [&](const std::string& name, std::size_t size, const std::string& bytes) {
      struct archive_entry* e = archive_entry_new();
      archive_entry_set_pathname(e, name.c_str());
      archive_entry_set_size(e, static_cast<la_int64_t>(size));
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_perm(e, 0644);
      BOOST_REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
      for (std::size_t left = size; left > 0;) {
        std::size_t n = std::min(left, bytes.size());
        BOOST_REQUIRE(archive_write_data(a, bytes.data(), n) == static_cast<la_ssize_t>(n));
        left -= n;
      }
      archive_entry_free(e);
    };
    const std::string good = read_file(sample());
    add("../../x.xml", good.size(), good);
    add("ok/../../../y.xml", good.size(), good);
    add("/tmp/absolute.xml", good.size(), good);
    add("bomb.xml", std::size_t{128} << 20, std::string(1 << 16, ' '));
    add("ok/good.xml", good.size(), good);
    archive_write_close(a);
    archive_write_free(a);
  }
  BOOST_TEST(fs::file_size(archive) < std::size_t{2} << 20);
  // Two levels below a folder of the test's own, so that what "../../x.xml" would have written
  // (root/x.json, root/y.json) can be looked for.
  const fs::path root = scratch("batch-root");
  const fs::path out = root / "a" / "out";
  CliRun r = run_cli({"batch", archive.string(), out.string(), "--max-bytes", "1048576", "--jobs",
                      "1", "--progress", "off", "--now", kNow});
  BOOST_TEST(r.exit_code == 1);  // ran to its end; some members were rejected
  BOOST_TEST(r.max_rss_kib < 200 * 1024, "peak RSS " << r.max_rss_kib << " KiB");
  std::map<std::string, Json> lines;
  std::ifstream report(out / "report.ndjson");
  for (std::string line; std::getline(report, line);) {
    Json j = Json::parse(line);
    lines[j["name"].get<std::string>()] = j;
  }
  BOOST_TEST(lines.size() == 5u);
  const std::string traversal = "path traversal: the member name has a '..' component";
  for (const auto& [name, reason] : std::vector<std::pair<std::string, std::string>>{
           {"../../x.xml", traversal},
           {"ok/../../../y.xml", traversal},
           {"/tmp/absolute.xml", "absolute member name: it would be written outside OUT_DIR"},
           {"bomb.xml", "over the input size limit of 1048576 bytes"}}) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_REQUIRE(lines.count(name));
      BOOST_TEST(lines[name].value("status", "") == "rejected");
      BOOST_TEST(lines[name].value("reason", "") == reason);
    }
  }
  BOOST_TEST(lines["ok/good.xml"].value("status", "") == "converted");
  BOOST_TEST(fs::is_regular_file(out / "ok" / "good.json"));
  BOOST_TEST(!fs::exists(root / "x.json"));
  BOOST_TEST(!fs::exists(root / "y.json"));
  BOOST_TEST(!fs::exists("/tmp/absolute.json"));
}

BOOST_AUTO_TEST_SUITE_END()
