// Which Composition a Bundle is read through. A document Bundle has one; a collection,
// searchset or transaction Bundle (what many systems send) does not, and gets one made from
// its resources: the document type the tables mark for collections, the one Patient as subject,
// and one section per `reverse: sections` entry that collects some of its resources.
#pragma once

#include "ccdafhir/diagnostic.h"
#include "ccdafhir/options.h"
#include "mapping/mapping_set.h"
#include "reverse/fhir_bundle.h"
#include "util/json.h"

namespace ccdafhir {

// The Bundle's Composition, or nullptr.
const Json* find_composition(const FhirBundle& bundle);

// A Composition for a Bundle without one. Throws Error(kInputRejected) saying why when no
// document can be made (no Patient, several Patients).
Json composition_for_collection(const FhirBundle& bundle, const MappingSet& set,
                                const ConvertOptions& options, DiagnosticSink& sink);

// Reports (warning, Bundle.entry[N]) every resource of a document Bundle that no chain of
// references reaches from the Composition, or from a resource an owner rule writes beside a
// reached one (a Provenance of something written): a document holds what its Composition
// references, so such a resource is left out of the C-CDA.
void report_unreached(const FhirBundle& bundle, const Json& composition, const MappingSet& set,
                      DiagnosticSink& sink);

// Whether a resource is what a section's `collects` item names ("Type", "Type?category=code").
bool collected_by(const Json& resource, const std::string& item);

}  // namespace ccdafhir
