// The batch's totals, summed line by line, and OUT_DIR/summary.json.
#pragma once

#include <cstdint>
#include <string>

#include "batch/report_line.h"
#include "util/json.h"

namespace ccdafhir::batch {

struct Totals {
  std::uint64_t members = 0;  // report lines
  std::uint64_t converted = 0;
  std::uint64_t converted_with_errors = 0;
  std::uint64_t rejected = 0;
  std::uint64_t skipped = 0;
  std::uint64_t resumed = 0;         // of the converted ones: carried over from an earlier run
  std::uint64_t bytes = 0;           // input bytes of the documents converted or rejected
  std::uint64_t bytes_this_run = 0;  // the same, without the resumed ones
  std::uint64_t entries_mapped = 0;
  std::uint64_t entries_dropped = 0;
  std::uint64_t errors = 0;
  std::uint64_t warnings = 0;
  std::uint64_t validation_errors = 0;
  std::uint64_t validation_warnings = 0;
  std::uint64_t source_problems = 0;

  void add(const ReportLine& line, bool resumed_line);
  std::uint64_t failures() const { return rejected + converted_with_errors; }
};

// What summary.json says besides the totals.
struct RunFacts {
  std::string input;       // IN as given
  std::string input_kind;  // "directory", "ZIP 2.0 (deflation)", "GNU tar format + gzip", ...
  std::string direction;   // "fhir" | "ccda" | "by-kind" (no --to)
  unsigned jobs = 1;
  bool validate = false;
  bool ndjson = false;
  bool interrupted = false;  // stopped before the end of the input (a signal, or the test hook)
  std::string input_error;   // the input could not be read to its end: why
  double seconds = 0;
};

Json summary_json(const Totals& totals, const RunFacts& facts);

}  // namespace ccdafhir::batch
