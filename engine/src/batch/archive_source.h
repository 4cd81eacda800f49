// An archive as a batch source, streamed through libarchive: zip, tar and compressed tars
// (gzip, zstd, xz, bzip2), one member at a time, never unpacked to disk.
#pragma once

#include <string>

#include "batch/input_source.h"

struct archive;

namespace ccdafhir::batch {

class ArchiveSource : public InputSource {
 public:
  // Throws Error(kIo) when the file cannot be opened or is not an archive libarchive knows.
  explicit ArchiveSource(const std::string& path);
  ~ArchiveSource() override;
  ArchiveSource(const ArchiveSource&) = delete;
  ArchiveSource& operator=(const ArchiveSource&) = delete;

  bool next(MemberHeader& header) override;
  bool read(std::string& out, std::size_t max_bytes) override;
  std::uint64_t bytes_consumed() const override;
  std::uint64_t bytes_total() const override { return file_size_; }
  std::string kind() const override;

 private:
  std::string path_;
  struct archive* archive_ = nullptr;
  std::uint64_t file_size_ = 0;
};

}  // namespace ccdafhir::batch
