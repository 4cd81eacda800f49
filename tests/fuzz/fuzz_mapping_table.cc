// Mapping-table loader: YAML text -> checked, compiled Table. The first byte picks the folder
// (the table's role); the rest is the YAML, loaded as <folder>/fuzz.yaml. Any text either loads
// or throws Error(kConfig); yaml-cpp exceptions escaping the loader are findings.
#include <cstdint>
#include <string>

#include "ccdafhir/error.h"
#include "mapping/mapping_set.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kFolders[] = {"document", "header", "section", "entry", "fragment"};
  std::string folder = kFolders[data[0] % 5];
  std::string yaml(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    ccdafhir::MappingSet::load_table_text(yaml, folder, "fuzz");
  } catch (const ccdafhir::Error& e) {
    if (e.kind() != ccdafhir::ErrorKind::kConfig) __builtin_trap();
  }
  return 0;
}
