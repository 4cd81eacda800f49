#include "serve/routes.h"

#include "report/outcome.h"
#include "serve/refusal.h"
#include "serve/request_body.h"
#include "serve/request_context.h"
#include "validate/validated_conversion.h"

namespace ccdafhir::serve {

void handle_to_fhir(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res,
                    const httplib::ContentReader& reader) {
  require_media_type(req, {"application/xml", "text/xml", "application/hl7-v3+xml"});
  ConvertOptions options;
  options.now = now_parameter(req);
  options.collect_trace = false;
  std::string body = read_body(reader, ctx.options.max_body_bytes, current_request().deadline);
  ConversionResult result = ctx.services.engine.to_fhir(body, options);
  ctx.metrics.converted("to-fhir");
  res.status = 200;
  if (flag_parameter(req, "validate")) {
    // `to-fhir --validate`: the Bundle is the answer; what the validation found, and the
    // C-CDA rules the source fails when the Bundle has errors, are counted in headers, and
    // `report=true` answers the report itself instead (what --report writes).
    ValidationCountsOfConversion v =
        validate_conversion(ctx.services.validator, body, result, ValidateOptions{});
    res.set_header("X-Validation-Errors", std::to_string(v.errors));
    res.set_header("X-Validation-Warnings", std::to_string(v.warnings));
    res.set_header("X-Source-Problems", std::to_string(v.source_problems));
  }
  if (flag_parameter(req, "report")) {
    res.set_content(to_operation_outcome(result.diagnostics).dump(2) + "\n",
                    "application/fhir+json");
    return;
  }
  res.set_content(std::move(result.output), "application/fhir+json");
}

void handle_to_ccda(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res,
                    const httplib::ContentReader& reader) {
  require_media_type(req, {"application/fhir+json", "application/json"});
  ConvertOptions options;
  options.now = now_parameter(req);
  options.collect_trace = false;
  std::string body = read_body(reader, ctx.options.max_body_bytes, current_request().deadline);
  ConversionResult result = ctx.services.engine.to_ccda(body, options);
  ctx.metrics.converted("to-ccda");
  res.status = 200;
  res.set_content(std::move(result.output), "application/xml");
}

void handle_health(const RouteContext&, const httplib::Request&, httplib::Response& res) {
  res.status = 200;
  res.set_content("{\"status\":\"ok\"}\n", "application/json");
}

void handle_metrics(const RouteContext& ctx, const httplib::Request&, httplib::Response& res) {
  res.status = 200;
  res.set_content(ctx.metrics.prometheus_text(), "text/plain; version=0.0.4");
}

}  // namespace ccdafhir::serve
