// PQ -> Quantity and IVL_PQ -> Range (mappingGuidance.md "CDA <-> FHIR Quantity"): @value ->
// value, @unit (UCUM in CDA) -> code with system http://unitsofmeasure.org, and also -> unit.
// Choices where the guidance is silent:
//  - unit "1" (UCUM unity, the CDA default) produces no unit/code/system: the value is a plain
//    number; UCUM annotations such as "{INR}" or "{spray}" are valid UCUM and kept as codes;
//  - a unit with whitespace or control characters cannot be UCUM: it is kept as unit only,
//  reported;
//  - the reverse of the guidance's non-UCUM example: a PQ with a nullFlavor and a
//    <translation value=.. code=.. codeSystem=..><originalText>unit</originalText></translation>
//    gives value + unit (originalText) + code/system of the translation;
//  - no value -> null (a Quantity without value says nothing);
//  - FHIR element order: value, comparator, unit, system, code;
//  - Range keeps low/high as written; the single-bound comparator forms of IVL_PQ belong to
//    value() (value.cc), because Range itself has no comparator.
#include <string>
#include <string_view>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

constexpr const char* kUcum = "http://unitsofmeasure.org";

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

bool ucum_shaped(std::string_view unit) {
  for (char c : unit) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

Json from_translation(const xmlNode* pq, DatatypeContext& ctx) {
  for (const xmlNode* t = pq->children; t; t = t->next) {
    if (!cda::is_element(t) || cda::name_of(t) != "translation") continue;
    Json value = decimal(t, ctx);
    if (value.is_null()) continue;
    Json q = Json::object();
    q["value"] = std::move(value);
    put_if(q, "unit", text(cda::child(t, "originalText"), ctx));
    std::string code = trim(cda::attr(t, "code"));
    std::string system = trim(cda::attr(t, "codeSystem"));
    if (!code.empty() && !system.empty()) {
      q["system"] = ctx.systems.uri_for(system);
      q["code"] = code;
    }
    return q;
  }
  return nullptr;
}

}  // namespace

Json quantity(const xmlNode* pq, DatatypeContext& ctx) {
  if (!pq) return nullptr;
  Json value = decimal(pq, ctx);
  if (value.is_null()) {
    if (!cda::has_attr(pq, "value") && cda::has_attr(pq, "nullFlavor")) {
      return from_translation(pq, ctx);
    }
    return nullptr;
  }
  Json q = Json::object();
  q["value"] = std::move(value);
  std::string unit = trim(cda::attr(pq, "unit"));
  if (!unit.empty() && unit != "1") {
    q["unit"] = unit;
    if (ucum_shaped(unit)) {
      q["system"] = kUcum;
      q["code"] = unit;
    } else {
      ctx.report(Severity::kWarning, IssueCode::kCodeInvalid, pq,
                 std::string(cda::name_of(pq)) + "/@unit is not a UCUM code; kept as text only");
    }
  }
  return q;
}

Json range(const xmlNode* ivl_pq, DatatypeContext& ctx) {
  if (!ivl_pq) return nullptr;
  Json r = Json::object();
  put_if(r, "low", quantity(cda::child(ivl_pq, "low"), ctx));
  put_if(r, "high", quantity(cda::child(ivl_pq, "high"), ctx));
  if (r.empty()) return nullptr;
  return r;
}

}  // namespace ccdafhir::dt
