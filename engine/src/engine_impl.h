// What an Engine holds: the data folder, the compiled mapping set, the narrative stylesheet and
// the CDA content model.
#pragma once

#include <memory>
#include <string>

#include "ccda/narrative_to_cda.h"
#include "ccdafhir/convert.h"
#include "fhir/narrative.h"
#include "mapping/mapping_set.h"
#include "reverse/content_model.h"

namespace ccdafhir {

class EngineImpl {
 public:
  explicit EngineImpl(const EngineConfig& config);
  std::string data_dir;
  std::unique_ptr<MappingSet> mappings;
  Narrator narrator;
  CdaContentModel content_model;    // the CDA content model the FHIR -> CDA direction writes to
  NarrativeToCda narrative_to_cda;  // FHIR section XHTML -> CDA narrative block
};

}  // namespace ccdafhir
