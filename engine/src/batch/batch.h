// ccdafhir batch: converts every document of a directory tree or an archive into OUT_DIR, on
// several threads, with one report line per input member and a summary. See README "Batch".
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/progress.h"
#include "batch/totals.h"
#include "ccdafhir/convert.h"
#include "ccdafhir/options.h"

namespace ccdafhir::batch {

// kByKind (no --to): each member by what it is: *.xml documents to FHIR, *.json FHIR resources
// to C-CDA (other JSON is skipped), anything else skipped.
enum class Direction { kByKind, kToFhir, kToCcda };

// What --validate found in one output, and, when a FHIR output has errors, the C-CDA rules its
// source fails (Validator::source_problems): their count and their distinct rule ids.
struct ValidationCounts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t source_problems = 0;
  std::vector<std::string> source_problem_rules;  // sorted, each once
};
// Validates one output (FHIR JSON or C-CDA XML) converted from `source` (the member's bytes);
// called from worker threads at once.
using OutputValidator =
    std::function<ValidationCounts(std::string_view output, std::string_view source)>;

struct BatchOptions {
  std::string input;    // a directory, or an archive file
  std::string out_dir;  // created when missing
  Direction direction = Direction::kByKind;
  unsigned jobs = 0;         // worker threads; 0: one per core
  OutputValidator validate;  // empty: no validation
  bool ndjson = false;       // also write OUT_DIR/ndjson/TYPE.ndjson
  bool force = false;        // convert everything again, even what an earlier run converted
  ConvertOptions convert;    // --now and the limits; limits.max_input_bytes applies per member
  ProgressMode progress = ProgressMode::kAuto;
  bool handle_signals = false;  // SIGINT/SIGTERM stop the batch cleanly (the command line)
  // Test hook: stop after reading this many members, as if SIGTERM had arrived then. 0: off.
  std::uint64_t stop_after = 0;
};

struct BatchResult {
  Totals totals;
  RunFacts facts;
};

// Runs the batch. Throws Error(kIo) when IN cannot be opened or OUT_DIR cannot be written;
// every problem with a member is a report line instead. report.ndjson and summary.json are
// written even when the batch is interrupted or the archive turns out damaged half-way.
BatchResult run_batch(const Engine& engine, const BatchOptions& options);

// The report and summary file names inside OUT_DIR.
inline constexpr const char* kReportFile = "report.ndjson";
inline constexpr const char* kSummaryFile = "summary.json";
inline constexpr const char* kBulkFolder = "ndjson";

}  // namespace ccdafhir::batch
