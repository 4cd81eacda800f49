// `to-fhir --validate` as one step, shared by the command line and `serve` (POST
// /to-fhir?validate=true): the conversion's output is validated, and when it has errors the
// C-CDA rules its source fails are added as "source problem" warnings, so the report holds
// both the errors and their causes.
#pragma once

#include <cstddef>
#include <string_view>

#include "ccdafhir/convert.h"
#include "ccdafhir/validate.h"

namespace ccdafhir {

struct ValidationCountsOfConversion {
  std::size_t errors = 0;           // the output's, fatal + error
  std::size_t warnings = 0;         // the output's own
  std::size_t source_problems = 0;  // warnings about the source (only when errors > 0)
};

// Adds the validation issues of result.output, then the source problems of `source`, to
// result.diagnostics (in that order).
ValidationCountsOfConversion validate_conversion(const Validator& validator,
                                                 std::string_view source, ConversionResult& result,
                                                 const ValidateOptions& options);

}  // namespace ccdafhir
