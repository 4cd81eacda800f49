// The narrative a section gets when its FHIR section has none (or it could not be converted):
// a table with one row per entry resource - what it is, when, its status - read from the
// elements most resources share (code, the effective/onset/performed times, status). CDA
// requires a section narrative; this one states only what the entries state.
#pragma once

#include <libxml/tree.h>

#include <vector>

#include "reverse/cda_tree.h"
#include "util/json.h"

namespace ccdafhir {

void write_entry_narrative(CdaTree& tree, xmlNode* section,
                           const std::vector<const Json*>& entries);

}  // namespace ccdafhir
