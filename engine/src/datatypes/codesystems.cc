// OID <-> URI table (mappingGuidance.md "Mapping OID <-> URI"): known OIDs translate to their
// FHIR URI, unknown OIDs get the urn:oid: prefix, UUIDs the urn:uuid: prefix in lower case.
#include "datatypes/codesystems.h"

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "ccdafhir/error.h"

namespace ccdafhir {

namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// 8-4-4-4-12 hexadecimal digits.
bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!is_hex(s[i])) {
      return false;
    }
  }
  return true;
}

// Digits separated by single dots, e.g. 2.16.840.1.113883.6.1.
bool is_oid(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = '.';
  for (char c : s) {
    if (c == '.') {
      if (prev == '.') return false;
    } else if (c < '0' || c > '9') {
      return false;
    }
    prev = c;
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

}  // namespace

CodeSystems CodeSystems::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::kConfig, path + ": cannot open code system table");
  CodeSystems systems;
  std::string line;
  long line_no = 0;
  bool seen_header = false;
  auto fail = [&](const std::string& what) {
    throw Error(ErrorKind::kConfig, path + ":" + std::to_string(line_no) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields = split_tabs(line);
    if (!seen_header) {
      if (fields.size() != 3 || fields[0] != "oid" || fields[1] != "uri" || fields[2] != "name") {
        fail("expected the header \"oid<TAB>uri<TAB>name\"");
      }
      seen_header = true;
      continue;
    }
    if (fields.size() != 3) {
      fail("expected 3 tab-separated fields, found " + std::to_string(fields.size()));
    }
    if (!is_oid(fields[0])) fail("first field is not an OID");
    if (fields[1].empty() || fields[1].find(':') == std::string_view::npos) {
      fail("second field is not a URI");
    }
    if (systems.knows_oid(fields[0])) fail("duplicate OID " + std::string(fields[0]));
    systems.add(std::string(fields[0]), std::string(fields[1]));
  }
  if (!seen_header) {
    ++line_no;
    fail("missing the header \"oid<TAB>uri<TAB>name\"");
  }
  return systems;
}

void CodeSystems::add(std::string oid, std::string uri) {
  // Several OIDs may name the same URI (retired aliases); the first one wins the reverse map.
  by_uri_.emplace(uri, oid);
  by_oid_[std::move(oid)] = std::move(uri);
}

std::string CodeSystems::uri_for(std::string_view oid_or_uuid) const {
  if (oid_or_uuid.empty()) return {};
  auto it = by_oid_.find(oid_or_uuid);
  if (it != by_oid_.end()) return it->second;
  if (is_uuid(oid_or_uuid)) return "urn:uuid:" + lower(oid_or_uuid);
  if (starts_with(oid_or_uuid, "urn:") || starts_with(oid_or_uuid, "http:") ||
      starts_with(oid_or_uuid, "https:")) {
    return std::string(oid_or_uuid);
  }
  return "urn:oid:" + std::string(oid_or_uuid);
}

std::string CodeSystems::oid_for(std::string_view uri) const {
  auto it = by_uri_.find(uri);
  if (it != by_uri_.end()) return it->second;
  if (starts_with(uri, "urn:oid:")) return std::string(uri.substr(8));
  // CDA UUIDs are upper case (mappingGuidance.md, CDA id <-> FHIR identifier, note 2).
  if (starts_with(uri, "urn:uuid:") && is_uuid(uri.substr(9))) return upper(uri.substr(9));
  return {};
}

}  // namespace ccdafhir
