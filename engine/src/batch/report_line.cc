#include "batch/report_line.h"

#include <cmath>

#include "util/json.h"
#include "util/json_writer.h"

namespace ccdafhir::batch {

const char* to_string(MemberStatus status) {
  switch (status) {
    case MemberStatus::kConverted:
      return "converted";
    case MemberStatus::kConvertedWithErrors:
      return "converted-with-errors";
    case MemberStatus::kRejected:
      return "rejected";
    case MemberStatus::kSkipped:
      return "skipped";
  }
  return "skipped";
}

std::string to_ndjson(const ReportLine& line) {
  Json j;
  j["name"] = line.name;
  j["status"] = to_string(line.status);
  if (!line.reason.empty()) j["reason"] = line.reason;
  if (!line.output.empty()) j["output"] = line.output;
  if (!line.sha1.empty()) j["sha1"] = line.sha1;
  j["bytes"] = line.bytes;
  if (line.status == MemberStatus::kConverted ||
      line.status == MemberStatus::kConvertedWithErrors) {
    j["entries_mapped"] = line.entries_mapped;
    j["entries_dropped"] = line.entries_dropped;
    j["errors"] = line.errors;
    j["warnings"] = line.warnings;
  }
  if (line.validated) {
    j["validation_errors"] = line.validation_errors;
    j["validation_warnings"] = line.validation_warnings;
  }
  if (line.source_problems > 0) {
    j["source_problems"] = line.source_problems;
    j["source_problem_rules"] = line.source_problem_rules;
  }
  // Whole microseconds: enough for timing, and the line stays short.
  j["ms"] = std::round(line.ms * 1000.0) / 1000.0;
  std::string out;
  write_json(j, out);
  out.push_back('\n');
  return out;
}

std::optional<ReportLine> parse_report_line(std::string_view text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("name") || !j["name"].is_string() ||
      !j.contains("status") || !j["status"].is_string()) {
    return std::nullopt;
  }
  ReportLine line;
  line.name = j["name"].get<std::string>();
  const std::string status = j["status"].get<std::string>();
  if (status == "converted") {
    line.status = MemberStatus::kConverted;
  } else if (status == "converted-with-errors") {
    line.status = MemberStatus::kConvertedWithErrors;
  } else if (status == "rejected") {
    line.status = MemberStatus::kRejected;
  } else if (status == "skipped") {
    line.status = MemberStatus::kSkipped;
  } else {
    return std::nullopt;
  }
  auto text_of = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  auto count_of = [&](const char* key) -> std::uint64_t {
    return j.contains(key) && j[key].is_number_unsigned() ? j[key].get<std::uint64_t>() : 0;
  };
  line.reason = text_of("reason");
  line.output = text_of("output");
  line.sha1 = text_of("sha1");
  line.bytes = count_of("bytes");
  line.entries_mapped = count_of("entries_mapped");
  line.entries_dropped = count_of("entries_dropped");
  line.errors = count_of("errors");
  line.warnings = count_of("warnings");
  line.validated = j.contains("validation_errors");
  line.validation_errors = count_of("validation_errors");
  line.validation_warnings = count_of("validation_warnings");
  line.source_problems = count_of("source_problems");
  if (j.contains("source_problem_rules") && j["source_problem_rules"].is_array()) {
    for (const Json& r : j["source_problem_rules"]) {
      if (r.is_string()) line.source_problem_rules.push_back(r.get<std::string>());
    }
  }
  line.ms = j.contains("ms") && j["ms"].is_number() ? j["ms"].get<double>() : 0.0;
  return line;
}

}  // namespace ccdafhir::batch
