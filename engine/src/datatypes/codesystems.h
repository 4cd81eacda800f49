// OID <-> URI table for code systems and identifier systems, loaded from mappings/codesystems.tsv.
#pragma once

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
  bool knows_oid(std::string_view oid) const { return by_oid_.count(std::string(oid)) > 0; }
  std::size_t size() const { return by_oid_.size(); }

 private:
  std::unordered_map<std::string, std::string> by_oid_;
  std::unordered_map<std::string, std::string> by_uri_;
};

}  // namespace ccdafhir
