// CD/CE/CV/CO/CS -> CodeableConcept / Coding / code (mappingGuidance.md "CDA Coding -> FHIR
// CodeableConcept"): @code -> coding.code, @codeSystem -> coding.system through the OID -> URI
// table (urn:oid: prefix when unknown), @displayName -> coding.display, translations -> further
// codings, originalText (reference resolved through the narrative) -> text.
// Choices where the guidance is silent:
//  - @codeSystemVersion -> coding.version;
//  - a code without @codeSystem keeps the code without system and is reported (FHIR allows it,
//    but the coding cannot be interpreted);
//  - a nullFlavor CD keeps whatever else it has: originalText -> text, translations -> codings
//    (the FHIR -> CDA guidance writes unmappable codes as nullFlavor="OTH" + translations);
//  - whitespace around attribute values is trimmed; empty strings are never emitted.
#include <string>
#include <string_view>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

// Attribute values are trimmed and their inner whitespace (Unicode spaces included) collapsed.
std::string trim(std::string_view s) {
  return cda::normalize_space(s);
}

}  // namespace

Json coding(const xmlNode* cd, DatatypeContext& ctx) {
  if (!cd) return nullptr;
  std::string code_value = trim(cda::attr(cd, "code"));
  if (code_value.empty()) return nullptr;
  Json c = Json::object();
  std::string system = trim(cda::attr(cd, "codeSystem"));
  if (system.empty()) {
    ctx.report(Severity::kWarning, IssueCode::kCodeInvalid, cd,
               std::string(cda::name_of(cd)) + " has @code but no @codeSystem");
  } else {
    c["system"] = ctx.systems.uri_for(system);
  }
  put_if(c, "version", trim(cda::attr(cd, "codeSystemVersion")));
  c["code"] = code_value;
  put_if(c, "display", trim(cda::attr(cd, "displayName")));
  return c;
}

Json codeable_concept(const xmlNode* cd, DatatypeContext& ctx) {
  if (!cd) return nullptr;
  Json codings = Json::array();
  Json first = coding(cd, ctx);
  if (!first.is_null()) codings.push_back(std::move(first));
  for (const xmlNode* t = cd->children; t; t = t->next) {
    if (!cda::is_element(t) || cda::name_of(t) != "translation") continue;
    Json c = coding(t, ctx);
    if (!c.is_null()) codings.push_back(std::move(c));
  }
  Json cc = Json::object();
  put_if(cc, "coding", std::move(codings));
  put_if(cc, "text", text(cda::child(cd, "originalText"), ctx));
  if (cc.empty()) return nullptr;
  return cc;
}

Json code(const xmlNode* cs, DatatypeContext& /*ctx*/) {
  if (!cs) return nullptr;
  std::string value = trim(cda::attr(cs, "code"));
  if (value.empty()) return nullptr;
  return value;
}

}  // namespace ccdafhir::dt
