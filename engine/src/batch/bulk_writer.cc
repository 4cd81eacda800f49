#include "batch/bulk_writer.h"

#include <cctype>

#include "ccdafhir/error.h"
#include "util/json.h"
#include "util/json_writer.h"

namespace ccdafhir::batch {

namespace fs = std::filesystem;

namespace {
constexpr const char* kPartial = ".partial";

// A resource type names a file: letters and digits only.
std::string file_type(const Json& resource) {
  if (!resource.is_object() || !resource.contains("resourceType") ||
      !resource["resourceType"].is_string()) {
    return "Unknown";
  }
  std::string type = resource["resourceType"].get<std::string>();
  for (char c : type) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return "Unknown";
  }
  return type.empty() ? "Unknown" : type;
}
}  // namespace

std::vector<BulkResource> split_bundle(std::string_view bundle_json) {
  Json bundle = Json::parse(bundle_json, nullptr, false);
  if (bundle.is_discarded() || !bundle.is_object()) {
    throw Error(ErrorKind::kInputRejected, "the output is not a JSON object");
  }
  std::vector<BulkResource> out;
  if (!bundle.contains("entry") || !bundle["entry"].is_array()) return out;
  for (const Json& entry : bundle["entry"]) {
    if (!entry.is_object() || !entry.contains("resource")) continue;
    const Json& resource = entry["resource"];
    BulkResource r;
    r.type = file_type(resource);
    write_json(resource, r.json);
    out.push_back(std::move(r));
  }
  return out;
}

BulkWriter::BulkWriter(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (!fs::is_directory(dir_, ec)) throw Error(ErrorKind::kIo, dir_.string() + ": cannot create");
}

BulkWriter::~BulkWriter() = default;

void BulkWriter::append(const std::vector<BulkResource>& resources) {
  for (const BulkResource& r : resources) {
    auto& file = files_[r.type];
    if (!file) {
      fs::path path = dir_ / (r.type + ".ndjson" + kPartial);
      file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
      if (!*file) throw Error(ErrorKind::kIo, path.string() + ": cannot open for writing");
    }
    file->write(r.json.data(), static_cast<std::streamsize>(r.json.size()));
    file->put('\n');
  }
}

void BulkWriter::commit() {
  std::error_code ec;
  for (auto& [type, file] : files_) {
    file->close();
    if (!*file) throw Error(ErrorKind::kIo, (dir_ / type).string() + ".ndjson: write failed");
    fs::rename(dir_ / (type + ".ndjson" + kPartial), dir_ / (type + ".ndjson"), ec);
    if (ec) throw Error(ErrorKind::kIo, (dir_ / type).string() + ".ndjson: " + ec.message());
  }
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path p = it->path();
    if (p.extension() == ".ndjson" && !files_.count(p.stem().string())) fs::remove(p, ec);
  }
  files_.clear();
}

void BulkWriter::abandon() {
  std::error_code ec;
  for (auto& [type, file] : files_) {
    file->close();
    fs::remove(dir_ / (type + ".ndjson" + kPartial), ec);
  }
  files_.clear();
}

}  // namespace ccdafhir::batch
