// --ndjson: FHIR Bulk Data style files beside the Bundles, for analytics loads. One file per
// resource type (OUT_DIR/ndjson/Patient.ndjson, ...), one resource a line, in input order and
// Bundle order within a document, so the files are the same on every run. A resource that
// appears in several documents (the same Patient) appears once per document.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ccdafhir::batch {

struct BulkResource {
  std::string type;  // resourceType
  std::string json;  // one line, no newline
};

// The entries of a serialised Bundle as bulk lines. Throws Error(kInputRejected) when the text
// is not a Bundle.
std::vector<BulkResource> split_bundle(std::string_view bundle_json);

class BulkWriter {
 public:
  // Files are written as NAME.ndjson.partial and renamed into place by commit(), so that an
  // interrupted batch never leaves bulk files that look complete.
  explicit BulkWriter(std::filesystem::path dir);
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  void append(const std::vector<BulkResource>& resources);
  // Every file into place; bulk files of an earlier run for types not seen now are removed.
  void commit();
  // Removes this run's partial files (the next run writes them again from the start).
  void abandon();

 private:
  std::filesystem::path dir_;
  std::map<std::string, std::unique_ptr<std::ofstream>> files_;
};

}  // namespace ccdafhir::batch
