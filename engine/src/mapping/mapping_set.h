// Every mapping table, ConceptMap and the code system table, loaded and checked once at start.
// Immutable afterwards, so one MappingSet serves every thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "datatypes/codesystems.h"
#include "mapping/conceptmap.h"
#include "mapping/table.h"

namespace ccdafhir {

class MappingSet {
 public:
  // Loads <data_dir>/mappings. Throws Error(kConfig) "file:line: rule 'id': problem".
  static std::unique_ptr<MappingSet> load(const std::string& data_dir);
  // One table from YAML text, checked as load() checks a file named <folder>/<stem>.yaml and
  // resolved against itself only (no code systems or ConceptMaps): the loader's entry point for
  // fuzzing and for tests of single tables. Throws Error(kConfig) like load().
  static std::unique_ptr<MappingSet> load_table_text(const std::string& yaml,
                                                     const std::string& folder,
                                                     const std::string& stem);

  const Table* table(std::string_view id) const;
  // The entry (or section) table for one templateId; extension-specific tables win.
  const Table* by_template(TableRole role, std::string_view root, std::string_view extension) const;
  const Table* fallback_document() const { return fallback_document_; }
  // The document table (`reverse: collections: true`) for FHIR Bundles without a Composition.
  const Table* collections_document() const { return collections_document_; }
  const std::vector<std::unique_ptr<Table>>& tables() const { return tables_; }
  // Fragments marked `every-resource: true`, by table id.
  const std::vector<const Table*>& every_resource_tables() const { return every_resource_; }
  const CodeSystems& code_systems() const { return code_systems_; }
  const ConceptMaps& concept_maps() const { return concept_maps_; }

 private:
  std::vector<std::unique_ptr<Table>> tables_;
  std::unordered_map<std::string, const Table*> by_id_;
  std::map<std::tuple<int, std::string, std::string>, const Table*> by_template_;
  const Table* fallback_document_ = nullptr;
  const Table* collections_document_ = nullptr;
  std::vector<const Table*> every_resource_;
  CodeSystems code_systems_;
  ConceptMaps concept_maps_;
  friend class TableLoader;
};

}  // namespace ccdafhir
