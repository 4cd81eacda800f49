// PIVL_TS / EIVL_TS / IVL_TS -> Timing (CF-medications.md "Medication Timing and Frequency").
//  - PIVL_TS period @value/@unit -> repeat.period / periodUnit; a period given as IVL_PQ low/high
//    (e.g. every 4-6 hours) -> period / periodMax (as in the CF-medications example).
//    The UCUM units s, min, h, d, wk, mo, a are also the FHIR units-of-time codes; other units
//    are reported and the period dropped. frequency is left out for plain periods ("every 8
//    hours" -> period 8 h; FHIR's frequency defaults to 1), as in the guide's example output.
//  - @institutionSpecified="true" means "n times a day at institution-chosen times": a period of
//    h that divides 24 becomes frequency 24/n per 1 d ("TID would become 3 / 1 / d",
//    CF-medications.md; cf. C-CDA Common Medication Frequencies). Other institution-specified
//    periods are kept as periods, with an informational note.
//  - phase -> repeat.boundsPeriod (its low is when the schedule starts; the guide has no row).
//  - EIVL_TS event/@code -> repeat.when (the FHIR event-timing value set includes every v3
//    TimingEvent code); offset (IVL_PQ: @value or low/@value) -> repeat.offset in minutes.
//  - IVL_TS -> repeat.boundsPeriod; a lone TS @value -> Timing.event (CF-medications.md: "a single
//    @value ... represents a .timing.event dateTime value").
#include <cmath>
#include <string>
#include <string_view>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

bool is_time_unit(std::string_view u) {
  return u == "s" || u == "min" || u == "h" || u == "d" || u == "wk" || u == "mo" || u == "a";
}

bool is_timing_event(std::string_view code) {
  static constexpr std::string_view kCodes[] = {"AC",  "ACD", "ACM", "ACV", "C",   "CD",
                                                "CM",  "CV",  "HS",  "IC",  "ICD", "ICM",
                                                "ICV", "PC",  "PCD", "PCM", "PCV", "WAKE"};
  for (std::string_view c : kCodes) {
    if (c == code) return true;
  }
  return false;
}

double minutes_per(std::string_view unit) {
  if (unit == "s") return 1.0 / 60.0;
  if (unit == "min") return 1;
  if (unit == "h") return 60;
  if (unit == "d") return 1440;
  if (unit == "wk") return 10080;
  return 0;
}

void pivl(const xmlNode* gts, Json& repeat, DatatypeContext& ctx) {
  put_if(repeat, "boundsPeriod", period(cda::child(gts, "phase"), ctx));
  const xmlNode* p = cda::child(gts, "period");
  if (!p) return;
  const xmlNode* low = cda::child(p, "low");
  const xmlNode* high = cda::child(p, "high");
  const xmlNode* base = low ? low : p;
  Json value = decimal(base, ctx);
  Json max = low ? decimal(high, ctx) : Json();
  std::string unit(cda::attr(base, "unit"));
  if (value.is_null()) return;
  if (!is_time_unit(unit)) {
    ctx.report(Severity::kWarning, IssueCode::kCodeInvalid, base,
               "PIVL_TS period/@unit is not a unit of time FHIR Timing supports");
    return;
  }
  if (cda::attr(gts, "institutionSpecified") == "true") {
    double v = value.get<double>();
    if (max.is_null() && unit == "h" && v > 0 && v <= 24 && v == std::floor(v) &&
        24 % static_cast<int>(v) == 0) {
      repeat["frequency"] = 24 / static_cast<int>(v);
      repeat["period"] = 1;
      repeat["periodUnit"] = "d";
      return;
    }
    ctx.report(Severity::kInformation, IssueCode::kInformational, gts,
               "PIVL_TS institutionSpecified period kept as a plain period");
  }
  repeat["period"] = std::move(value);
  put_if(repeat, "periodMax", std::move(max));
  repeat["periodUnit"] = unit;
}

void eivl(const xmlNode* gts, Json& repeat, DatatypeContext& ctx) {
  if (const xmlNode* event = cda::child(gts, "event")) {
    std::string code(cda::attr(event, "code"));
    if (is_timing_event(code)) {
      repeat["when"] = Json::array({code});
    } else if (!code.empty()) {
      ctx.report(Severity::kWarning, IssueCode::kCodeInvalid, event,
                 "EIVL_TS event/@code is not a timing event code");
    }
  }
  const xmlNode* offset = cda::child(gts, "offset");
  if (!offset) return;
  const xmlNode* base = cda::has_attr(offset, "value") ? offset : cda::child(offset, "low");
  if (!base) return;
  Json value = decimal(base, ctx);
  if (value.is_null()) return;
  double minutes = value.get<double>() * minutes_per(cda::attr(base, "unit"));
  double rounded = std::round(minutes);
  if (minutes_per(cda::attr(base, "unit")) == 0 || minutes < 0 ||
      std::fabs(minutes - rounded) > 1e-9) {
    ctx.report(Severity::kWarning, IssueCode::kValue, base,
               "EIVL_TS offset is not a whole, non-negative number of minutes");
    return;
  }
  repeat["offset"] = static_cast<long long>(rounded);
}

}  // namespace

Json timing(const xmlNode* gts, DatatypeContext& ctx) {
  if (!gts) return nullptr;
  std::string_view type = cda::xsi_type(gts);
  Json repeat = Json::object();
  if (type == "PIVL_TS") {
    pivl(gts, repeat, ctx);
  } else if (type == "EIVL_TS") {
    eivl(gts, repeat, ctx);
  } else if (type == "IVL_TS" || type.empty() || type == "TS") {
    if (!cda::child(gts, "low") && !cda::child(gts, "high") && cda::has_attr(gts, "value")) {
      Json when = datetime(gts, TimeTarget::kDateTime, ctx);
      if (when.is_null()) return nullptr;
      return Json{{"event", Json::array({std::move(when)})}};
    }
    put_if(repeat, "boundsPeriod", period(gts, ctx));
  } else {
    ctx.report(Severity::kWarning, IssueCode::kNotSupported, gts,
               std::string(cda::name_of(gts)) + "/@xsi:type is not mapped to Timing");
  }
  if (repeat.empty()) return nullptr;
  return Json{{"repeat", std::move(repeat)}};
}

}  // namespace ccdafhir::dt
