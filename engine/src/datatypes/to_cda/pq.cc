// Quantity -> PQ, Range -> IVL_PQ, Ratio -> RTO (mappingGuidance.md "CDA <-> FHIR Quantity").
//  - system http://unitsofmeasure.org with a code -> @value + @unit = code;
//  - no unit at all -> @value alone (CDA's default unit is "1");
//  - otherwise the unit cannot be shown to be UCUM: @nullFlavor="OTH" with a <translation>
//    carrying @value, @code/@codeSystem (when the system has an OID; else nullFlavor="OTH")
//    and the unit text as <originalText> — the guidance's two non-UCUM examples exactly.
// Choices where the guidance is silent:
//  - a Quantity with a comparator cannot be a PQ: pq() reports it and writes the value; value()
//    turns it into a one-bound IVL_PQ instead;
//  - Ratio: numerator and denominator as PQ children; a missing denominator is left out (RTO's
//    default denominator is 1).
#include <string>

#include "datatypes/to_cda.h"
#include "datatypes/to_cda/xml_out.h"

namespace ccdafhir::rdt {

namespace {

constexpr const char* kUcum = "http://unitsofmeasure.org";

}  // namespace

bool pq(const Json& quantity, xmlNode* el, ReverseContext& ctx) {
  if (!quantity.is_object()) return false;
  const Json& v = out::member(quantity, "value");
  std::string value = out::number_text(v);
  if (value.empty()) {
    if (!v.is_null()) {
      ctx.report(Severity::kError, IssueCode::kInvalid, "Quantity.value is not a number");
    }
    return false;
  }
  if (quantity.contains("comparator")) {
    ctx.report(Severity::kWarning, IssueCode::kNotSupported,
               "Quantity.comparator cannot be carried by a PQ; left out");
  }
  std::string system = out::str(quantity, "system");
  std::string code = out::str(quantity, "code");
  std::string unit = out::str(quantity, "unit");
  if (system == kUcum && !code.empty()) {
    out::set(el, "value", value);
    out::set(el, "unit", code);
    return true;
  }
  if (code.empty() && unit.empty()) {
    out::set(el, "value", value);
    return true;
  }
  // Not UCUM (or not known to be): the guidance's translation form.
  out::set(el, "nullFlavor", "OTH");
  xmlNode* t = out::child(el, "translation");
  out::set(t, "value", value);
  std::string oid = system.empty() ? std::string() : ctx.systems.oid_for(system);
  if (!code.empty() && !oid.empty()) {
    out::set(t, "code", code);
    out::set(t, "codeSystem", oid);
  } else {
    out::set(t, "nullFlavor", "OTH");
  }
  std::string shown = unit.empty() ? code : unit;
  out::text(out::child(t, "originalText"), shown);
  ctx.report(Severity::kInformation, IssueCode::kCodeInvalid,
             "Quantity unit is not a UCUM code; written as a translation (nullFlavor OTH)");
  return true;
}

bool ivl_pq(const Json& range, xmlNode* el, ReverseContext& ctx) {
  if (!range.is_object()) return false;
  bool wrote = false;
  for (const char* bound : {"low", "high"}) {
    const Json& q = out::member(range, bound);
    if (q.is_null()) continue;
    xmlNode* b = out::child(el, bound);
    if (pq(q, b, ctx)) {
      wrote = true;
    } else {
      xmlUnlinkNode(b);
      xmlFreeNode(b);
    }
  }
  return wrote;
}

bool rto(const Json& ratio, xmlNode* el, ReverseContext& ctx) {
  if (!ratio.is_object()) return false;
  const Json& numerator = out::member(ratio, "numerator");
  if (numerator.is_null()) {
    if (!out::member(ratio, "denominator").is_null()) {
      ctx.report(Severity::kWarning, IssueCode::kRequired,
                 "Ratio has a denominator but no numerator; left out");
    }
    return false;
  }
  xmlNode* n = out::child(el, "numerator");
  if (!pq(numerator, n, ctx)) {
    xmlUnlinkNode(n);
    xmlFreeNode(n);
    return false;
  }
  const Json& denominator = out::member(ratio, "denominator");
  if (!denominator.is_null()) {
    xmlNode* d = out::child(el, "denominator");
    if (!pq(denominator, d, ctx)) {
      xmlUnlinkNode(d);
      xmlFreeNode(d);
    }
  }
  return true;
}

}  // namespace ccdafhir::rdt
