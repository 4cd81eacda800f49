// What a CdexPackager holds: the data file's values, the code systems and the compiled LOINC
// pattern. Shared by the packager (package.cc) and the intake of submissions (submission.cc).
#pragma once

#include <regex>
#include <string>

#include "cdex/cdex_config.h"
#include "datatypes/codesystems.h"

namespace ccdafhir {

class CdexPackagerImpl {
 public:
  explicit CdexPackagerImpl(const std::string& data_dir)
      : config(CdexConfig::load(data_dir + "/mappings/cdex/submit-attachment.yaml")),
        code_systems(CodeSystems::load(data_dir + "/mappings/codesystems.tsv")),
        code_pattern(config.attachment_code_pattern) {}

  CdexConfig config;
  CodeSystems code_systems;
  std::regex code_pattern;
};

}  // namespace ccdafhir
