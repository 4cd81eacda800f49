#include "report/outcome.h"

namespace ccdafhir {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::kFatal:
      return "fatal";
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInformation:
      return "information";
  }
  return "error";
}

const char* to_fhir_code(IssueCode code) {
  switch (code) {
    case IssueCode::kInvalid:
      return "invalid";
    case IssueCode::kStructure:
      return "structure";
    case IssueCode::kRequired:
      return "required";
    case IssueCode::kValue:
      return "value";
    case IssueCode::kCodeInvalid:
      return "code-invalid";
    case IssueCode::kNotSupported:
      return "not-supported";
    case IssueCode::kInformational:
      return "informational";
    case IssueCode::kTooCostly:
      return "too-costly";
    case IssueCode::kException:
      return "exception";
    case IssueCode::kDuplicate:
      return "duplicate";
    case IssueCode::kProcessing:
      return "processing";
    case IssueCode::kNotFound:
      return "not-found";
    case IssueCode::kBusinessRule:
      return "business-rule";
    case IssueCode::kInvariant:
      return "invariant";
  }
  return "processing";
}

bool DiagnosticSink::has_errors() const {
  for (const auto& d : items_) {
    if (d.severity == Severity::kError || d.severity == Severity::kFatal) return true;
  }
  return false;
}

Json to_operation_outcome(const DiagnosticSink& sink) {
  Json oo = Json::object();
  oo["resourceType"] = "OperationOutcome";
  Json issues = Json::array();
  for (const auto& d : sink.items()) {
    Json issue = Json::object();
    issue["severity"] = to_string(d.severity);
    issue["code"] = to_fhir_code(d.code);
    if (!d.rule_id.empty()) {
      issue["details"] = Json{
          {"coding", Json::array({Json{{"system", "urn:ccdafhir:rule"}, {"code", d.rule_id}}})}};
    }
    put_if(issue, "diagnostics", d.message);
    Json expression = Json::array();
    if (!d.source_path.empty()) {
      std::string where = d.source_path;
      if (d.source_line > 0) where += " (line " + std::to_string(d.source_line) + ")";
      expression.push_back(where);
    }
    if (!d.fhir_path.empty()) expression.push_back(d.fhir_path);
    if (!expression.empty()) issue["expression"] = std::move(expression);
    issues.push_back(std::move(issue));
  }
  if (issues.empty()) {
    // OperationOutcome needs at least one issue: say that all went well.
    issues.push_back(
        Json{{"severity", "information"}, {"code", "informational"}, {"diagnostics", "no issues"}});
  }
  oo["issue"] = std::move(issues);
  return oo;
}

std::string trace_to_ndjson(const std::vector<TraceRecord>& trace) {
  std::string out;
  for (const auto& r : trace) {
    Json line = Json::object();
    line["source"] = r.source;
    line["template"] = r.template_id;
    if (r.dropped.empty()) {
      line["targets"] = r.targets;
      line["rule"] = r.rule;
    } else {
      line["dropped"] = r.dropped;
    }
    out += line.dump();
    out += '\n';
  }
  return out;
}

}  // namespace ccdafhir
