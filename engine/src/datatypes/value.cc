// Typed values (observation/value and friends) -> value[x], and effectiveTime -> effective[x].
// value(): by xsi:type — PQ -> Quantity; IVL_PQ -> Range, or Quantity with a comparator when only
// one bound carries a value (mappingGuidance.md "Ranges of Physical Quantities": high only, or low
// NINF/0 -> "<=" / "<" (high inclusive="false"); low only or high PINF -> ">=" / ">");
// CD/CE/CV/CO/CS -> CodeableConcept; ST/ED/SC -> String; INT -> Integer; REAL -> Quantity with
// value only (Observation.value[x] has no decimal); BL -> Boolean; TS -> DateTime;
// IVL_TS -> Period; RTO, RTO_PQ_PQ, RTO_INT_PQ, ... -> Ratio.
// Without xsi:type an element with @code, translation or originalText is a CodeableConcept; a
// nullFlavor-only element is null without a report; anything else untyped or an unmapped
// xsi:type is reported and null.
// effective(): "When mapped to a FHIR dateTime ... the value should be taken from either @value or
// low/@value"; we choose DateTime for a lone @value or low == high, Period otherwise (low only,
// high only, low < high, center). PIVL_TS/EIVL_TS are not effective times: null (use timing()).
#include <string>
#include <string_view>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

bool is_coded(std::string_view type) {
  return type == "CD" || type == "CE" || type == "CV" || type == "CO" || type == "CS";
}

// Quantity with the comparator placed after value (FHIR element order).
Json with_comparator(const Json& q, const char* comparator) {
  Json out = Json::object();
  out["value"] = q["value"];
  out["comparator"] = comparator;
  for (auto it = q.begin(); it != q.end(); ++it) {
    if (it.key() != "value") out[it.key()] = it.value();
  }
  return out;
}

Json ivl_pq_value(const xmlNode* ivl, std::string& suffix, DatatypeContext& ctx) {
  const xmlNode* low = cda::child(ivl, "low");
  const xmlNode* high = cda::child(ivl, "high");
  if (!low && !high && cda::has_attr(ivl, "value")) {
    suffix = "Quantity";
    return quantity(ivl, ctx);
  }
  Json lq = quantity(low, ctx);
  Json hq = quantity(high, ctx);
  bool low_is_zero = !lq.is_null() && lq["value"].is_number() && lq["value"].get<double>() == 0.0;
  if (!lq.is_null() && !hq.is_null() && !low_is_zero) {
    suffix = "Range";
    return Json{{"low", std::move(lq)}, {"high", std::move(hq)}};
  }
  if (!hq.is_null()) {
    suffix = "Quantity";
    return with_comparator(hq, cda::attr(high, "inclusive") == "false" ? "<" : "<=");
  }
  if (!lq.is_null()) {
    suffix = "Quantity";
    return with_comparator(lq, cda::attr(low, "inclusive") == "false" ? ">" : ">=");
  }
  return nullptr;
}

}  // namespace

Json value(const xmlNode* any, std::string& suffix, DatatypeContext& ctx) {
  suffix.clear();
  if (!any) return nullptr;
  std::string_view type = cda::xsi_type(any);
  Json out;
  if (type.empty()) {
    if (cda::has_attr(any, "code") || cda::child(any, "translation") ||
        cda::child(any, "originalText")) {
      suffix = "CodeableConcept";
      out = codeable_concept(any, ctx);
    } else if (!cda::has_attr(any, "nullFlavor")) {
      ctx.report(Severity::kWarning, IssueCode::kNotSupported, any,
                 std::string(cda::name_of(any)) + " has no xsi:type; it is not mapped");
    }
  } else if (type == "PQ") {
    suffix = "Quantity";
    out = quantity(any, ctx);
  } else if (type == "IVL_PQ") {
    out = ivl_pq_value(any, suffix, ctx);
  } else if (is_coded(type)) {
    suffix = "CodeableConcept";
    out = codeable_concept(any, ctx);
  } else if (type == "ST" || type == "ED" || type == "SC") {
    suffix = "String";
    out = text(any, ctx);
  } else if (type == "INT") {
    suffix = "Integer";
    out = integer(any, ctx);
  } else if (type == "REAL") {
    suffix = "Quantity";
    Json d = decimal(any, ctx);
    if (!d.is_null()) out = Json{{"value", std::move(d)}};
  } else if (type == "BL") {
    suffix = "Boolean";
    out = boolean(any, ctx);
  } else if (type == "TS") {
    suffix = "DateTime";
    out = datetime(any, TimeTarget::kDateTime, ctx);
  } else if (type == "IVL_TS") {
    suffix = "Period";
    out = period(any, ctx);
  } else if (type.substr(0, 3) == "RTO") {
    suffix = "Ratio";
    out = ratio(any, ctx);
  } else {
    ctx.report(Severity::kWarning, IssueCode::kNotSupported, any,
               std::string(cda::name_of(any)) + "/@xsi:type has no FHIR value[x] mapping");
  }
  if (out.is_null()) suffix.clear();
  return out;
}

Json effective(const xmlNode* time, std::string& suffix, DatatypeContext& ctx) {
  suffix.clear();
  if (!time) return nullptr;
  std::string_view type = cda::xsi_type(time);
  if (type == "PIVL_TS" || type == "EIVL_TS" || type == "SXPR_TS") return nullptr;
  const xmlNode* low = cda::child(time, "low");
  const xmlNode* high = cda::child(time, "high");
  const xmlNode* center = cda::child(time, "center");
  Json out;
  if (!low && !high && !center) {
    if (!cda::has_attr(time, "value")) return nullptr;
    suffix = "DateTime";
    out = datetime(time, TimeTarget::kDateTime, ctx);
  } else if (low && high && cda::has_attr(low, "value") &&
             cda::attr(low, "value") == cda::attr(high, "value")) {
    suffix = "DateTime";
    out = datetime(low, TimeTarget::kDateTime, ctx);
  } else {
    suffix = "Period";
    out = period(time, ctx);
  }
  if (out.is_null()) suffix.clear();
  return out;
}

}  // namespace ccdafhir::dt
