// Address -> AD (mappingGuidance.md "FHIR address -> CDA addr"): use through ConceptMap
// FC-AddressUse (home -> H, work -> WP, temp -> TMP, old -> BAD, billing -> PST), line ->
// streetAddressLine, city, state, postalCode, country, period -> useablePeriod.
// Choices where the guidance is silent:
//  - type physical / postal / both -> PHYS / PST / "PHYS PST", added to @use (AD has no type);
//  - district -> county (FHIR's definition of district names the county), after the city;
//  - text -> the address's own text only when there are no parts (an unstructured address);
//    beside parts it is a rendering of them and is left out (reported, information);
//  - useablePeriod is an SXCM_TS in the schema, so it carries xsi:type="IVL_TS".
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

void add_token(std::string& set, std::string_view token) {
  if (token.empty()) return;
  // Each code once ("billing" and "postal" both give PST).
  std::string padded = " " + set + " ";
  if (padded.find(" " + std::string(token) + " ") != std::string::npos) return;
  if (!set.empty()) set += ' ';
  set += token;
}

}  // namespace

bool ad(const Json& address, xmlNode* el, ReverseContext& ctx) {
  if (!address.is_object()) return false;
  struct Part {
    const char* fhir;
    const char* cda;
  };
  static constexpr Part kParts[] = {{"city", "city"},
                                    {"district", "county"},
                                    {"state", "state"},
                                    {"postalCode", "postalCode"},
                                    {"country", "country"}};
  std::vector<std::pair<const char*, std::string>> parts;
  const Json& lines = out::member(address, "line");
  if (lines.is_array()) {
    for (const Json& l : lines) {
      std::string v = l.is_string() ? trim(l.get<std::string>()) : std::string();
      if (!v.empty()) parts.emplace_back("streetAddressLine", v);
    }
  }
  for (const Part& p : kParts) {
    std::string v = trim(out::str(address, p.fhir));
    if (!v.empty()) parts.emplace_back(p.cda, v);
  }
  std::string text = trim(out::str(address, "text"));
  if (parts.empty() && text.empty()) return false;

  std::string use;
  add_token(use, out::map_code(ctx, "FC-AddressUse", out::str(address, "use"), "Address.use"));
  std::string type = out::str(address, "type");
  if (type == "physical" || type == "both") add_token(use, "PHYS");
  if (type == "postal" || type == "both") add_token(use, "PST");
  if (!type.empty() && type != "physical" && type != "postal" && type != "both") {
    ctx.report(Severity::kInformation, IssueCode::kCodeInvalid,
               "Address.type is not physical, postal or both; left out");
  }
  if (!use.empty()) out::set(el, "use", use);

  if (parts.empty()) {
    out::text(el, text);
  } else {
    for (const auto& [name, v] : parts) out::text(out::child(el, name), v);
    if (!text.empty()) {
      ctx.report(Severity::kInformation, IssueCode::kInformational,
                 "Address.text beside structured parts is left out (the parts carry it)");
    }
  }
  if (const Json& period = out::member(address, "period"); !period.is_null()) {
    xmlNode* up = out::child(el, "useablePeriod");
    out::set_xsi_type(up, "IVL_TS");
    if (!ivl_ts(period, up, ctx)) {
      xmlUnlinkNode(up);
      xmlFreeNode(up);
    }
  }
  return true;
}

}  // namespace ccdafhir::rdt
