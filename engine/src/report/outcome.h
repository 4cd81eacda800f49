// Diagnostics -> FHIR OperationOutcome, and trace records -> NDJSON lines.
#pragma once

#include <string>
#include <vector>

#include "ccdafhir/convert.h"
#include "util/json.h"

namespace ccdafhir {

Json to_operation_outcome(const DiagnosticSink& sink);
std::string trace_to_ndjson(const std::vector<TraceRecord>& trace);

}  // namespace ccdafhir
