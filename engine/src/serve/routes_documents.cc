// POST /validate and POST /render: the validator and the renderer over HTTP, answering exactly
// what `ccdafhir validate` and `ccdafhir render` print for the same input; POST
// /$submit-attachment: the CDex operation (submit_attachment.h) over HTTP.
#include "ccdafhir/error.h"
#include "report/outcome.h"
#include "serve/refusal.h"
#include "serve/request_body.h"
#include "serve/request_context.h"
#include "serve/routes.h"
#include "serve/submit_attachment.h"

namespace ccdafhir::serve {

namespace {

// Both routes take either kind of document and, like the command line, tell them apart by the
// first byte; the Content-Type only has to say XML or JSON.
void require_document_media_type(const httplib::Request& req) {
  require_media_type(req, {"application/xml", "text/xml", "application/hl7-v3+xml",
                           "application/fhir+json", "application/json"});
}

}  // namespace

void handle_validate(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res,
                     const httplib::ContentReader& reader) {
  require_document_media_type(req);
  ValidateOptions options;
  if (req.has_param("profile")) options.profile = req.get_param_value("profile");
  std::string body = read_body(reader, ctx.options.max_body_bytes, current_request().deadline);
  ValidationResult result = ctx.services.validator.validate(body, options);
  // The validation ran: 200, whatever it found. The answer is the finding, not a refusal; a
  // client that only wants a verdict reads X-Validation-Errors (the CLI's exit code 1 or 0).
  res.status = 200;
  res.set_header("X-Validation-Errors", std::to_string(result.errors));
  res.set_header("X-Validation-Warnings", std::to_string(result.warnings));
  res.set_content(to_operation_outcome(result.diagnostics).dump(2) + "\n", "application/fhir+json");
}

void handle_render(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& reader) {
  require_document_media_type(req);
  std::string body = read_body(reader, ctx.options.max_body_bytes, current_request().deadline);
  std::string html = ctx.services.renderer.render(body, RenderOptions{});
  res.status = 200;
  // The page carries its own Content-Security-Policy meta element; the header says the same
  // to clients that only look at headers.
  res.set_header(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
      "base-uri 'none'");
  res.set_content(std::move(html), "text/html; charset=utf-8");
}

void handle_submit_attachment(const RouteContext& ctx, const httplib::Request& req,
                              httplib::Response& res, const httplib::ContentReader& reader) {
  require_media_type(req, {"application/fhir+json", "application/json"});
  std::string now = now_parameter(req);
  std::string body = read_body(reader, ctx.options.max_body_bytes, current_request().deadline);
  SubmitAnswer answer = submit_attachment(ctx.services, ctx.metrics, body, now, Limits{});
  if (answer.status == 422) ctx.metrics.rejected("validation-failed");
  write_outcome(res, answer.status, answer.issues);
}

}  // namespace ccdafhir::serve
