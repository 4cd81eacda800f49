// The CDA XML Schema (with the SDTC extensions) compiled once into a locked Xerces-C grammar
// pool, and validation of raw document bytes against it. Every validation uses its own parser
// over the shared, immutable pool, so validate() is const and safe from any number of threads.
// Nothing is ever fetched: no network, no DTD, no entity or schema outside the schema folder.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccdafhir {

// One schema violation. `element` is the open-element chain at the moment of the error, each
// entry the 0-based ordinal among its parent's element children (the root is {0}); `child` is
// how many element children the innermost element had started by then, which tells a problem
// in a child's start tag (attributes, an unexpected element) from one at the parent's end tag.
struct XsdIssue {
  long line = 0;
  long column = 0;
  std::vector<std::size_t> element;
  std::size_t child = 0;
  std::string message;  // Xerces' text with document values removed
};

// The XSD file to load from a folder: CDA_SDTC.xsd or CDA.xsd in it, or in the HL7 layout
// below it (extensions/SDTC/infrastructure/cda, infrastructure/cda). nullopt when none.
std::optional<std::filesystem::path> find_cda_xsd(const std::filesystem::path& dir);

class CdaSchema {
 public:
  // Compiles the grammar of `entry` (a file from find_cda_xsd); includes and imports may only
  // read files below `allowed_root`. Throws Error(kConfig) naming the file and the problem.
  CdaSchema(const std::filesystem::path& entry, const std::filesystem::path& allowed_root);
  ~CdaSchema();
  CdaSchema(const CdaSchema&) = delete;
  CdaSchema& operator=(const CdaSchema&) = delete;

  // At most `max_issues` issues, then one saying the rest were left out. The bytes must
  // already have passed the hardened intake (size, DOCTYPE, well-formedness).
  std::vector<XsdIssue> validate(std::string_view xml, std::size_t max_issues = 200) const;

  const std::filesystem::path& entry() const { return entry_; }

  // How many grammars this process has compiled: one per CdaSchema, never one per document.
  static std::size_t grammar_loads();

 private:
  struct Pool;
  std::filesystem::path entry_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace ccdafhir
