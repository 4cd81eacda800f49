// CdexPackager: C-CDA (+ its Bundle) -> $submit-attachment Parameters or a DocumentReference.
#include <algorithm>

#include "ccdafhir/cdex.h"
#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "cda/xml.h"
#include "cdex/jws.h"
#include "cdex/packager_impl.h"
#include "cdex/signature.h"
#include "datatypes/codesystems.h"
#include "intake/json_intake.h"
#include "intake/xml_intake.h"
#include "util/clock.h"
#include "util/json_writer.h"
#include "util/sha1.h"

namespace ccdafhir {

namespace {

[[noreturn]] void reject(const std::string& why) {
  throw Error(ErrorKind::kInputRejected, why);
}

bool listed(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

Json identifier_json(const CdexIdentifier& id) {
  Json j = Json::object();
  if (!id.system.empty()) j["system"] = id.system;
  j["value"] = id.value;
  return j;
}

Json coding_json(const std::string& system, const std::string& code, const std::string& display) {
  Json c = Json::object();
  c["system"] = system;
  c["code"] = code;
  if (!display.empty()) c["display"] = display;
  return c;
}

Json parameter(const char* name, const char* value_key, Json value) {
  Json p = Json::object();
  p["name"] = name;
  p[value_key] = std::move(value);
  return p;
}

// What the packager reads from the C-CDA header (nothing else of the document is looked at).
struct CdaFacts {
  std::string code, code_system, display, title;
  std::string id_root, id_extension;
  bool non_xml_body = false;
};

CdaFacts read_cda(const std::string& xml, const Limits& limits) {
  ParsedCda parsed = parse_cda(xml, limits);
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  CdaFacts f;
  if (const xmlNode* code = cda::child(root, "code")) {
    f.code = std::string(cda::attr(code, "code"));
    f.code_system = std::string(cda::attr(code, "codeSystem"));
    f.display = cda::normalize_space(cda::attr(code, "displayName"));
  }
  if (const xmlNode* title = cda::child(root, "title"))
    f.title = cda::normalize_space(cda::string_value(title));
  if (const xmlNode* id = cda::child(root, "id"); id && !cda::has_attr(id, "nullFlavor")) {
    f.id_root = std::string(cda::attr(id, "root"));
    f.id_extension = std::string(cda::attr(id, "extension"));
  }
  if (const xmlNode* component = cda::child(root, "component")) {
    f.non_xml_body = cda::child(component, "nonXMLBody") != nullptr;
  }
  return f;
}

bool is_uuid(const std::string& s) {
  static const std::regex uuid(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  return std::regex_match(s, uuid);
}

void check_request(const PackageRequest& r, const CdexPackagerImpl& impl) {
  const CdexConfig& c = impl.config;
  if (r.cda_xml.empty()) reject("no C-CDA document to attach");
  if (r.tracking_id.empty()) reject("TrackingId is required (--tracking-id)");
  if (r.member_id.empty()) reject("MemberId is required (--member)");
  if (r.provider_id.empty() && r.organization_id.empty()) {
    reject("ProviderId or OrganizationId is required (--provider or --organization)");
  }
  if (!listed(c.attach_to, r.attach_to)) {
    std::string allowed;
    for (const auto& v : c.attach_to) allowed += (allowed.empty() ? "" : " or ") + v;
    reject("AttachTo must be " + allowed);
  }
  static const std::regex day("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
  if (!r.service_date.empty() && !std::regex_match(r.service_date, day)) {
    reject("ServiceDate must be a date to the day (YYYY-MM-DD)");
  }
  if (r.service_date.empty() && listed(c.service_date_required_for, r.attach_to)) {
    reject("ServiceDate is required when AttachTo is " + r.attach_to + " (--service-date)");
  }
  if (r.code.empty() || !std::regex_match(r.code, impl.code_pattern)) {
    reject("Attachment.Code must be a LOINC code (--code)");
  }
  if (!is_fhir_instant(r.now)) reject("now must be a FHIR instant (YYYY-MM-DDThh:mm:ssZ)");
  for (const auto& item : r.line_items) {
    if (cda::is_blank(item)) reject("a LineItem is empty");
  }
  if (!r.signing_key_pem.empty() && r.bundle_json.empty()) {
    reject(
        "signing needs the FHIR document Bundle: CDex signs Bundle.signature, a C-CDA carries its "
        "own signature");
  }
}

Json document_reference_json(const PackageRequest& r, const CdexPackagerImpl& impl) {
  const CdexConfig& c = impl.config;
  CdaFacts f = read_cda(r.cda_xml, r.limits);
  Json d = Json::object();
  d["resourceType"] = "DocumentReference";
  d["meta"] = Json{{"profile", Json::array({c.docref_profile})}};
  if (!f.id_root.empty()) {
    Json id = Json::object();
    if (!f.id_extension.empty()) {
      id["system"] = impl.code_systems.uri_for(f.id_root);
      id["value"] = f.id_extension;
    } else {
      id["system"] = "urn:ietf:rfc:3986";
      id["value"] = (is_uuid(f.id_root) ? "urn:uuid:" : "urn:oid:") + f.id_root;
    }
    d["masterIdentifier"] = id;
  }
  d["status"] = c.docref_status;
  if (!f.code.empty() && !f.code_system.empty()) {
    Json type = Json::object();
    type["coding"] =
        Json::array({coding_json(impl.code_systems.uri_for(f.code_system), f.code, f.display)});
    d["type"] = type;
  } else {
    reject(
        "the C-CDA has no ClinicalDocument/code with a code and codeSystem "
        "(DocumentReference.type)");
  }
  d["category"] = Json::array(
      {Json{{"coding", Json::array({coding_json(c.docref_category.system, c.docref_category.code,
                                                c.docref_category.display)})}}});
  d["subject"] = Json{{"identifier", identifier_json(r.member_id)}};
  d["date"] = r.now;
  Json attachment = Json::object();
  attachment["contentType"] = c.docref_content_type;
  attachment["data"] = base64_encode(r.cda_xml);
  auto digest = sha1(r.cda_xml);
  attachment["hash"] =
      base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
  if (!f.title.empty()) attachment["title"] = f.title;
  Json content = Json::object();
  content["attachment"] = attachment;
  content["format"] = coding_json(
      c.format_system, f.non_xml_body ? c.format_non_xml_body : c.format_structured_body, "");
  d["content"] = Json::array({content});
  return d;
}

Json attachment_parameter(const PackageRequest& r, const CdexPackagerImpl& impl, Json resource,
                          const std::string& display) {
  Json parts = Json::array();
  for (const auto& item : r.line_items)
    parts.push_back(parameter("LineItem", "valueString", cda::normalize_space(item)));
  Json code = Json::object();
  code["coding"] = Json::array({coding_json(impl.config.attachment_code_system, r.code, display)});
  parts.push_back(parameter("Code", "valueCodeableConcept", code));
  Json content = Json::object();
  content["name"] = "Content";
  content["resource"] = std::move(resource);
  parts.push_back(content);
  Json p = Json::object();
  p["name"] = "Attachment";
  p["part"] = parts;
  return p;
}

std::string serialised(const Json& j) {
  std::string out;
  write_json(j, out);
  out.push_back('\n');
  return out;
}

}  // namespace

CdexIdentifier parse_identifier(std::string_view text) {
  CdexIdentifier id;
  auto bar = text.find('|');
  if (bar != std::string_view::npos) {
    id.system = cda::normalize_space(text.substr(0, bar));
    id.value = cda::normalize_space(text.substr(bar + 1));
  } else {
    id.value = cda::normalize_space(text);
  }
  if (id.value.empty()) reject("an identifier has no value (expected 'system|value' or 'value')");
  return id;
}

CdexPackager::CdexPackager(const std::string& data_dir)
    : impl_(std::make_unique<CdexPackagerImpl>(data_dir.empty() ? default_data_dir() : data_dir)) {}

CdexPackager::~CdexPackager() = default;

std::string CdexPackager::document_reference(const PackageRequest& r) const {
  check_request(r, *impl_);
  return serialised(document_reference_json(r, *impl_));
}

std::string CdexPackager::submit_attachment(const PackageRequest& r) const {
  check_request(r, *impl_);
  const CdexConfig& c = impl_->config;
  Json docref = document_reference_json(r, *impl_);
  // Attachment.Code display: the document type's own display when the codes agree
  std::string display;
  if (docref.contains("type")) {
    const Json& coding = docref["type"]["coding"][0];
    if (coding.value("system", "") == c.attachment_code_system &&
        coding.value("code", "") == r.code) {
      display = coding.value("display", "");
    }
  }
  Json params = Json::object();
  params["resourceType"] = "Parameters";
  params["meta"] = Json{{"profile", Json::array({c.parameters_profile})}};
  Json list = Json::array();
  list.push_back(parameter("TrackingId", "valueIdentifier", identifier_json(r.tracking_id)));
  list.push_back(parameter("AttachTo", "valueCode", r.attach_to));
  if (!r.payer_id.empty())
    list.push_back(parameter("PayerId", "valueIdentifier", identifier_json(r.payer_id)));
  if (!r.organization_id.empty()) {
    list.push_back(
        parameter("OrganizationId", "valueIdentifier", identifier_json(r.organization_id)));
  }
  if (!r.provider_id.empty())
    list.push_back(parameter("ProviderId", "valueIdentifier", identifier_json(r.provider_id)));
  list.push_back(parameter("MemberId", "valueIdentifier", identifier_json(r.member_id)));
  if (!r.service_date.empty())
    list.push_back(parameter("ServiceDate", "valueDateTime", r.service_date));
  list.push_back(attachment_parameter(r, *impl_, std::move(docref), display));
  if (!r.bundle_json.empty()) {
    Json bundle = parse_json_input(r.bundle_json, r.limits);
    if (!bundle.is_object() || bundle.value("resourceType", "") != "Bundle" ||
        bundle.value("type", "") != "document") {
      reject("the Bundle to attach is not a FHIR document Bundle");
    }
    if (!r.signing_key_pem.empty()) {
      SigningKey key = read_signing_key(r.signing_key_pem, r.signing_cert_pem);
      sign_bundle(bundle, key, c, r.now, r.provider_id.empty() ? r.organization_id : r.provider_id);
    }
    list.push_back(attachment_parameter(r, *impl_, std::move(bundle), display));
  }
  params["parameter"] = list;
  return serialised(params);
}

}  // namespace ccdafhir
