// Diagnostics: what the engine says about the data it converts. Process failures (unreadable
// input, broken mapping tables) travel separately as ccdafhir::Error; everything about the
// data goes here and ends up as FHIR OperationOutcome issues.
#pragma once

#include <string>
#include <vector>

namespace ccdafhir {

// Severity follows OperationOutcome.issue.severity.
enum class Severity { kFatal, kError, kWarning, kInformation };

// A closed set of issue kinds, each mapped to an OperationOutcome issue type code.
enum class IssueCode {
  kInvalid,        // data breaks a datatype or structural rule
  kStructure,      // document structure unexpected
  kRequired,       // a required element is missing
  kValue,          // a value is not acceptable
  kCodeInvalid,    // a code could not be mapped
  kNotSupported,   // no mapping exists for this content
  kInformational,  // lossless notes (nullFlavor became data-absent-reason, ...)
  kTooCostly,      // a configured limit was hit
  kException,      // internal failure isolated to one entry
  kDuplicate,      // two source elements claim the same identity
  kProcessing,     // validation / processing issues
  kNotFound,       // a reference does not resolve
  kBusinessRule,   // a rule stated in prose (CDex: ProviderId or OrganizationId)
  kInvariant,      // a FHIRPath invariant fails
};

const char* to_string(Severity severity);
const char* to_fhir_code(IssueCode code);

struct Diagnostic {
  Severity severity = Severity::kWarning;
  IssueCode code = IssueCode::kInvalid;
  std::string source_path;  // XPath of the source node, e.g. /ClinicalDocument/component[1]/...
  long source_line = 0;     // 1-based line in the input, 0 if unknown
  std::string fhir_path;    // FHIRPath of the produced element, if any
  std::string rule_id;      // "table-id/rule-id" of the rule that fired, "" if none
  std::string message;      // never contains patient values
};

class DiagnosticSink {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  bool has_errors() const;
  void clear() { items_.clear(); }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace ccdafhir
