// How validation findings become Diagnostics: FHIRPath expression, rule id, a message that names
// paths and rules but never instance values.
#pragma once

#include <string>

#include "ccdafhir/diagnostic.h"

namespace ccdafhir::validate {

inline void report(DiagnosticSink& out, Severity severity, IssueCode code, std::string fhir_path,
                   std::string rule_id, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.fhir_path = std::move(fhir_path);
  d.rule_id = std::move(rule_id);
  d.message = std::move(message);
  out.add(std::move(d));
}

inline Severity severity_from(const std::string& s) {
  if (s == "warning") return Severity::kWarning;
  if (s == "information") return Severity::kInformation;
  if (s == "fatal") return Severity::kFatal;
  return Severity::kError;
}

}  // namespace ccdafhir::validate
