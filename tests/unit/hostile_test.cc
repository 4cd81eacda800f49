// Hostile input, one test per attack, each checking the exact one-line reason: entities
// (external file and http, billion laughs, quadratic blow-up), nesting, sizes streamed through
// the command line (refused without being held in memory), entry and time limits, encodings
// (invalid UTF-8, a lying declaration, byte order marks), JSON number bombs and duplicate keys,
// and a FHIR Bundle whose references form a cycle (the input the reverse direction and the
// validator must survive).
#include <chrono>
#include <fstream>
#include <thread>

#include "hostile_support.h"
#include "intake/json_intake.h"
#include "util/deadline.h"

namespace fs = std::filesystem;
using namespace ccdafhir;
using namespace ccdafhir::test;

BOOST_AUTO_TEST_SUITE(hostile)

BOOST_AUTO_TEST_CASE(external_file_entity_is_refused_before_it_is_read) {
  std::string doc =
      "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "
      "\"file:///etc/passwd\">]><ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&x;</title>"
      "</ClinicalDocument>";
  BOOST_TEST(xml_rejection(doc) == kDoctypeRefused);
}

BOOST_AUTO_TEST_CASE(external_http_entity_is_refused_without_network) {
  // Port 9 (discard) on the loopback: were the parser to fetch, the test would still not leave
  // the machine; it must not even try.
  std::string doc =
      "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "
      "\"http://127.0.0.1:9/secret\">]><ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&x;"
      "</title></ClinicalDocument>";
  BOOST_TEST(xml_rejection(doc) == kDoctypeRefused);
  std::string external_dtd =
      "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument SYSTEM \"http://127.0.0.1:9/cda.dtd\">"
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>";
  BOOST_TEST(xml_rejection(external_dtd) == kDoctypeRefused);
}

BOOST_AUTO_TEST_CASE(billion_laughs_is_refused_before_expansion) {
  std::string doc = billion_laughs();
  auto start = std::chrono::steady_clock::now();
  BOOST_TEST(xml_rejection(doc) == kDoctypeRefused);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(seconds < 5.0);
}

BOOST_AUTO_TEST_CASE(quadratic_blowup_is_refused_before_expansion) {
  BOOST_TEST(xml_rejection(quadratic_blowup()) == kDoctypeRefused);
}

BOOST_AUTO_TEST_CASE(ten_thousand_deep_nesting_is_refused_by_the_xml_parser) {
  BOOST_TEST(xml_rejection(ten_thousand_deep_xml()) == "elements nest too deeply (line 1)");
}

BOOST_AUTO_TEST_CASE(ten_thousand_deep_json_is_refused) {
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  BOOST_TEST(json_rejection(deep) == "JSON: nesting deeper than 256 levels");
}

BOOST_AUTO_TEST_CASE(text_node_over_the_size_limit_streamed_on_stdin_is_not_read_whole) {
  // 256 MiB of text in one node, generated as it is written: the command must stop reading at
  // the 1 MiB limit, so the pipe accepts little more than that and memory stays small.
  std::size_t fill = std::size_t{256} << 20;
  CliRun r = run_cli({"to-fhir", "-", "--max-bytes", "1048576", "-o", scratch("out.json")},
                     "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>", fill,
                     "</title></ClinicalDocument>");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == "ccdafhir: rejected: input is over the size limit of 1048576 bytes\n");
  BOOST_TEST(r.bytes_fed < std::size_t{8} << 20, "fed " << r.bytes_fed);
  BOOST_TEST(r.max_rss_kib < 200 * 1024, "peak RSS " << r.max_rss_kib << " KiB");
  BOOST_TEST(!fs::exists(scratch("out.json")));
}

BOOST_AUTO_TEST_CASE(file_over_the_size_limit_is_refused_before_reading) {
  fs::path big = scratch("big-text.xml");
  {
    std::ofstream f(big, std::ios::binary);
    f << "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>";
    std::string chunk(1 << 16, 'x');
    for (int i = 0; i < 64; ++i) f << chunk;  // 4 MiB text node
    f << "</title></ClinicalDocument>";
  }
  CliRun r = run_cli({"to-fhir", big.string(), "--max-bytes", "1048576"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == "ccdafhir: rejected: input is over the size limit of 1048576 bytes\n");
  BOOST_TEST(r.max_rss_kib < 200 * 1024, "peak RSS " << r.max_rss_kib << " KiB");
  fs::remove(big);
}

BOOST_AUTO_TEST_CASE(text_node_over_the_text_limit_is_refused_with_its_line) {
  Limits limits;
  limits.max_text_bytes = 1000;
  std::string doc = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n<title>" +
                    std::string(5000, 'x') + "</title></ClinicalDocument>";
  BOOST_TEST(xml_rejection(doc, limits) ==
             "a text value at line 2 is 5000 bytes, over the limit of 1000");
}

BOOST_AUTO_TEST_CASE(more_entries_than_the_limit_are_refused_in_the_library_and_the_cli) {
  ConvertOptions options = test::fixed_options();
  options.limits.max_entries = 10;
  BOOST_TEST(conversion_rejection(document_with_entries(11), options) ==
             "document has more than 10 entries");
  BOOST_TEST(conversion_rejection(document_with_entries(10), options) == "(accepted)");
  fs::path doc = scratch("entries.xml");
  std::ofstream(doc) << document_with_entries(30);
  CliRun r =
      run_cli({"to-fhir", doc.string(), "--max-entries", "10", "--now", "2000-01-01T00:00:00Z"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == "ccdafhir: rejected: document has more than 10 entries\n");
}

BOOST_AUTO_TEST_CASE(nesting_over_max_depth_is_refused_through_the_cli) {
  std::string open, close;
  for (int i = 0; i < 60; ++i) {
    open += "<section>";
    close += "</section>";
  }
  fs::path doc = scratch("deep.xml");
  std::ofstream(doc) << "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">" + open + close +
                            "</ClinicalDocument>";
  CliRun r = run_cli({"to-fhir", doc.string(), "--max-depth", "40"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == "ccdafhir: rejected: elements nest deeper than 40 levels (line 1)\n");
}

BOOST_AUTO_TEST_CASE(time_limit_rejects_the_document) {
  ConvertOptions options = test::fixed_options();
  options.limits.max_seconds = 1e-9;
  BOOST_TEST(conversion_rejection(test::read_file(sample()), options) ==
             "conversion took longer than the limit of 1e-09 seconds (stopped while parsing)");
  CliRun r = run_cli({"to-fhir", sample(), "--max-seconds", "0.000000001"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err ==
             "ccdafhir: rejected: conversion took longer than the limit of 1e-09 seconds "
             "(stopped while parsing)\n");
  options.limits.max_seconds = 600;  // a generous budget changes nothing in the output
  ConvertOptions unlimited = test::fixed_options();
  BOOST_TEST(test::engine().to_fhir(test::read_file(sample()), options).output ==
             test::engine().to_fhir(test::read_file(sample()), unlimited).output);
}

BOOST_AUTO_TEST_CASE(deadline_reads_the_clock_every_256_ticks_and_then_stops_the_work) {
  Deadline deadline(0.001);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  for (int i = 0; i < 255; ++i) deadline.tick("applying the mapping rules");  // no clock read
  try {
    deadline.tick("applying the mapping rules");
    BOOST_ERROR("the 256th tick must read the clock and throw");
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
    BOOST_TEST(std::string(e.what()) ==
               "conversion took longer than the limit of 0.001 seconds (stopped while applying "
               "the mapping rules)");
  }
  Deadline none(0);
  for (int i = 0; i < 100000; ++i) none.tick("never");
  BOOST_TEST(!none.enabled());
}

BOOST_AUTO_TEST_CASE(limit_options_take_positive_numbers_only) {
  for (const auto& [option, value, message] : std::vector<std::array<std::string, 3>>{
           {"--max-depth", "abc", "--max-depth must be a positive whole number"},
           {"--max-bytes", "-5", "--max-bytes must be a positive whole number"},
           {"--max-entries", "0", "--max-entries must be a positive whole number"},
           {"--max-depth", "1000", "--max-depth must be at most 256 (the XML parser's own cap)"},
           {"--max-seconds", "soon", "--max-seconds must be a positive number of seconds"},
           {"--max-seconds", "inf", "--max-seconds must be a positive number of seconds"}}) {
    CliRun r = run_cli({"to-fhir", sample(), option, value});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ccdafhir: rejected: " + message + "\n");
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused_without_quoting_the_bytes) {
  std::string doc =
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>caf\xC3\x28</title></ClinicalDocument>";
  BOOST_TEST(xml_rejection(doc) == "not well-formed XML at line 1: invalid UTF-8 byte sequence");
  BOOST_TEST(json_rejection("{\"a\":\"caf\xC3\x28\"}") ==
             "JSON: invalid UTF-8 byte sequence at byte 9");
}

BOOST_AUTO_TEST_CASE(an_encoding_declaration_that_lies_is_refused) {
  // Declares UTF-16, but the bytes are single-byte text.
  std::string utf16_lie =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><ClinicalDocument "
      "xmlns=\"urn:hl7-org:v3\"/>";
  BOOST_TEST(xml_rejection(utf16_lie) ==
             "the XML declaration says UTF-16 but the bytes are single-byte text: the encoding "
             "declaration is wrong");
  // Declares UTF-8, but the text is Latin-1 (0xE9 for e-acute).
  std::string latin1_lie =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ClinicalDocument "
      "xmlns=\"urn:hl7-org:v3\"><title>caf\xE9</title></ClinicalDocument>";
  BOOST_TEST(xml_rejection(latin1_lie) ==
             "not well-formed XML at line 1: invalid UTF-8 byte sequence");
}

BOOST_AUTO_TEST_CASE(utf8_bom_is_accepted_for_xml_and_changes_nothing) {
  std::string doc = test::read_file(sample());
  ConvertOptions options = test::fixed_options();
  BOOST_TEST(test::engine().to_fhir("\xEF\xBB\xBF" + doc, options).output ==
             test::engine().to_fhir(doc, options).output);
}

BOOST_AUTO_TEST_CASE(bom_is_refused_for_json_as_rfc_8259_allows) {
  // RFC 8259 section 8.1: JSON text must not begin with a BOM; parsers may ignore one. FHIR JSON
  // has none, so one is taken as a sign of a mislabelled or re-encoded file and refused.
  BOOST_TEST(json_rejection("\xEF\xBB\xBF{\"resourceType\":\"Bundle\"}") ==
             "JSON: a byte order mark is not allowed (RFC 8259)");
}

BOOST_AUTO_TEST_CASE(json_number_with_ten_thousand_digits_is_refused) {
  BOOST_TEST(json_rejection("{\"valueInteger\":" + std::string(10000, '9') + "}") ==
             "JSON: a number literal is longer than 64 characters");
}

BOOST_AUTO_TEST_CASE(duplicate_json_keys_are_refused) {
  BOOST_TEST(json_rejection("{\"resourceType\":\"Patient\",\"id\":\"a\",\"id\":\"b\"}") ==
             "JSON: duplicate key in an object (path id)");
}

BOOST_AUTO_TEST_CASE(bundle_with_a_reference_cycle_passes_intake) {
  // Cycles are legal FHIR; intake must not chase references. to-ccda gets the same Bundle below;
  // the validator too (hostile_commands_test.cc): each must end, with a result or a rejection.
  Json bundle = parse_json_input(reference_cycle_bundle(), Limits{});
  BOOST_TEST(bundle["entry"].size() == 4u);
  BOOST_TEST(bundle["entry"][1]["resource"]["evidence"][0]["detail"][0]["reference"] ==
             bundle["entry"][2]["fullUrl"]);
  BOOST_TEST(bundle["entry"][2]["resource"]["derivedFrom"][0]["reference"] ==
             bundle["entry"][1]["fullUrl"]);
}

BOOST_AUTO_TEST_CASE(to_ccda_ends_on_a_bundle_with_a_reference_cycle) {
  auto start = std::chrono::steady_clock::now();
  std::string outcome;
  try {
    ConversionResult r = test::engine().to_ccda(reference_cycle_bundle(), test::fixed_options());
    outcome = r.output.find("<ClinicalDocument") != std::string::npos ? "document" : "no document";
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kInputRejected), e.what());
    outcome = "rejected";
  }
  BOOST_TEST((outcome == "document" || outcome == "rejected"), outcome);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(seconds < 10.0);
}

BOOST_AUTO_TEST_SUITE_END()
