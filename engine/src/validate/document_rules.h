// The rules of a FHIR document Bundle (Bundle.type = document) beyond the base invariants
// bdl-9/10/11: every entry has a unique fullUrl, every reference resolves inside the Bundle,
// the Composition has a subject, and each section has a title, a code and content (text,
// entries, sub-sections or an emptyReason) but never an emptyReason together with entries.
#pragma once

#include "ccdafhir/diagnostic.h"
#include "validate/bundle_index.h"

namespace ccdafhir::validate {

void check_document_bundle(const Json& bundle, const BundleIndex& index, DiagnosticSink& out);

// Every Reference.reference inside root (a Bundle or a resource) that does not resolve.
void check_references(const Json& root, const BundleIndex& index, DiagnosticSink& out);

}  // namespace ccdafhir::validate
