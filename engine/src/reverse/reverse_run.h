// The FHIR -> CDA interpreter: runs the mapping tables of a MappingSet backwards over one FHIR
// Bundle and builds the C-CDA document. Every rule reads its `to` (a FHIR path) and writes its
// `from` (a CDA path, created as cda_tree.h describes); rules that cannot run backwards declare
// their reverse in the same table (`reverse:`). Like the forward interpreter it knows rule
// kinds, never templates.
#pragma once

#include <functional>
#include <string>

#include <libxml/tree.h>

#include "ccdafhir/diagnostic.h"
#include "ccdafhir/options.h"
#include "mapping/mapping_set.h"
#include "reverse/content_model.h"
#include "util/deadline.h"
#include "util/json.h"

namespace ccdafhir {

// Turns a FHIR Narrative div (XHTML) into a CDA <text> appended to `section`; false when it
// wrote nothing. Supplied by the engine (the XHTML -> CDA narrative stylesheet).
using NarrativeWriter = std::function<bool(const std::string& div, xmlNode* section)>;

struct ReverseInputs {
  const MappingSet& set;
  const CdaContentModel& schema;
  NarrativeWriter narrative;  // may be empty: sections then get a narrative made from entries
  const ConvertOptions& options;
  // options.limits.max_seconds, ticked at every rule application; null: no time limit.
  Deadline* deadline = nullptr;
};

// Builds the C-CDA document for `bundle` (a document Bundle, or a collection, searchset or
// transaction Bundle with one Patient) and returns it serialised. Throws
// Error(kInputRejected) with a one-line reason when the Bundle cannot make a document.
std::string build_ccda(const ReverseInputs& in, const Json& bundle, DiagnosticSink& sink);

}  // namespace ccdafhir
