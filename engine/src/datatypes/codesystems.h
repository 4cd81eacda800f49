// OID <-> URI table for code systems and identifier systems, loaded from mappings/codesystems.tsv.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ccdafhir {

class CodeSystems {
 public:
  // Reads a TSV file: '#' comment lines, a header "oid\turi\tname", then rows. Throws
  // Error(kConfig) naming file and line for a malformed row or a duplicate.
  static CodeSystems load(const std::string& path);
  void add(std::string oid, std::string uri);

  // "2.16.840.1.113883.6.1" -> "http://loinc.org"; unknown OIDs -> "urn:oid:<oid>", UUIDs ->
  // "urn:uuid:<lowercased uuid>", anything already a URI is returned unchanged.
  std::string uri_for(std::string_view oid_or_uuid) const;
  // The reverse: "http://loinc.org" -> "2.16.840.1.113883.6.1"; "urn:oid:x" -> "x"; "" if unknown.
  std::string oid_for(std::string_view uri) const;
  bool knows_oid(std::string_view oid) const { return by_oid_.find(oid) != by_oid_.end(); }
  std::size_t size() const { return by_oid_.size(); }

 private:
  // Looked up by string_view: every coded value asks, and an OID is longer than a short string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, std::string, Hash, std::equal_to<>>;
  Map by_oid_;
  Map by_uri_;
};

}  // namespace ccdafhir
