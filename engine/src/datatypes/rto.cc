// RTO (RTO_PQ_PQ, RTO_INT_PQ, ...) -> Ratio: numerator and denominator as Quantity (an INT
// term gives a Quantity with value only). Choices where the guidance is silent:
//  - a missing denominator is the HL7 v3 default, the integer 1 (abstract datatypes, RTO);
//  - a missing numerator cannot be completed: reported, null (FHIR rat-1 wants both).
#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

Json ratio(const xmlNode* rto, DatatypeContext& ctx) {
  if (!rto) return nullptr;
  Json numerator = quantity(cda::child(rto, "numerator"), ctx);
  Json denominator = quantity(cda::child(rto, "denominator"), ctx);
  if (numerator.is_null() && denominator.is_null()) return nullptr;
  if (numerator.is_null()) {
    ctx.report(Severity::kWarning, IssueCode::kRequired, rto,
               "RTO has a denominator but no numerator");
    return nullptr;
  }
  if (denominator.is_null()) denominator = Json{{"value", 1}};
  return Json{{"numerator", std::move(numerator)}, {"denominator", std::move(denominator)}};
}

}  // namespace ccdafhir::dt
