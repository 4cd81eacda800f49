// Timing.repeat -> PIVL_TS / EIVL_TS (FC-medications.md: repeat.frequency/period/periodUnit ->
// effectiveTime[2] with operator="A", xsi:type="PIVL_TS", institutionSpecified and period;
// repeat.when/offset -> xsi:type="EIVL_TS" with event/@code and offset). The first
// effectiveTime (boundsPeriod, event) is the caller's: it is written with ivl_ts() / ts().
//  - "Every 8 hours" 1 / 8 / h -> <period value="8" unit="h"/>;
//  - "TID" 3 / 1 / d -> institutionSpecified="true" with <period value="8" unit="h"/> (n times a
//    day at times the institution chooses: the day divided by n, in hours when that is whole);
//    other frequencies n per p u -> institutionSpecified="true", period p/n u;
//  - when[0] -> event/@code (the v3 TimingEvent codes are FHIR's event-timing codes) and offset
//    (minutes) -> <offset value=".." unit="min"/>;
//  - the FHIR units of time s, min, h, d, wk, mo, a are UCUM codes already.
// Left out and reported: periodMax and frequencyMax (a PIVL_TS period is a single PQ), several
// when codes (an EIVL_TS has one event), when together with a period (one element can only be
// one of the two types), dayOfWeek, timeOfDay, count, duration and Timing.code.
#include <cmath>
#include <string>

#include "datatypes/to_cda.h"
#include "datatypes/to_cda/xml_out.h"

namespace ccdafhir::rdt {

namespace {

bool is_time_unit(const std::string& u) {
  return u == "s" || u == "min" || u == "h" || u == "d" || u == "wk" || u == "mo" || u == "a";
}

bool whole(double v) {
  return std::fabs(v - std::round(v)) < 1e-9;
}

Json as_number(double v) {
  if (whole(v) && std::fabs(v) < 1e15) return static_cast<long long>(std::llround(v));
  return v;
}

bool pivl(const Json& repeat, xmlNode* el, ReverseContext& ctx) {
  const Json& period = out::member(repeat, "period");
  std::string unit = out::str(repeat, "periodUnit");
  if (!period.is_number() || period.get<double>() <= 0 || !is_time_unit(unit)) {
    ctx.report(Severity::kWarning, IssueCode::kInvalid,
               "Timing.repeat.period/periodUnit is not a positive period of time; left out");
    return false;
  }
  double p = period.get<double>();
  const Json& f = out::member(repeat, "frequency");
  double frequency = f.is_number_integer() ? f.get<double>() : 1;
  if (!f.is_null() && (!f.is_number_integer() || frequency < 1)) {
    ctx.report(Severity::kWarning, IssueCode::kInvalid,
               "Timing.repeat.frequency is not a positive integer; read as 1");
    frequency = 1;
  }
  out::set_xsi_type(el, "PIVL_TS");
  out::set(el, "operator", "A");
  Json value = period;
  if (frequency > 1) {
    out::set(el, "institutionSpecified", "true");
    double interval = p / frequency;
    if (unit == "d" && whole(interval * 24)) {
      value = as_number(interval * 24);
      unit = "h";
    } else {
      value = as_number(interval);
    }
  }
  xmlNode* pe = out::child(el, "period");
  out::set(pe, "value", out::number_text(value));
  out::set(pe, "unit", unit);
  if (repeat.contains("periodMax") || repeat.contains("frequencyMax")) {
    ctx.report(Severity::kWarning, IssueCode::kNotSupported,
               "Timing.repeat.periodMax/frequencyMax cannot be carried by PIVL_TS; left out");
  }
  return true;
}

bool eivl(const Json& repeat, xmlNode* el, ReverseContext& ctx) {
  const Json& when = out::member(repeat, "when");
  std::string code = when.is_array() && !when.empty() && when[0].is_string()
                         ? when[0].get<std::string>()
                         : std::string();
  if (code.empty()) return false;
  if (when.size() > 1) {
    ctx.report(Severity::kWarning, IssueCode::kNotSupported,
               "Timing.repeat.when has several codes; an EIVL_TS has one event, the first is kept");
  }
  out::set_xsi_type(el, "EIVL_TS");
  out::set(el, "operator", "A");
  out::set(out::child(el, "event"), "code", code);
  const Json& offset = out::member(repeat, "offset");
  if (offset.is_number_integer() && offset.get<long long>() >= 0) {
    xmlNode* o = out::child(el, "offset");
    out::set(o, "value", out::number_text(offset));
    out::set(o, "unit", "min");
  } else if (!offset.is_null()) {
    ctx.report(Severity::kWarning, IssueCode::kInvalid,
               "Timing.repeat.offset is not a non-negative integer; left out");
  }
  return true;
}

}  // namespace

bool timing(const Json& t, xmlNode* el, ReverseContext& ctx) {
  if (!t.is_object()) return false;
  const Json& repeat = out::member(t, "repeat");
  if (t.contains("code")) {
    ctx.report(Severity::kInformation, IssueCode::kNotSupported,
               "Timing.code is not mapped; only Timing.repeat is");
  }
  if (!repeat.is_object()) return false;
  for (const char* key :
       {"dayOfWeek", "timeOfDay", "count", "countMax", "duration", "durationMax", "durationUnit"}) {
    if (repeat.contains(key)) {
      ctx.report(Severity::kInformation, IssueCode::kNotSupported,
                 std::string("Timing.repeat.") + key + " has no PIVL_TS/EIVL_TS counterpart");
    }
  }
  if (repeat.contains("period")) {
    if (repeat.contains("when")) {
      ctx.report(Severity::kWarning, IssueCode::kNotSupported,
                 "Timing.repeat has both a period and when; only the period is written");
    }
    return pivl(repeat, el, ctx);
  }
  return eivl(repeat, el, ctx);
}

}  // namespace ccdafhir::rdt
