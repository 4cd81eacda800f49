// A section narrative generated from the resources its entries became, for a source section
// with entries but no <text>: FHIR Narrative status "generated" ("entirely generated from the
// structured data"). C-CDA on FHIR profiles require section.text; the source lacking it is
// reported by the rule that asks for this (kind narrative, as: generated).
#pragma once

#include <functional>
#include <string>

#include "util/json.h"

namespace ccdafhir {

// `entries`: the section's entry References; `resolve` gives the resource a reference names
// (nullptr when it is not in the document). Returns a Narrative, or null when no entry resolves.
Json entry_summary_narrative(const Json& entries,
                             const std::function<const Json*(const std::string&)>& resolve);

}  // namespace ccdafhir
