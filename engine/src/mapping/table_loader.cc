// Loads mappings/ccda-to-fhir/**/*.yaml into Tables, checking every key against the closed
// vocabulary, compiling every path and resolving every table and ConceptMap name. Any problem
// stops the start-up with "file:line: rule 'id': what is wrong".
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "ccdafhir/error.h"
#include "mapping/mapping_set.h"

namespace ccdafhir {

namespace fs = std::filesystem;

namespace {

struct KindInfo {
  RuleKind kind;
  const char* name;
};

constexpr KindInfo kKinds[] = {
    {RuleKind::kCopy, "copy"},
    {RuleKind::kConstant, "constant"},
    {RuleKind::kIdentifier, "identifier"},
    {RuleKind::kCoded, "coded"},
    {RuleKind::kCoding, "coding"},
    {RuleKind::kCode, "code"},
    {RuleKind::kConceptMap, "concept-map"},
    {RuleKind::kDatetime, "datetime"},
    {RuleKind::kPeriod, "period"},
    {RuleKind::kEffective, "effective"},
    {RuleKind::kQuantity, "quantity"},
    {RuleKind::kRange, "range"},
    {RuleKind::kRatio, "ratio"},
    {RuleKind::kValue, "value"},
    {RuleKind::kAddress, "address"},
    {RuleKind::kTelecom, "telecom"},
    {RuleKind::kName, "name"},
    {RuleKind::kOrgName, "org-name"},
    {RuleKind::kText, "text"},
    {RuleKind::kAttachment, "attachment"},
    {RuleKind::kTiming, "timing"},
    {RuleKind::kDataAbsent, "data-absent"},
    {RuleKind::kNarrative, "narrative"},
    {RuleKind::kReference, "reference"},
    {RuleKind::kObject, "object"},
    {RuleKind::kDispatch, "dispatch"},
    {RuleKind::kResource, "resource"},
    {RuleKind::kOwner, "owner"},
    {RuleKind::kSkip, "skip"},
};

const std::set<std::string> kTableKeys = {
    "table",    "templates", "element", "produces", "profile", "identity", "merge",
    "fallback", "extends",   "spec",    "rules",    "note",    "reverse",  "every-resource"};
const std::set<std::string> kRuleKeys = {
    "id",   "kind",    "from",         "to",           "when",       "if-unset", "value",
    "why",  "as",      "map",          "table",        "fixed",      "rules",    "trace",
    "note", "reverse", "absent-parts", "nest-repeats", "shared-from"};
const std::set<std::string> kTableReverseKeys = {
    "attributes",    "ensure",      "ensure-in-entries", "rules",
    "type-codes",    "sections",    "collections",       "required-sections",
    "empty-section", "code-system", "context-resources", "collection-authors",
    "when"};
const std::set<std::string> kRuleReverseKeys = {"from", "ensure", "map", "takes", "index", "when"};
const std::set<std::string> kSectionKeys = {"code", "title", "templates", "entries", "collects"};

// Converts a YAML scalar/sequence/map into JSON, keeping key order; scalars stay strings
// unless YAML-typed as booleans or numbers by being unquoted.
Json yaml_to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "!") return s;  // quoted scalar
      if (s == "true") return true;
      if (s == "false") return false;
      if (!s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-')) {
        try {
          std::size_t used = 0;
          long long v = std::stoll(s, &used);
          if (used == s.size()) return v;
          double d = std::stod(s, &used);
          if (used == s.size()) return d;
        } catch (...) {
        }
      }
      return s;
    }
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& item : n) a.push_back(yaml_to_json(item));
      return a;
    }
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : n) o[kv.first.as<std::string>()] = yaml_to_json(kv.second);
      return o;
    }
  }
  return nullptr;
}

}  // namespace

const char* rule_kind_name(RuleKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "?";
}

class TableLoader {
 public:
  explicit TableLoader(MappingSet& set) : set_(set) {}

  void load_all(const std::string& mappings_dir) {
    set_.code_systems_ = CodeSystems::load(mappings_dir + "/codesystems.tsv");
    set_.concept_maps_.load_dir(mappings_dir + "/conceptmaps");
    std::string root = mappings_dir + "/ccda-to-fhir";
    if (!fs::is_directory(root)) throw Error(ErrorKind::kConfig, root + ": mapping folder missing");
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) load_file(f, root);
    resolve();
  }

 private:
  MappingSet& set_;
  std::string file_;

  [[noreturn]] void fail(const YAML::Node& at, const std::string& rule, const std::string& what) {
    int line = at.IsDefined() ? at.Mark().line + 1 : 0;
    std::string where = file_ + ":" + std::to_string(line) + ": ";
    if (!rule.empty()) where += "rule '" + rule + "': ";
    throw Error(ErrorKind::kConfig, where + what);
  }

  std::string scalar(const YAML::Node& n, const std::string& rule, const char* what) {
    if (!n.IsScalar()) fail(n, rule, std::string(what) + " must be a string");
    return n.Scalar();
  }

  static TableRole role_for_folder(const std::string& folder) {
    if (folder == "document") return TableRole::kDocument;
    if (folder == "header") return TableRole::kHeader;
    if (folder == "section") return TableRole::kSection;
    if (folder == "entry") return TableRole::kEntry;
    return TableRole::kFragment;
  }

  void load_file(const fs::path& path, const std::string& root) {
    std::string label = fs::relative(path, fs::path(root).parent_path().parent_path()).string();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::kConfig, label + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    load_text(text.str(), label, path.stem().string(),
              fs::relative(path.parent_path(), root).string());
  }

 public:
  // One table from YAML text: `label` names it in messages, `stem` is the file name it must
  // carry as its id, `folder` gives its role. yaml-cpp reports type mismatches (a boolean key
  // holding "maybe", a mapping used as a key) by exception: they become kConfig errors too.
  void load_text(const std::string& text, const std::string& label, const std::string& stem,
                 const std::string& folder) {
    file_ = label;
    YAML::Node doc;
    try {
      doc = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      throw Error(ErrorKind::kConfig,
                  file_ + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
    }
    try {
      load_table(doc, stem, folder);
    } catch (const YAML::Exception& e) {
      throw Error(ErrorKind::kConfig,
                  file_ + ":" + std::to_string(e.mark.line + 1) + ": unexpected value: " + e.msg);
    }
  }

  void resolve_all() { resolve(); }

 private:
  void load_table(const YAML::Node& doc, const std::string& stem, const std::string& folder) {
    if (!doc.IsMap()) fail(doc, "", "a mapping table must be a YAML mapping");
    for (const auto& kv : doc) {
      std::string key = kv.first.as<std::string>();
      if (!kTableKeys.count(key)) fail(kv.first, "", "unknown table key '" + key + "'");
    }
    auto t = std::make_unique<Table>();
    t->file = file_;
    t->id = scalar(doc["table"], "", "table");
    if (t->id != stem) fail(doc["table"], "", "table id '" + t->id + "' must equal the file name");
    t->role = role_for_folder(folder);
    if (auto n = doc["templates"]) t->templates = load_templates(n, "");
    if (t->role == TableRole::kEntry && t->templates.empty())
      fail(doc, "", "an entry table needs templates");
    if (auto n = doc["element"]) t->element = scalar(n, "", "element");
    if (auto n = doc["produces"]) t->produces = scalar(n, "", "produces");
    if (auto n = doc["profile"]) {
      if (n.IsSequence()) {
        for (const auto& p : n) t->profiles.push_back(scalar(p, "", "profile"));
      } else {
        t->profiles.push_back(scalar(n, "", "profile"));
      }
    }
    if (auto n = doc["identity"]) {
      t->identity = compile_path(n, "", scalar(n, "", "identity"));
      t->has_identity = true;
    }
    if (auto n = doc["merge"]) t->merge = n.as<bool>();
    if (auto n = doc["fallback"]) t->fallback = n.as<bool>();
    if (auto n = doc["every-resource"]) {
      t->every_resource = n.as<bool>();
      if (t->every_resource &&
          (t->role != TableRole::kFragment || !t->produces.empty() || !t->templates.empty()))
        fail(n, "", "every-resource belongs to fragments that produce nothing of their own");
    }
    if (auto n = doc["extends"]) t->extends_name = scalar(n, "", "extends");
    if (auto n = doc["spec"]) t->spec = scalar(n, "", "spec");
    if (!doc["rules"] || !doc["rules"].IsSequence()) fail(doc, "", "a table needs a list of rules");
    std::set<std::string> ids;
    for (const auto& r : doc["rules"]) t->rules.push_back(load_rule(r, *t, ids, ""));
    if (auto rv = doc["reverse"]) load_table_reverse(rv, *t, ids);
    if (set_.by_id_.count(t->id)) fail(doc["table"], "", "duplicate table id '" + t->id + "'");
    set_.by_id_[t->id] = t.get();
    if (t->reverse.collections) {
      if (set_.collections_document_) fail(doc, "", "two document tables for collections");
      set_.collections_document_ = t.get();
    }
    if (t->role == TableRole::kDocument && t->fallback) {
      if (set_.fallback_document_) fail(doc, "", "two fallback document tables");
      set_.fallback_document_ = t.get();
    }
    for (const auto& k : t->templates) {
      auto key = std::make_tuple(static_cast<int>(t->role), k.root, k.extension);
      if (set_.by_template_.count(key)) {
        fail(doc["templates"], "",
             "template " + k.root + (k.extension.empty() ? "" : ":" + k.extension) +
                 " is already mapped by " + set_.by_template_[key]->file);
      }
      set_.by_template_[key] = t.get();
    }
    if (t->every_resource) set_.every_resource_.push_back(t.get());
    set_.tables_.push_back(std::move(t));
  }

  std::vector<TemplateKey> load_templates(const YAML::Node& n, const std::string& rule) {
    std::vector<TemplateKey> out;
    if (!n.IsSequence()) fail(n, rule, "templates must be a list");
    for (const auto& tk : n) {
      TemplateKey key;
      key.root = scalar(tk["root"], rule, "templates[].root");
      if (tk["extension"]) key.extension = scalar(tk["extension"], rule, "templates[].extension");
      if (key.root.find_first_not_of("0123456789.") != std::string::npos) {
        fail(tk, rule, "template root '" + key.root + "' is not an OID");
      }
      out.push_back(key);
    }
    return out;
  }

  std::vector<std::string> string_list(const YAML::Node& n, const std::string& rule,
                                       const char* what) {
    std::vector<std::string> out;
    if (n.IsSequence()) {
      for (const auto& v : n) out.push_back(scalar(v, rule, what));
    } else {
      out.push_back(scalar(n, rule, what));
    }
    return out;
  }

  // Paths realised in reverse may only name children and attributes of the element built: a
  // path that climbs (..) or starts at the document root reads context it cannot create.
  // `leading_parents`: a `reverse: from` may start with `..` steps (built beside the element).
  void check_creatable(const YAML::Node& at, const std::string& rule, const Path& p,
                       bool leading_parents = false) {
    auto check = [&](const Path& one) {
      if (one.absolute()) fail(at, rule, "path '" + one.text() + "' cannot be built: absolute");
      bool leading = leading_parents;
      for (const auto& st : one.steps()) {
        if (st.kind == PathStep::Kind::kParent && leading) continue;
        leading = false;
        if (st.kind == PathStep::Kind::kParent || st.kind == PathStep::Kind::kAnyChild) {
          fail(at, rule,
               "path '" + one.text() + "' cannot be built: '..' (other than leading) or '*'");
        }
      }
    };
    if (p.alternatives().empty()) {
      check(p);
    } else {
      for (const auto& a : p.alternatives()) check(a);
    }
  }

  void load_table_reverse(const YAML::Node& rv, Table& t, std::set<std::string>& ids) {
    if (!rv.IsMap()) fail(rv, "", "reverse must be a mapping");
    for (const auto& kv : rv) {
      std::string key = kv.first.as<std::string>();
      if (!kTableReverseKeys.count(key)) fail(kv.first, "", "unknown reverse key '" + key + "'");
    }
    if (auto a = rv["attributes"]) {
      if (!a.IsMap()) fail(a, "", "reverse attributes must be a mapping");
      for (const auto& kv : a) {
        t.reverse.attributes.emplace_back(kv.first.as<std::string>(),
                                          scalar(kv.second, "", "reverse attribute"));
      }
    }
    if (auto e = rv["ensure"]) {
      for (const auto& text : string_list(e, "", "reverse ensure")) {
        Path p = compile_path(e, "", text);
        check_creatable(e, "", p);
        t.reverse.ensure.push_back(std::move(p));
      }
    }
    if (auto e = rv["ensure-in-entries"]) {
      if (!e.IsScalar() || (e.Scalar() != "true" && e.Scalar() != "false"))
        fail(e, "", "ensure-in-entries must be true or false");
      t.reverse.ensure_in_entries = e.Scalar() == "true";
      if (t.reverse.ensure_in_entries && (t.element.empty() || t.reverse.ensure.empty()))
        fail(e, "", "ensure-in-entries needs the table's element and a reverse ensure");
    }
    if (auto r = rv["rules"]) {
      if (!r.IsSequence()) fail(r, "", "reverse rules must be a list");
      for (const auto& n : r) {
        Rule rule = load_rule(n, t, ids, "reverse.");
        rule.reverse_only = true;
        if (!rule.has_from) fail(n, rule.id, "a reverse-only rule needs 'from' (what it writes)");
        check_creatable(n, rule.id, rule.from, true);
        t.reverse.rules.push_back(std::move(rule));
      }
    }
    if (auto w = rv["when"]) {
      if ((t.role != TableRole::kEntry && t.role != TableRole::kHeader) || t.produces.empty())
        fail(w, "", "reverse when belongs to entry and header tables that produce a resource");
      t.reverse.when = fhir_values(w, "", "reverse when");
    }
    if (auto c = rv["type-codes"]) {
      if (t.role != TableRole::kDocument) fail(c, "", "type-codes belong to document tables");
      if (!c.IsSequence()) fail(c, "", "type-codes must be a list of {system, code, display}");
      for (const auto& coding : c) {
        Json j = yaml_to_json(coding);
        if (!j.is_object() || !j.contains("system") || !j.contains("code") ||
            !j["system"].is_string() || !j["code"].is_string()) {
          fail(coding, "", "a type code needs string system and code");
        }
        t.reverse.type_codes.push_back(std::move(j));
      }
    }
    if (auto c = rv["collections"]) {
      if (t.role != TableRole::kDocument) fail(c, "", "collections belongs to document tables");
      t.reverse.collections = c.as<bool>();
      if (t.reverse.collections && t.reverse.type_codes.empty())
        fail(c, "", "the document type for collections needs type-codes");
    }
    if (auto req = rv["required-sections"]) {
      if (t.role != TableRole::kDocument)
        fail(req, "", "required-sections belong to document tables");
      if (!req.IsSequence())
        fail(req, "", "required-sections must be a list of codes (or lists of alternatives)");
      for (const auto& item : req) {
        std::vector<std::string> alternatives =
            item.IsSequence() ? string_list(item, "", "required section alternatives")
                              : std::vector<std::string>{scalar(item, "", "required section")};
        if (alternatives.empty()) fail(item, "", "a required section needs a code");
        if (alternatives.front().find('+') != std::string::npos)
          fail(item, "", "the first alternative (the section written) must be one code");
        t.reverse.required_sections.push_back(std::move(alternatives));
      }
    }
    if (auto es = rv["empty-section"]) {
      if (t.role != TableRole::kDocument) fail(es, "", "empty-section belongs to document tables");
      if (!es.IsMap() || !es["system"] || !es["value"] || !es["value"].IsMap())
        fail(es, "", "empty-section needs a system and a value mapping");
      for (const auto& kv : es) {
        std::string key = kv.first.as<std::string>();
        if (key != "system" && key != "value")
          fail(kv.first, "", "unknown empty-section key '" + key + "'");
      }
      t.reverse.empty_section_system = scalar(es["system"], "", "empty-section system");
      t.reverse.empty_section = yaml_to_json(es["value"]);
    }
    if (auto secs = rv["sections"]) {
      if (t.role != TableRole::kSection)
        fail(secs, "", "reverse sections belong to section tables");
      if (!secs.IsSequence()) fail(secs, "", "reverse sections must be a list");
      std::set<std::string> codes;
      for (const auto& sn : secs) {
        for (const auto& kv : sn) {
          std::string key = kv.first.as<std::string>();
          if (!kSectionKeys.count(key)) fail(kv.first, "", "unknown section key '" + key + "'");
        }
        ReverseSection sec;
        sec.code = scalar(sn["code"], "", "section code");
        if (!codes.insert(sec.code).second) fail(sn, "", "section " + sec.code + " listed twice");
        if (sn["title"]) sec.title = scalar(sn["title"], "", "section title");
        if (sn["templates"]) sec.templates = load_templates(sn["templates"], "");
        if (sn["entries"]) sec.entries = string_list(sn["entries"], "", "section entries");
        if (sn["collects"]) sec.collects = string_list(sn["collects"], "", "section collects");
        t.reverse.sections.push_back(std::move(sec));
      }
    }
    if (auto a = rv["collection-authors"]) {
      if (!t.reverse.collections) fail(a, "", "collection-authors need collections: true");
      t.reverse.collection_authors = string_list(a, "", "collection-authors");
    }
    if (auto c = rv["code-system"]) {
      if (t.role != TableRole::kSection) fail(c, "", "code-system belongs to section tables");
      t.reverse.section_code_system = scalar(c, "", "code-system");
    }
    if (auto c = rv["context-resources"]) {
      if (t.role != TableRole::kSection) fail(c, "", "context-resources belong to section tables");
      t.reverse.context_resources = string_list(c, "", "context-resources");
    }
    if (!t.reverse.sections.empty() && t.reverse.section_code_system.empty())
      fail(rv, "", "reverse sections need the code-system of their codes");
  }

  // `{DOTTED.PATH: VALUE, ...}`: FHIR values a reverse rule looks for (takes, when); `~`: none.
  FhirValues fhir_values(const YAML::Node& n, const std::string& rule, const std::string& what) {
    if (!n.IsMap() || n.size() == 0)
      fail(n, rule, what + " must map a dotted FHIR path to a value");
    FhirValues out;
    for (const auto& kv : n) {
      std::string path = kv.first.as<std::string>();
      std::vector<std::string> parts;
      for (std::size_t b = 0; b <= path.size();) {
        std::size_t e = std::min(path.find('.', b), path.size());
        if (e == b) fail(kv.first, rule, what + ": empty step in '" + path + "'");
        parts.push_back(path.substr(b, e - b));
        b = e + 1;
      }
      if (kv.second.IsNull()) {
        out.emplace_back(std::move(parts), std::nullopt);
      } else {
        out.emplace_back(std::move(parts), scalar(kv.second, rule, what.c_str()));
      }
    }
    return out;
  }

  void load_rule_reverse(const YAML::Node& rv, Rule& r) {
    if (rv.IsScalar()) {
      if (rv.Scalar() != "false") fail(rv, r.id, "reverse must be false or a mapping");
      r.reverse_off = true;
      return;
    }
    if (!rv.IsMap()) fail(rv, r.id, "reverse must be false or a mapping");
    for (const auto& kv : rv) {
      std::string key = kv.first.as<std::string>();
      if (!kRuleReverseKeys.count(key)) fail(kv.first, r.id, "unknown reverse key '" + key + "'");
    }
    if (auto f = rv["from"]) {
      r.reverse_from = compile_path(f, r.id, scalar(f, r.id, "reverse from"));
      check_creatable(f, r.id, r.reverse_from, true);
      r.has_reverse_from = true;
    }
    if (auto tk = rv["takes"]) r.reverse_takes = fhir_values(tk, r.id, "reverse takes");
    if (auto wh = rv["when"]) r.reverse_when = fhir_values(wh, r.id, "reverse when");
    if (auto ix = rv["index"]) {
      if (!r.to.appends()) fail(ix, r.id, "reverse index needs an appended target (x[])");
      try {
        r.reverse_index = ix.as<int>();
      } catch (const YAML::Exception&) {
        fail(ix, r.id, "reverse index must be a number");
      }
      if (r.reverse_index < 0) fail(ix, r.id, "reverse index must be 0 or more");
    }
    if (auto e = rv["ensure"]) {
      for (const auto& text : string_list(e, r.id, "reverse ensure")) {
        Path p = compile_path(e, r.id, text);
        check_creatable(e, r.id, p);
        r.reverse_ensure.push_back(std::move(p));
      }
    }
    if (auto m = rv["map"]) r.reverse_map_name = scalar(m, r.id, "reverse map");
  }

  Path compile_path(const YAML::Node& at, const std::string& rule, const std::string& text) {
    try {
      return Path::compile(text);
    } catch (const PathError& e) {
      fail(at, rule, "path '" + text + "': " + e.what());
    }
  }

  Target parse_target(const YAML::Node& at, const std::string& rule, const std::string& text) {
    Target t;
    t.text = text;
    std::string_view rest = text;
    if (rest.substr(0, 7) == "Bundle.") {
      t.bundle = true;
      rest.remove_prefix(7);
    }
    while (!rest.empty()) {
      auto dot = rest.find('.');
      std::string_view seg = rest.substr(0, dot);
      TargetSegment s;
      if (seg.size() > 2 && seg.substr(seg.size() - 2) == "[]") {
        s.append = true;
        seg.remove_suffix(2);
      } else if (seg.size() > 3 && seg.substr(seg.size() - 3) == "[x]") {
        s.choice = true;
        seg.remove_suffix(3);
      }
      if (seg.empty() || seg.find_first_of("[]/@ ") != std::string_view::npos) {
        fail(at, rule, "target '" + text + "' is not a dotted FHIR path");
      }
      s.name = std::string(seg);
      t.segments.push_back(s);
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
    }
    for (std::size_t i = 0; i + 1 < t.segments.size(); ++i) {
      if (t.segments[i].append || t.segments[i].choice) {
        fail(at, rule,
             "only the last segment of '" + text + "' may be [] or [x]; use an object rule");
      }
    }
    return t;
  }

  Rule load_rule(const YAML::Node& n, const Table& table, std::set<std::string>& ids,
                 const std::string& prefix) {
    if (!n.IsMap()) fail(n, "", "a rule must be a mapping");
    Rule r;
    r.line = n.Mark().line + 1;
    if (!n["id"]) fail(n, "", "rule without id");
    r.id = prefix + scalar(n["id"], "", "id");
    if (!ids.insert(r.id).second) fail(n["id"], r.id, "duplicate rule id in this table");
    for (const auto& kv : n) {
      std::string key = kv.first.as<std::string>();
      if (!kRuleKeys.count(key)) fail(kv.first, r.id, "unknown rule key '" + key + "'");
    }
    if (!n["kind"]) fail(n, r.id, "rule without kind");
    std::string kind = scalar(n["kind"], r.id, "kind");
    bool known = false;
    for (const auto& k : kKinds) {
      if (kind == k.name) {
        r.kind = k.kind;
        known = true;
      }
    }
    if (!known) fail(n["kind"], r.id, "unknown rule kind '" + kind + "'");
    if (auto f = n["from"]) {
      r.from_text = scalar(f, r.id, "from");
      r.from = compile_path(f, r.id, r.from_text);
      r.has_from = true;
    }
    if (auto s = n["shared-from"]) load_shared_from(s, r);
    if (auto w = n["when"]) {
      std::string text = scalar(w, r.id, "when");
      try {
        r.when = Condition::compile(text);
      } catch (const PathError& e) {
        fail(w, r.id, "condition '" + text + "': " + e.what());
      }
    }
    if (auto t = n["to"]) {
      r.to = parse_target(t, r.id, scalar(t, r.id, "to"));
      if (r.to.bundle && table.role != TableRole::kDocument) {
        fail(t, r.id, "only document tables may write to Bundle");
      }
    }
    if (auto u = n["if-unset"]) {
      if (u.IsSequence()) {
        for (const auto& k : u) r.if_unset.push_back(scalar(k, r.id, "if-unset"));
      } else {
        r.if_unset.push_back(scalar(u, r.id, "if-unset"));
      }
    }
    if (auto u = n["absent-parts"]) {
      if (!u.IsSequence()) fail(u, r.id, "absent-parts must be a list of keys");
      for (const auto& k : u) {
        std::string key = scalar(k, r.id, "absent-parts");
        if (key.empty() || key[0] == '_') fail(k, r.id, "absent-parts names plain keys");
        r.absent_parts.push_back(key);
      }
    }
    if (auto v = n["value"]) r.value = yaml_to_json(v);
    if (auto v = n["fixed"]) {
      r.value = yaml_to_json(v);
      if (!r.value.is_object()) fail(v, r.id, "fixed must be a mapping");
      r.has_fixed = true;
    }
    if (auto v = n["as"]) r.as = scalar(v, r.id, "as");
    if (auto v = n["map"]) r.map_name = scalar(v, r.id, "map");
    if (auto v = n["table"]) r.table_name = scalar(v, r.id, "table");
    if (auto v = n["why"]) r.why = scalar(v, r.id, "why");
    if (auto v = n["note"]) r.note = scalar(v, r.id, "note");
    if (auto v = n["trace"]) r.trace = v.as<bool>();
    if (auto v = n["reverse"]) load_rule_reverse(v, r);
    if (auto v = n["nest-repeats"]) {
      if (!v.IsMap() || !v["key"] || !v["into"] || v.size() != 2) {
        fail(v, r.id, "nest-repeats needs exactly 'key' (a path) and 'into' (a target)");
      }
      std::string key = scalar(v["key"], r.id, "nest-repeats key");
      r.nest_key = compile_path(v["key"], r.id, key);
      r.nest_into = parse_target(v["into"], r.id, scalar(v["into"], r.id, "nest-repeats into"));
      r.has_nest = true;
    }
    if (auto v = n["rules"]) {
      if (!v.IsSequence()) fail(v, r.id, "rules must be a list");
      for (const auto& c : v) r.rules.push_back(load_rule(c, table, ids, r.id + "."));
    }
    check_rule(n, r);
    return r;
  }

  // `shared-from: true` promises that the selection depends only on the ancestor the leading
  // `..` steps reach; the promise holds only for a path of that shape, so the shape is checked.
  void load_shared_from(const YAML::Node& s, Rule& r) {
    if (!s.IsScalar() || (s.Scalar() != "true" && s.Scalar() != "false"))
      fail(s, r.id, "shared-from must be true or false");
    if (s.Scalar() == "false") return;
    if (!r.has_from) fail(s, r.id, "shared-from needs 'from'");
    if (!r.from.alternatives().empty())
      fail(s, r.id, "shared-from needs one path, not a union ('" + r.from_text + "')");
    const auto& steps = r.from.steps();
    std::size_t climb = 0;
    while (climb < steps.size() && steps[climb].kind == PathStep::Kind::kParent) {
      if (!steps[climb].predicates.empty() || steps[climb].position != 0)
        fail(
            s, r.id,
            "shared-from: the leading '..' steps of '" + r.from_text + "' must have no predicates");
      ++climb;
    }
    if (r.from.absolute() || climb == 0)
      fail(s, r.id, "shared-from needs a path starting with '..' ('" + r.from_text + "')");
    if (climb == steps.size())
      fail(s, r.id, "shared-from needs a step after the '..' steps ('" + r.from_text + "')");
    r.shared_from = true;
    r.shared_climb = climb;
  }

  void check_rule(const YAML::Node& n, const Rule& r) {
    auto need = [&](bool ok, const std::string& what) {
      if (!ok) fail(n, r.id, what);
    };
    need(r.kind == RuleKind::kDispatch || r.kind == RuleKind::kResource ||
             r.kind == RuleKind::kSkip || !r.to.empty(),
         "needs 'to'");
    if (r.kind == RuleKind::kSkip) {
      need(!r.why.empty(), "a skip rule needs 'why': it is the reason the trace gives");
      need(r.when != nullptr, "a skip rule needs 'when'");
    }
    if (r.kind == RuleKind::kResource)
      need(r.to.empty(), "a resource rule assigns nothing; drop 'to'");
    switch (r.kind) {
      case RuleKind::kConstant:
        need(!r.value.is_null(), "a constant needs 'value'");
        need(!r.why.empty(), "a constant needs 'why' (no invented data)");
        break;
      case RuleKind::kConceptMap:
        need(!r.map_name.empty(), "a concept-map rule needs 'map'");
        need(r.as.empty() || r.as == "code" || r.as == "coding" || r.as == "concept",
             "as must be code, coding or concept");
        break;
      case RuleKind::kDatetime:
        need(r.as.empty() || r.as == "date" || r.as == "dateTime" || r.as == "instant",
             "as must be date, dateTime or instant");
        break;
      case RuleKind::kCopy:
        need(r.as.empty() || r.as == "string" || r.as == "code" || r.as == "boolean" ||
                 r.as == "integer" || r.as == "decimal" || r.as == "uri" || r.as == "markdown",
             "as must be string, code, boolean, integer, decimal, uri or markdown");
        break;
      case RuleKind::kDataAbsent:
        need(r.as.empty() || r.as == "code" || r.as == "concept" || r.as == "extension" ||
                 r.as == "element",
             "as must be code, concept, extension or element");
        break;
      case RuleKind::kNarrative:
        need(r.as.empty() || r.as == "generated", "as must be generated (or absent)");
        need(r.as.empty() || !r.has_from,
             "a generated narrative is made from the object's entries: drop 'from'");
        break;
      case RuleKind::kEffective:
      case RuleKind::kValue:
        need(r.to.segments.back().choice, "the target of a choice-type rule must end in [x]");
        break;
      case RuleKind::kReference:
      case RuleKind::kResource:
        need(!r.table_name.empty(), "a reference or resource rule needs 'table'");
        break;
      case RuleKind::kObject:
        need(!r.table_name.empty() || !r.rules.empty(), "an object rule needs 'rules' or 'table'");
        break;
      default:
        break;
    }
    if (r.kind != RuleKind::kObject) need(r.rules.empty(), "only object rules have nested rules");
    if (r.has_nest) {
      need(r.kind == RuleKind::kObject && r.to.appends(),
           "nest-repeats belongs to an object rule whose target appends ('x[]')");
      need(r.nest_into.appends() && !r.nest_into.bundle, "nest-repeats 'into' must append ('x[]')");
    }
    if (r.has_fixed) {
      // Fields merged into the object the rule produces: an object, or a datatype that is one.
      bool object_kind = false;
      switch (r.kind) {
        case RuleKind::kObject:
        case RuleKind::kIdentifier:
        case RuleKind::kCoded:
        case RuleKind::kCoding:
        case RuleKind::kPeriod:
        case RuleKind::kQuantity:
        case RuleKind::kAddress:
        case RuleKind::kTelecom:
        case RuleKind::kName:
          object_kind = true;
          break;
        default:
          break;
      }
      need(object_kind, "fixed needs a rule producing an object (object, identifier, coded, ...)");
      need(!n["value"], "a rule has either 'value' or 'fixed'");
    }
    if (r.kind != RuleKind::kEffective && r.kind != RuleKind::kValue && !r.to.empty()) {
      need(!r.to.segments.back().choice, "[x] targets need an effective or value rule");
    }
  }

  void resolve_rule(Rule& r, const Table& t) {
    auto fail_rule = [&](const std::string& what) {
      throw Error(ErrorKind::kConfig,
                  t.file + ":" + std::to_string(r.line) + ": rule '" + r.id + "': " + what);
    };
    r.full_id = t.id + "/" + r.id;
    if (!r.map_name.empty()) {
      r.map = set_.concept_maps_.find(r.map_name);
      if (!r.map) fail_rule("unknown ConceptMap '" + r.map_name + "'");
    }
    if (!r.reverse_map_name.empty()) {
      r.reverse_map = set_.concept_maps_.find(r.reverse_map_name);
      if (!r.reverse_map) fail_rule("unknown reverse ConceptMap '" + r.reverse_map_name + "'");
    } else if (r.map_name.rfind("CF-", 0) == 0) {
      // The IG publishes each CDA -> FHIR map with its FHIR -> CDA pair: CF-X reverses as FC-X.
      r.reverse_map = set_.concept_maps_.find("FC-" + r.map_name.substr(3));
    }
    if (!r.table_name.empty()) {
      auto it = set_.by_id_.find(r.table_name);
      if (it == set_.by_id_.end()) fail_rule("unknown table '" + r.table_name + "'");
      r.table = it->second;
      if ((r.kind == RuleKind::kReference || r.kind == RuleKind::kResource) &&
          r.table->produces.empty()) {
        fail_rule("table '" + r.table_name + "' produces no resource to reference");
      }
      if (r.kind == RuleKind::kDispatch && r.table->role == TableRole::kSection) {
        fail_rule("the fallback table of a dispatch rule must map clinical statements");
      }
      if (r.kind == RuleKind::kObject && !r.table->produces.empty()) {
        fail_rule("table '" + r.table_name + "' produces a resource; use a reference rule");
      }
    }
    for (Rule& c : r.rules) resolve_rule(c, t);
  }

  void resolve() {
    // In table id order, whatever order the folder listing gave.
    std::sort(set_.every_resource_.begin(), set_.every_resource_.end(),
              [](const Table* a, const Table* b) { return a->id < b->id; });
    for (auto& t : set_.tables_) {
      if (!t->extends_name.empty()) {
        auto it = set_.by_id_.find(t->extends_name);
        if (it == set_.by_id_.end()) {
          throw Error(ErrorKind::kConfig,
                      t->file + ": extends unknown table '" + t->extends_name + "'");
        }
        t->extends = it->second;
      }
      for (Rule& r : t->rules) resolve_rule(r, *t);
      for (Rule& r : t->reverse.rules) resolve_rule(r, *t);
      for (ReverseSection& sec : t->reverse.sections) {
        for (const auto& name : sec.entries) {
          auto it = set_.by_id_.find(name);
          if (it == set_.by_id_.end() || it->second->role != TableRole::kEntry) {
            throw Error(ErrorKind::kConfig, t->file + ": section " + sec.code +
                                                " names unknown entry table '" + name + "'");
          }
          sec.entry_tables.push_back(it->second);
        }
      }
    }
    for (auto& t : set_.tables_) {  // extends chains must end
      int depth = 0;
      for (const Table* p = t.get(); p; p = p->extends) {
        if (++depth > 8) throw Error(ErrorKind::kConfig, t->file + ": extends chain loops");
      }
    }
  }
};

std::unique_ptr<MappingSet> MappingSet::load(const std::string& data_dir) {
  auto set = std::make_unique<MappingSet>();
  TableLoader(*set).load_all(data_dir + "/mappings");
  return set;
}

std::unique_ptr<MappingSet> MappingSet::load_table_text(const std::string& yaml,
                                                        const std::string& folder,
                                                        const std::string& stem) {
  auto set = std::make_unique<MappingSet>();
  TableLoader loader(*set);
  loader.load_text(yaml, folder + "/" + stem + ".yaml", stem, folder);
  loader.resolve_all();
  return set;
}

const Table* MappingSet::table(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : it->second;
}

const Table* MappingSet::by_template(TableRole role, std::string_view root,
                                     std::string_view extension) const {
  auto it = by_template_.find({static_cast<int>(role), std::string(root), std::string(extension)});
  if (it != by_template_.end()) return it->second;
  it = by_template_.find({static_cast<int>(role), std::string(root), std::string()});
  return it == by_template_.end() ? nullptr : it->second;
}

}  // namespace ccdafhir
