#include "serve/routes.h"

#include "serve/refusal.h"
#include "serve/request_body.h"
#include "serve/request_context.h"

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
