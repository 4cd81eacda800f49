// C-CDA template rules as data (schemas/ccda): header rule sets that every document gets,
// document types picked by the ClinicalDocument templateId, and a section catalogue whose
// names ({allergies}) the other files use. Paths are the mapping tables' XPath subset, compiled
// once at load; a broken file stops start-up with file:line.
#pragma once

#include <libxml/tree.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ccdafhir/diagnostic.h"
#include "mapping/path.h"

namespace ccdafhir {

// One check, run on every node its context selects (none selected: nothing to check).
//   require: `path` selects between min and max nodes (max < 0: no upper bound)
//   assert:  `condition` holds
struct CdaRule {
  std::string id;  // "set/rule", the diagnostic's rule_id
  Severity severity = Severity::kError;
  IssueCode code = IssueCode::kRequired;
  Path context;
  std::shared_ptr<const Condition> when;  // the rule applies only where this holds
  Path require;
  int min = 1;
  int max = -1;
  std::shared_ptr<const Condition> condition;
  std::string message;
};

// A rule set: the header (always applied), a document type (applied when the ClinicalDocument
// carries one of `template_roots`) or the section catalogue's checks.
struct CdaRuleSet {
  std::string id;
  std::string title;
  std::vector<std::string> template_roots;  // empty: applies to every document
  std::vector<CdaRule> rules;
};

struct CdaRules {
  std::vector<CdaRuleSet> always;     // header/ and the section catalogue
  std::vector<CdaRuleSet> documents;  // document/, one per document type
  std::size_t rule_count() const;
};

// Loads dir/sections.yaml, dir/header/*.yaml and dir/document/*.yaml (files in name order).
// Throws Error(kConfig) "file:line: rule 'id': problem".
CdaRules load_cda_rules(const std::filesystem::path& dir);

// Runs the header and catalogue sets and every document type whose templateId the document
// carries. Returns the ids of the document types applied.
std::vector<std::string> check_cda_rules(const CdaRules& rules, const xmlDoc* doc,
                                         DiagnosticSink& out);

}  // namespace ccdafhir
