// Engine::to_ccda: hardened JSON intake, then the mapping tables run backwards.
#include "ccdafhir/convert.h"
#include "engine_impl.h"
#include "intake/json_intake.h"
#include "reverse/reverse_run.h"

namespace ccdafhir {

ConversionResult Engine::to_ccda(std::string_view fhir_json, const ConvertOptions& options) const {
  ConversionResult result;
  Json bundle = parse_json_input(fhir_json, options.limits);
  const NarrativeToCda& narrative = impl_->narrative_to_cda;
  ReverseInputs in{*impl_->mappings, impl_->content_model,
                   [&narrative](const std::string& div, xmlNode* section) {
                     return narrative.append(div, section);
                   },
                   options};
  result.output = build_ccda(in, bundle, result.diagnostics);
  return result;
}

}  // namespace ccdafhir
