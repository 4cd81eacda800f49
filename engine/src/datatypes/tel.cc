// TEL -> ContactPoint (mappingGuidance.md "CDA telecom -> FHIR telecom").
// System from the URL scheme, ConceptMap CF-TelecomType
// (spec/ccda-on-fhir-ig/maps/ConceptMap-CF-TelecomType.xml): tel -> phone (pager when @use has
// PG), fax and x-text-fax -> fax, mailto -> email, http -> url, sms -> sms. The value is what
// follows the scheme ("tel:+1(555)867-5309" -> "+1(555)867-5309"), except for url, whose value
// is the whole URL (https is treated as http).
// Use from ConceptMap CF-TelecomUse (maps/ConceptMap-CF-TelecomUse.xml): AS, DIR, PUB, WP ->
// work; BAD -> old; H, HP, HV -> home; MC, PG -> mobile; TMP -> temp; EC unmatched.
// Choices where the guidance is silent:
//  - several @use codes: MC/PG win (a mobile at home or work is still a mobile), otherwise the
//    first code that maps; unmatched codes are reported (info);
//  - a value without a known scheme is kept whole with system "other" (FHIR cpt-2 requires a
//    system with a value), reported;
//  - useablePeriod -> period; nullFlavor / no @value -> null.
#include <string>
#include <string_view>
#include <vector>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view telecom_use(std::string_view code) {
  if (code == "AS" || code == "DIR" || code == "PUB" || code == "WP") return "work";
  if (code == "BAD") return "old";
  if (code == "H" || code == "HP" || code == "HV") return "home";
  if (code == "MC" || code == "PG") return "mobile";
  if (code == "TMP") return "temp";
  return {};
}

}  // namespace

Json contact_point(const xmlNode* tel, DatatypeContext& ctx) {
  if (!tel) return nullptr;
  std::string value = trim(cda::attr(tel, "value"));
  if (value.empty()) return nullptr;

  std::string use;
  bool pager = false, mobile = false, unmatched = false;
  for (std::string_view code : cda::tokens(cda::attr(tel, "use"))) {
    std::string_view mapped = telecom_use(code);
    if (mapped.empty()) {
      unmatched = true;
      continue;
    }
    if (code == "PG") pager = true;
    if (mapped == "mobile") mobile = true;
    if (use.empty()) use = std::string(mapped);
  }
  if (mobile) use = "mobile";
  if (unmatched) {
    ctx.report(Severity::kInformation, IssueCode::kCodeInvalid, tel,
               "telecom/@use has a code with no FHIR contact point use (CF-TelecomUse)");
  }

  std::string system, v;
  std::size_t colon = value.find(':');
  std::string scheme = colon == std::string::npos ? "" : lower(value.substr(0, colon));
  std::string rest = colon == std::string::npos ? "" : trim(value.substr(colon + 1));
  if (scheme == "tel") {
    system = pager ? "pager" : "phone";
    v = rest;
  } else if (scheme == "fax" || scheme == "x-text-fax") {
    system = "fax";
    v = rest;
  } else if (scheme == "mailto") {
    system = "email";
    v = rest;
  } else if (scheme == "sms") {
    system = "sms";
    v = rest;
  } else if (scheme == "http" || scheme == "https") {
    system = "url";
    v = value;
  } else {
    ctx.report(Severity::kWarning, IssueCode::kCodeInvalid, tel,
               "telecom/@value has no known URL scheme (CF-TelecomType); system set to other");
    system = "other";
    v = value;
  }
  if (v.empty()) {
    ctx.report(Severity::kWarning, IssueCode::kValue, tel,
               "telecom/@value has a URL scheme but nothing after it");
    return nullptr;
  }
  Json cp = Json::object();
  cp["system"] = system;
  cp["value"] = v;
  put_if(cp, "use", use);
  put_if(cp, "period", period(cda::child(tel, "useablePeriod"), ctx));
  return cp;
}

}  // namespace ccdafhir::dt
