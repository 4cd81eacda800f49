// What the batch knows about one member once it is done with it.
#pragma once

#include <string>
#include <vector>

#include "batch/bulk_writer.h"
#include "batch/report_line.h"

namespace ccdafhir::batch {

struct MemberOutcome {
  ReportLine line;
  std::string carried_raw;         // resumed: the earlier run's line, written as it was
  std::vector<BulkResource> bulk;  // --ndjson: the output's resources
};

}  // namespace ccdafhir::batch
