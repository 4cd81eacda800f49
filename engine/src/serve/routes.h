// The request handlers, one per route. Each reads its body through read_body (bounded), answers
// on success and throws Refused for every refusal; Server turns refusals into responses.
#pragma once

#include <httplib.h>

#include "ccdafhir/cdex.h"
#include "ccdafhir/convert.h"
#include "ccdafhir/render.h"
#include "ccdafhir/validate.h"
#include "serve/attachment_store.h"
#include "serve/metrics.h"
#include "serve/serve_options.h"

namespace ccdafhir::serve {

// What the handlers share: loaded once at start-up, immutable, used by every worker thread.
struct Services {
  const Engine& engine;
  const Validator& validator;
  const Renderer& renderer;
  const CdexPackager& cdex;
  AttachmentStore& store;  // accepted $submit-attachment submissions (thread-safe)
};

struct RouteContext {
  const Services& services;
  const ServeOptions& options;
  Metrics& metrics;
};

// POST /to-fhir: C-CDA XML -> document Bundle, byte for byte what `ccdafhir to-fhir` writes.
// The `now` query parameter plays the part of --now.
void handle_to_fhir(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res,
                    const httplib::ContentReader& reader);

// POST /to-ccda: FHIR document Bundle JSON -> C-CDA XML, byte for byte what `ccdafhir to-ccda`
// writes; `now` as above.
void handle_to_ccda(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res,
                    const httplib::ContentReader& reader);

// POST /validate: C-CDA XML or FHIR JSON -> OperationOutcome, byte for byte what
// `ccdafhir validate` prints. 200 whenever the validation ran, errors or not (the count is in
// X-Validation-Errors); 400 when the body is not XML/JSON at all. `profile` plays --profile.
void handle_validate(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res,
                     const httplib::ContentReader& reader);

// POST /render: C-CDA XML or FHIR document Bundle -> the HTML page `ccdafhir render` writes.
void handle_render(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& reader);

// POST /$submit-attachment: a CDex $submit-attachment Parameters resource, checked, its
// attachments converted or validated, stored; answered with an OperationOutcome
// (see submit_attachment.h for the statuses).
void handle_submit_attachment(const RouteContext& ctx, const httplib::Request& req,
                              httplib::Response& res, const httplib::ContentReader& reader);

// GET /health
void handle_health(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res);

// GET /metrics
void handle_metrics(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace ccdafhir::serve
