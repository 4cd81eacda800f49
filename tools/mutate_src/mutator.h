// Structural mutations of a C-CDA document, seeded and reproducible: the same document, seed
// and mutant index always give the same bytes. The document is parsed once (trusted corpus
// input, plain libxml2); each mutant copies the tree, applies 1 to 4 operations and serialises.
#pragma once

#include <libxml/tree.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace ccdafhir::mutate {

enum class Op {
  kDeleteElement,
  kDuplicateElement,
  kSwapElements,
  kMoveElement,
  kCorruptAttribute,
  kChangeCode,
  kDropAttribute,
  kReplaceText,
  kInsertElement,
  kTruncate,
  kFlipBytes,  // documents that are not XML (the malformed set) only get byte mutations
};

const char* op_name(Op op);

class Mutator {
 public:
  // Keeps a parsed copy of `original` when it is XML; otherwise only byte mutations apply.
  explicit Mutator(std::string original);
  ~Mutator();
  Mutator(const Mutator&) = delete;
  Mutator& operator=(const Mutator&) = delete;

  // The mutant for (seed, index); `applied` receives the operations in order.
  std::string mutant(std::uint64_t seed, std::uint64_t index, std::vector<Op>& applied) const;

 private:
  std::string original_;
  xmlDoc* doc_ = nullptr;
  // Values seen in the document for code-like attributes, by attribute name: realistic
  // replacements that reach the mapping tables' conditions.
  std::map<std::string, std::vector<std::string>> attribute_values_;
  std::vector<std::string> element_names_;

  void mutate_tree(xmlDoc* doc, std::mt19937_64& rng, std::vector<Op>& applied) const;
};

}  // namespace ccdafhir::mutate
