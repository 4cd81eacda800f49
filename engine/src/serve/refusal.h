// Every way the service says no, as one value: the HTTP status, the OperationOutcome issue code,
// the reason counted in /metrics and a message that names the problem, never the content.
// Handlers throw Refused; the route wrapper turns it into the response.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <stdexcept>
#include <string>

#include "ccdafhir/diagnostic.h"

namespace ccdafhir::serve {

struct Refusal {
  int status = 400;
  std::string issue_code = "invalid";  // OperationOutcome.issue.code
  std::string reason = "malformed";    // label of ccdafhir_rejections_total
  std::string message;                 // OperationOutcome.issue.diagnostics
};

class Refused : public std::runtime_error {
 public:
  explicit Refused(Refusal r) : std::runtime_error(r.message), refusal(std::move(r)) {}
  Refusal refusal;
};

Refusal malformed(const std::string& message);                               // 400
Refusal unauthorized();                                                      // 401
Refusal not_found();                                                         // 404
Refusal method_not_allowed(const std::string& allowed);                      // 405
Refusal request_timeout();                                                   // 408
Refusal conflict(const std::string& message);                                // 409
Refusal too_large(std::size_t limit);                                        // 413
Refusal unsupported_media_type(const std::string& expected);                 // 415
Refusal validation_failed(const std::string& message);                       // 422
Refusal internal_error();                                                    // 500
Refusal overloaded(const std::string& message);                              // 503
Refusal unavailable(const std::string& reason, const std::string& message);  // 503

// Writes the refusal as an OperationOutcome. Statuses after which the rest of the request may
// still be unread on the socket (413, 408, 503 for an overloaded connection) also close it.
void write_refusal(httplib::Response& res, const Refusal& refusal);

// A 2xx or 422 answer carrying diagnostics as an OperationOutcome.
void write_outcome(httplib::Response& res, int status, const DiagnosticSink& diagnostics);

}  // namespace ccdafhir::serve
