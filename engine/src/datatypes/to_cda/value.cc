// value[x] -> a typed ANY with xsi:type: Quantity -> PQ, CodeableConcept/Coding -> CD, String ->
// ST, Range -> IVL_PQ, Ratio -> RTO_PQ_PQ, Integer -> INT, Boolean -> BL, DateTime -> TS, Period
// -> IVL_TS, Decimal -> REAL, Attachment -> ED.
// A Quantity with a comparator is the reverse of mappingGuidance.md "Ranges of Physical
// Quantities": "<=" -> IVL_PQ with <high>, "<" -> <high inclusive="false">, ">=" -> <low>, ">" ->
// <low inclusive="false">. Other suffixes (Time, SampledData, ...) are reported and not written.
#include <string>

#include "datatypes/to_cda.h"
#include "datatypes/to_cda/xml_out.h"

namespace ccdafhir::rdt {

namespace {

bool quantity_value(const Json& q, xmlNode* el, ReverseContext& ctx) {
  std::string comparator = out::str(q, "comparator");
  if (comparator.empty()) {
    if (!pq(q, el, ctx)) return false;
    out::set_xsi_type(el, "PQ");
    return true;
  }
  bool upper = comparator == "<" || comparator == "<=";
  bool lower = comparator == ">" || comparator == ">=";
  if (!upper && !lower) {
    ctx.report(Severity::kError, IssueCode::kInvalid, "Quantity.comparator is not a valid code");
    return false;
  }
  Json bound = q;
  bound.erase("comparator");
  xmlNode* b = out::child(el, upper ? "high" : "low");
  if (!pq(bound, b, ctx)) {
    xmlUnlinkNode(b);
    xmlFreeNode(b);
    return false;
  }
  if (comparator.size() == 1) out::set(b, "inclusive", "false");
  out::set_xsi_type(el, "IVL_PQ");
  return true;
}

}  // namespace

bool value(const Json& v, std::string_view suffix, xmlNode* el, ReverseContext& ctx) {
  if (v.is_null()) return false;
  auto typed = [&](const char* type, bool (*fn)(const Json&, xmlNode*, ReverseContext&)) {
    if (!fn(v, el, ctx)) return false;
    out::set_xsi_type(el, type);
    return true;
  };
  if (suffix == "Quantity") return quantity_value(v, el, ctx);
  if (suffix == "CodeableConcept" || suffix == "Coding") return typed("CD", cd);
  if (suffix == "String") return typed("ST", st);
  if (suffix == "Range") return typed("IVL_PQ", ivl_pq);
  if (suffix == "Ratio") return typed("RTO_PQ_PQ", rto);
  if (suffix == "Integer") return typed("INT", int_);
  if (suffix == "Boolean") return typed("BL", bl);
  if (suffix == "DateTime" || suffix == "Instant" || suffix == "Date") return typed("TS", ts);
  if (suffix == "Period") return typed("IVL_TS", ivl_ts);
  if (suffix == "Decimal") return typed("REAL", real);
  if (suffix == "Attachment") return typed("ED", ed);
  ctx.report(Severity::kWarning, IssueCode::kNotSupported,
             "value" + std::string(suffix) + " has no CDA datatype mapping; left out");
  return false;
}

}  // namespace ccdafhir::rdt
