#include "source_problem_match.h"

#include <cstdlib>
#include <string_view>

namespace ccdafhir::test {

namespace {

struct HeaderElement {
  const char* composition;  // Composition element (first step of the FHIRPath)
  const char* cda;          // the ClinicalDocument child it comes from
  const char* rule;         // how header rules about it are named (their id's last part)
};

// The Composition elements the US Realm Header mapping fills from the header.
constexpr HeaderElement kHeader[] = {
    {"date", "effectiveTime", "effective-time"},
    {"custodian", "custodian", "custodian"},
    {"identifier", "id", "id"},
    {"language", "languageCode", "language-code"},
    {"type", "code", "code"},
    {"subject", "recordTarget", "record-target"},
    {"author", "author", "author"},
    {"attester", "legalAuthenticator", "legal-authenticator"},
    {"event", "documentationOf", "service-event"},
    {"title", "title", "title"},
};

// "a.b[2].c" -> "a"
std::string first_step(std::string_view path) {
  std::size_t end = path.find_first_of(".[");
  return std::string(path.substr(0, end));
}

// `path` is `prefix` or lies below it (a step boundary follows, not a longer name).
bool at_or_below(std::string_view path, std::string_view prefix) {
  if (path.substr(0, prefix.size()) != prefix) return false;
  if (path.size() == prefix.size()) return true;
  char next = path[prefix.size()];
  return next == '/' || next == '[';
}

// The rule id's last part: "us-realm-header/custodian-organization-addr" ->
// "custodian-organization-addr".
std::string_view rule_leaf(const std::string& rule_id) {
  std::size_t slash = rule_id.rfind('/');
  return std::string_view(rule_id).substr(slash == std::string::npos ? 0 : slash + 1);
}

bool named(std::string_view leaf, std::string_view name) {
  if (leaf.substr(0, name.size()) != name) return false;
  return leaf.size() == name.size() || leaf[name.size()] == '-';
}

}  // namespace

std::string error_area(const Diagnostic& error, const Json& bundle) {
  std::string_view path = error.fhir_path;
  constexpr std::string_view kEntry = "Bundle.entry[";
  if (path.substr(0, kEntry.size()) != kEntry) {
    if (path == "Bundle.timestamp" || error.rule_id.find("timestamp") != std::string::npos)
      return "header:effectiveTime";
    if (path.substr(0, 17) == "Bundle.identifier") return "header:id";
    return "";
  }
  std::size_t close = path.find(']');
  constexpr std::string_view kResource = "].resource";
  if (close == std::string::npos || path.substr(close, kResource.size()) != kResource) return "";
  std::size_t index = std::strtoul(std::string(path.substr(kEntry.size())).c_str(), nullptr, 10);
  std::string_view rest = path.substr(close + kResource.size());
  if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
  std::string type;
  if (bundle.contains("entry") && bundle["entry"].is_array() && index < bundle["entry"].size()) {
    const Json& entry = bundle["entry"][index];
    if (entry.contains("resource")) type = entry["resource"].value("resourceType", std::string());
  }
  std::string step = first_step(rest);
  if (type == "Composition") {
    if (step == "section") return "section";
    for (const HeaderElement& h : kHeader) {
      if (step == h.composition) return std::string("header:") + h.cda;
    }
    return "";
  }
  if (type == "Patient" || step == "subject" || step == "patient") return "patient";
  return type.empty() ? "" : "entry";
}

bool explains(const Diagnostic& sp, const std::string& area) {
  const std::string& path = sp.source_path;
  std::string_view leaf = rule_leaf(sp.rule_id);
  if (area == "section") {
    // A section requirement ("ccd/section:allergies", "should-section-..."), a section's code
    // ("sections/results-code") or the body the sections live in.
    return sp.rule_id.find("section") != std::string::npos || leaf == "body";
  }
  if (area == "patient") {
    return at_or_below(path, "/ClinicalDocument/recordTarget") || named(leaf, "record-target") ||
           leaf.substr(0, 7) == "patient";
  }
  if (area == "entry") {
    return path.find("/entry/") != std::string::npos || path.find("/entry[") != std::string::npos;
  }
  constexpr std::string_view kHeaderArea = "header:";
  if (area.rfind(kHeaderArea, 0) != 0) return false;
  std::string cda = area.substr(kHeaderArea.size());
  if (at_or_below(path, "/ClinicalDocument/" + cda)) return true;
  // A rule checked on the ClinicalDocument itself ("SHALL contain exactly one custodian").
  for (const HeaderElement& h : kHeader) {
    if (cda == h.cda && path == "/ClinicalDocument" && named(leaf, h.rule)) return true;
  }
  return false;
}

}  // namespace ccdafhir::test
