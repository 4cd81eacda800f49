// CdexPackager::read_submission: the parts of a received $submit-attachment Parameters a service
// acts on, with the operation's own rules checked (OperationDefinition submit-attachment:
// TrackingId, AttachTo and MemberId 1..1; ProviderId or OrganizationId; ServiceDate to the day
// for the AttachTo values listed in the data file; each Attachment with one Content).
#include <algorithm>

#include "ccdafhir/cdex.h"
#include "ccdafhir/error.h"
#include "cdex/jws.h"
#include "cdex/packager_impl.h"
#include "intake/json_intake.h"
#include "util/json_writer.h"

namespace ccdafhir {

namespace {

[[noreturn]] void reject(const std::string& why) {
  throw Error(ErrorKind::kInputRejected, why);
}

std::string text_member(const Json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) return {};
  return obj[key].get<std::string>();
}

// A parameter (or part) and its index in its list, for the FHIRPath of what it holds.
struct Named {
  const Json* json;
  std::size_t index;
};

std::vector<Named> named(const Json& list, const std::string& name) {
  std::vector<Named> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (text_member(list[i], "name") == name) out.push_back({&list[i], i});
  }
  return out;
}

const Json* exactly_one(const Json& list, const std::string& name, bool required,
                        std::size_t* index = nullptr) {
  auto found = named(list, name);
  if (found.size() > 1) reject("parameter " + name + " appears more than once");
  if (found.empty()) {
    if (required) reject("parameter " + name + " is missing");
    return nullptr;
  }
  if (index) *index = found[0].index;
  return found[0].json;
}

CdexIdentifier identifier_of(const Json* p, const std::string& name) {
  if (!p) return {};
  if (!p->contains("valueIdentifier") || !(*p)["valueIdentifier"].is_object()) {
    reject("parameter " + name + " has no valueIdentifier");
  }
  const Json& id = (*p)["valueIdentifier"];
  CdexIdentifier out{text_member(id, "system"), text_member(id, "value")};
  if (out.value.empty()) reject("parameter " + name + " has an identifier without a value");
  return out;
}

SubmittedAttachment attachment_of(const Named& a, std::size_t index) {
  std::string where = "Attachment[" + std::to_string(index) + "]";
  if (!a.json->contains("part") || !(*a.json)["part"].is_array()) reject(where + " has no parts");
  const Json& parts = (*a.json)["part"];
  SubmittedAttachment out;
  for (const Named& item : named(parts, "LineItem"))
    out.line_items.push_back(text_member(*item.json, "valueString"));
  if (const Json* code = exactly_one(parts, "Code", false)) {
    if (code->contains("valueCodeableConcept")) {
      const Json& cc = (*code)["valueCodeableConcept"];
      if (cc.is_object() && cc.contains("coding") && cc["coding"].is_array() &&
          !cc["coding"].empty()) {
        out.code = text_member(cc["coding"][0], "code");
      }
    }
  }
  std::size_t content_index = 0;
  const Json* content = exactly_one(parts, "Content", true, &content_index);
  if (!content->contains("resource") || !(*content)["resource"].is_object()) {
    reject(where + ".Content has no resource");
  }
  const Json& resource = (*content)["resource"];
  out.resource_type = text_member(resource, "resourceType");
  if (out.resource_type.empty()) reject(where + ".Content has no resourceType");
  out.fhir_path = "Parameters.parameter[" + std::to_string(a.index) + "].part[" +
                  std::to_string(content_index) + "].resource";
  write_json(resource, out.resource);
  if (out.resource_type == "DocumentReference" && resource.contains("content") &&
      resource["content"].is_array() && !resource["content"].empty() &&
      resource["content"][0].is_object() && resource["content"][0].contains("attachment")) {
    const Json& att = resource["content"][0]["attachment"];
    out.content_type = text_member(att, "contentType");
    std::string data = text_member(att, "data");
    if (!data.empty()) out.data = base64_decode(data);
  } else {
    out.data = out.resource;
  }
  return out;
}

bool listed(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace

const std::string& CdexPackager::parameters_profile() const {
  return impl_->config.parameters_profile;
}

Submission CdexPackager::read_submission(std::string_view parameters_json,
                                         const Limits& limits) const {
  const CdexConfig& config = impl_->config;
  Json doc = parse_json_input(parameters_json, limits);
  if (text_member(doc, "resourceType") != "Parameters")
    reject("the body is not a Parameters resource");
  if (!doc.contains("parameter") || !doc["parameter"].is_array())
    reject("Parameters has no parameter");
  const Json& list = doc["parameter"];
  Submission s;
  s.tracking_id = identifier_of(exactly_one(list, "TrackingId", true), "TrackingId");
  const Json* attach_to = exactly_one(list, "AttachTo", true);
  s.attach_to = text_member(*attach_to, "valueCode");
  if (s.attach_to.empty()) reject("parameter AttachTo has no valueCode");
  if (!listed(config.attach_to, s.attach_to)) {
    std::string allowed;
    for (const auto& v : config.attach_to) allowed += (allowed.empty() ? "" : ", ") + v;
    reject("parameter AttachTo must be one of " + allowed);
  }
  s.member_id = identifier_of(exactly_one(list, "MemberId", true), "MemberId");
  CdexIdentifier provider = identifier_of(exactly_one(list, "ProviderId", false), "ProviderId");
  CdexIdentifier organization =
      identifier_of(exactly_one(list, "OrganizationId", false), "OrganizationId");
  if (provider.empty() && organization.empty()) reject("ProviderId or OrganizationId is required");
  identifier_of(exactly_one(list, "PayerId", false), "PayerId");
  const Json* service_date = exactly_one(list, "ServiceDate", false);
  if (listed(config.service_date_required_for, s.attach_to) &&
      (!service_date || text_member(*service_date, "valueDateTime").size() < 10)) {
    reject("parameter ServiceDate (to the day) is required when AttachTo is " + s.attach_to);
  }
  if (const Json* final = exactly_one(list, "Final", false)) {
    if (!final->contains("valueBoolean") || !(*final)["valueBoolean"].is_boolean())
      reject("parameter Final has no valueBoolean");
    s.final = (*final)["valueBoolean"].get<bool>();
  }
  auto attachments = named(list, "Attachment");
  if (attachments.empty()) reject("parameter Attachment is missing");
  for (std::size_t i = 0; i < attachments.size(); ++i)
    s.attachments.push_back(attachment_of(attachments[i], i));
  return s;
}

}  // namespace ccdafhir
