#include "batch/archive_source.h"

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>

#include "ccdafhir/error.h"

namespace ccdafhir::batch {

namespace {

// libarchive reads in blocks of this size; members are handed over in pieces of the same size.
constexpr std::size_t kBlockBytes = 1u << 16;

struct archive* open_reader(const std::string& path) {
  struct archive* a = archive_read_new();
  archive_read_support_filter_all(a);
  archive_read_support_format_zip(a);
  archive_read_support_format_tar(a);
  archive_read_support_format_gnutar(a);
  archive_read_support_format_cpio(a);
  archive_read_support_format_7zip(a);
  if (archive_read_open_filename(a, path.c_str(), kBlockBytes) != ARCHIVE_OK) {
    std::string reason = archive_error_string(a) ? archive_error_string(a) : "unknown format";
    archive_read_free(a);
    throw Error(ErrorKind::kIo, path + ": cannot open as an archive: " + reason);
  }
  return a;
}

}  // namespace

ArchiveSource::ArchiveSource(const std::string& path) : path_(path), archive_(open_reader(path)) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  file_size_ = ec ? 0 : size;
}

ArchiveSource::~ArchiveSource() {
  archive_read_free(archive_);
}

bool ArchiveSource::next(MemberHeader& header) {
  for (;;) {
    struct archive_entry* entry = nullptr;
    int rc = archive_read_next_header(archive_, &entry);
    if (rc == ARCHIVE_EOF) return false;
    if (rc == ARCHIVE_FATAL || (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)) {
      const char* why = archive_error_string(archive_);
      throw Error(ErrorKind::kIo,
                  path_ + ": the archive is damaged: " + (why ? why : "unreadable header"));
    }
    const mode_t type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) continue;  // folders are structure, not members
    header = MemberHeader{};
    const char* name = archive_entry_pathname_utf8(entry);
    if (!name) name = archive_entry_pathname(entry);
    header.name = name ? name : "";
    header.regular = type == AE_IFREG;
    header.size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
    return true;
  }
}

bool ArchiveSource::read(std::string& out, std::size_t max_bytes) {
  out.clear();
  char block[kBlockBytes];
  for (;;) {
    la_ssize_t n = archive_read_data(archive_, block, sizeof block);
    if (n == 0) break;
    if (n < 0) {
      const char* why = archive_error_string(archive_);
      out.clear();
      throw Error(ErrorKind::kInputRejected,
                  std::string("cannot read the member's data: ") + (why ? why : "damaged"));
    }
    if (out.size() + static_cast<std::size_t>(n) > max_bytes) {
      // Over the limit: drop what was read; the next header skips the rest without keeping it.
      out.clear();
      out.shrink_to_fit();
      return false;
    }
    out.append(block, static_cast<std::size_t>(n));
  }
  return true;
}

std::uint64_t ArchiveSource::bytes_consumed() const {
  la_int64_t n = archive_filter_bytes(archive_, -1);
  return n > 0 ? static_cast<std::uint64_t>(n) : 0;
}

std::string ArchiveSource::kind() const {
  const char* format = archive_format_name(archive_);
  std::string k = format ? format : "archive";
  for (int i = archive_filter_count(archive_) - 1; i >= 0; --i) {
    const char* filter = archive_filter_name(archive_, i);
    if (filter && std::string(filter) != "none") k += std::string(" + ") + filter;
  }
  return k;
}

}  // namespace ccdafhir::batch
