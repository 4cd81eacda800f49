// CodeableConcept / Coding / code -> CD / CS (mappingGuidance.md "FHIR CodeableConcept -> CDA
// Coding" and "Mapping OID <-> URI": "Translation of URIs to OIDs is always required").
//  - the first coding with a code whose system has an OID -> @code, @codeSystem (through
//    CodeSystems; urn:oid: prefix removed), @codeSystemVersion, @displayName;
//  - the other codings -> <translation> in the same form;
//  - text -> <originalText> (plain text), before the translations as the CD schema orders them.
// Choices where the guidance is terse:
//  - a coding whose system has no OID cannot be written (a CDA codeSystem is an OID): it is
//    left out and reported; a coding with a code but no system keeps the code alone (as the
//    forward direction reads it back), reported;
//  - no primary code but translations or text -> nullFlavor="OTH": the guidance's "use OTH and
//    put the source data in translation and provide originalText";
//  - coding.userSelected has no CD counterpart and is dropped without a report (it only says
//    which coding the user picked).
#include <string>
#include <vector>

#include "datatypes/to_cda.h"
#include "datatypes/to_cda/xml_out.h"

namespace ccdafhir::rdt {

namespace {

struct Code {
  std::string code, system, version, display;
};

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// A Coding -> its CDA attributes; false (reported) when it cannot be written.
bool read_coding(const Json& coding, Code& out, ReverseContext& ctx) {
  out.code = trim(out::str(coding, "code"));
  if (out.code.empty()) {
    if (coding.is_object() && (coding.contains("system") || coding.contains("display"))) {
      ctx.report(Severity::kInformation, IssueCode::kRequired, "Coding has no code; left out");
    }
    return false;
  }
  std::string system = trim(out::str(coding, "system"));
  if (!system.empty()) {
    out.system = ctx.systems.oid_for(system);
    if (out.system.empty()) {
      ctx.report(Severity::kWarning, IssueCode::kCodeInvalid,
                 "Coding.system has no known OID; the coding is left out");
      return false;
    }
  } else {
    ctx.report(Severity::kWarning, IssueCode::kCodeInvalid,
               "Coding has a code but no system; written without codeSystem");
  }
  out.version = trim(out::str(coding, "version"));
  out.display = trim(out::str(coding, "display"));
  return true;
}

void write(const Code& c, xmlNode* el) {
  out::set(el, "code", c.code);
  if (!c.system.empty()) out::set(el, "codeSystem", c.system);
  if (!c.version.empty()) out::set(el, "codeSystemVersion", c.version);
  if (!c.display.empty()) out::set(el, "displayName", c.display);
}

}  // namespace

bool cd(const Json& cc, xmlNode* el, ReverseContext& ctx) {
  if (!cc.is_object()) return false;
  std::vector<Code> codes;
  std::string text;
  if (cc.contains("coding") || cc.contains("text")) {
    const Json& codings = out::member(cc, "coding");
    if (codings.is_array()) {
      for (const Json& coding : codings) {
        Code c;
        if (read_coding(coding, c, ctx)) codes.push_back(std::move(c));
      }
    }
    text = trim(out::str(cc, "text"));
  } else {
    Code c;
    if (read_coding(cc, c, ctx)) codes.push_back(std::move(c));
  }
  if (codes.empty() && text.empty()) return false;

  if (codes.empty()) {
    out::set(el, "nullFlavor", "OTH");
  } else {
    write(codes.front(), el);
  }
  if (!text.empty()) out::text(out::child(el, "originalText"), text);
  for (std::size_t i = 1; i < codes.size(); ++i) write(codes[i], out::child(el, "translation"));
  return true;
}

bool cs(const Json& code, xmlNode* el, ReverseContext& /*ctx*/) {
  if (!code.is_string()) return false;
  std::string v = trim(code.get<std::string>());
  if (v.empty()) return false;
  out::set(el, "code", v);
  return true;
}

}  // namespace ccdafhir::rdt
