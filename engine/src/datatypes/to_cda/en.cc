// HumanName -> PN and string -> ON (mappingGuidance.md "FHIR name -> CDA name"): use through
// ConceptMap FC-NameUse (usual -> L, official -> C, nickname -> P, anonymous -> P; temp, old and
// maiden are unmatched: left out, reported), prefix, given, family, suffix in the usual order,
// period -> validTime.
// Choices where the guidance is silent:
//  - text -> the name's own text only when there are no parts (an unstructured name); beside
//    parts it is a rendering of them and is left out (reported, information);
//  - nickname and anonymous both become P: the forward direction reads P back as anonymous unless
//    a part is qualified CL, so a nickname does not survive a round trip unchanged.
#include <string>
#include <utility>
#include <vector>

#include "datatypes/to_cda.h"
#include "datatypes/to_cda/xml_out.h"

namespace ccdafhir::rdt {

namespace {

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

void strings(const Json& list, const char* name,
             std::vector<std::pair<const char*, std::string>>& out) {
  if (!list.is_array()) return;
  for (const Json& s : list) {
    std::string v = s.is_string() ? trim(s.get<std::string>()) : std::string();
    if (!v.empty()) out.emplace_back(name, v);
  }
}

}  // namespace

bool pn(const Json& name, xmlNode* el, ReverseContext& ctx) {
  if (!name.is_object()) return false;
  std::vector<std::pair<const char*, std::string>> parts;
  strings(out::member(name, "prefix"), "prefix", parts);
  strings(out::member(name, "given"), "given", parts);
  std::string family = trim(out::str(name, "family"));
  if (!family.empty()) parts.emplace_back("family", family);
  strings(out::member(name, "suffix"), "suffix", parts);
  std::string text = trim(out::str(name, "text"));
  if (parts.empty() && text.empty()) return false;

  std::string use = out::map_code(ctx, "FC-NameUse", out::str(name, "use"), "HumanName.use");
  if (!use.empty()) out::set(el, "use", use);
  if (parts.empty()) {
    out::text(el, text);
  } else {
    for (const auto& [part, v] : parts) out::text(out::child(el, part), v);
    if (!text.empty()) {
      ctx.report(Severity::kInformation, IssueCode::kInformational,
                 "HumanName.text beside name parts is left out (the parts carry it)");
    }
  }
  if (const Json& period = out::member(name, "period"); !period.is_null()) {
    xmlNode* vt = out::child(el, "validTime");
    if (!ivl_ts(period, vt, ctx)) {
      xmlUnlinkNode(vt);
      xmlFreeNode(vt);
    }
  }
  return true;
}

bool on(const Json& name, xmlNode* el, ReverseContext& /*ctx*/) {
  if (!name.is_string()) return false;
  std::string v = trim(name.get<std::string>());
  if (v.empty()) return false;
  out::text(el, v);
  return true;
}

}  // namespace ccdafhir::rdt
