#include "serve/refusal.h"

#include <memory>

#include "report/outcome.h"
#include "util/json.h"

namespace ccdafhir::serve {

namespace {
Refusal make(int status, const char* issue_code, const char* reason, std::string message) {
  return Refusal{status, issue_code, reason, std::move(message)};
}
}  // namespace

Refusal malformed(const std::string& message) {
  return make(400, "structure", "malformed", message);
}
Refusal unauthorized() {
  return make(401, "login", "unauthorized", "a valid bearer token is required");
}
Refusal not_found() {
  return make(404, "not-found", "not-found", "no such route");
}
Refusal method_not_allowed(const std::string& allowed) {
  return make(405, "not-supported", "method", "this route accepts " + allowed);
}
Refusal request_timeout() {
  return make(408, "timeout", "timeout", "the request did not arrive within the time limit");
}
Refusal conflict(const std::string& message) {
  return make(409, "conflict", "conflict", message);
}
Refusal too_large(std::size_t limit) {
  return make(413, "too-long", "too-large",
              "request body is over the limit of " + std::to_string(limit) + " bytes");
}
Refusal unsupported_media_type(const std::string& expected) {
  return make(415, "not-supported", "media-type", "Content-Type must be " + expected);
}
Refusal validation_failed(const std::string& message) {
  return make(422, "processing", "validation-failed", message);
}
Refusal internal_error() {
  return make(500, "exception", "internal", "internal error; the request was not processed");
}
Refusal overloaded(const std::string& message) {
  return make(503, "throttled", "overloaded", message);
}
Refusal unavailable(const std::string& reason, const std::string& message) {
  return make(503, "transient", reason.c_str(), message);
}

void write_refusal(httplib::Response& res, const Refusal& refusal) {
  Json oo = Json::object();
  oo["resourceType"] = "OperationOutcome";
  Json issue = Json::object();
  issue["severity"] = "error";
  issue["code"] = refusal.issue_code;
  issue["diagnostics"] = refusal.message;
  oo["issue"] = Json::array({issue});
  res.status = refusal.status;
  std::string body = oo.dump(2) + "\n";
  if (refusal.status == 413 || refusal.status == 408 || refusal.status == 503) {
    // The body may be partly unread: the connection cannot carry another request, and httplib
    // would otherwise read what is left as the next request line, byte by byte. It only ends a
    // keep-alive connection when writing the response fails, so the provider writes the whole
    // answer and then reports failure: the client gets the response, then the socket closes.
    res.set_header("Connection", "close");
    res.set_header("Content-Length", std::to_string(body.size()));
    auto shared = std::make_shared<std::string>(std::move(body));
    res.set_content_provider(shared->size(), "application/fhir+json",
                             [shared](std::size_t, std::size_t, httplib::DataSink& sink) {
                               sink.write(shared->data(), shared->size());
                               return false;
                             });
  } else {
    res.set_content(std::move(body), "application/fhir+json");
  }
  if (refusal.status == 503) res.set_header("Retry-After", "1");
  if (refusal.status == 401) res.set_header("WWW-Authenticate", "Bearer");
}

void write_outcome(httplib::Response& res, int status, const DiagnosticSink& diagnostics) {
  res.status = status;
  res.set_content(to_operation_outcome(diagnostics).dump(2) + "\n", "application/fhir+json");
}

}  // namespace ccdafhir::serve
