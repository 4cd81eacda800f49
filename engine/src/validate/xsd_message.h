// Xerces-C schema messages quote document values ("value '19800101x' does not match ...");
// those may be patient data. Only quoted names that come from the schema side (element,
// attribute and type names, content models, facets) are kept; every other quoted text is
// replaced by an ellipsis.
#pragma once

#include <string>

namespace ccdafhir {

std::string redact_xsd_message(const std::string& message);

}  // namespace ccdafhir
