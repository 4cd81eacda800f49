// Accepted $submit-attachment submissions on disk, keyed by tracking id. A version is a folder:
// the submission as received and the files derived from it (the FHIR Bundles its C-CDA
// attachments became). It is written under DIR/.incoming, every file and the folder flushed to
// the disk, then renamed into place in one step (rename(2) of a folder never replaces a
// non-empty one), so a stored version is complete or absent, and nothing is overwritten:
//   - the same submission bytes again under a tracking id: not stored twice, the existing
//     version answers;
//   - different bytes under a tracking id that is still open (CDex `Final` = false so far):
//     stored as the next version;
//   - different bytes after a final submission (`Final` true or omitted): refused, 409 Conflict.
// Layout: DIR/<sha256 of "system|value">/tracking-id.json (the identifier, written once) and
// DIR/<key>/<version, 6 digits>-<16 hex of the submission's sha256>[-final]/submission.json
// plus the derived files.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ccdafhir::serve {

struct StoredSubmission {
  int version = 0;
  bool already_stored = false;  // identical content was stored before as `version`
  std::string path;             // the version's folder
};

// A file derived from a submission, stored beside it. `name` is a plain file name.
struct DerivedFile {
  std::string name;
  std::string content;
};

// The file holding the submission itself in a version folder.
inline constexpr const char* kSubmissionFile = "submission.json";

class AttachmentStore {
 public:
  // Creates the folder when missing and clears what an interrupted process left in .incoming
  // (never part of the store); throws Error(kIo) when it cannot.
  explicit AttachmentStore(std::string dir);

  // Throws Refused (409) as described above, Error(kIo) when the disk fails.
  StoredSubmission put(const std::string& tracking_system, const std::string& tracking_value,
                       std::string_view submission, bool final,
                       const std::vector<DerivedFile>& derived = {});

  // Stored version folders of a tracking id, oldest first (full paths).
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
