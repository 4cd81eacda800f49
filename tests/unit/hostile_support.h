// Shared by the hostile-input tests: the exact rejection each entry point gives, the command
// run with input streamed from a generator (so a test can feed more than it ever holds), and
// the hostile documents more than one test needs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ccdafhir/options.h"
#include "ccdafhir/validate.h"
#include "test_support.h"

namespace ccdafhir::test {

inline const char* kDoctypeRefused =
    "document has a DOCTYPE: DTDs and entities are not allowed in C-CDA input";

// Each returns the Error(kInputRejected) message, or "(accepted)"; any other kind of error
// fails the test.
std::string xml_rejection(const std::string& bytes, const Limits& limits = Limits{});
std::string json_rejection(const std::string& bytes, const Limits& limits = Limits{});
std::string conversion_rejection(const std::string& bytes, const ConvertOptions& options);
std::string to_ccda_rejection(const std::string& bytes, const ConvertOptions& options);
// Through Validator::validate (the first byte picks the side), with the CDA XSD of ../shared.
std::string validation_rejection(const std::string& bytes, const ValidateOptions& options = {});

// One Validator for the run: schemas/ of this tree and the CDA XSD of ../shared.
const Validator& validator();

// The entity attacks: ten levels of ten-fold expansion (10^9 "lol"s), and one 100 KB entity
// referenced 100,000 times. Both need a DOCTYPE, which the intake refuses before expanding.
std::string billion_laughs();
std::string quadratic_blowup();
// A ClinicalDocument holding 10,000 nested elements.
std::string ten_thousand_deep_xml();

// A document with `n` section entries, each a clinical statement without a template.
std::string document_with_entries(int n);
// A document Bundle whose references form cycles (see hostile_support.cc).
std::string reference_cycle_bundle();
// samples/ccd-synthetic.xml.
std::string sample();

struct CliRun {
  int exit_code = -1;
  std::string err;
  std::size_t bytes_fed = 0;  // how much of the streamed input the command accepted
  long max_rss_kib = 0;       // the command's peak resident memory
};

// A file in this process's scratch folder (created on first use).
std::filesystem::path scratch(const std::string& name);

// Runs the ccdafhir binary with `args`; when `head` is not empty, standard input is a pipe fed
// `head`, then `fill` bytes of `fill_byte` (generated, never held whole), then `tail`, until the
// command stops reading.
CliRun run_cli(const std::vector<std::string>& args, const std::string& head = "",
               std::size_t fill = 0, const std::string& tail = "", char fill_byte = 'x');

}  // namespace ccdafhir::test
