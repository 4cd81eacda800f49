// Engine::to_ccda: hardened JSON intake, then the mapping tables run backwards.
#include "ccdafhir/convert.h"
#include "engine_impl.h"
#include "intake/json_intake.h"
#include "reverse/reverse_run.h"
#include "util/deadline.h"

namespace ccdafhir {

ConversionResult Engine::to_ccda(std::string_view fhir_json, const ConvertOptions& options) const {
  ConversionResult result;
  // The same time budget as to_fhir: after parsing, at every rule application and after each
  // narrative transform (libxslt cannot be interrupted; the size limits bound one transform).
  Deadline deadline(options.limits.max_seconds);
  Json bundle = parse_json_input(fhir_json, options.limits);
  check_bundle_entries(bundle, options.limits);
  deadline.check("parsing");
  const NarrativeToCda& narrative = impl_->narrative_to_cda;
  ReverseInputs in{*impl_->mappings, impl_->content_model,
                   [&narrative, &deadline](const std::string& div, xmlNode* section) {
                     bool wrote = narrative.append(div, section);
                     deadline.check("transforming a narrative");
                     return wrote;
                   },
                   options, &deadline};
  result.output = build_ccda(in, bundle, result.diagnostics);
  return result;
}

}  // namespace ccdafhir
