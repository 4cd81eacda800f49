// schemas/profiles/*.yaml -> Profiles, every key checked against the closed vocabulary and every
// FHIRPath compiled, so that a broken constraint set stops start-up with file and line.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "ccdafhir/error.h"
#include "validate/issues.h"
#include "validate/profiles.h"

namespace ccdafhir::validate {

namespace {

Json to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& i : n) a.push_back(to_json(i));
      return a;
    }
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : n) o[kv.first.as<std::string>()] = to_json(kv.second);
      return o;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "!") return s;  // quoted: a string whatever it looks like
      if (s == "true") return true;
      if (s == "false") return false;
      bool number = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == '-';
      });
      if (number && s != "-") return std::stoll(s);
      return s;
    }
    default:
      return nullptr;
  }
}

class Loader {
 public:
  explicit Loader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& id, const std::string& what) {
    long line = at.IsDefined() ? at.Mark().line + 1 : 0;
    throw Error(ErrorKind::kConfig, file_ + ":" + std::to_string(line) + ": " +
                                        (id.empty() ? "" : "rule '" + id + "': ") + what);
  }

  std::string text(const YAML::Node& n, const char* key, const std::string& id) {
    YAML::Node v = n[key];
    if (!v) return "";
    if (!v.IsScalar()) fail(v, id, std::string("'") + key + "' must be a string");
    return v.Scalar();
  }

  ProfileRule rule(const YAML::Node& n) {
    static const std::set<std::string> kKeys = {
        "id",  "path",     "min",   "max",        "fixed", "pattern", "binding", "targets", "types",
        "key", "severity", "human", "expression", "slice", "match",   "rules",   "closed",  "note"};
    ProfileRule r;
    if (!n.IsMap()) fail(n, "", "a rule must be a mapping");
    r.id = text(n, "id", "");
    if (r.id.empty()) fail(n, "", "a rule needs an id");
    r.line = n.Mark().line + 1;
    for (const auto& kv : n) {
      std::string k = kv.first.as<std::string>();
      if (!kKeys.count(k)) fail(kv.first, r.id, "unknown key '" + k + "'");
    }
    r.path = text(n, "path", r.id);
    std::string p = r.path;
    for (std::size_t b = 0; !p.empty() && b <= p.size();) {
      std::size_t e = p.find('.', b);
      if (e == std::string::npos) e = p.size();
      if (e == b) fail(n, r.id, "empty step in path '" + p + "'");
      r.steps.push_back(p.substr(b, e - b));
      b = e + 1;
    }
    try {
      if (n["min"]) r.min = n["min"].as<int>();
      if (n["max"]) r.max = n["max"].as<int>();
    } catch (const YAML::Exception&) {
      fail(n, r.id, "min and max must be integers");
    }
    if (n["fixed"]) r.fixed = to_json(n["fixed"]);
    if (n["pattern"]) r.pattern = to_json(n["pattern"]);
    if (YAML::Node b = n["binding"]) {
      r.has_binding = true;
      r.strength = text(b, "strength", r.id);
      r.valueset = text(b, "valueset", r.id);
      if (r.strength != "required" && r.strength != "extensible")
        fail(b, r.id, "binding strength must be required or extensible");
      if (YAML::Node codes = b["codes"]) {
        for (const auto& c : codes) r.codes.insert(c.as<std::string>());
      }
    }
    if (YAML::Node t = n["targets"]) r.targets = t.as<std::vector<std::string>>();
    if (YAML::Node t = n["types"]) r.types = t.as<std::vector<std::string>>();
    if (n["expression"]) {
      std::string key = text(n, "key", r.id);
      if (key.empty()) fail(n, r.id, "an invariant needs its key");
      try {
        r.invariant =
            Invariant{key, severity_from(text(n, "severity", r.id)), text(n, "human", r.id),
                      fhirpath::Expression::compile(text(n, "expression", r.id))};
      } catch (const std::invalid_argument& e) {
        fail(n["expression"], r.id, std::string("FHIRPath: ") + e.what());
      }
    }
    r.slice = text(n, "slice", r.id);
    if (YAML::Node m = n["match"]) {
      if (m["pattern"]) r.match_pattern = to_json(m["pattern"]);
      if (YAML::Node codes = m["codes"]) {
        for (const auto& c : codes) r.match_codes.insert(c.as<std::string>());
      }
    }
    if (n["closed"]) r.closed = n["closed"].as<bool>();
    if (YAML::Node rules = n["rules"]) {
      if (r.slice.empty()) fail(rules, r.id, "nested rules belong to a slice");
      for (const auto& c : rules) r.rules.push_back(rule(c));
    }
    return r;
  }

  Profile profile(const YAML::Node& root) {
    static const std::set<std::string> kKeys = {"profile", "name",  "type", "extends",
                                                "select",  "rules", "note"};
    Profile p;
    p.file = file_;
    if (!root.IsMap()) fail(root, "", "a profile file is a mapping");
    for (const auto& kv : root) {
      std::string k = kv.first.as<std::string>();
      if (!kKeys.count(k)) fail(kv.first, "", "unknown key '" + k + "'");
    }
    p.url = text(root, "profile", "");
    p.name = text(root, "name", "");
    p.type = text(root, "type", "");
    p.extends = text(root, "extends", "");
    if (p.url.empty() || p.name.empty() || p.type.empty())
      fail(root, "", "'profile', 'name' and 'type' are required");
    if (YAML::Node s = root["select"]) {
      if (YAML::Node d = s["document-type"]) p.document_types = d.as<std::vector<std::string>>();
      if (YAML::Node d = s["document"]) p.any_document = d.as<bool>();
      if (YAML::Node d = s["bundle-type"]) p.bundle_type = d.as<std::string>();
    }
    std::set<std::string> ids;
    for (const auto& r : root["rules"]) {
      p.rules.push_back(rule(r));
      if (!ids.insert(p.rules.back().id).second) fail(r, p.rules.back().id, "duplicate rule id");
    }
    return p;
  }

 private:
  std::string file_;
};

}  // namespace

ProfileSet::ProfileSet(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(ErrorKind::kConfig, dir + ": no profiles folder");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(f.string());
    } catch (const YAML::Exception& e) {
      throw Error(ErrorKind::kConfig, f.string() + ":" + std::to_string(e.mark.line + 1) +
                                          ": not valid YAML: " + e.msg);
    }
    Profile p = Loader(f.string()).profile(root);
    if (by_name_.count(p.name))
      throw Error(ErrorKind::kConfig, f.string() + ": profile name '" + p.name + "' used twice");
    name_by_url_[p.url] = p.name;
    std::string name = p.name;
    by_name_.emplace(name, std::move(p));
  }
  for (const auto& [name, p] : by_name_) {
    if (!p.extends.empty() && !by_name_.count(p.extends))
      throw Error(ErrorKind::kConfig, p.file + ": extends unknown profile '" + p.extends + "'");
  }
}

const Profile* ProfileSet::find(const std::string& name_or_url) const {
  std::string key = name_or_url.substr(0, name_or_url.find('|'));
  if (auto it = by_name_.find(key); it != by_name_.end()) return &it->second;
  if (auto it = name_by_url_.find(key); it != name_by_url_.end()) return &by_name_.at(it->second);
  return nullptr;
}

}  // namespace ccdafhir::validate
