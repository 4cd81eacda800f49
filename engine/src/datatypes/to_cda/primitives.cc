// boolean -> BL, integer -> INT, decimal -> REAL: @value written from the JSON value. A value of
// the wrong JSON type is reported (FHIR JSON never quotes numbers or booleans).
#include <string>

#include "datatypes/to_cda.h"
#include "datatypes/to_cda/xml_out.h"

namespace ccdafhir::rdt {

bool bl(const Json& boolean, xmlNode* el, ReverseContext& ctx) {
  if (boolean.is_null()) return false;
  if (!boolean.is_boolean()) {
    ctx.report(Severity::kError, IssueCode::kInvalid, "boolean value is not a JSON boolean");
    return false;
  }
  out::set(el, "value", boolean.get<bool>() ? "true" : "false");
  return true;
}

bool int_(const Json& integer, xmlNode* el, ReverseContext& ctx) {
  if (integer.is_null()) return false;
  if (!integer.is_number_integer()) {
    ctx.report(Severity::kError, IssueCode::kInvalid, "integer value is not a JSON integer");
    return false;
  }
  out::set(el, "value", integer.dump());
  return true;
}

bool real(const Json& decimal, xmlNode* el, ReverseContext& ctx) {
  if (decimal.is_null()) return false;
  std::string v = out::number_text(decimal);
  if (v.empty()) {
    ctx.report(Severity::kError, IssueCode::kInvalid, "decimal value is not a JSON number");
    return false;
  }
  out::set(el, "value", v);
  return true;
}

}  // namespace ccdafhir::rdt
