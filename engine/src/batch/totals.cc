#include "batch/totals.h"

#include <cmath>

namespace ccdafhir::batch {

void Totals::add(const ReportLine& line, bool resumed_line) {
  ++members;
  switch (line.status) {
    case MemberStatus::kConverted:
      ++converted;
      break;
    case MemberStatus::kConvertedWithErrors:
      ++converted_with_errors;
      break;
    case MemberStatus::kRejected:
      ++rejected;
      break;
    case MemberStatus::kSkipped:
      ++skipped;
      return;  // a skipped member is not a document: its bytes and counts are not the batch's
  }
  if (resumed_line) ++resumed;
  bytes += line.bytes;
  if (!resumed_line) bytes_this_run += line.bytes;
  entries_mapped += line.entries_mapped;
  entries_dropped += line.entries_dropped;
  errors += line.errors;
  warnings += line.warnings;
  validation_errors += line.validation_errors;
  validation_warnings += line.validation_warnings;
  source_problems += line.source_problems;
}

Json summary_json(const Totals& t, const RunFacts& f) {
  constexpr double kMiB = 1024.0 * 1024.0;
  auto rounded = [](double v) { return std::round(v * 100.0) / 100.0; };
  Json j;
  j["input"] = f.input;
  j["input_kind"] = f.input_kind;
  j["to"] = f.direction;
  j["complete"] = !f.interrupted && f.input_error.empty();
  if (f.interrupted) j["interrupted"] = true;
  if (!f.input_error.empty()) j["input_error"] = f.input_error;
  j["members"] = t.members;
  j["converted"] = t.converted;
  j["converted_with_errors"] = t.converted_with_errors;
  j["rejected"] = t.rejected;
  j["skipped"] = t.skipped;
  j["resumed"] = t.resumed;
  j["bytes"] = t.bytes;
  j["entries_mapped"] = t.entries_mapped;
  j["entries_dropped"] = t.entries_dropped;
  j["errors"] = t.errors;
  j["warnings"] = t.warnings;
  if (f.validate) {
    j["validation_errors"] = t.validation_errors;
    j["validation_warnings"] = t.validation_warnings;
    j["source_problems"] = t.source_problems;
  }
  j["jobs"] = f.jobs;
  j["ndjson"] = f.ndjson;
  j["seconds"] = rounded(f.seconds);
  const std::uint64_t documents = t.converted + t.converted_with_errors + t.rejected - t.resumed;
  j["documents_per_second"] =
      f.seconds > 0 ? rounded(static_cast<double>(documents) / f.seconds) : 0.0;
  j["mib_per_second"] =
      f.seconds > 0 ? rounded(static_cast<double>(t.bytes_this_run) / kMiB / f.seconds) : 0.0;
  return j;
}

}  // namespace ccdafhir::batch
