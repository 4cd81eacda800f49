#include "validate/validated_conversion.h"

namespace ccdafhir {

ValidationCountsOfConversion validate_conversion(const Validator& validator,
                                                 std::string_view source, ConversionResult& result,
                                                 const ValidateOptions& options) {
  ValidationCountsOfConversion counts;
  ValidationResult v = validator.validate_fhir(result.output, options);
  for (const Diagnostic& d : v.diagnostics.items()) result.diagnostics.add(d);
  counts.errors = v.errors;
  counts.warnings = v.warnings;
  if (v.errors == 0) return counts;  // a clean output needs no explaining
  // Errors of the output that the converter cannot mend come from the source: the C-CDA
  // rules it fails are reported beside them (warnings, source path and line).
  ValidationResult sp = validator.source_problems(source, options);
  for (const Diagnostic& d : sp.diagnostics.items()) result.diagnostics.add(d);
  counts.source_problems = sp.diagnostics.items().size();
  return counts;
}

}  // namespace ccdafhir
