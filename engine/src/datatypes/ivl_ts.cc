// IVL_TS -> Period (mappingGuidance.md "Structured types": low -> start, high -> end).
// Choices where the guidance is silent:
//  - a low/high with a nullFlavor (UNK, NA, PINF, ...) is omitted: an open end;
//  - a lone IVL_TS/@value or a center is a point in time: it becomes start only (no end is
//    invented);
//  - a high with date precision stays as written ("2024-03-01"), not "end of that day": FHIR
//    already reads a date-precision end as covering the whole day;
//  - width is not mapped (reported as not supported);
//  - high certainly before low (FHIR per-1): start is kept, end becomes data-absent-reason
//    "error" with the high TS in originalText, and the source is reported.
#include <algorithm>
#include <chrono>
#include <string>

#include "cda/xml.h"
#include "datatypes/datatypes.h"
#include "datatypes/original_time.h"

namespace ccdafhir::dt {

namespace {

constexpr const char* kDarUrl = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
constexpr const char* kOriginalTextUrl = "http://hl7.org/fhir/StructureDefinition/originalText";

// Day number of a full "YYYY-MM-DD" prefix.
long day_number(const std::string& d) {
  std::chrono::year_month_day ymd{
      std::chrono::year{std::stoi(d.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(std::stoi(d.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(std::stoi(d.substr(8, 2)))}};
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

// Certainly inverted: the dates, compared at the precision both have, put start after end, and
// not merely by the day a time zone could account for (an offset moves an instant's date by
// at most one day either way). ts_string wrote both, so the date parts are well formed.
bool high_before_low(const std::string& start, const std::string& end) {
  std::size_t n = std::min<std::size_t>({start.size(), end.size(), 10});
  if (n < 4 || start.compare(0, n, end, 0, n) <= 0) return false;
  if (n < 10 || (start.size() == 10 && end.size() == 10)) return true;  // no zone involved
  return day_number(start) - day_number(end) > 1;
}

std::string bound(const xmlNode* n, DatatypeContext& ctx) {
  if (!n || !cda::has_attr(n, "value")) return {};
  return ts_string(cda::attr(n, "value"), TimeTarget::kDateTime, ctx, n);
}

}  // namespace

Json period(const xmlNode* ivl_ts, DatatypeContext& ctx) {
  if (!ivl_ts) return nullptr;
  const xmlNode* low = cda::child(ivl_ts, "low");
  const xmlNode* high = cda::child(ivl_ts, "high");
  const xmlNode* center = cda::child(ivl_ts, "center");
  std::string start, end;
  const xmlNode* start_from = nullptr;
  if (low || high) {
    start = bound(low, ctx);
    end = bound(high, ctx);
    start_from = low;
  } else if (center) {
    start = bound(center, ctx);
    start_from = center;
  } else if (cda::has_attr(ivl_ts, "value")) {
    start = bound(ivl_ts, ctx);
    start_from = ivl_ts;
  }
  if (const xmlNode* width = cda::child(ivl_ts, "width"); width && !(low && high)) {
    ctx.report(Severity::kInformation, IssueCode::kNotSupported, width,
               "IVL_TS width is not mapped to Period");
  }
  bool inverted = high_before_low(start, end);
  if (inverted) {
    ctx.report(Severity::kWarning, IssueCode::kValue, high,
               "IVL_TS high is before low (FHIR per-1 forbids Period.start after end): "
               "Period.end is written as data-absent-reason (error) with the TS in originalText");
  }
  Json p = Json::object();
  put_if(p, "start", start);
  if (!inverted) put_if(p, "end", end);
  if (inverted) {
    p["_end"] = Json{{"extension", Json::array({Json{{"url", kDarUrl}, {"valueCode", "error"}},
                                                Json{{"url", kOriginalTextUrl},
                                                     {"valueString", cda::attr(high, "value")}}})}};
  }
  if (p.empty()) return nullptr;
  // A bound FHIR cannot state as written (a time without offset) keeps its TS on `_start`.
  if (!start.empty()) {
    Json o = original_time(cda::attr(start_from, "value"), p["start"]);
    if (!o.is_null()) p["_start"] = std::move(o);
  }
  if (!end.empty() && !inverted) {
    Json o = original_time(cda::attr(high, "value"), p["end"]);
    if (!o.is_null()) p["_end"] = std::move(o);
  }
  return p;
}

}  // namespace ccdafhir::dt
