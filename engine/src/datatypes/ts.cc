// TS -> FHIR date / dateTime / instant (mappingGuidance.md "CDA <-> FHIR Time/Dates").
//
// HL7 TS: YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+|-ZZzz]. Precision is preserved: "2023" -> "2023",
// "202305" -> "2023-05", "20230531" -> "2023-05-31". When a time is present:
//  - with an offset, the time is written out with seconds (FHIR dateTime requires seconds once a
//    time is given, so the guidance's "2023-05-31T22:05-05:00" is written
//    "2023-05-31T22:05:00-05:00"; hours-only "10" becomes "10:00:00"); fractional seconds are kept;
//  - without an offset, FHIR cannot carry the time (an offset is required when more specific than
//    the day). Of the approaches the guidance lists we take the first, "omit the time portion",
//    and warn: manufacturing an offset "could have clinical implications".
// A zone on a date-only value is dropped (FHIR date has no zone). kInstant needs seconds and an
// offset in the source; anything less is reported and gives "". kDate truncates to the day.
#include <string>
#include <string_view>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int num(std::string_view s, std::size_t pos, std::size_t len) {
  int v = 0;
  for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

// "effectiveTime/@value" for an element, "low/@value" etc.; the attribute's own name when
// `where` is an attribute node.
std::string label(const xmlNode* where) {
  if (!where) return "TS value";
  if (where->type == XML_ATTRIBUTE_NODE) {
    std::string out = where->parent ? std::string(cda::name_of(where->parent)) + "/" : "";
    return out + "@" + std::string(cda::name_of(where));
  }
  return std::string(cda::name_of(where)) + "/@value";
}

struct ParsedTs {
  std::string_view digits;    // 4, 6, 8, 10, 12 or 14 digits
  std::string_view fraction;  // digits after '.', only with seconds
  std::string_view zone;      // "+hhmm" / "-hhmm" or empty
};

bool parse(std::string_view s, ParsedTs& out) {
  std::size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  if (n != 4 && n != 6 && n != 8 && n != 10 && n != 12 && n != 14) return false;
  out.digits = s.substr(0, n);
  std::size_t pos = n;
  if (pos < s.size() && s[pos] == '.') {
    if (n != 14) return false;
    std::size_t start = ++pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    if (pos == start) return false;
    out.fraction = s.substr(start, pos - start);
  }
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    std::string_view z = s.substr(pos);
    if (z.size() != 5) return false;
    for (std::size_t i = 1; i < 5; ++i) {
      if (!is_digit(z[i])) return false;
    }
    out.zone = z;
    pos = s.size();
  }
  if (pos != s.size()) return false;

  std::string_view d = out.digits;
  int year = num(d, 0, 4);
  if (year == 0) return false;
  if (n >= 6) {
    int month = num(d, 4, 2);
    if (month < 1 || month > 12) return false;
    if (n >= 8) {
      int day = num(d, 6, 2);
      if (day < 1 || day > days_in_month(year, month)) return false;
    }
  }
  if (n >= 10 && num(d, 8, 2) > 23) return false;
  if (n >= 12 && num(d, 10, 2) > 59) return false;
  if (n >= 14 && num(d, 12, 2) > 60) return false;  // FHIR allows a leap second
  if (!out.zone.empty()) {
    // FHIR offset: (+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)
    int zh = num(out.zone, 1, 2);
    int zm = num(out.zone, 3, 2);
    if (zm > 59 || zh > 14 || (zh == 14 && zm != 0)) return false;
  }
  return true;
}

}  // namespace

std::string ts_string(std::string_view hl7_ts, TimeTarget target, DatatypeContext& ctx,
                      const xmlNode* where) {
  ParsedTs ts;
  if (!parse(trim(hl7_ts), ts)) {
    ctx.report(Severity::kError, IssueCode::kInvalid, where, label(where) + " is not a valid TS");
    return {};
  }
  std::string_view d = ts.digits;
  std::string date(d.substr(0, 4));
  if (d.size() >= 6) date += "-" + std::string(d.substr(4, 2));
  if (d.size() >= 8) date += "-" + std::string(d.substr(6, 2));

  if (target == TimeTarget::kDate) return date;
  if (target == TimeTarget::kInstant && (d.size() < 14 || ts.zone.empty())) {
    ctx.report(Severity::kWarning, IssueCode::kValue, where,
               label(where) +
                   " is not precise to the second with a timezone offset, as an instant must be");
    return {};
  }
  if (d.size() <= 8) return date;
  if (ts.zone.empty()) {
    ctx.report(Severity::kWarning, IssueCode::kValue, where,
               label(where) + " has a time but no timezone offset; only the date was kept");
    return date;
  }
  std::string out = date + "T" + std::string(d.substr(8, 2));
  out += ":" + (d.size() >= 12 ? std::string(d.substr(10, 2)) : std::string("00"));
  out += ":" + (d.size() >= 14 ? std::string(d.substr(12, 2)) : std::string("00"));
  if (!ts.fraction.empty()) out += "." + std::string(ts.fraction);
  out += std::string(ts.zone.substr(0, 3)) + ":" + std::string(ts.zone.substr(3, 2));
  return out;
}

Json datetime(const xmlNode* ts, TimeTarget target, DatatypeContext& ctx) {
  if (!ts) return nullptr;
  // "When mapped to a FHIR dateTime or instant datatype, the value should be taken from either
  // @value or low/@value" (mappingGuidance.md, Structured types).
  const xmlNode* source = ts;
  if (!cda::has_attr(ts, "value")) {
    source = cda::child(ts, "low");
    if (!source || !cda::has_attr(source, "value")) return nullptr;
  }
  std::string out = ts_string(cda::attr(source, "value"), target, ctx, source);
  if (out.empty()) return nullptr;
  return out;
}

}  // namespace ccdafhir::dt
