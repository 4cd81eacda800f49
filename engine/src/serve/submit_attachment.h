// The CDex $submit-attachment operation behind POST /$submit-attachment, without the HTTP: the
// Parameters checked against the CDex Parameters Submit Attachment profile (its canonical from
// mappings/cdex/submit-attachment.yaml) and the operation's own rules, each attachment
// converted (inline C-CDA -> FHIR document Bundle) or validated (FHIR resources, with the CDex
// signature of a signed Bundle verified), then the submission stored by tracking id.
//
// Statuses: 200 accepted and stored (or the identical submission was stored before); 422 the
// Parameters or an attachment failed (nothing stored; every issue in the answer). The caller
// maps the rest: Error(kInputRejected) -> 400 (not JSON, hostile, over a limit), Refused 409
// from the store (a different submission under a tracking id closed by a final one).
#pragma once

#include <string>
#include <string_view>

#include "ccdafhir/diagnostic.h"
#include "ccdafhir/options.h"
#include "serve/metrics.h"
#include "serve/routes.h"

namespace ccdafhir::serve {

struct SubmitAnswer {
  int status = 200;
  DiagnosticSink issues;  // information issues say what was done; errors why it was refused
};

// `now` is the time of the conversions (Bundle.timestamp), as --now.
SubmitAnswer submit_attachment(const Services& services, Metrics& metrics, std::string_view body,
                               const std::string& now, const Limits& limits);

}  // namespace ccdafhir::serve
