#include "mapping/entry_summary.h"

namespace ccdafhir {

namespace {

std::string escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The words of a CodeableConcept: its text, else the first coding's display, else its code.
std::string concept_words(const Json& cc) {
  if (!cc.is_object()) return {};
  if (cc.contains("text") && cc["text"].is_string()) return cc["text"].get<std::string>();
  if (cc.contains("coding") && cc["coding"].is_array()) {
    for (const Json& c : cc["coding"]) {
      if (!c.is_object()) continue;
      if (c.contains("display") && c["display"].is_string()) return c["display"].get<std::string>();
    }
    for (const Json& c : cc["coding"]) {
      if (c.is_object() && c.contains("code") && c["code"].is_string())
        return c["code"].get<std::string>();
    }
  }
  return {};
}

// What the resource is about, from the element that names it in most resource types.
std::string subject_words(const Json& r) {
  for (const char* key :
       {"code", "vaccineCode", "medicationCodeableConcept", "type", "description"}) {
    if (!r.contains(key)) continue;
    const Json& v = r[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array() && !v.empty()) {
      std::string w = concept_words(v[0]);
      if (!w.empty()) return w;
    } else {
      std::string w = concept_words(v);
      if (!w.empty()) return w;
    }
  }
  return {};
}

// When: the first dateTime the resource states about itself.
std::string when_words(const Json& r) {
  for (const char* key : {"effectiveDateTime", "onsetDateTime", "occurrenceDateTime",
                          "performedDateTime", "authoredOn", "recordedDate", "date", "issued"}) {
    if (r.contains(key) && r[key].is_string()) return r[key].get<std::string>();
  }
  for (const char* key : {"effectivePeriod", "period", "performedPeriod", "occurrencePeriod"}) {
    if (r.contains(key) && r[key].is_object() && r[key].contains("start") &&
        r[key]["start"].is_string())
      return r[key]["start"].get<std::string>();
  }
  return {};
}

}  // namespace

Json entry_summary_narrative(const Json& entries,
                             const std::function<const Json*(const std::string&)>& resolve) {
  if (!entries.is_array()) return nullptr;
  std::string items;
  for (const Json& ref : entries) {
    if (!ref.is_object() || !ref.contains("reference") || !ref["reference"].is_string()) continue;
    const Json* r = resolve(ref["reference"].get<std::string>());
    if (!r || !r->is_object()) continue;
    std::string line = r->value("resourceType", std::string());
    std::string what = subject_words(*r);
    if (!what.empty()) line += ": " + what;
    std::string when = when_words(*r);
    if (!when.empty()) line += " (" + when + ")";
    items += "<li>" + escaped(line) + "</li>";
  }
  if (items.empty()) return nullptr;
  return Json{{"status", "generated"},
              {"div", "<div xmlns=\"http://www.w3.org/1999/xhtml\"><ul>" + items + "</ul></div>"}};
}

}  // namespace ccdafhir
