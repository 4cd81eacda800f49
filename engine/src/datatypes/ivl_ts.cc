// IVL_TS -> Period (mappingGuidance.md "Structured types": low -> start, high -> end).
// Choices where the guidance is silent:
//  - a low/high with a nullFlavor (UNK, NA, PINF, ...) is omitted: an open end;
//  - a lone IVL_TS/@value or a center is a point in time: it becomes start only (no end is
//    invented);
//  - a high with date precision stays as written ("2024-03-01"), not "end of that day": FHIR
//    already reads a date-precision end as covering the whole day;
//  - width is not mapped (reported as not supported);
//  - start after end is reported (FHIR per-1) but both are still emitted.
#include <string>

#include "cda/xml.h"
#include "datatypes/datatypes.h"
#include "datatypes/original_time.h"

namespace ccdafhir::dt {

namespace {

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
  // Same-shaped strings (same precision and, for times, typically the same offset) compare
  // lexically; mixed shapes are left alone rather than guessed at.
  if (!start.empty() && !end.empty() && start.size() == end.size() && start.size() <= 10 &&
      start > end) {
    ctx.report(Severity::kWarning, IssueCode::kValue, ivl_ts,
               "IVL_TS low is after high (Period start after end)");
  }
  Json p = Json::object();
  put_if(p, "start", start);
  put_if(p, "end", end);
  if (p.empty()) return nullptr;
  // A bound FHIR cannot state as written (a time without offset) keeps its TS on `_start`.
  if (!start.empty()) {
    Json o = original_time(cda::attr(start_from, "value"), p["start"]);
    if (!o.is_null()) p["_start"] = std::move(o);
  }
  if (!end.empty()) {
    Json o = original_time(cda::attr(high, "value"), p["end"]);
    if (!o.is_null()) p["_end"] = std::move(o);
  }
  return p;
}

}  // namespace ccdafhir::dt
