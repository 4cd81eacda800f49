// The request handlers, one per route. Each reads its body through read_body (bounded), answers
// on success and throws Refused for every refusal; Server turns refusals into responses.
#pragma once

#include <httplib.h>

#include "ccdafhir/convert.h"
#include "serve/metrics.h"
#include "serve/serve_options.h"

namespace ccdafhir::serve {

// What the handlers share: loaded once at start-up, immutable, used by every worker thread.
struct Services {
  const Engine& engine;
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

// GET /health
void handle_health(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res);

// GET /metrics
void handle_metrics(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace ccdafhir::serve
