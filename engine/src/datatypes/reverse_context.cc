#include "datatypes/reverse_context.h"

#include <utility>

namespace ccdafhir {

// The FHIRPath stands for the place: reverse diagnostics have no source XPath or line.
void ReverseContext::report(Severity severity, IssueCode code, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.fhir_path = fhir_path;
  d.rule_id = rule_id;
  d.message = std::move(message);
  sink.add(std::move(d));
}

}  // namespace ccdafhir
