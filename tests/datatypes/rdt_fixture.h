// Test fixture for the datatypes_back suite: a ClinicalDocument root declaring the CDA default
// namespace, xsi and sdtc (as the document builder does), the project's real code system table
// and ConceptMaps, and helpers that run a FHIR -> CDA converter onto a fresh element, print it,
// and read it back with the forward (CDA -> FHIR) converter for round-trip checks.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

#include "datatypes/codesystems.h"
#include "datatypes/context.h"
#include "datatypes/datatypes.h"
#include "datatypes/to_cda.h"
#include "mapping/conceptmap.h"
#include "util/json.h"

namespace ccdafhir::rdt_test {

// Loaded once: mappings/codesystems.tsv and mappings/conceptmaps/ of this source tree.
const CodeSystems& code_systems();
const ConceptMaps& concept_maps();

class RdtFixture {
 public:
  RdtFixture();
  ~RdtFixture();
  RdtFixture(const RdtFixture&) = delete;
  RdtFixture& operator=(const RdtFixture&) = delete;

  using Converter = bool (*)(const Json&, xmlNode*, ReverseContext&);
  using Forward = Json (*)(const xmlNode*, DatatypeContext&);

  // A new, empty element under the root, in the CDA namespace.
  xmlNode* element(const char* name = "x");
  // Runs fn on the FHIR JSON text onto a fresh element; the element printed ("" when fn wrote
  // nothing, which is also checked: a false return must leave the element untouched).
  std::string run(Converter fn, std::string_view fhir_json, const char* name = "x");
  // value[x] with a suffix.
  std::string run_value(std::string_view fhir_json, std::string_view suffix);
  // Reverse then forward: the FHIR value the forward converter reads from our output (null when
  // the reverse wrote nothing).
  Json round_trip(Converter fn, Forward back, const Json& fhir);
  Json round_trip_value(const Json& fhir, std::string_view suffix, std::string& back_suffix);

  std::size_t reports() const { return sink.items().size(); }
  std::size_t reports(Severity s) const;
  static std::string print(const xmlNode* el);

  DiagnosticSink sink;
  ReverseContext ctx{code_systems(), sink, "datatypes_back/test", "Test.value", &concept_maps()};

 private:
  xmlDoc* doc_ = nullptr;
  xmlNode* root_ = nullptr;
  NarrativeIndex narrative_;
  DiagnosticSink forward_sink_;
  DatatypeContext forward_{code_systems(), narrative_, forward_sink_, "datatypes_back/forward"};
};

// One row of a converter table: FHIR JSON in, the element printed out ("" = nothing written),
// and how many diagnostics that gives.
struct Case {
  const char* fhir;
  const char* cda;
  std::size_t reports;
};
// Runs every row on a fresh fixture (element name "x").
void check(RdtFixture::Converter fn, const Case* cases, std::size_t n);
template <std::size_t N>
void check(RdtFixture::Converter fn, const Case (&cases)[N]) {
  check(fn, cases, N);
}

}  // namespace ccdafhir::rdt_test
