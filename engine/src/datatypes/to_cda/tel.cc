// ContactPoint -> TEL (mappingGuidance.md "FHIR telecom -> CDA telecom": "Insert FHIR value after
// the CDA system prefix mapped from FHIR system"; "FHIR's .system='pager' is equivalent to CDA's
// @use='PG'").
//  - the URL scheme through ConceptMap FC-TelecomType (email -> mailto, url -> http, phone and
//    pager -> tel, fax -> x-text-fax), use through FC-TelecomUse (home -> HP, work -> WP, temp ->
//    TMP, old -> BAD, mobile -> MC).
// Choices where the guidance is silent:
//  - a url value is a URL already: written as it is (http/https kept);
//  - a value that already starts with the scheme ("tel:...") is not prefixed twice;
//  - sms -> "sms:" (RFC 5724; the map has no row) and other -> the value as it is when it has a
//    scheme of its own; otherwise, and for a value without system, nothing is written (reported):
//    a TEL without a scheme cannot be interpreted;
//  - period -> useablePeriod (xsi:type IVL_TS); rank has no counterpart (dropped, reported).
#include <string>

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

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The URL scheme of a value ("tel" for "tel:+1..."), "" when it has none.
std::string scheme_of(std::string_view v) {
  std::size_t colon = v.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  for (std::size_t i = 0; i < colon; ++i) {
    char c = v[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.';
    if (!ok) return {};
  }
  return lower(v.substr(0, colon));
}

}  // namespace

bool tel(const Json& contact_point, xmlNode* el, ReverseContext& ctx) {
  if (!contact_point.is_object()) return false;
  std::string value = trim(out::str(contact_point, "value"));
  if (value.empty()) return false;
  std::string system = out::str(contact_point, "system");
  std::string own_scheme = scheme_of(value);

  std::string url;
  if (system == "url") {
    url = value;
  } else if (system == "sms") {
    url = own_scheme == "sms" ? value : "sms:" + value;
  } else if (system == "other" || system.empty()) {
    if (own_scheme.empty()) {
      ctx.report(Severity::kWarning, IssueCode::kRequired,
                 "ContactPoint has no system and its value no URL scheme; left out");
      return false;
    }
    url = value;
  } else {
    std::string scheme = out::map_code(ctx, "FC-TelecomType", system, "ContactPoint.system");
    if (scheme.empty()) return false;
    // "tel:" values written as "tel:..." already keep their own prefix.
    url = own_scheme == scheme ? value : scheme + ":" + value;
  }

  std::string use =
      out::map_code(ctx, "FC-TelecomUse", out::str(contact_point, "use"), "ContactPoint.use");
  if (system == "pager") use = use.empty() ? "PG" : use + " PG";
  out::set(el, "value", url);
  if (!use.empty()) out::set(el, "use", use);
  if (const Json& period = out::member(contact_point, "period"); !period.is_null()) {
    xmlNode* up = out::child(el, "useablePeriod");
    out::set_xsi_type(up, "IVL_TS");
    if (!ivl_ts(period, up, ctx)) {
      xmlUnlinkNode(up);
      xmlFreeNode(up);
    }
  }
  if (contact_point.contains("rank")) {
    ctx.report(Severity::kInformation, IssueCode::kNotSupported,
               "ContactPoint.rank has no TEL counterpart; left out");
  }
  return true;
}

}  // namespace ccdafhir::rdt
