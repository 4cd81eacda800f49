#include "serve/attachment_store.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "ccdafhir/error.h"
#include "serve/refusal.h"
#include "util/json.h"

namespace fs = std::filesystem;

namespace ccdafhir::serve {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw Error(ErrorKind::kInternal, "SHA-256 failed");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 15]);
  }
  return out;
}

namespace {

[[noreturn]] void io_error(const std::string& what) {
  throw Error(ErrorKind::kIo, "attachment store: " + what + ": " + std::strerror(errno));
}

void fsync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) io_error("cannot open " + path);
  if (::fsync(fd) != 0) {
    ::close(fd);
    io_error("cannot flush " + path);
  }
  ::close(fd);
}

// Writes data to a new file and flushes it to the disk.
void write_durably(const std::string& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) io_error("cannot create " + path);
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      ::unlink(path.c_str());
      io_error("cannot write " + path);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(path.c_str());
    io_error("cannot flush " + path);
  }
}

// Links a flushed temporary file to `target` unless target exists. True when linked.
bool link_new(const std::string& tmp, const std::string& target) {
  if (::link(tmp.c_str(), target.c_str()) == 0) return true;
  if (errno == EEXIST) return false;
  io_error("cannot link " + target);
}

// Renames a flushed temporary folder to `target` unless target exists (a version folder is never
// empty, so rename(2) refuses to replace one). True when renamed.
bool rename_new(const std::string& tmp, const std::string& target) {
  if (::rename(tmp.c_str(), target.c_str()) == 0) return true;
  if (errno == EEXIST || errno == ENOTEMPTY) return false;
  io_error("cannot rename into " + target);
}

struct VersionFile {
  int version = 0;
  std::string digest16;
  bool final = false;
  std::string path;
};

// Parses "000012-0123456789abcdef[-final]"; false for anything else.
bool parse_version_name(const std::string& name, VersionFile& out) {
  if (name.size() < 6 + 1 + 16) return false;
  for (int i = 0; i < 6; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[static_cast<std::size_t>(i)]))) return false;
  }
  if (name[6] != '-') return false;
  std::string rest = name.substr(7);
  out.final = rest.size() == 16 + 6 && rest.compare(16, 6, "-final") == 0;
  if (rest.size() != 16 && !out.final) return false;
  out.version = std::stoi(name.substr(0, 6));
  out.digest16 = rest.substr(0, 16);
  return true;
}

std::vector<VersionFile> list_versions(const std::string& key_dir) {
  std::vector<VersionFile> out;
  std::error_code ec;
  if (!fs::is_directory(key_dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(key_dir)) {
    VersionFile v;
    if (entry.is_directory() && parse_version_name(entry.path().filename().string(), v)) {
      v.path = entry.path().string();
      out.push_back(std::move(v));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const VersionFile& a, const VersionFile& b) { return a.version < b.version; });
  return out;
}

std::string version_name(int version, const std::string& digest16, bool final) {
  char number[16];
  std::snprintf(number, sizeof number, "%06d", version);
  return std::string(number) + "-" + digest16 + (final ? "-final" : "");
}

std::string read_all(const std::string& path) {
  std::string data;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) io_error("cannot read " + path);
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) data.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  if (n < 0) io_error("cannot read " + path);
  return data;
}

std::string unique_suffix() {
  static std::atomic<unsigned long> counter{0};
  return std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

}  // namespace

AttachmentStore::AttachmentStore(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  // Leftovers of a process that died mid-write: never renamed into place, so never answered
  // as stored.
  fs::remove_all(fs::path(dir_) / ".incoming", ec);
  fs::create_directories(fs::path(dir_) / ".incoming", ec);
  if (ec)
    throw Error(ErrorKind::kIo, "attachment store: cannot create " + dir_ + ": " + ec.message());
}

std::string AttachmentStore::key_dir(const std::string& tracking_system,
                                     const std::string& tracking_value) const {
  return (fs::path(dir_) / sha256_hex(tracking_system + "|" + tracking_value)).string();
}

std::vector<std::string> AttachmentStore::versions(const std::string& tracking_system,
                                                   const std::string& tracking_value) const {
  std::vector<std::string> out;
  for (const auto& v : list_versions(key_dir(tracking_system, tracking_value)))
    out.push_back(v.path);
  return out;
}

StoredSubmission AttachmentStore::put(const std::string& tracking_system,
                                      const std::string& tracking_value,
                                      std::string_view submission, bool final,
                                      const std::vector<DerivedFile>& derived) {
  for (const DerivedFile& f : derived) {
    if (f.name.empty() || f.name == kSubmissionFile || f.name.find('/') != std::string::npos ||
        f.name[0] == '.')
      throw Error(ErrorKind::kInternal, "attachment store: bad derived file name");
  }
  std::lock_guard lock(mutex_);
  const std::string dir = key_dir(tracking_system, tracking_value);
  const std::string digest16 = sha256_hex(submission).substr(0, 16);
  std::error_code ec;
  bool new_key = !fs::is_directory(dir, ec);
  if (new_key) {
    if (::mkdir(dir.c_str(), 0750) != 0 && errno != EEXIST) io_error("cannot create " + dir);
    Json id = Json{{"system", tracking_system}, {"value", tracking_value}};
    std::string tmp = dir_ + "/.incoming/id-" + unique_suffix();
    write_durably(tmp, id.dump(2) + "\n");
    link_new(tmp, dir + "/tracking-id.json");
    ::unlink(tmp.c_str());
    fsync_path(dir_, O_RDONLY | O_DIRECTORY);
  }

  std::vector<VersionFile> existing = list_versions(dir);
  for (const auto& v : existing) {
    // The digest prefix finds the candidate; the bytes decide.
    if (v.digest16 == digest16 && read_all(v.path + "/" + kSubmissionFile) == submission)
      return StoredSubmission{v.version, true, v.path};
  }
  for (const auto& v : existing) {
    if (v.final) {
      throw Refused(conflict("this tracking id was closed by a final submission (version " +
                             std::to_string(v.version) +
                             "); a different submission under it is refused"));
    }
  }

  std::string tmp = dir_ + "/.incoming/" + unique_suffix();
  if (::mkdir(tmp.c_str(), 0750) != 0) io_error("cannot create " + tmp);
  try {
    write_durably(tmp + "/" + kSubmissionFile, submission);
    for (const DerivedFile& f : derived) write_durably(tmp + "/" + f.name, f.content);
    fsync_path(tmp, O_RDONLY | O_DIRECTORY);
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
  int version = existing.empty() ? 1 : existing.back().version + 1;
  std::string target;
  for (;; ++version) {
    target = dir + "/" + version_name(version, digest16, final);
    if (rename_new(tmp, target)) break;
  }
  fsync_path(dir, O_RDONLY | O_DIRECTORY);
  return StoredSubmission{version, false, target};
}

}  // namespace ccdafhir::serve
