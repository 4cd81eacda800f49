// Corpus snippets are fragments (an entry's act, a section's component, a header participant):
// wrapped in a minimal ClinicalDocument they reach the tables that map them instead of being
// refused at the root.
#pragma once

#include <string>

namespace ccdafhir::mutate {

// `xml` unchanged when it already is a ClinicalDocument, else the fragment inside one: clinical
// statements in section/entry, components in structuredBody, anything else under the root.
std::string as_document(const std::string& xml);

}  // namespace ccdafhir::mutate
