// C-CDA validation: the CDA XSD with SDTC extensions (Xerces-C, grammar loaded once and cached)
// and template rules as data (schemas/ccda). Loaded once; validate() is const and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ccdafhir/diagnostic.h"
#include "ccdafhir/validate.h"

namespace ccdafhir {

// Where CDA.xsd is looked for when ValidatorConfig::cda_xsd_dir is empty: $CCDAFHIR_CDA_XSD,
// else the directory configured at build time.
std::string default_cda_xsd_dir();

class CdaValidator {
 public:
  // data_dir holds schemas/ (template rules); xsd_dir holds CDA.xsd. Throws Error(kConfig).
  CdaValidator(const std::string& data_dir, const std::string& xsd_dir);
  ~CdaValidator();
  CdaValidator(const CdaValidator&) = delete;
  CdaValidator& operator=(const CdaValidator&) = delete;

  // Issues carry source_path and source_line, and rule_id for template rules.
  void validate(std::string_view xml, const ValidateOptions& options, DiagnosticSink& out) const;
  // What a conversion's source fails of C-CDA: the CDA XSD when one was found (never the
  // "no schema" issue) and the template rules.
  void check_source(std::string_view xml, const ValidateOptions& options,
                    DiagnosticSink& out) const;

 private:
  struct Data;
  std::unique_ptr<Data> data_;
};

}  // namespace ccdafhir
