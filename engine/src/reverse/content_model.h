// The CDA R2 content model (mappings/cda-schema.tsv, generated from the SDTC-extended CDA XSD by
// tools/gen-cda-schema): per complex type its children in schema order and its attributes. The
// FHIR -> CDA direction builds elements in rule order and from incomplete data; this model lets
// it put children in the order the schema demands, refuse elements a type does not allow, and
// create what the schema requires.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ccdafhir {

struct SchemaChild {
  std::string ns;  // "v3" or "sdtc"
  std::string name;
  std::string type;
  int min = 0;
  int max = 1;         // -1: unbounded
  std::string choice;  // "" outside a choice; a trailing '?' marks an optional choice
  std::size_t index = 0;
};

struct SchemaAttribute {
  std::string name;
  bool required = false;
  std::string value;  // fixed or default value; for a required attribute, the value to write
};

struct SchemaType {
  std::vector<SchemaChild> children;
  std::vector<SchemaAttribute> attributes;
  const SchemaChild* child(std::string_view ns, std::string_view name) const;
};

class CdaContentModel {
 public:
  // Throws Error(kConfig) naming file and line for a malformed row.
  static CdaContentModel load(const std::string& path);
  const SchemaType* type(std::string_view name) const;
  const std::string& root_type() const { return root_type_; }
  // Structural (POCD_MT000040 / SDTC) types are ordered and completed; datatypes (II, CD, ...)
  // belong to the datatype writers, which know their own content.
  static bool is_structural(std::string_view type_name);

 private:
  std::unordered_map<std::string, SchemaType> types_;
  std::string root_type_;
};

}  // namespace ccdafhir
