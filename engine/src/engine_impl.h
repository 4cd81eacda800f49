// What an Engine holds: the data folder, the compiled mapping set and the narrative stylesheet.
#pragma once

#include <memory>
#include <string>

#include "ccdafhir/convert.h"
#include "fhir/narrative.h"
#include "mapping/mapping_set.h"

namespace ccdafhir {

class EngineImpl {
 public:
  explicit EngineImpl(const EngineConfig& config);
  std::string data_dir;
  std::unique_ptr<MappingSet> mappings;
  Narrator narrator;
};

}  // namespace ccdafhir
