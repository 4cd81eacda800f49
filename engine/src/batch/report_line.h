// One line of OUT_DIR/report.ndjson: what happened to one input member. Names and counts only,
// never patient content.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccdafhir::batch {

enum class MemberStatus { kConverted, kConvertedWithErrors, kRejected, kSkipped };

const char* to_string(MemberStatus status);

struct ReportLine {
  std::string name;  // the member's name as the input gives it
  MemberStatus status = MemberStatus::kSkipped;
  std::string reason;  // why rejected or skipped; empty otherwise
  std::string output;  // output file, relative to OUT_DIR; empty when none was written
  std::string sha1;    // of the input bytes (hex): a rerun skips members converted from them
  std::uint64_t bytes = 0;
  std::size_t entries_mapped = 0;
  std::size_t entries_dropped = 0;
  std::size_t errors = 0;  // conversion diagnostics, fatal + error
  std::size_t warnings = 0;
  bool validated = false;  // --validate: the two counts below are present
  std::size_t validation_errors = 0;
  std::size_t validation_warnings = 0;
  // --validate, a FHIR output with errors: the C-CDA rules its source fails (rule ids only).
  std::size_t source_problems = 0;
  std::vector<std::string> source_problem_rules{};
  double ms = 0;  // conversion time (reading, converting, writing)
};

// The JSON line, with its newline. Keys in a fixed order; absent values left out.
std::string to_ndjson(const ReportLine& line);

// A line written by to_ndjson back into a ReportLine; nullopt when it is not one.
std::optional<ReportLine> parse_report_line(std::string_view text);

}  // namespace ccdafhir::batch
