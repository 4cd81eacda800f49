// What every FHIR -> CDA datatype converter gets: the code system table (URI -> OID), the FC-*
// ConceptMaps (use codes, data-absent-reason -> nullFlavor), a diagnostic sink, the rule that is
// running and the FHIRPath of the value being converted. Like the forward converters these are
// total: they never throw on bad data, they report it and write what they can.
#pragma once

#include <string>

#include "ccdafhir/diagnostic.h"
#include "datatypes/codesystems.h"
#include "mapping/conceptmap.h"

namespace ccdafhir {

struct ReverseContext {
  const CodeSystems& systems;
  DiagnosticSink& sink;
  std::string rule_id;    // "table/rule", for diagnostics
  std::string fhir_path;  // e.g. "Patient.name[0]", for diagnostics
  // The FC-* ConceptMaps (MappingSet::concept_maps()). Needed to map address/telecom/name use
  // codes and data-absent-reasons; without them those codes are left out and reported.
  const ConceptMaps* maps = nullptr;

  // Reports an issue about the value at fhir_path. Messages name elements, never values.
  void report(Severity severity, IssueCode code, std::string message);
};

namespace rdt {
using ccdafhir::ReverseContext;
}  // namespace rdt

}  // namespace ccdafhir
