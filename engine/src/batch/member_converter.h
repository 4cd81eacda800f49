// The work of one worker on one member: hash, resume check, conversion, validation, the atomic
// write of the output, and the bulk lines. Anything a document does — throw, hit a limit — ends
// as a rejected report line, never as a failed batch.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "batch/batch.h"
#include "batch/member_outcome.h"
#include "batch/resume_index.h"

namespace ccdafhir::batch {

struct MemberJob {
  std::uint64_t seq = 0;
  std::string name;    // as the input gives it (report)
  std::string output;  // relative to OUT_DIR
  std::string bytes;
  Direction direction = Direction::kToFhir;  // this member's: kToFhir or kToCcda
  bool by_kind = false;  // no --to: a JSON member is converted only if it is a FHIR resource
};

class MemberConverter {
 public:
  MemberConverter(const Engine& engine, const BatchOptions& options, const ResumeIndex& resume,
                  std::filesystem::path out_dir);
  // Thread-safe: workers share one converter.
  MemberOutcome convert(MemberJob& job) const;

 private:
  bool carry_over(const MemberJob& job, const std::string& sha1_hex, MemberOutcome& out) const;
  std::string run_conversion(const MemberJob& job, ReportLine& line) const;

  const Engine& engine_;
  const BatchOptions& options_;
  const ResumeIndex& resume_;
  std::filesystem::path out_dir_;
};

}  // namespace ccdafhir::batch
