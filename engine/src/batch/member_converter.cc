#include "batch/member_converter.h"

#include "batch/member_kind.h"

#include <chrono>
#include <new>

#include "ccdafhir/error.h"
#include "util/files.h"
#include "util/sha1.h"

namespace ccdafhir::batch {

namespace fs = std::filesystem;

namespace {

std::string hex(const std::array<std::uint8_t, 20>& digest) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  s.reserve(40);
  for (auto b : digest) {
    s.push_back(digits[b >> 4]);
    s.push_back(digits[b & 15]);
  }
  return s;
}

void count_diagnostics(const DiagnosticSink& sink, ReportLine& line) {
  for (const Diagnostic& d : sink.items()) {
    if (d.severity == Severity::kFatal || d.severity == Severity::kError) ++line.errors;
    if (d.severity == Severity::kWarning) ++line.warnings;
  }
}

}  // namespace

MemberConverter::MemberConverter(const Engine& engine, const BatchOptions& options,
                                 const ResumeIndex& resume, fs::path out_dir)
    : engine_(engine), options_(options), resume_(resume), out_dir_(std::move(out_dir)) {}

bool MemberConverter::carry_over(const MemberJob& job, const std::string& sha1_hex,
                                 MemberOutcome& out) const {
  if (options_.force) return false;
  auto carried = resume_.find(job.name, sha1_hex);
  // Only what this run would have produced: the same output name (same direction), validated
  // or not as now, and the output still there.
  if (!carried || carried->line.output != job.output ||
      carried->line.validated != static_cast<bool>(options_.validate)) {
    return false;
  }
  std::error_code ec;
  const fs::path output = out_dir_ / job.output;
  if (!fs::is_regular_file(output, ec)) return false;
  if (options_.ndjson && job.direction == Direction::kToFhir) {
    try {
      out.bulk =
          split_bundle(read_input(output.string(), options_.convert.limits.max_input_bytes * 8));
    } catch (const Error&) {
      return false;  // the earlier output is unreadable: convert again
    }
  }
  out.line = std::move(carried->line);
  out.carried_raw = std::move(carried->raw);
  return true;
}

std::string MemberConverter::run_conversion(const MemberJob& job, ReportLine& line) const {
  ConversionResult result = job.direction == Direction::kToFhir
                                ? engine_.to_fhir(job.bytes, options_.convert)
                                : engine_.to_ccda(job.bytes, options_.convert);
  line.entries_mapped = result.entries_mapped;
  line.entries_dropped = result.entries_dropped;
  count_diagnostics(result.diagnostics, line);
  if (options_.validate) {
    ValidationCounts v = options_.validate(result.output, job.bytes);
    line.validated = true;
    line.validation_errors = v.errors;
    line.validation_warnings = v.warnings;
    line.source_problems = v.source_problems;
    line.source_problem_rules = std::move(v.source_problem_rules);
  }
  const fs::path output = out_dir_ / job.output;
  std::error_code ec;
  fs::create_directories(output.parent_path(), ec);
  write_output(output.string(), result.output);
  line.output = job.output;
  line.status = line.errors > 0 || line.validation_errors > 0 ? MemberStatus::kConvertedWithErrors
                                                              : MemberStatus::kConverted;
  return std::move(result.output);
}

MemberOutcome MemberConverter::convert(MemberJob& job) const {
  const auto start = std::chrono::steady_clock::now();
  MemberOutcome out;
  ReportLine& line = out.line;
  line.name = job.name;
  line.bytes = job.bytes.size();
  if (job.by_kind && job.direction == Direction::kToCcda &&
      sniff_json(job.bytes) == JsonKind::kOtherJson) {
    // Metadata, a list, settings: JSON that is no FHIR resource is not a document here. JSON
    // that does not parse goes on to the converter and is rejected with the parser's reason.
    line.status = MemberStatus::kSkipped;
    line.reason = "not FHIR JSON: no top-level resourceType";
    return out;
  }
  line.sha1 = hex(sha1(job.bytes));
  if (carry_over(job, line.sha1, out)) return out;
  try {
    std::string output = run_conversion(job, line);
    if (options_.ndjson && job.direction == Direction::kToFhir) {
      out.bulk = split_bundle(output);
    }
  } catch (const Error& e) {
    line = ReportLine{line.name, MemberStatus::kRejected, e.what(), "", line.sha1, line.bytes};
  } catch (const std::bad_alloc&) {
    line =
        ReportLine{line.name, MemberStatus::kRejected, "out of memory", "", line.sha1, line.bytes};
  } catch (const std::exception& e) {
    line = ReportLine{line.name,
                      MemberStatus::kRejected,
                      std::string("internal error: ") + e.what(),
                      "",
                      line.sha1,
                      line.bytes};
  }
  if (line.status == MemberStatus::kRejected) {
    // No output may stand for a rejected member, not even one from an earlier run.
    std::error_code ec;
    fs::remove(out_dir_ / job.output, ec);
  }
  job.bytes.clear();
  job.bytes.shrink_to_fit();
  line.ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace ccdafhir::batch
