#include "batch/directory_source.h"

#include <algorithm>
#include <fstream>

#include "ccdafhir/error.h"

namespace ccdafhir::batch {

namespace fs = std::filesystem;

DirectorySource::DirectorySource(const fs::path& root, const fs::path& exclude) : root_(root) {
  std::error_code ec;
  if (!exclude.empty()) {
    fs::path canonical = fs::weakly_canonical(exclude, ec);
    if (!ec) exclude_ = canonical;
  }
  // The counting walk: the same order and the same exclusions as the reading walk.
  push_level(root_);
  MemberHeader header;
  while (next(header)) {
    ++total_members_;
    if (header.size > 0) total_bytes_ += static_cast<std::uint64_t>(header.size);
  }
  stack_.clear();
  push_level(root_);
}

bool DirectorySource::excluded(const fs::path& p) const {
  if (exclude_.empty()) return false;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(p, ec);
  return !ec && canonical == exclude_;
}

void DirectorySource::push_level(const fs::path& dir) {
  Level level;
  level.dir = dir;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    level.children.push_back(*it);
  }
  if (ec) throw Error(ErrorKind::kIo, dir.string() + ": cannot list: " + ec.message());
  std::sort(level.children.begin(), level.children.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename().string() < b.path().filename().string();
            });
  stack_.push_back(std::move(level));
}

bool DirectorySource::next(MemberHeader& header) {
  while (!stack_.empty()) {
    Level& level = stack_.back();
    if (level.index == level.children.size()) {
      stack_.pop_back();
      continue;
    }
    const fs::directory_entry entry = level.children[level.index++];
    std::error_code ec;
    const bool symlink = entry.is_symlink(ec);
    if (!symlink && entry.is_directory(ec)) {
      if (!excluded(entry.path())) push_level(entry.path());
      continue;
    }
    header = MemberHeader{};
    header.name = fs::relative(entry.path(), root_, ec).generic_string();
    if (ec) header.name = entry.path().filename().string();
    header.regular = !symlink && entry.is_regular_file(ec);
    if (header.regular) {
      auto size = entry.file_size(ec);
      header.size = ec ? -1 : static_cast<std::int64_t>(size);
    }
    current_ = entry.path();
    return true;
  }
  return false;
}

bool DirectorySource::read(std::string& out, std::size_t max_bytes) {
  out.clear();
  std::error_code ec;
  auto size = fs::file_size(current_, ec);
  if (!ec && size > max_bytes) {
    consumed_ += size;
    return false;
  }
  std::ifstream in(current_, std::ios::binary);
  if (!in) throw Error(ErrorKind::kInputRejected, "cannot open the file for reading");
  if (!ec) out.resize(size);
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<std::size_t>(in.gcount()));
  // The file may have grown since it was measured: read on in blocks, within the limit.
  char block[65536];
  while (in.read(block, sizeof block) || in.gcount() > 0) {
    out.append(block, static_cast<std::size_t>(in.gcount()));
    if (out.size() > max_bytes) {
      consumed_ += out.size();
      out.clear();
      out.shrink_to_fit();
      return false;
    }
  }
  consumed_ += out.size();
  return true;
}

}  // namespace ccdafhir::batch
