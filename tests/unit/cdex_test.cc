// CDex packaging and signatures: RFC 8785 vectors, the $submit-attachment Parameters built by
// `package` (every required parameter present; each one removed is flagged), the signature on
// an attached Bundle (verifies; a one-byte change anywhere fails), and the CLI exit codes.
// Keys are made by the test with the openssl command and never leave a temporary folder.
#include <sys/wait.h>
#include <unistd.h>
#include "ccdafhir_build_paths.h"

#include <bit>
#include <fstream>

#include "ccdafhir/cdex.h"
#include "ccdafhir/validate.h"
#include "cdex/jcs.h"
#include "cdex/jws.h"
#include "intake/json_intake.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

const Validator& validator() {
  static const Validator v(ValidatorConfig{CCDAFHIR_SOURCE_DIR, ""});
  return v;
}

// The Validator's issues, one a line (paths and rules, no values), for failure messages.
std::string described(const ValidationResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics.items())
    out += std::string(to_string(d.severity)) + " " + d.fhir_path + " [" + d.rule_id + "]\n";
  return out;
}

const CdexPackager& packager() {
  static CdexPackager p(CCDAFHIR_SOURCE_DIR);
  return p;
}

std::string sample_path() {
  return std::string(CCDAFHIR_SOURCE_DIR) + "/samples/ccd-synthetic.xml";
}

fs::path scratch() {
  fs::path d = fs::temp_directory_path() / ("ccdafhir-cdex-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

int shell(const std::string& cmd) {
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A self-signed signer certificate and its key, made fresh ("rsa" or "ec").
struct Keys {
  std::string key_pem, cert_pem, public_pem;
};
Keys make_keys(const std::string& kind, const std::string& cn) {
  fs::path d = scratch();
  std::string key = (d / (kind + "-" + cn + "-key.pem")).string();
  std::string cert = (d / (kind + "-" + cn + "-cert.pem")).string();
  std::string pub = (d / (kind + "-" + cn + "-pub.pem")).string();
  std::string newkey =
      kind == "rsa" ? "-newkey rsa:2048" : "-newkey ec -pkeyopt ec_paramgen_curve:P-256";
  BOOST_REQUIRE_MESSAGE(shell("openssl req -x509 " + newkey + " -nodes -days 2 -subj '/CN=" + cn +
                              "' -keyout '" + key + "' -out '" + cert + "' > /dev/null 2>&1") == 0,
                        "openssl could not make a test key (is the openssl command installed?)");
  BOOST_REQUIRE(shell("openssl pkey -in '" + key + "' -pubout -out '" + pub + "' 2> /dev/null") ==
                0);
  return {test::read_file(key), test::read_file(cert), test::read_file(pub)};
}

PackageRequest request() {
  PackageRequest r;
  r.cda_xml = test::read_file(sample_path());
  r.tracking_id = parse_identifier("http://example.org/provider/acn|ACN-20240315-1");
  r.payer_id = parse_identifier("http://example.org/payer-ids|payer123");
  r.organization_id = parse_identifier("http://hl7.org/fhir/sid/us-npi|1407071236");
  r.provider_id = parse_identifier("http://hl7.org/fhir/sid/us-npi|9941339108");
  r.member_id = parse_identifier("http://example.org/member-ids|M-234567");
  r.service_date = "2024-03-15";
  r.code = "34133-9";
  r.line_items = {"1", "2"};
  r.now = "2026-01-31T12:00:00Z";
  return r;
}

std::string converted_bundle(const std::string& xml) {
  return test::engine().to_fhir(xml, test::fixed_options()).output;
}

Json parsed(const std::string& s) {
  return parse_json_input(s, Limits{});
}

std::vector<std::string> names(const Json& params) {
  std::vector<std::string> out;
  for (const Json& p : params["parameter"]) out.push_back(p["name"].get<std::string>());
  return out;
}

// read_submission's rejection reason, or "" when it accepts.
std::string submission_problem(const Json& params) {
  std::string text = params.dump();
  try {
    packager().read_submission(text, Limits{});
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

Json without(Json params, const std::string& name) {
  Json kept = Json::array();
  for (const Json& p : params["parameter"]) {
    if (p["name"] != name) kept.push_back(p);
  }
  params["parameter"] = kept;
  return params;
}

struct Run {
  int exit_code;
  std::string out, err;
};
Run cli(const std::string& args) {
  fs::path out = scratch() / "out.txt";
  fs::path err = scratch() / "err.txt";
  int code =
      shell(std::string("CCDAFHIR_DATA_DIR='") + CCDAFHIR_SOURCE_DIR + "' '" + CCDAFHIR_BINARY +
            "' " + args + " < /dev/null > '" + out.string() + "' 2> '" + err.string() + "'");
  return {code, test::read_file(out), test::read_file(err)};
}

std::string write(const std::string& name, const std::string& data) {
  fs::path p = scratch() / name;
  std::ofstream(p, std::ios::binary) << data;
  return p.string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cdex)

// RFC 8785 appendix B: IEEE-754 bit patterns and their ECMAScript serialisation.
BOOST_AUTO_TEST_CASE(jcs_numbers_match_rfc8785_appendix_b) {
  const std::pair<std::uint64_t, const char*> vectors[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& [bits, text] : vectors) {
    BOOST_TEST(jcs_number(std::bit_cast<double>(bits)) == text, "bits " << std::hex << bits);
  }
}

// RFC 8785 3.2.2: the example with literals, numbers and string escapes.
BOOST_AUTO_TEST_CASE(jcs_example_of_rfc8785_section_3_2_2) {
  std::string input = R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })";
  std::string expected =
      "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
      "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
  BOOST_TEST(jcs_canonicalize(parsed(input)) == expected);
}

// RFC 8785 3.2.3: member names ordered by UTF-16 code units (the emoji's surrogates sort below
// U+FB33).
BOOST_AUTO_TEST_CASE(jcs_sorts_names_by_utf16_code_units) {
  std::string input =
      R"({"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh",)"
      R"("1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"})";
  std::string out = jcs_canonicalize(parsed(input));
  std::vector<std::string> order = {"Carriage Return",
                                    "One",
                                    "Control",
                                    "Latin Small Letter O With Diaeresis",
                                    "Euro Sign",
                                    "Emoji: Grinning Face",
                                    "Hebrew Letter Dalet With Dagesh"};
  std::size_t at = 0;
  for (const auto& v : order) {
    auto found = out.find(v, at);
    BOOST_TEST((found != std::string::npos), v << " out of order in " << out);
    at = found == std::string::npos ? at : found;
  }
  BOOST_TEST(out.rfind("{\"\\r\":", 0) == 0);
}

BOOST_AUTO_TEST_CASE(jcs_nesting_and_integers) {
  BOOST_TEST(jcs_canonicalize(parsed(R"({"b":[1,{"d":1e2,"c":-0}],"a":"x"})")) ==
             R"({"a":"x","b":[1,{"c":0,"d":100}]})");
  BOOST_TEST(jcs_canonicalize(parsed(R"([9007199254740993])")) ==
             "[9007199254740992]");  // as a double
  BOOST_TEST(jcs_canonicalize(parsed(R"("\u007f\u2028")")) == "\"\x7f\xE2\x80\xA8\"");
}

BOOST_AUTO_TEST_CASE(base64_round_trips) {
  for (const std::string& s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba",
                                                       "foobar", std::string("\0\xff\xfe", 3)}) {
    BOOST_TEST(base64_decode(base64_encode(s)) == s);
    BOOST_TEST(base64url_decode(base64url_encode(s)) == s);
  }
  BOOST_TEST(base64_encode("foobar") == "Zm9vYmFy");
  BOOST_TEST(base64url_encode("\xfb\xff") == "-_8");
  BOOST_CHECK_THROW(base64_decode("a*bc"), Error);
}

BOOST_AUTO_TEST_CASE(package_has_every_required_parameter) {
  Json params = parsed(packager().submit_attachment(request()));
  BOOST_TEST(params["resourceType"] == "Parameters");
  BOOST_TEST(
      params["meta"]["profile"][0] ==
      "http://hl7.org/fhir/us/davinci-cdex/StructureDefinition/cdex-parameters-submit-attachment");
  std::vector<std::string> expected = {"TrackingId", "AttachTo", "PayerId",     "OrganizationId",
                                       "ProviderId", "MemberId", "ServiceDate", "Attachment"};
  BOOST_TEST(names(params) == expected, boost::test_tools::per_element());
  const Json& attachment = params["parameter"][7];
  BOOST_TEST(attachment["part"][0]["valueString"] == "1");
  BOOST_TEST(attachment["part"][2]["valueCodeableConcept"]["coding"][0]["code"] == "34133-9");
  const Json& docref = attachment["part"][3]["resource"];
  BOOST_TEST(docref["resourceType"] == "DocumentReference");
  BOOST_TEST(docref["content"][0]["attachment"]["contentType"] == "application/xml");
  BOOST_TEST(base64_decode(docref["content"][0]["attachment"]["data"].get<std::string>()) ==
             request().cda_xml);
  BOOST_TEST(docref["subject"]["identifier"]["value"] == "M-234567");
  BOOST_TEST(docref["type"]["coding"][0]["system"] == "http://loinc.org");

  Submission s = packager().read_submission(params.dump(), Limits{});
  BOOST_TEST(s.tracking_id.value == "ACN-20240315-1");
  BOOST_TEST(s.attach_to == "claim");
  BOOST_REQUIRE(s.attachments.size() == 1u);
  BOOST_TEST(s.attachments[0].data == request().cda_xml);
  BOOST_TEST(s.attachments[0].code == "34133-9");
}

BOOST_AUTO_TEST_CASE(each_required_parameter_removed_is_flagged) {
  Json params = parsed(packager().submit_attachment(request()));
  BOOST_TEST(submission_problem(params) == "");
  for (const char* name : {"TrackingId", "AttachTo", "MemberId", "ServiceDate", "Attachment"}) {
    std::string problem = submission_problem(without(params, name));
    BOOST_TEST((problem.find(name) != std::string::npos), name << " removed: '" << problem << "'");
  }
  std::string problem =
      submission_problem(without(without(params, "ProviderId"), "OrganizationId"));
  BOOST_TEST(problem.find("ProviderId or OrganizationId") != std::string::npos);
  BOOST_TEST(submission_problem(without(params, "ProviderId")) == "");  // either one is enough
  Json no_content = params;
  no_content["parameter"][7]["part"].erase(3);
  BOOST_TEST(submission_problem(no_content).find("Content") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(packaged_parameters_validate_with_no_errors) {
  // The Validator follows meta.profile: the Parameters get the CDex Parameters Submit
  // Attachment profile, the DocumentReference (alone) US Core DocumentReference.
  PackageRequest claim = request();
  PackageRequest preauthorization = request();
  preauthorization.attach_to = "preauthorization";
  preauthorization.service_date.clear();
  preauthorization.payer_id = {};
  preauthorization.provider_id = {};
  preauthorization.line_items.clear();
  for (const PackageRequest& r : {claim, preauthorization}) {
    std::string params = packager().submit_attachment(r);
    ValidationResult checked = validator().validate_fhir(params, ValidateOptions{});
    BOOST_TEST(checked.errors == 0u, r.attach_to << ":\n" << described(checked));
    BOOST_TEST(checked.warnings == 0u, r.attach_to << ":\n" << described(checked));
    // The same, with the profile forced (as a receiver that ignores meta.profile checks it).
    ValidateOptions forced;
    forced.profile = packager().parameters_profile();
    BOOST_TEST(validator().validate_fhir(params, forced).errors == 0u);
    Json docref = parsed(params)["parameter"].back()["part"].back()["resource"];
    ValidationResult alone = validator().validate_fhir(docref.dump(), ValidateOptions{});
    BOOST_TEST(alone.errors == 0u, described(alone));
  }
  ValidationResult pattern =
      validator().validate_fhir(packager().document_reference(request()), ValidateOptions{});
  BOOST_TEST(pattern.errors == 0u, described(pattern));
}

BOOST_AUTO_TEST_CASE(each_required_parameter_removed_is_flagged_by_the_validator) {
  Json params = parsed(packager().submit_attachment(request()));
  auto flagged = [](const Json& p, const std::string& path, const std::string& rule) {
    ValidationResult r = validator().validate_fhir(p.dump(), ValidateOptions{});
    for (const Diagnostic& d : r.diagnostics.items()) {
      if (d.severity == Severity::kError && d.fhir_path == path && d.rule_id == rule &&
          d.code == IssueCode::kRequired)
        return true;
    }
    BOOST_TEST_MESSAGE("wanted " << path << " [" << rule << "], got:\n" << described(r));
    return false;
  };
  const std::string profile = "cdex-parameters-submit-attachment/";
  for (const char* name : {"TrackingId", "AttachTo", "MemberId", "Attachment"}) {
    BOOST_TEST(
        flagged(without(params, name), "Parameters.parameter", profile + "parameter:" + name),
        name << " removed");
  }
  Json no_content = params;
  no_content["parameter"][7]["part"].erase(3);
  BOOST_TEST(flagged(no_content, "Parameters.parameter[7].part",
                     profile + "parameter:Attachment/parameter.part:Content"));
  // The rules the profile states in prose only are the operation's (read_submission): see
  // each_required_parameter_removed_is_flagged.
}

BOOST_AUTO_TEST_CASE(package_refuses_missing_inputs) {
  auto problem = [](PackageRequest r) -> std::string {
    try {
      packager().submit_attachment(r);
    } catch (const Error& e) {
      return e.kind() == ErrorKind::kInputRejected ? e.what() : "wrong kind";
    }
    return "";
  };
  PackageRequest r = request();
  r.tracking_id = {};
  BOOST_TEST(problem(r).find("TrackingId") != std::string::npos);
  r = request();
  r.member_id = {};
  BOOST_TEST(problem(r).find("MemberId") != std::string::npos);
  r = request();
  r.service_date = "";
  BOOST_TEST(problem(r).find("ServiceDate") != std::string::npos);
  r.attach_to = "preauthorization";
  BOOST_TEST(problem(r) == "");  // optional for a prior authorisation
  r = request();
  r.service_date = "2024-03";
  BOOST_TEST(problem(r).find("to the day") != std::string::npos);
  r = request();
  r.code = "not-loinc";
  BOOST_TEST(problem(r).find("LOINC") != std::string::npos);
  r = request();
  r.attach_to = "invoice";
  BOOST_TEST(problem(r).find("AttachTo") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(document_reference_pattern) {
  Json d = parsed(packager().document_reference(request()));
  BOOST_TEST(d["resourceType"] == "DocumentReference");
  BOOST_TEST(d["status"] == "current");
  BOOST_TEST(d["date"] == "2026-01-31T12:00:00Z");
  BOOST_TEST(d["content"][0]["format"]["code"] == "urn:hl7-org:sdwg:ccda-structuredBody:2.1");
  BOOST_TEST(packager().document_reference(request()) == packager().document_reference(request()));
}

BOOST_AUTO_TEST_CASE(signed_package_verifies_and_any_one_byte_change_fails) {
  for (const std::string kind : {"rsa", "ec"}) {
    Keys keys = make_keys(kind, "Dr Signer");
    PackageRequest r = request();
    r.bundle_json = converted_bundle(r.cda_xml);
    r.signing_key_pem = keys.key_pem;
    r.signing_cert_pem = keys.cert_pem;
    std::string package = packager().submit_attachment(r);
    // RSA PKCS#1 v1.5 signatures are deterministic, so the whole package is; ECDSA's are not
    if (kind == "rsa") BOOST_TEST((package == packager().submit_attachment(r)));

    VerifyResult ok = verify_signatures(package, "", Limits{});
    BOOST_TEST((ok.status == SignatureStatus::kValid), kind << ": " << ok.reason);
    BOOST_TEST(ok.signatures_checked == 1u);
    BOOST_TEST(ok.attachments_checked == 1u);
    BOOST_TEST(
        (verify_signatures(package, keys.public_pem, Limits{}).status == SignatureStatus::kValid));

    Json p = parsed(package);
    const Json& bundle = p["parameter"][8]["part"][3]["resource"];
    BOOST_TEST(bundle["signature"]["sigFormat"] == "application/jose");
    BOOST_TEST(bundle["signature"]["type"][0]["code"] == "1.2.840.10065.1.12.1.5");
    std::string jws = base64_decode(bundle["signature"]["data"].get<std::string>());
    BOOST_TEST(jws.find("..") != std::string::npos);  // detached payload

    // one byte changed in the signed Bundle (a section title), and in the attached C-CDA
    std::string title =
        p["parameter"][8]["part"][3]["resource"]["entry"][0]["resource"]["section"][0]["title"];
    std::string changed = package;
    auto at = changed.find("\"title\":\"" + title + "\"");
    BOOST_REQUIRE(at != std::string::npos);
    changed[at + 9] = changed[at + 9] == 'X' ? 'Y' : 'X';
    VerifyResult bad = verify_signatures(changed, "", Limits{});
    BOOST_TEST((bad.status == SignatureStatus::kInvalid));
    BOOST_TEST(bad.reason.find("does not match the Bundle") != std::string::npos);

    std::string data = p["parameter"][7]["part"][3]["resource"]["content"][0]["attachment"]["data"];
    changed = package;
    at = changed.find(data) + 100;
    changed[at] = changed[at] == 'A' ? 'B' : 'A';
    bad = verify_signatures(changed, "", Limits{});
    BOOST_TEST((bad.status == SignatureStatus::kInvalid));
    BOOST_TEST(bad.reason.find("hash does not match") != std::string::npos);

    // the key of someone else
    Keys other = make_keys(kind, "Someone Else");
    BOOST_TEST((verify_signatures(package, other.public_pem, Limits{}).status ==
                SignatureStatus::kInvalid));
  }
}

BOOST_AUTO_TEST_CASE(signing_without_a_bundle_or_certificate_is_refused) {
  Keys keys = make_keys("rsa", "Dr Signer");
  PackageRequest r = request();
  r.signing_key_pem = keys.key_pem;
  r.signing_cert_pem = keys.cert_pem;
  BOOST_CHECK_THROW(packager().submit_attachment(r), Error);  // no Bundle to put the signature in
  r.bundle_json = converted_bundle(r.cda_xml);
  r.signing_cert_pem = "";
  try {
    packager().submit_attachment(r);
    BOOST_TEST(false);
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()).find("x5c") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(cli_package_and_verify_exit_codes) {
  Keys keys = make_keys("rsa", "Dr Cli");
  std::string key = write("cli-key.pem", keys.key_pem);
  std::string cert = write("cli-cert.pem", keys.cert_pem);
  std::string out = (scratch() / "package.json").string();
  std::string common =
      "package '" + sample_path() +
      "' --tracking-id 'http://example.org/acn|A1' --payer payer123 --provider "
      "'http://hl7.org/fhir/sid/us-npi|9941339108' --member M-1 --service-date 2024-03-15 "
      "--code 34133-9 --line-item 1,2 --now 2026-01-31T12:00:00Z";
  Run r = cli(common + " --convert --sign '" + key + "' --cert '" + cert + "' -o '" + out + "'");
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(cli("verify '" + out + "'").exit_code == 0);
  std::string text = test::read_file(out);
  auto at = text.find("\"status\":\"final\"");
  BOOST_REQUIRE(at != std::string::npos);
  text[at + 10] = 'F';
  std::string tampered = write("tampered.json", text);
  Run bad = cli("verify '" + tampered + "'");
  BOOST_TEST(bad.exit_code == 1);
  BOOST_TEST(bad.out.find("invalid") != std::string::npos);
  BOOST_TEST(cli("verify '" + sample_path() + "'").exit_code == 2);  // not JSON
  std::string unsigned_out = (scratch() / "unsigned.json").string();
  BOOST_TEST(cli(common + " -o '" + unsigned_out + "'").exit_code == 0);
  BOOST_TEST(cli("verify '" + unsigned_out + "'").exit_code == 2);  // nothing signed
  fs::path missing = scratch() / "never.json";
  Run no_member = cli("package '" + sample_path() +
                      "' --tracking-id A --provider P --code 34133-9 "
                      "--service-date 2024-03-15 -o '" +
                      missing.string() + "'");
  BOOST_TEST(no_member.exit_code == 2);
  BOOST_TEST(no_member.err.find("MemberId") != std::string::npos);
  BOOST_TEST(!fs::exists(missing));
  Run docref = cli(common + " --as documentreference");
  BOOST_TEST(docref.exit_code == 0);
  BOOST_TEST(docref.out.find("\"resourceType\":\"DocumentReference\"") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
