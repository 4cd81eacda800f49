// ConceptMaps as data (mappings/conceptmaps/*.json, generated from the IG's maps): a source code
// (optionally within a source system) -> target code and system.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ccdafhir {

struct ConceptTarget {
  std::string system;  // target system URI ("" when the map has none)
  std::string code;
  std::string display;
  std::string equivalence;
};

class ConceptMap {
 public:
  // Throws Error(kConfig) with the file name on a malformed map.
  static ConceptMap load(const std::string& path);
  const std::string& name() const { return name_; }
  // Looks the code up in the groups whose source system matches (any group when the source
  // system is empty or unknown to the map). nullopt when unmapped (after the unmapped rule).
  std::optional<ConceptTarget> translate(std::string_view code,
                                         std::string_view source_system = {}) const;
  // Every source code of the map, for inverse lookups and validation.
  std::vector<std::pair<std::string, ConceptTarget>> entries() const;

 private:
  struct Group {
    std::string source;
    std::string target;
    std::unordered_map<std::string, ConceptTarget> elements;
    std::optional<ConceptTarget> unmapped;
    std::vector<std::string> order;
  };
  std::string name_;
  std::vector<Group> groups_;
};

class ConceptMaps {
 public:
  void load_dir(const std::string& dir);
  const ConceptMap* find(std::string_view name) const;
  std::size_t size() const { return maps_.size(); }

 private:
  std::unordered_map<std::string, ConceptMap> maps_;
};

}  // namespace ccdafhir
