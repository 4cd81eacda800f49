// Resuming: the report of an earlier run over the same OUT_DIR says which members were already
// converted and from which bytes (sha1). A rerun carries those lines over instead of converting
// again. The index holds a hash of each name and where its line is in the old report, not the
// lines themselves, so it stays small for a million members.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "batch/report_line.h"

namespace ccdafhir::batch {

struct CarriedLine {
  ReportLine line;  // parsed, for the totals
  std::string raw;  // the line as it was written, newline included
};

class ResumeIndex {
 public:
  ResumeIndex() = default;
  // Reads an earlier report.ndjson; a missing file gives an empty index. Lines that are not
  // report lines (a torn last line after a crash) are ignored.
  explicit ResumeIndex(const std::filesystem::path& report);
  ~ResumeIndex();
  ResumeIndex(const ResumeIndex&) = delete;
  ResumeIndex& operator=(const ResumeIndex&) = delete;

  // The earlier line of member `name` when it was converted (with or without errors) from
  // bytes with this sha1. Safe to call from several threads.
  std::optional<CarriedLine> find(std::string_view name, std::string_view sha1_hex) const;
  std::size_t size() const { return by_name_.size(); }

 private:
  struct Where {
    std::uint64_t offset;
    std::uint32_t length;
  };
  std::unordered_map<std::uint64_t, Where> by_name_;
  int fd_ = -1;
};

}  // namespace ccdafhir::batch
