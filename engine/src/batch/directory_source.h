// A directory tree as a batch source: members in sorted, depth-first order, so that a batch
// over a folder and over an archive made from it in the same order report identically.
#pragma once

#include <filesystem>
#include <vector>

#include "batch/input_source.h"

namespace ccdafhir::batch {

class DirectorySource : public InputSource {
 public:
  // Counts the members first (a walk without reading) so that progress knows the total.
  DirectorySource(const std::filesystem::path& root, const std::filesystem::path& exclude);
  bool next(MemberHeader& header) override;
  bool read(std::string& out, std::size_t max_bytes) override;
  std::uint64_t bytes_consumed() const override { return consumed_; }
  std::uint64_t bytes_total() const override { return total_bytes_; }
  std::optional<std::uint64_t> member_count() const override { return total_members_; }
  std::string kind() const override { return "directory"; }

 private:
  struct Level {
    std::filesystem::path dir;
    std::vector<std::filesystem::directory_entry> children;  // sorted by file name
    std::size_t index = 0;
  };
  void push_level(const std::filesystem::path& dir);
  bool excluded(const std::filesystem::path& p) const;

  std::filesystem::path root_;
  std::filesystem::path exclude_;  // canonical, or empty
  std::vector<Level> stack_;
  std::filesystem::path current_;
  std::uint64_t consumed_ = 0;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t total_members_ = 0;
};

}  // namespace ccdafhir::batch
