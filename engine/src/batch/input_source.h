// Where a batch's members come from: a directory tree or an archive, read one member at a time.
// A source never holds more than the member being read, so a batch of a million documents
// needs no more memory than a batch of one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace ccdafhir::batch {

struct MemberHeader {
  std::string name;        // as stored: relative path in the tree, or the archive's name
  bool regular = true;     // false: symbolic link, device, ... (reported as skipped)
  std::int64_t size = -1;  // bytes, -1 when the archive does not say
};

class InputSource {
 public:
  virtual ~InputSource() = default;
  // The next member, directories left out. False at the end. Throws Error(kIo) when the
  // archive is damaged beyond the current member.
  virtual bool next(MemberHeader& header) = 0;
  // The current member's bytes into `out` (replacing its content). When the member is larger
  // than max_bytes, stops at the limit, discards what it read and returns false: an oversized
  // member (a zip bomb) is never held whole. Throws Error(kInputRejected) when the member's
  // data cannot be read (damaged compression, encryption).
  virtual bool read(std::string& out, std::size_t max_bytes) = 0;
  // Input bytes consumed so far and in all (compressed bytes for an archive); total 0 when
  // unknown. They give progress its fraction and ETA.
  virtual std::uint64_t bytes_consumed() const = 0;
  virtual std::uint64_t bytes_total() const = 0;
  // Number of members, when known before reading (a directory is counted first).
  virtual std::optional<std::uint64_t> member_count() const { return std::nullopt; }
  // "directory", or the archive format libarchive detected ("ZIP 2.0 (deflation)", ...).
  virtual std::string kind() const = 0;
};

// A directory walk (sorted, depth-first, symbolic links not followed; `exclude` — the output
// folder when it lies inside the input — left out), or any archive libarchive reads: zip, tar,
// tar.gz, tar.zst, tar.xz, ... Throws Error(kIo) when `path` cannot be opened or is neither.
std::unique_ptr<InputSource> open_input(const std::string& path, const std::string& exclude = "");

}  // namespace ccdafhir::batch
