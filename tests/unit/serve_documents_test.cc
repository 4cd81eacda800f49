// The service's document routes as a client sees them: POST /validate and POST /render answer
// byte for byte what `ccdafhir validate` and `ccdafhir render` print (on the golden Bundles and
// the corpus documents they came from, and through the real binary on a few); POST
// /$submit-attachment checks a CDex submission against its profile and the operation's rules,
// converts its C-CDA, stores it (never overwriting) and answers with an OperationOutcome;
// malformed input to every route gets its status.
#include <sys/wait.h>
#include <unistd.h>
#include "ccdafhir_build_paths.h"

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

#include "ccdafhir/error.h"
#include "cdex/jws.h"
#include "report/outcome.h"
#include "serve_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;
using namespace ccdafhir::serve_test;
using namespace std::chrono_literals;

namespace {

fs::path golden_dir() {
  return fs::path(CCDAFHIR_SOURCE_DIR) / "tests" / "golden";
}

// Every golden Bundle, and the corpus document of each golden case.
std::vector<fs::path> golden_inputs() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(golden_dir())) {
    if (entry.path().string().find(".bundle.json") != std::string::npos) out.push_back(entry);
  }
  std::ifstream cases(golden_dir() / "cases.tsv");
  std::string line;
  while (std::getline(cases, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("name\t", 0) == 0) continue;
    out.push_back(test::shared_dir() / "corpus" / line.substr(line.find('\t') + 1));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string media_type_of(const fs::path& p) {
  return p.extension() == ".json" ? "application/fhir+json" : "application/xml";
}

// What `ccdafhir validate FILE` prints (the library call it makes), and the same for render.
std::string validate_output(const std::string& input) {
  return to_operation_outcome(validator().validate(input, ValidateOptions{}).diagnostics).dump(2) +
         "\n";
}

struct Run {
  int exit_code;
  std::string out;
};
// The real binary, for the claim that the routes equal the command line.
Run binary(const std::string& args) {
  fs::path out = fs::temp_directory_path() / ("ccdafhir-serve-cli-" + std::to_string(::getpid()));
  std::string cmd = std::string("CCDAFHIR_DATA_DIR='") + CCDAFHIR_SOURCE_DIR + "' '" +
                    CCDAFHIR_BINARY + "' " + args + " > '" + out.string() + "' 2> /dev/null";
  int status = std::system(cmd.c_str());
  Run r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, test::read_file(out)};
  fs::remove(out);
  return r;
}

PackageRequest package_request() {
  PackageRequest r;
  r.cda_xml = sample();
  r.tracking_id = parse_identifier("http://example.org/provider/acn|ACN-SERVE-1");
  r.payer_id = parse_identifier("http://example.org/payer-ids|payer123");
  r.organization_id = parse_identifier("http://hl7.org/fhir/sid/us-npi|1407071236");
  r.provider_id = parse_identifier("http://hl7.org/fhir/sid/us-npi|9941339108");
  r.member_id = parse_identifier("http://example.org/member-ids|M-234567");
  r.service_date = "2024-03-15";
  r.code = "34133-9";
  r.line_items = {"1"};
  r.now = kNow;
  return r;
}

Json submission_json(const PackageRequest& r = package_request()) {
  return Json::parse(cdex().submit_attachment(r));
}

Json without(Json params, const std::string& name) {
  Json kept = Json::array();
  for (const Json& p : params["parameter"]) {
    if (p["name"] != name) kept.push_back(p);
  }
  params["parameter"] = kept;
  return params;
}

std::size_t index_of(const Json& params, const std::string& name) {
  for (std::size_t i = 0; i < params["parameter"].size(); ++i) {
    if (params["parameter"][i]["name"] == name) return i;
  }
  BOOST_FAIL("no parameter " << name);
  return 0;
}

std::string submit_path() {
  return std::string("/$submit-attachment?now=") + kNow;
}

// The issues of an OperationOutcome answer.
struct Issue {
  std::string severity, code, expression, rule, diagnostics;
};
std::vector<Issue> issues_of(const std::string& body) {
  Json oo = Json::parse(body);
  BOOST_REQUIRE(oo["resourceType"] == "OperationOutcome");
  std::vector<Issue> out;
  for (const Json& i : oo["issue"]) {
    Issue x;
    x.severity = i.value("severity", "");
    x.code = i.value("code", "");
    if (i.contains("expression")) x.expression = i["expression"].back().get<std::string>();
    x.diagnostics = i.value("diagnostics", "");
    if (i.contains("details")) x.rule = i["details"]["coding"][0].value("code", "");
    out.push_back(std::move(x));
  }
  return out;
}

bool has_issue(const std::vector<Issue>& issues, const std::string& severity,
               const std::string& expression_prefix, const std::string& text) {
  for (const Issue& i : issues) {
    if (i.severity == severity && i.expression.rfind(expression_prefix, 0) == 0 &&
        (i.rule.find(text) != std::string::npos || i.diagnostics.find(text) != std::string::npos))
      return true;
  }
  return false;
}

std::string describe(const std::vector<Issue>& issues) {
  std::string out;
  for (const Issue& i : issues)
    out += i.severity + " " + i.expression + " [" + i.rule + "] " + i.diagnostics + "\n";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(serve)

BOOST_AUTO_TEST_CASE(validate_over_http_equals_the_cli_output) {
  test::require_shared();
  Running r;
  auto c = r.client();
  std::size_t compared = 0, with_errors = 0;
  for (const fs::path& p : golden_inputs()) {
    std::string input = test::read_file(p);
    auto res = c.Post("/validate", input, media_type_of(p).c_str());
    BOOST_REQUIRE(res);
    BOOST_CHECK_MESSAGE(res->status == 200, p.filename() << ": " << res->status);
    BOOST_CHECK_MESSAGE(res->body == validate_output(input), p.filename() << ": bytes differ");
    if (res->get_header_value("X-Validation-Errors") != "0") ++with_errors;
    ++compared;
  }
  BOOST_TEST_MESSAGE("validate over HTTP: " << compared << " documents identical to the library ("
                                            << with_errors << " with errors)");
  BOOST_TEST(compared >= 45u);  // 24 golden Bundles and their 24 corpus documents
  // And the command itself, on one Bundle and one C-CDA document.
  for (const fs::path& p : {golden_dir() / "hl7-ccd.bundle.json",
                            fs::path(CCDAFHIR_SOURCE_DIR) / "samples" / "ccd-synthetic.xml"}) {
    Run cli = binary("validate '" + p.string() + "'");
    auto res = c.Post("/validate", test::read_file(p), media_type_of(p).c_str());
    BOOST_REQUIRE(res);
    BOOST_CHECK_MESSAGE(res->body == cli.out, p.filename() << ": differs from ccdafhir validate");
    // The header says what the exit code says: 1 when errors were found.
    BOOST_TEST((res->get_header_value("X-Validation-Errors") != "0") == (cli.exit_code == 1));
  }
  // --profile as a query parameter.
  std::string docref = Json::parse(cdex().document_reference(package_request())).dump();
  auto forced = c.Post("/validate?profile=us-core-documentreference", docref, "application/json");
  BOOST_TEST(forced->status == 200);
  ValidateOptions us_core;
  us_core.profile = "us-core-documentreference";
  BOOST_TEST(forced->body ==
             to_operation_outcome(validator().validate(docref, us_core).diagnostics).dump(2) +
                 "\n");
  BOOST_TEST(c.Post("/validate?profile=no-such-profile", docref, "application/json")->status ==
             400);
}

BOOST_AUTO_TEST_CASE(to_fhir_validate_reports_source_problems_as_the_cli_does) {
  test::require_shared();
  Running r;
  auto c = r.client();
  // The HL7 Discharge Summary example: its Discharge Diagnosis Section carries another code, so
  // the Bundle lacks the slice C-CDA on FHIR requires, and the source fails the section rule.
  const fs::path doc = test::shared_dir() / "corpus" / "hl7-examples" / "Documents" /
                       "Discharge_Summary" / "Discharge_Summary.xml";
  const std::string xml = test::read_file(doc);
  const std::string query = std::string("/to-fhir?now=") + kNow + "&validate=true";
  auto bundle = c.Post(query.c_str(), xml, "application/xml");
  BOOST_REQUIRE(bundle);
  BOOST_TEST(bundle->status == 200);
  BOOST_TEST(bundle->body == cli_output(xml));  // the Bundle itself, unchanged
  BOOST_TEST(bundle->get_header_value("X-Validation-Errors") != "0");
  BOOST_TEST(bundle->get_header_value("X-Source-Problems") != "0");
  // report=true answers what `to-fhir --validate --report R` writes, byte for byte.
  auto report = c.Post((query + "&report=true").c_str(), xml, "application/xml");
  BOOST_REQUIRE(report);
  BOOST_TEST(report->status == 200);
  const fs::path written =
      fs::temp_directory_path() / ("ccdafhir-serve-report-" + std::to_string(::getpid()));
  Run cli = binary("to-fhir '" + doc.string() + "' -o /dev/null --validate --now " + kNow +
                   " --report '" + written.string() + "'");
  BOOST_TEST(cli.exit_code == 1);
  BOOST_TEST(report->body == test::read_file(written));
  fs::remove(written);
  std::size_t source_problems = 0;
  for (const Issue& i : issues_of(report->body)) {
    if (i.diagnostics.rfind("source problem: ", 0) != 0) continue;
    BOOST_TEST(i.severity == "warning");
    BOOST_TEST(i.expression.rfind("/ClinicalDocument", 0) == 0u);
    ++source_problems;
  }
  BOOST_TEST(std::to_string(source_problems) == bundle->get_header_value("X-Source-Problems"));
  BOOST_TEST(has_issue(issues_of(report->body), "warning", "/ClinicalDocument",
                       "sections/discharge-diagnosis-code"));
  // A clean Bundle has nothing to explain (dated after the sample, so the Bundle's timestamp
  // does not precede the Composition's date); without validate there are no counts at all.
  auto clean =
      c.Post("/to-fhir?now=2099-01-01T00:00:00Z&validate=true", sample(), "application/xml");
  BOOST_TEST(clean->get_header_value("X-Validation-Errors") == "0");
  BOOST_TEST(clean->get_header_value("X-Source-Problems") == "0");
  auto plain = c.Post("/to-fhir", xml, "application/xml");
  BOOST_TEST(!plain->has_header("X-Source-Problems"));
  BOOST_TEST(c.Post("/to-fhir?validate=maybe", xml, "application/xml")->status == 400);
}

BOOST_AUTO_TEST_CASE(render_over_http_equals_the_cli_output) {
  test::require_shared();
  Running r;
  auto c = r.client();
  std::size_t compared = 0;
  for (const fs::path& p : golden_inputs()) {
    std::string input = test::read_file(p);
    std::string expected = renderer().render(input, RenderOptions{});
    auto res = c.Post("/render", input, media_type_of(p).c_str());
    BOOST_REQUIRE(res);
    BOOST_CHECK_MESSAGE(res->status == 200, p.filename() << ": " << res->status);
    BOOST_CHECK_MESSAGE(res->body == expected, p.filename() << ": bytes differ");
    BOOST_TEST(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
    BOOST_TEST(res->has_header("Content-Security-Policy"));
    ++compared;
  }
  BOOST_TEST(compared >= 45u);  // 24 golden Bundles and their 24 corpus documents
  for (const fs::path& p : {golden_dir() / "hl7-ccd.bundle.json",
                            fs::path(CCDAFHIR_SOURCE_DIR) / "samples" / "ccd-synthetic.xml"}) {
    Run cli = binary("render '" + p.string() + "'");
    BOOST_REQUIRE(cli.exit_code == 0);
    auto res = c.Post("/render", test::read_file(p), media_type_of(p).c_str());
    BOOST_REQUIRE(res);
    BOOST_CHECK_MESSAGE(res->body == cli.out, p.filename() << ": differs from ccdafhir render");
  }
}

BOOST_AUTO_TEST_CASE(malformed_input_to_every_route_gets_its_status) {
  Running r;
  auto c = r.client();
  auto status = [](const httplib::Result& res) { return res ? res->status : -1; };
  struct Case {
    const char* path;
    std::string body;
    const char* type;
    int expected;
  };
  const std::string params = submission_json().dump();
  const Case cases[] = {
      {"/to-fhir", "<ClinicalDocument", "application/xml", 400},
      {"/to-fhir", sample(), "text/plain", 415},
      {"/to-ccda", "[1,2", "application/fhir+json", 400},
      {"/to-ccda", "{}", "text/plain", 415},
      {"/validate", "neither", "application/json", 400},
      {"/validate", "{\"resourceType\":", "application/fhir+json", 400},
      {"/validate", "<!DOCTYPE x [<!ENTITY e 'x'>]><x>&e;</x>", "application/xml", 400},
      {"/validate", sample(), "text/plain", 415},
      {"/render", "neither", "application/xml", 400},
      {"/render", "{\"resourceType\":\"Patient\"}", "application/fhir+json", 400},
      {"/render", "<x/>", "application/xml", 400},
      {"/render", sample(), "application/pdf", 415},
      {"/$submit-attachment", "{\"resourceType\":", "application/fhir+json", 400},
      {"/$submit-attachment", "not json", "application/json", 400},
      {"/$submit-attachment", params, "application/xml", 415},
      {"/$submit-attachment", "{\"resourceType\":\"Patient\"}", "application/fhir+json", 422},
      {"/$submit-attachment", "{\"resourceType\":\"Parameters\"}", "application/fhir+json", 422},
  };
  for (const Case& k : cases) {
    auto res = c.Post(k.path, k.body, k.type);
    BOOST_CHECK_MESSAGE(status(res) == k.expected, k.path << " with " << k.type << ": "
                                                          << status(res) << ", expected "
                                                          << k.expected);
    if (res) BOOST_CHECK_MESSAGE(is_operation_outcome(res->body), k.path);
  }
  for (const char* path : {"/validate", "/render", "/$submit-attachment"}) {
    auto get = c.Get(path);
    BOOST_TEST(status(get) == 405);
    BOOST_TEST(get->get_header_value("Allow") == "POST");
  }
  for (const char* path : {"/health", "/metrics"}) {
    auto post = c.Post(path, "{}", "application/json");
    BOOST_TEST(status(post) == 405);
    BOOST_TEST(post->get_header_value("Allow") == "GET");
  }
  // The operation name URL-encoded, as some clients send it, is the same route.
  BOOST_TEST(status(c.Post("/%24submit-attachment", "{", "application/json")) == 400);
  BOOST_TEST(status(c.Post("/submit-attachment", "{", "application/json")) == 404);
  BOOST_TEST(fs::is_empty(r.scratch.dir / ".incoming"));

  // Over the size limit, on the new routes too: 413 from the request head.
  sv::ServeOptions small = quiet_options();
  small.max_body_bytes = 1024;
  Running limited(small);
  auto lc = limited.client();
  for (const char* path : {"/validate", "/render", "/$submit-attachment"}) {
    auto big = lc.Post(path, std::string(4096, ' ') + "{}", "application/json");
    BOOST_TEST(status(big) == 413, path);
  }
}

BOOST_AUTO_TEST_CASE(submit_attachment_converts_stores_and_never_overwrites) {
  Running r;
  auto c = r.client();
  const std::string body = submission_json().dump();
  auto res = c.Post(submit_path().c_str(), body, "application/fhir+json");
  BOOST_REQUIRE(res);
  auto issues = issues_of(res->body);
  BOOST_TEST_MESSAGE(describe(issues));
  BOOST_TEST(res->status == 200);
  BOOST_TEST(has_issue(issues, "information", "Parameters.parameter", "stored as version 1"));
  BOOST_TEST(has_issue(issues, "information", "Parameters.parameter[", "converted"));
  for (const Issue& i : issues) BOOST_TEST(i.severity != "error", i.expression);

  // On disk: the submission as received and the Bundle its C-CDA became (what to-fhir writes).
  auto versions = r.scratch.store.versions("http://example.org/provider/acn", "ACN-SERVE-1");
  BOOST_REQUIRE(versions.size() == 1u);
  BOOST_TEST(test::read_file(fs::path(versions[0]) / sv::kSubmissionFile) == body);
  ConvertOptions options;
  options.now = kNow;
  BOOST_TEST(test::read_file(fs::path(versions[0]) / "attachment-1.bundle.json") ==
             test::engine().to_fhir(sample(), options).output);
  BOOST_TEST(versions[0].find("-final") != std::string::npos);  // Final omitted means true

  // The same submission again: recognised, not stored twice.
  auto again = c.Post(submit_path().c_str(), body, "application/fhir+json");
  BOOST_TEST(again->status == 200);
  BOOST_TEST(has_issue(issues_of(again->body), "information", "Parameters", "already stored"));
  // A different one under the closed tracking id: 409, nothing written.
  PackageRequest other = package_request();
  other.line_items = {"2"};
  auto conflict = c.Post(submit_path().c_str(), submission_json(other).dump(), "application/json");
  BOOST_TEST(conflict->status == 409);
  BOOST_TEST(is_operation_outcome(conflict->body));
  BOOST_TEST(r.scratch.store.versions("http://example.org/provider/acn", "ACN-SERVE-1").size() ==
             1u);

  // Final = false keeps a tracking id open: each different submission is the next version.
  PackageRequest open = package_request();
  open.tracking_id = parse_identifier("http://example.org/provider/acn|ACN-SERVE-2");
  for (int k = 1; k <= 3; ++k) {
    open.line_items = {std::to_string(k)};
    Json p = submission_json(open);
    if (k < 3) p["parameter"].push_back(Json{{"name", "Final"}, {"valueBoolean", false}});
    auto v = c.Post(submit_path().c_str(), p.dump(), "application/fhir+json");
    BOOST_TEST(v->status == 200);
    BOOST_TEST(has_issue(issues_of(v->body), "information", "Parameters",
                         "stored as version " + std::to_string(k)));
  }
  open.line_items = {"4"};
  BOOST_TEST(
      c.Post(submit_path().c_str(), submission_json(open).dump(), "application/json")->status ==
      409);
  BOOST_TEST(r.scratch.store.versions("http://example.org/provider/acn", "ACN-SERVE-2").size() ==
             3u);
  BOOST_TEST(metrics_show(c, "ccdafhir_rejections_total{reason=\"conflict\"} 2"));
}

BOOST_AUTO_TEST_CASE(submit_attachment_refuses_what_fails_validation_with_422) {
  Running r;
  auto c = r.client();
  const Json params = submission_json();
  auto submit = [&](const Json& p) {
    auto res = c.Post(submit_path().c_str(), p.dump(), "application/fhir+json");
    BOOST_REQUIRE(res);
    return std::make_pair(res->status, issues_of(res->body));
  };
  // Each parameter the profile requires, removed: flagged at Parameters.parameter by its slice.
  for (const char* name : {"TrackingId", "AttachTo", "MemberId", "Attachment"}) {
    auto [status, issues] = submit(without(params, name));
    BOOST_TEST(status == 422, name);
    BOOST_TEST(has_issue(issues, "error", "Parameters.parameter",
                         std::string("cdex-parameters-submit-attachment/parameter:") + name),
               name << " removed:\n"
                    << describe(issues));
  }
  // The operation's rules the profile cannot state.
  auto [no_date, date_issues] = submit(without(params, "ServiceDate"));
  BOOST_TEST(no_date == 422);
  BOOST_TEST(has_issue(date_issues, "error", "Parameters", "ServiceDate"));
  auto [no_sender, sender_issues] =
      submit(without(without(params, "ProviderId"), "OrganizationId"));
  BOOST_TEST(no_sender == 422);
  BOOST_TEST(has_issue(sender_issues, "error", "Parameters", "ProviderId or OrganizationId"));
  BOOST_TEST(submit(without(params, "ProviderId")).first == 200);  // either one is enough

  // An attachment whose C-CDA is not a document: refused at its data.
  const std::size_t a = index_of(params, "Attachment");
  Json bad_cda = params;
  Json& attachment = bad_cda["parameter"][a]["part"][2]["resource"]["content"][0]["attachment"];
  attachment["data"] = base64_encode("<notCda/>");
  attachment.erase("hash");
  auto [cda_status, cda_issues] = submit(bad_cda);
  BOOST_TEST(cda_status == 422);
  BOOST_TEST(has_issue(cda_issues, "error",
                       "Parameters.parameter[" + std::to_string(a) +
                           "].part[2].resource.content[0].attachment.data",
                       "rejected"),
             describe(cda_issues));
  // Its hash no longer matching its data.
  Json bad_hash = params;
  bad_hash["parameter"][a]["part"][2]["resource"]["content"][0]["attachment"]["hash"] =
      base64_encode(std::string(20, 'x'));
  auto [hash_status, hash_issues] = submit(bad_hash);
  BOOST_TEST(hash_status == 422);
  BOOST_TEST(has_issue(hash_issues, "error", "Parameters", "hash does not match"));
  // A FHIR attachment failing its own validation: the issue points into the Parameters.
  Json bad_docref = params;
  bad_docref["parameter"][a]["part"][2]["resource"].erase("subject");
  auto [docref_status, docref_issues] = submit(bad_docref);
  BOOST_TEST(docref_status == 422);
  BOOST_TEST(has_issue(docref_issues, "error",
                       "Parameters.parameter[" + std::to_string(a) + "].part[2].resource",
                       "us-core-documentreference"),
             describe(docref_issues));
  BOOST_TEST(r.scratch.store.versions("http://example.org/provider/acn", "ACN-SERVE-1").size() ==
             1u);  // only the one accepted above
  BOOST_TEST(metrics_show(c, "ccdafhir_rejections_total{reason=\"validation-failed\"}"));
}

BOOST_AUTO_TEST_CASE(submit_attachment_checks_the_signature_of_an_attached_bundle) {
  fs::path dir = fs::temp_directory_path() / ("ccdafhir-serve-sig-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string key = (dir / "key.pem").string();
  BOOST_REQUIRE_MESSAGE(
      std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
                   "-subj /CN=serve-test -keyout '" +
                   key + "' -out '" + (dir / "cert.pem").string() + "' > /dev/null 2>&1")
                      .c_str()) == 0,
      "openssl could not make a test key");
  PackageRequest signed_request = package_request();
  ConvertOptions options;
  options.now = kNow;
  signed_request.bundle_json = test::engine().to_fhir(sample(), options).output;
  signed_request.signing_key_pem = test::read_file(key);
  signed_request.signing_cert_pem = test::read_file(dir / "cert.pem");
  fs::remove_all(dir);
  const std::string body = cdex().submit_attachment(signed_request);

  Running r;
  auto c = r.client();
  auto good = c.Post(submit_path().c_str(), body, "application/fhir+json");
  BOOST_REQUIRE(good);
  auto good_issues = issues_of(good->body);
  BOOST_TEST(has_issue(good_issues, "information", "Parameters", "1 signature(s) verified"),
             describe(good_issues));
  BOOST_TEST(!has_issue(good_issues, "error", "Parameters", "submit-attachment/integrity"));
  // The attached Bundle is validated against its own profiles: whatever it reports is in the
  // answer, at paths inside the Parameters, and decides the status.
  bool bundle_errors = has_issue(good_issues, "error", "Parameters.parameter[", "");
  BOOST_TEST(good->status == (bundle_errors ? 422 : 200));

  // One byte of the signed Bundle changed: the signature no longer verifies.
  Json tampered = Json::parse(body);
  Json& bundle = tampered["parameter"][index_of(tampered, "Attachment") + 1]["part"][2]["resource"];
  BOOST_REQUIRE(bundle["resourceType"] == "Bundle");
  std::string ts = bundle["timestamp"].get<std::string>();
  ts[3] = ts[3] == '0' ? '1' : '0';
  bundle["timestamp"] = ts;
  auto bad = c.Post(submit_path().c_str(), tampered.dump(), "application/fhir+json");
  BOOST_TEST(bad->status == 422);
  BOOST_TEST(has_issue(issues_of(bad->body), "error", "Parameters", "signature does not match"),
             describe(issues_of(bad->body)));
}

BOOST_AUTO_TEST_CASE(sigterm_during_submissions_loses_no_accepted_attachment) {
  ScratchStore scratch;
  ServeProcess process(
      {"--jobs", "2", "--queue", "64", "--quiet", "--store", scratch.dir.string()});
  const Json base = submission_json();
  const std::size_t tracking = index_of(base, "TrackingId");
  std::atomic<bool> stopped{false};
  std::atomic<int> unexpected{0};
  std::mutex accepted_mutex;
  std::vector<std::pair<std::string, std::string>> accepted;  // tracking id value, body
  std::vector<std::thread> clients;
  for (int t = 0; t < 6; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", process.port);
      c.set_read_timeout(60, 0);
      for (int k = 0; !stopped; ++k) {
        Json p = base;
        std::string value = "LOAD-" + std::to_string(t) + "-" + std::to_string(k);
        p["parameter"][tracking]["valueIdentifier"]["value"] = value;
        std::string body = p.dump();
        auto res = c.Post(submit_path().c_str(), body, "application/fhir+json");
        if (!res) continue;  // refused at connect once the server stopped: never accepted
        if (res->status == 200) {
          std::lock_guard lock(accepted_mutex);
          accepted.emplace_back(value, std::move(body));
        } else if (res->status != 503) {
          ++unexpected;
        }
      }
    });
  }
  std::this_thread::sleep_for(1500ms);
  BOOST_TEST(process.terminate() == 0);
  stopped = true;
  for (auto& th : clients) th.join();
  BOOST_TEST(unexpected.load() == 0);
  BOOST_TEST_MESSAGE("accepted before and during SIGTERM: " << accepted.size());
  BOOST_TEST(accepted.size() > 0u);
  // Every 200 answer's submission is on the disk, complete, with the Bundle it was converted to.
  ConvertOptions options;
  options.now = kNow;
  const std::string bundle = test::engine().to_fhir(sample(), options).output;
  std::size_t complete = 0;
  for (const auto& [value, body] : accepted) {
    auto versions = scratch.store.versions("http://example.org/provider/acn", value);
    BOOST_REQUIRE_MESSAGE(versions.size() == 1u, value << ": " << versions.size() << " versions");
    bool same = test::read_file(fs::path(versions[0]) / sv::kSubmissionFile) == body &&
                test::read_file(fs::path(versions[0]) / "attachment-1.bundle.json") == bundle;
    BOOST_CHECK_MESSAGE(same, value << ": stored files differ from what was accepted");
    complete += same ? 1 : 0;
  }
  BOOST_TEST(complete == accepted.size());
  BOOST_TEST(fs::is_empty(scratch.dir / ".incoming"));
  BOOST_TEST(process.log.find("ccdafhir serve: stopped") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
