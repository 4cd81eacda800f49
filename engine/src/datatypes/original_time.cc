#include "datatypes/original_time.h"

#include <algorithm>

#include "datatypes/to_cda.h"

namespace ccdafhir {

namespace {

constexpr const char* kOriginalText = "http://hl7.org/fhir/StructureDefinition/originalText";

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Digits, then an optional fraction and zone: the shape of an HL7 TS (the forward converter
// has already checked the value itself).
bool ts_shaped(std::string_view s) {
  if (s.size() < 4 || s.size() > 32) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-')) return false;
  }
  return s[0] >= '0' && s[0] <= '9';
}

// Whether the FHIR value (as the TS `back` it converts to) is what the forward converter makes
// of `source`: the same digits as far as both go, digits only one has are zeros (seconds the
// forward added) or a time the FHIR value left out, and the same zone when the value has one.
bool agrees(std::string_view back, std::string_view source) {
  auto split = [](std::string_view s, std::string_view& digits, std::string_view& zone) {
    std::size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
    digits = s.substr(0, n);
    std::size_t z = s.find_first_of("+-", n);
    zone = z == std::string_view::npos ? std::string_view() : s.substr(z);
  };
  std::string_view bd, bz, sd, sz;
  split(back, bd, bz);
  split(source, sd, sz);
  if (bd.size() < 4 || sd.size() < 4) return false;
  std::size_t common = std::min(bd.size(), sd.size());
  if (bd.substr(0, common) != sd.substr(0, common)) return false;
  if (bd.size() > sd.size() && bd.substr(common).find_first_not_of('0') != std::string_view::npos)
    return false;
  if (bd.size() < sd.size() && bd.size() != 8 && bd.size() != 6 && bd.size() != 4) return false;
  return bz.empty() || bz == sz;
}

}  // namespace

namespace dt {

const char* const kIntervalPoint = "https://ccdafhir.invalid/StructureDefinition/interval-point";

Json interval_point_extension() {
  return Json{{"url", kIntervalPoint}, {"valueBoolean", true}};
}

Json original_time(std::string_view hl7_ts, const Json& fhir) {
  if (!fhir.is_string()) return nullptr;
  std::string_view source = trim(hl7_ts);
  if (!ts_shaped(source)) return nullptr;
  std::string back = rdt::ts_value(fhir.get<std::string>());
  if (back.empty() || back == source || !agrees(back, source)) return nullptr;
  return Json{{"extension",
               Json::array({Json{{"url", kOriginalText}, {"valueString", std::string(source)}}})}};
}

}  // namespace dt

namespace rdt {

std::string original_ts(const Json& element, std::string_view fhir_date) {
  if (!element.is_object()) return {};
  auto ext = element.find("extension");
  if (ext == element.end() || !ext->is_array()) return {};
  std::string back = ts_value(fhir_date);
  if (back.empty()) return {};
  for (const Json& e : *ext) {
    if (!e.is_object() || !e.contains("url") || e["url"] != kOriginalText) continue;
    auto v = e.find("valueString");
    if (v == e.end() || !v->is_string()) continue;
    std::string source = v->get<std::string>();
    if (ts_shaped(source) && agrees(back, source)) return source;
  }
  return {};
}

bool interval_point(const Json& element) {
  if (!element.is_object()) return false;
  auto ext = element.find("extension");
  if (ext == element.end() || !ext->is_array()) return false;
  for (const Json& e : *ext) {
    if (e.is_object() && e.contains("url") && e["url"] == dt::kIntervalPoint &&
        e.contains("valueBoolean") && e["valueBoolean"] == true)
      return true;
  }
  return false;
}

}  // namespace rdt

}  // namespace ccdafhir
