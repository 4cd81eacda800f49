#include "datatypes/context.h"

#include <utility>

#include "cda/xml.h"

namespace ccdafhir {

// Path and line are computed only here, when something is actually reported. The message is
// the caller's: by convention it names elements and attributes, never the values they hold.
void DatatypeContext::report(Severity severity, IssueCode code, const xmlNode* node,
                             std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  if (node) {
    d.source_path = paths ? paths->path(node) : cda::node_path(node);
    d.source_line = cda::node_line(node);
  }
  d.rule_id = std::string(rule_id);
  d.message = std::move(message);
  sink.add(std::move(d));
}

}  // namespace ccdafhir
