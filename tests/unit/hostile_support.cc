// Helpers of the hostile-input tests (hostile_support.h).
#include "hostile_support.h"
#include "ccdafhir_build_paths.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ccdafhir/error.h"
#include "intake/json_intake.h"
#include "intake/xml_intake.h"

namespace fs = std::filesystem;

namespace ccdafhir::test {

std::string xml_rejection(const std::string& bytes, const Limits& limits) {
  try {
    parse_cda(bytes, limits);
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
    return e.what();
  }
  return "(accepted)";
}

std::string json_rejection(const std::string& bytes, const Limits& limits) {
  try {
    parse_json_input(bytes, limits);
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
    return e.what();
  }
  return "(accepted)";
}

std::string conversion_rejection(const std::string& bytes, const ConvertOptions& options) {
  try {
    engine().to_fhir(bytes, options);
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
    return e.what();
  }
  return "(accepted)";
}

std::string to_ccda_rejection(const std::string& bytes, const ConvertOptions& options) {
  try {
    engine().to_ccda(bytes, options);
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
    return e.what();
  }
  return "(accepted)";
}

const Validator& validator() {
  require_shared();
  static const Validator v(
      ValidatorConfig{CCDAFHIR_SOURCE_DIR, (shared_dir() / "schemas" / "cda").string()});
  return v;
}

std::string validation_rejection(const std::string& bytes, const ValidateOptions& options) {
  try {
    validator().validate(bytes, options);
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
    return e.what();
  }
  return "(accepted)";
}

std::string billion_laughs() {
  std::string dtd = "<!ENTITY lol0 \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    std::string prev = "&lol" + std::to_string(i - 1) + ";";
    std::string body;
    for (int k = 0; k < 10; ++k) body += prev;
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"" + body + "\">";
  }
  return "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument [" + dtd +
         "]><ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>&lol9;</title></ClinicalDocument>";
}

std::string quadratic_blowup() {
  std::string doc = "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument [<!ENTITY a \"" +
                    std::string(100000, 'a') + "\">]><ClinicalDocument xmlns=\"urn:hl7-org:v3\">";
  for (int i = 0; i < 20000; ++i) doc += "<title>&a;&a;&a;&a;&a;</title>";
  return doc + "</ClinicalDocument>";
}

std::string ten_thousand_deep_xml() {
  std::string doc = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">";
  for (int i = 0; i < 10000; ++i) doc += "<a>";
  for (int i = 0; i < 10000; ++i) doc += "</a>";
  return doc + "</ClinicalDocument>";
}

std::string document_with_entries(int n) {
  std::string entries;
  for (int i = 0; i < n; ++i) entries += "<entry><act classCode=\"ACT\" moodCode=\"EVN\"/></entry>";
  return "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id "
         "root=\"1.2.3\"/><component><structuredBody>"
         "<component><section>" +
         entries + "</section></component></structuredBody></component></ClinicalDocument>";
}

fs::path scratch(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("ccdafhir-hostile-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d / name;
}

CliRun run_cli(const std::vector<std::string>& args, const std::string& head, std::size_t fill,
               const std::string& tail, char fill_byte) {
  fs::path err_path = scratch("stderr");
  int in_pipe[2];
  BOOST_REQUIRE(::pipe(in_pipe) == 0);
  pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int out = ::open("/dev/null", O_WRONLY);
    ::dup2(err, 2);
    ::dup2(out, 1);
    ::setenv("CCDAFHIR_DATA_DIR", CCDAFHIR_SOURCE_DIR, 1);
    std::vector<char*> argv;
    std::string binary = CCDAFHIR_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  CliRun r;
  auto previous = ::signal(SIGPIPE, SIG_IGN);  // the command closing its input is expected
  auto feed = [&](const char* data, std::size_t size) {
    while (size > 0) {
      ssize_t n = ::write(in_pipe[1], data, size);
      if (n <= 0) return false;
      r.bytes_fed += static_cast<std::size_t>(n);
      data += n;
      size -= static_cast<std::size_t>(n);
    }
    return true;
  };
  if (!head.empty()) {
    bool open = feed(head.data(), head.size());
    std::string chunk(1 << 16, fill_byte);
    for (std::size_t left = fill; open && left > 0;) {
      std::size_t n = std::min(left, chunk.size());
      open = feed(chunk.data(), n);
      left -= n;
    }
    if (open) feed(tail.data(), tail.size());
  }
  ::close(in_pipe[1]);
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  ::signal(SIGPIPE, previous);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.max_rss_kib = usage.ru_maxrss;
  r.err = read_file(err_path);
  return r;
}

std::string sample() {
  return std::string(CCDAFHIR_SOURCE_DIR) + "/samples/ccd-synthetic.xml";
}

// A document Bundle whose references form cycles: Condition A -> Observation B -> A (evidence,
// derivedFrom), the Patient linking to itself and a section entry pointing at the Composition.
// Any walk that follows references without remembering where it has been never ends.
std::string reference_cycle_bundle() {
  const std::string a = "urn:uuid:8a1f5c1e-0000-4000-8000-00000000000a";
  const std::string b = "urn:uuid:8a1f5c1e-0000-4000-8000-00000000000b";
  const std::string p = "urn:uuid:8a1f5c1e-0000-4000-8000-00000000000c";
  const std::string c = "urn:uuid:8a1f5c1e-0000-4000-8000-00000000000d";
  Json composition = {
      {"resourceType", "Composition"},
      {"status", "final"},
      {"type", {{"coding", {{{"system", "http://loinc.org"}, {"code", "34133-9"}}}}}},
      {"subject", {{"reference", p}}},
      {"date", "2000-01-01T00:00:00Z"},
      {"author", {{{"reference", p}}}},
      {"title", "cycle"},
      {"section",
       {{{"title", "Problems"},
         {"code", {{"coding", {{{"system", "http://loinc.org"}, {"code", "11450-4"}}}}}},
         {"entry", {{{"reference", a}}, {{"reference", c}}}}}}}};
  Json condition = {{"resourceType", "Condition"},
                    {"subject", {{"reference", p}}},
                    {"evidence", {{{"detail", {{{"reference", b}}}}}}}};
  Json observation = {{"resourceType", "Observation"},
                      {"status", "final"},
                      {"code", {{"text", "x"}}},
                      {"subject", {{"reference", p}}},
                      {"derivedFrom", {{{"reference", a}}}},
                      {"hasMember", {{{"reference", b}}}}};
  Json patient = {{"resourceType", "Patient"},
                  {"link", {{{"other", {{"reference", p}}}, {"type", "seealso"}}}}};
  Json bundle = {{"resourceType", "Bundle"},
                 {"identifier", {{"system", "urn:ietf:rfc:3986"}, {"value", c}}},
                 {"type", "document"},
                 {"timestamp", "2000-01-01T00:00:00Z"},
                 {"entry",
                  {{{"fullUrl", c}, {"resource", composition}},
                   {{"fullUrl", a}, {"resource", condition}},
                   {{"fullUrl", b}, {"resource", observation}},
                   {{"fullUrl", p}, {"resource", patient}}}}};
  return bundle.dump();
}

}  // namespace ccdafhir::test
