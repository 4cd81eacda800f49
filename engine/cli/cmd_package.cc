// ccdafhir package IN.xml --tracking-id ID --member ID (--provider ID | --organization ID)
//   [--payer ID] [--attach-to claim|preauthorization] [--service-date DATE] --code LOINC
//   [--line-item N[,N...]] [--bundle B.json | --convert] [--sign KEY.pem [--cert CERT.pem]]
//   [--as parameters|documentreference] [--now ISO] [-o OUT.json]
// Identifiers are "system|value" or a bare value.
#include "ccdafhir/cdex.h"
#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "cda/xml.h"
#include "commands.h"
#include "util/files.h"

namespace ccdafhir::cli {

namespace {

CdexIdentifier identifier_option(const Args& a, const std::string& name) {
  std::string v = option(a, name);
  return v.empty() ? CdexIdentifier{} : parse_identifier(v);
}

std::vector<std::string> line_items(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (!list.empty() && start <= list.size()) {
    auto comma = list.find(',', start);
    out.push_back(cda::normalize_space(
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

int cmd_package(const Args& a) {
  check_known(a, {"-o", "--tracking-id", "--payer", "--provider", "--organization", "--member",
                  "--service-date", "--code", "--attach-to", "--line-item", "--bundle", "--convert",
                  "--sign", "--cert", "--as", "--now", "--data-dir"});
  if (a.positional.size() != 1)
    throw Error(ErrorKind::kInputRejected, "package takes one C-CDA file");
  std::string as = option(a, "--as", "parameters");
  if (as != "parameters" && as != "documentreference") {
    throw Error(ErrorKind::kInputRejected, "--as must be parameters or documentreference");
  }
  PackageRequest r;
  r.cda_xml = read_input(a.positional[0], r.limits.max_input_bytes);
  r.tracking_id = identifier_option(a, "--tracking-id");
  r.payer_id = identifier_option(a, "--payer");
  r.provider_id = identifier_option(a, "--provider");
  r.organization_id = identifier_option(a, "--organization");
  r.member_id = identifier_option(a, "--member");
  r.attach_to = option(a, "--attach-to", "claim");
  r.service_date = option(a, "--service-date");
  r.code = option(a, "--code");
  r.line_items = line_items(option(a, "--line-item"));
  r.now = now_option(a);
  if (auto b = option(a, "--bundle"); !b.empty()) {
    if (flag(a, "--convert"))
      throw Error(ErrorKind::kInputRejected, "--bundle and --convert exclude each other");
    r.bundle_json = read_input(b, r.limits.max_input_bytes);
  } else if (flag(a, "--convert")) {
    // the document's own FHIR form, converted here with the same clock
    ConvertOptions options;
    options.now = r.now;
    options.collect_trace = false;
    r.bundle_json = Engine(engine_config(a)).to_fhir(r.cda_xml, options).output;
  }
  if (auto k = option(a, "--sign"); !k.empty()) r.signing_key_pem = read_input(k, 1u << 20);
  if (auto c = option(a, "--cert"); !c.empty()) r.signing_cert_pem = read_input(c, 1u << 20);
  CdexPackager packager(option(a, "--data-dir"));
  std::string out =
      as == "documentreference" ? packager.document_reference(r) : packager.submit_attachment(r);
  write_output(option(a, "-o", "-"), out);
  return kExitOk;
}

}  // namespace ccdafhir::cli
