// Accepted $submit-attachment submissions on disk, keyed by tracking id. A submission is written
// to a temporary file, flushed to the disk, then linked into place (link(2) never replaces a
// file), so a stored version is either complete or absent, and nothing is overwritten:
//   - the same bytes again under a tracking id: not stored twice, the existing version answers;
//   - different bytes under a tracking id that is still open (CDex `Final` = false so far):
//     stored as the next version;
//   - different bytes after a final submission (`Final` true or omitted): refused, 409 Conflict.
// Layout: DIR/<sha256 of "system|value">/tracking-id.json (the identifier, written once) and
// DIR/<key>/<version, 6 digits>-<16 hex of the content's sha256>[-final].json.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ccdafhir::serve {

struct StoredSubmission {
  int version = 0;
  bool already_stored = false;  // identical content was stored before as `version`
  std::string path;
};

class AttachmentStore {
 public:
  // Creates the folder when missing; throws Error(kIo) when it cannot.
  explicit AttachmentStore(std::string dir);

  // Throws Refused (409) as described above, Error(kIo) when the disk fails.
  StoredSubmission put(const std::string& tracking_system, const std::string& tracking_value,
                       std::string_view content, bool final);

  // Stored version files of a tracking id, oldest first (full paths).
  std::vector<std::string> versions(const std::string& tracking_system,
                                    const std::string& tracking_value) const;

  const std::string& dir() const { return dir_; }

 private:
  std::string key_dir(const std::string& tracking_system, const std::string& tracking_value) const;
  std::string dir_;
  // One writer at a time picks version numbers. The store belongs to one server process; link(2)
  // still guarantees that no file is ever replaced.
  std::mutex mutex_;
};

// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);

}  // namespace ccdafhir::serve
