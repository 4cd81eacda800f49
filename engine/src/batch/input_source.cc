#include "batch/input_source.h"

#include <filesystem>

#include "batch/archive_source.h"
#include "batch/directory_source.h"
#include "ccdafhir/error.h"

namespace ccdafhir::batch {

std::unique_ptr<InputSource> open_input(const std::string& path, const std::string& exclude) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return std::make_unique<DirectorySource>(path, exclude);
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(ErrorKind::kIo, path + ": no such directory or archive");
  }
  return std::make_unique<ArchiveSource>(path);
}

}  // namespace ccdafhir::batch
