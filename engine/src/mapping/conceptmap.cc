#include "mapping/conceptmap.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "ccdafhir/error.h"
#include "util/json.h"

namespace ccdafhir {

namespace {
std::string str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Systems are compared loosely: "urn:oid:2.16.840.1.113883.5.4" and "2.16.840.1.113883.5.4"
// name the same system.
std::string_view bare_system(std::string_view s) {
  if (s.substr(0, 8) == "urn:oid:") return s.substr(8);
  return s;
}
}  // namespace

ConceptMap ConceptMap::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kConfig, path + ": cannot read ConceptMap");
  Json doc;
  try {
    doc = Json::parse(in);
  } catch (const std::exception& e) {
    throw Error(ErrorKind::kConfig, path + ": not valid JSON: " + e.what());
  }
  ConceptMap map;
  map.name_ = str(doc, "name");
  if (map.name_.empty()) throw Error(ErrorKind::kConfig, path + ": ConceptMap has no name");
  auto groups = doc.find("groups");
  if (groups == doc.end() || !groups->is_array()) {
    throw Error(ErrorKind::kConfig, path + ": ConceptMap has no groups");
  }
  for (const Json& g : *groups) {
    Group group;
    group.source = str(g, "source");
    group.target = str(g, "target");
    for (const Json& e : g.value("elements", Json::array())) {
      std::string code = str(e, "code");
      auto targets = e.find("targets");
      if (code.empty() || targets == e.end() || !targets->is_array() || targets->empty()) continue;
      // The first target whose equivalence is not "unmatched"/"disjoint" is the translation.
      for (const Json& t : *targets) {
        std::string eq = str(t, "equivalence");
        if (eq == "unmatched" || eq == "disjoint" || str(t, "code").empty()) continue;
        if (!group.elements.count(code)) group.order.push_back(code);
        group.elements.emplace(code,
                               ConceptTarget{group.target, str(t, "code"), str(t, "display"), eq});
        break;
      }
    }
    if (auto u = g.find("unmapped"); u != g.end() && u->is_object() && str(*u, "mode") == "fixed") {
      group.unmapped = ConceptTarget{group.target, str(*u, "code"), str(*u, "display"), "inexact"};
    }
    map.groups_.push_back(std::move(group));
  }
  return map;
}

std::optional<ConceptTarget> ConceptMap::translate(std::string_view code,
                                                   std::string_view source_system) const {
  std::string key(code);
  const Group* fallback_group = nullptr;
  bool any_system_match = false;
  for (const Group& g : groups_) {
    bool system_matches = source_system.empty() || g.source.empty() ||
                          bare_system(g.source) == bare_system(source_system);
    if (!system_matches) continue;
    any_system_match = true;
    auto it = g.elements.find(key);
    if (it != g.elements.end()) return it->second;
    if (g.unmapped && !fallback_group) fallback_group = &g;
  }
  if (!any_system_match && !source_system.empty()) return translate(code, {});
  if (fallback_group) return fallback_group->unmapped;
  return std::nullopt;
}

std::vector<std::pair<std::string, ConceptTarget>> ConceptMap::entries() const {
  std::vector<std::pair<std::string, ConceptTarget>> out;
  for (const Group& g : groups_) {
    for (const std::string& code : g.order) out.emplace_back(code, g.elements.at(code));
  }
  return out;
}

void ConceptMaps::load_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw Error(ErrorKind::kConfig, dir + ": ConceptMap folder missing");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    ConceptMap m = ConceptMap::load(f.string());
    std::string name = m.name();
    if (maps_.count(name))
      throw Error(ErrorKind::kConfig, f.string() + ": duplicate ConceptMap " + name);
    maps_.emplace(name, std::move(m));
  }
}

const ConceptMap* ConceptMaps::find(std::string_view name) const {
  auto it = maps_.find(std::string(name));
  return it == maps_.end() ? nullptr : &it->second;
}

}  // namespace ccdafhir
