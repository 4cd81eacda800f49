// date / dateTime / instant -> TS and Period -> IVL_TS (mappingGuidance.md "CDA <-> FHIR
// Time/Dates": convert the format, preserve the precision and the timezone offset).
//   "2023" -> "2023", "2023-05" -> "202305", "2023-05-31" -> "20230531",
//   "2023-05-31T22:05:00-05:00" -> "20230531220500-0500", and the guidance's
//   "2023-05-31T22:05-05:00" (minutes, no seconds) -> "202305312205-0500".
// Choices where the guidance is silent:
//  - fractional seconds are kept as written; "Z" becomes "+0000";
//  - a time without an offset (not valid FHIR, but seen in foreign data) is written without a
//    zone, as CDA allows, and reported;
//  - anything else that is not a date/dateTime/instant is reported and nothing is written;
//  - Period: start -> low, end -> high; a bound that cannot be read is reported and left out.
#include <string>
#include <string_view>

#include "datatypes/original_time.h"
#include "datatypes/to_cda.h"
#include "datatypes/to_cda/xml_out.h"

namespace ccdafhir::rdt {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

int num(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) return ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
  return kDays[month - 1];
}

struct Converted {
  std::string ts;
  bool zoneless_time = false;
};

// FHIR date/dateTime/instant -> TS; false when it is not one.
bool convert(std::string_view s, Converted& out) {
  if (!digits(s, 0, 4) || num(s, 0, 4) == 0) return false;
  std::string ts(s.substr(0, 4));
  std::size_t pos = 4;
  if (pos == s.size()) {
    out.ts = ts;
    return true;
  }
  if (s[pos] != '-' || !digits(s, pos + 1, 2)) return false;
  int month = num(s, pos + 1, 2);
  if (month < 1 || month > 12) return false;
  ts += s.substr(pos + 1, 2);
  pos += 3;
  if (pos == s.size()) {
    out.ts = ts;
    return true;
  }
  if (s[pos] != '-' || !digits(s, pos + 1, 2)) return false;
  int day = num(s, pos + 1, 2);
  if (day < 1 || day > days_in_month(num(s, 0, 4), month)) return false;
  ts += s.substr(pos + 1, 2);
  pos += 3;
  if (pos == s.size()) {
    out.ts = ts;
    return true;
  }
  // Time: Thh:mm[:ss[.f+]]
  if (s[pos] != 'T' || !digits(s, pos + 1, 2) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
      !digits(s, pos + 4, 2)) {
    return false;
  }
  if (num(s, pos + 1, 2) > 23 || num(s, pos + 4, 2) > 59) return false;
  ts += s.substr(pos + 1, 2);
  ts += s.substr(pos + 4, 2);
  pos += 6;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2) || num(s, pos + 1, 2) > 60) return false;
    ts += s.substr(pos + 1, 2);
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      std::size_t start = ++pos;
      while (pos < s.size() && is_digit(s[pos])) ++pos;
      if (pos == start) return false;
      ts += "." + std::string(s.substr(start, pos - start));
    }
  }
  if (pos == s.size()) {
    out.ts = ts;
    out.zoneless_time = true;
    return true;
  }
  if (s[pos] == 'Z' && pos + 1 == s.size()) {
    out.ts = ts + "+0000";
    return true;
  }
  if ((s[pos] != '+' && s[pos] != '-') || pos + 6 != s.size() || !digits(s, pos + 1, 2) ||
      s[pos + 3] != ':' || !digits(s, pos + 4, 2)) {
    return false;
  }
  int zh = num(s, pos + 1, 2), zm = num(s, pos + 4, 2);
  if (zm > 59 || zh > 14 || (zh == 14 && zm != 0)) return false;
  ts += s[pos];
  ts += s.substr(pos + 1, 2);
  ts += s.substr(pos + 4, 2);
  out.ts = ts;
  return true;
}

// Writes @value for one date; reports what it cannot read. `what` names the FHIR element.
bool write_value(const Json& date, xmlNode* el, ReverseContext& ctx, const std::string& what) {
  if (!date.is_string()) {
    if (!date.is_null()) {
      ctx.report(Severity::kError, IssueCode::kInvalid, what + " is not a date/dateTime string");
    }
    return false;
  }
  Converted c;
  if (!convert(date.get<std::string>(), c)) {
    ctx.report(Severity::kError, IssueCode::kInvalid,
               what + " is not a valid FHIR date, dateTime or instant");
    return false;
  }
  if (c.zoneless_time) {
    ctx.report(Severity::kWarning, IssueCode::kValue,
               what + " has a time but no timezone offset; written without a zone");
  }
  out::set(el, "value", c.ts);
  return true;
}

}  // namespace

std::string ts_value(std::string_view fhir_date) {
  Converted c;
  return convert(fhir_date, c) ? c.ts : std::string();
}

bool ts(const Json& fhir_date, xmlNode* el, ReverseContext& ctx) {
  return write_value(fhir_date, el, ctx, "date");
}

bool ivl_ts(const Json& period, xmlNode* el, ReverseContext& ctx) {
  if (!period.is_object()) return false;
  const Json& start = out::member(period, "start");
  const Json& end = out::member(period, "end");
  Converted low, high;
  bool has_low = false, has_high = false;
  if (!start.is_null()) {
    has_low = start.is_string() && convert(start.get<std::string>(), low);
    if (!has_low) {
      ctx.report(Severity::kError, IssueCode::kInvalid,
                 "Period.start is not a valid FHIR dateTime; left out");
    }
  }
  if (!end.is_null()) {
    has_high = end.is_string() && convert(end.get<std::string>(), high);
    if (!has_high) {
      ctx.report(Severity::kError, IssueCode::kInvalid,
                 "Period.end is not a valid FHIR dateTime; left out");
    }
  }
  if (!has_low && !has_high) return false;
  if ((has_low && low.zoneless_time) || (has_high && high.zoneless_time)) {
    ctx.report(Severity::kWarning, IssueCode::kValue,
               "Period has a time but no timezone offset; written without a zone");
  }
  // A bound whose TS FHIR could not state (a time without offset) comes back as written.
  if (has_low) {
    std::string o = original_ts(out::member(period, "_start"), start.get<std::string>());
    if (!o.empty()) low.ts = o;
  }
  if (has_high) {
    std::string o = original_ts(out::member(period, "_end"), end.get<std::string>());
    if (!o.empty()) high.ts = o;
  }
  if (has_low) out::set(out::child(el, "low"), "value", low.ts);
  if (has_high) out::set(out::child(el, "high"), "value", high.ts);
  return true;
}

}  // namespace ccdafhir::rdt
