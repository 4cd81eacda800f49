// PN/EN -> HumanName and ON -> string (mappingGuidance.md "CDA name -> FHIR name").
// @use through ConceptMap CF-NameUse (spec/ccda-on-fhir-ig/maps/ConceptMap-CF-NameUse.xml):
//   L -> usual; C -> official; A -> nickname; P -> nickname when a name part has
//   qualifier="CL" (call me), otherwise anonymous; ABC, ASGN, IDE, PHON, R, SNDX, SRCH, SYL
//   unmatched (reported, info).
// Choices where the guidance is silent:
//  - no @use but a part qualified CL: nickname (the map's comment: "If a name part ... contains
//    a qualifier of CL (callme), then this name is a nickname"); an explicit @use wins;
//  - several family parts are joined with a space (FHIR family is a single string);
//  - several @use codes: the first one that maps;
//  - a name with no part elements, only text, is an unstructured name -> text;
//  - delimiters and other qualifiers are not mapped; validTime -> period.
#include <string>
#include <string_view>
#include <vector>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {}  // namespace

Json human_name(const xmlNode* pn, DatatypeContext& ctx) {
  if (!pn) return nullptr;
  std::string family;
  Json given = Json::array(), prefix = Json::array(), suffix = Json::array();
  bool structured = false, call_me = false;
  for (const xmlNode* c = pn->children; c; c = c->next) {
    if (!cda::is_element(c)) continue;
    std::string_view name = cda::name_of(c);
    if (name == "validTime") continue;
    structured = true;
    if (name != "given" && name != "family" && name != "prefix" && name != "suffix") continue;
    for (std::string_view q : cda::tokens(cda::attr(c, "qualifier"))) {
      if (q == "CL") call_me = true;
    }
    std::string v = cda::normalize_space(cda::string_value(c));
    if (v.empty()) continue;
    if (name == "given") {
      given.push_back(v);
    } else if (name == "family") {
      family += (family.empty() ? "" : " ") + v;
    } else if (name == "prefix") {
      prefix.push_back(v);
    } else {
      suffix.push_back(v);
    }
  }

  std::string use;
  bool has_use = false, unmatched = false;
  for (std::string_view code : cda::tokens(cda::attr(pn, "use"))) {
    has_use = true;
    std::string_view mapped;
    if (code == "L") {
      mapped = "usual";
    } else if (code == "C") {
      mapped = "official";
    } else if (code == "A") {
      mapped = "nickname";
    } else if (code == "P") {
      mapped = call_me ? "nickname" : "anonymous";
    }
    if (mapped.empty()) {
      unmatched = true;
    } else if (use.empty()) {
      use = std::string(mapped);
    }
  }
  if (!has_use && call_me) use = "nickname";
  if (unmatched) {
    ctx.report(Severity::kInformation, IssueCode::kCodeInvalid, pn,
               "name/@use has a code with no FHIR name use (CF-NameUse)");
  }

  Json n = Json::object();
  put_if(n, "use", use);
  if (!structured) put_if(n, "text", cda::normalized_own_text(pn));
  put_if(n, "family", family);
  put_if(n, "given", std::move(given));
  put_if(n, "prefix", std::move(prefix));
  put_if(n, "suffix", std::move(suffix));
  if (n.empty() || (n.size() == 1 && n.contains("use"))) return nullptr;
  put_if(n, "period", period(cda::child(pn, "validTime"), ctx));
  return n;
}

Json organization_name(const xmlNode* on, DatatypeContext& /*ctx*/) {
  if (!on) return nullptr;
  std::string name = cda::normalize_space(cda::string_value(on));
  if (name.empty()) return nullptr;
  return name;
}

}  // namespace ccdafhir::dt
