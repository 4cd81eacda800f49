// What every datatype converter gets: the code system table, the document's narrative ids
// (for originalText/reference), and a diagnostic sink. Converters are total functions: they
// never throw on bad data, they report it and return what they could build (or null).
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "ccdafhir/diagnostic.h"
#include "datatypes/codesystems.h"

namespace ccdafhir {

namespace cda {
class NodePaths;
}

// ID attribute value -> element, built once per document.
using NarrativeIndex = std::unordered_map<std::string_view, const xmlNode*>;

struct DatatypeContext {
  const CodeSystems& systems;
  const NarrativeIndex& narrative;
  DiagnosticSink& sink;
  std::string_view rule_id;         // "table/rule", for diagnostics (the rule outlives the context)
  cda::NodePaths* paths = nullptr;  // the conversion's, when there is one: spells source paths

  // Reports an issue about `node` (path and line are computed here, only when reporting).
  void report(Severity severity, IssueCode code, const xmlNode* node, std::string message);
};

}  // namespace ccdafhir
