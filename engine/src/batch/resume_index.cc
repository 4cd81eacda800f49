#include "batch/resume_index.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <functional>

namespace ccdafhir::batch {

namespace {
std::uint64_t name_key(std::string_view name) {
  return std::hash<std::string_view>{}(name);
}
}  // namespace

ResumeIndex::ResumeIndex(const std::filesystem::path& report) {
  std::ifstream in(report, std::ios::binary);
  if (!in) return;
  std::string text;
  std::uint64_t offset = 0;
  while (std::getline(in, text)) {
    const std::uint64_t length = text.size() + 1;
    if (auto line = parse_report_line(text)) {
      if (line->status == MemberStatus::kConverted ||
          line->status == MemberStatus::kConvertedWithErrors) {
        by_name_[name_key(line->name)] = Where{offset, static_cast<std::uint32_t>(length)};
      }
    }
    offset += length;
  }
  if (!by_name_.empty()) fd_ = ::open(report.c_str(), O_RDONLY | O_CLOEXEC);
}

ResumeIndex::~ResumeIndex() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<CarriedLine> ResumeIndex::find(std::string_view name,
                                             std::string_view sha1_hex) const {
  if (fd_ < 0) return std::nullopt;
  auto it = by_name_.find(name_key(name));
  if (it == by_name_.end()) return std::nullopt;
  CarriedLine carried;
  carried.raw.resize(it->second.length);
  ssize_t n =
      ::pread(fd_, carried.raw.data(), carried.raw.size(), static_cast<off_t>(it->second.offset));
  if (n != static_cast<ssize_t>(carried.raw.size()) || carried.raw.back() != '\n') {
    return std::nullopt;
  }
  auto line = parse_report_line(std::string_view(carried.raw).substr(0, carried.raw.size() - 1));
  // The name is checked again: two names may share a hash.
  if (!line || line->name != name || line->sha1 != sha1_hex) return std::nullopt;
  carried.line = std::move(*line);
  return carried;
}

}  // namespace ccdafhir::batch
