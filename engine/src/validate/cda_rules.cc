#include "validate/cda_rules.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "ccdafhir/error.h"
#include "cda/xml.h"
#include "util/deadline.h"

namespace ccdafhir {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kRuleKeys = {"id",     "context",  "when",    "require", "count",
                                         "assert", "severity", "message", "conf",    "note"};
const std::set<std::string> kCatalogueKeys = {"spec",        "note",     "context",
                                              "code-system", "sections", "rules"};
const std::set<std::string> kSectionKeys = {"name", "title", "roots", "codes", "note"};
const std::set<std::string> kHeaderKeys = {"header", "title", "spec", "note", "templates", "rules"};
const std::set<std::string> kDocumentKeys = {"document",  "title", "spec",     "note",
                                             "templates", "body",  "sections", "rules"};
const std::set<std::string> kTemplateKeys = {"root", "extensions"};
const std::set<std::string> kRequirementKeys = {"section", "count", "conf", "note"};

struct Section {
  std::string title;
  std::vector<std::string> roots;
};

class RuleLoader {
 public:
  CdaRules load(const fs::path& dir) {
    if (!fs::is_directory(dir)) {
      throw Error(ErrorKind::kConfig, dir.string() + ": C-CDA template rule folder missing");
    }
    CdaRules rules;
    rules.always.push_back(load_catalogue(dir / "sections.yaml"));
    for (const fs::path& f : yaml_files(dir / "header")) rules.always.push_back(load_header(f));
    for (const fs::path& f : yaml_files(dir / "document")) {
      rules.documents.push_back(load_document(f));
    }
    return rules;
  }

 private:
  std::string file_;
  std::map<std::string, Section> sections_;
  std::string section_context_;

  static std::vector<fs::path> yaml_files(const fs::path& dir) {
    std::vector<fs::path> files;
    if (!fs::is_directory(dir)) {
      throw Error(ErrorKind::kConfig, dir.string() + ": C-CDA template rule folder missing");
    }
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  YAML::Node open(const fs::path& f) {
    file_ = f.string();
    try {
      YAML::Node doc = YAML::LoadFile(file_);
      if (!doc.IsMap()) fail(doc, "", "expected a mapping at the top");
      return doc;
    } catch (const YAML::Exception& e) {
      throw Error(ErrorKind::kConfig, file_ + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
  }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& rule, const std::string& what) {
    int line = at.IsDefined() ? at.Mark().line + 1 : 0;
    std::string where = file_ + ":" + std::to_string(line) + ": ";
    if (!rule.empty()) where += "rule '" + rule + "': ";
    throw Error(ErrorKind::kConfig, where + what);
  }

  void check_keys(const YAML::Node& n, const std::set<std::string>& allowed,
                  const std::string& rule) {
    if (!n.IsMap()) fail(n, rule, "expected a mapping");
    for (const auto& kv : n) {
      std::string key = kv.first.as<std::string>();
      if (!allowed.count(key)) fail(kv.first, rule, "unknown key '" + key + "'");
    }
  }

  std::string scalar(const YAML::Node& n, const std::string& rule, const char* what) {
    if (!n.IsDefined()) fail(n, rule, std::string(what) + " is required");
    if (!n.IsScalar()) fail(n, rule, std::string(what) + " must be a string");
    return n.Scalar();
  }

  std::vector<std::string> scalars(const YAML::Node& n, const std::string& rule, const char* what) {
    std::vector<std::string> out;
    if (!n.IsSequence() || n.size() == 0) {
      fail(n, rule, std::string(what) + " must be a non-empty list");
    }
    for (const auto& item : n) out.push_back(scalar(item, rule, what));
    return out;
  }

  // "{name}" -> the catalogue section's path below a structuredBody.
  std::string expand(const YAML::Node& at, const std::string& rule, const std::string& text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
      std::size_t open = text.find('{', i);
      if (open == std::string::npos) break;
      std::size_t close = text.find('}', open);
      if (close == std::string::npos) fail(at, rule, "unclosed '{' in '" + text + "'");
      out.append(text, i, open - i);
      std::string name = text.substr(open + 1, close - open - 1);
      auto it = sections_.find(name);
      if (it == sections_.end()) fail(at, rule, "unknown section '" + name + "'");
      out += "component/section[" + root_condition(it->second.roots) + "]";
      i = close + 1;
    }
    out.append(text, i, std::string::npos);
    return out;
  }

  static std::string root_condition(const std::vector<std::string>& roots) {
    std::string cond;
    for (const std::string& r : roots) {
      if (!cond.empty()) cond += " or ";
      cond += "templateId/@root='" + r + "'";
    }
    return cond;
  }

  static std::string any_of(const std::string& path, const std::vector<std::string>& values) {
    std::string cond;
    for (const std::string& v : values) {
      if (!cond.empty()) cond += " or ";
      cond += path + "='" + v + "'";
    }
    return cond;
  }

  Path path(const YAML::Node& at, const std::string& rule, const std::string& text) {
    try {
      return Path::compile(text);
    } catch (const PathError& e) {
      fail(at, rule, "path '" + text + "' column " + std::to_string(e.column()) + ": " + e.what());
    }
  }

  std::shared_ptr<const Condition> condition(const YAML::Node& at, const std::string& rule,
                                             const std::string& text) {
    try {
      return Condition::compile(text);
    } catch (const PathError& e) {
      fail(at, rule,
           "condition '" + text + "' column " + std::to_string(e.column()) + ": " + e.what());
    }
  }

  void parse_count(const YAML::Node& at, const std::string& rule, const std::string& text,
                   CdaRule& r) {
    auto dots = text.find("..");
    if (dots == std::string::npos) fail(at, rule, "count must be 'min..max' (max may be '*')");
    try {
      r.min = std::stoi(text.substr(0, dots));
      std::string max = text.substr(dots + 2);
      r.max = max == "*" ? -1 : std::stoi(max);
    } catch (const std::exception&) {
      fail(at, rule, "count must be 'min..max' (max may be '*')");
    }
    if (r.min < 0 || (r.max >= 0 && r.max < r.min)) fail(at, rule, "count range is empty");
  }

  static std::string count_words(int min, int max) {
    if (min == 1 && max == 1) return "exactly one";
    if (min == 0 && max == 1) return "at most one";
    if (max < 0) return "at least " + std::to_string(min);
    return std::to_string(min) + " to " + std::to_string(max);
  }

  CdaRule parse_rule(const YAML::Node& n, const std::string& set) {
    std::string id = n["id"].IsDefined() && n["id"].IsScalar() ? n["id"].Scalar() : "";
    if (id.empty()) fail(n, "", "every rule needs an id");
    check_keys(n, kRuleKeys, id);
    CdaRule r;
    r.id = set + "/" + id;
    r.context = path(n["context"], id, expand(n, id, scalar(n["context"], id, "context")));
    if (n["when"]) r.when = condition(n["when"], id, expand(n, id, scalar(n["when"], id, "when")));
    bool has_require = n["require"].IsDefined(), has_assert = n["assert"].IsDefined();
    if (has_require == has_assert) fail(n, id, "a rule has exactly one of 'require' and 'assert'");
    if (has_require) {
      r.code = IssueCode::kRequired;
      r.require = path(n["require"], id, expand(n, id, scalar(n["require"], id, "require")));
      if (n["count"]) parse_count(n["count"], id, scalar(n["count"], id, "count"), r);
    } else {
      if (n["count"]) fail(n["count"], id, "'count' goes with 'require'");
      r.code = IssueCode::kValue;
      r.condition = condition(n["assert"], id, expand(n, id, scalar(n["assert"], id, "assert")));
    }
    if (n["severity"]) {
      std::string s = scalar(n["severity"], id, "severity");
      if (s == "error") {
        r.severity = Severity::kError;
      } else if (s == "warning") {
        r.severity = Severity::kWarning;
      } else {
        fail(n["severity"], id, "severity is error or warning");
      }
    }
    r.message = scalar(n["message"], id, "message");
    if (n["conf"]) r.message += " (CONF:" + scalar(n["conf"], id, "conf") + ")";
    return r;
  }

  void parse_rules(const YAML::Node& list, CdaRuleSet& set) {
    if (!list) return;
    if (!list.IsSequence()) fail(list, "", "rules must be a list");
    std::set<std::string> seen;
    for (const auto& item : list) {
      CdaRule r = parse_rule(item, set.id);
      if (!seen.insert(r.id).second) fail(item, r.id, "duplicate rule id");
      set.rules.push_back(std::move(r));
    }
  }

  // templates: the set applies where one of these roots is present; each listed extension is
  // a known version, and any other (or none, as in C-CDA R1.1) is a warning.
  void parse_templates(const YAML::Node& list, CdaRuleSet& set) {
    if (!list.IsSequence() || list.size() == 0)
      fail(list, "", "templates must be a non-empty list");
    for (const auto& t : list) {
      check_keys(t, kTemplateKeys, "");
      std::string root = scalar(t["root"], "", "root");
      set.template_roots.push_back(root);
      CdaRule r;
      r.id = set.id + "/template-version:" + root;
      r.severity = Severity::kWarning;
      r.code = IssueCode::kValue;
      r.context = path(t, "", "/ClinicalDocument/templateId[@root='" + root + "']");
      std::vector<std::string> ext = scalars(t["extensions"], "", "extensions");
      r.condition = condition(t, "", any_of("@extension", ext));
      std::string known;
      for (const std::string& e : ext) known += (known.empty() ? "" : ", ") + e;
      r.message = set.title + " templateId has no known version in @extension (known: " + known +
                  "; C-CDA R1.1 documents carry none)";
      set.rules.push_back(std::move(r));
    }
  }

  CdaRuleSet load_catalogue(const fs::path& f) {
    YAML::Node doc = open(f);
    check_keys(doc, kCatalogueKeys, "");
    CdaRuleSet set;
    set.id = "sections";
    set.title = "Section catalogue";
    section_context_ = scalar(doc["context"], "", "context");
    std::string code_system = scalar(doc["code-system"], "", "code-system");
    const YAML::Node list = doc["sections"];
    if (!list.IsSequence()) fail(list, "", "sections must be a list");
    for (const auto& s : list) {
      std::string name = s["name"].IsScalar() ? s["name"].Scalar() : "";
      if (name.empty()) fail(s, "", "every section needs a name");
      check_keys(s, kSectionKeys, name);
      Section sec{scalar(s["title"], name, "title"), scalars(s["roots"], name, "roots")};
      std::vector<std::string> codes = scalars(s["codes"], name, "codes");
      if (!sections_.emplace(name, sec).second) fail(s, name, "duplicate section name");
      std::string where = section_context_ + "[" + root_condition(sec.roots) + "]";

      CdaRule code;
      code.id = "sections/" + name + "-code";
      code.code = IssueCode::kCodeInvalid;
      code.context = path(s, name, where);
      code.condition = condition(s, name, any_of("code/@code", codes));
      std::string listed;
      for (const std::string& c : codes) listed += (listed.empty() ? "" : " or ") + c;
      code.message = sec.title + " SHALL have code/@code " + listed;
      set.rules.push_back(std::move(code));

      CdaRule system;
      system.id = "sections/" + name + "-code-system";
      system.code = IssueCode::kCodeInvalid;
      system.context = path(s, name, where);
      system.condition = condition(s, name, "code/@codeSystem='" + code_system + "'");
      system.message = sec.title + " SHALL have code/@codeSystem " + code_system + " (LOINC)";
      set.rules.push_back(std::move(system));
    }
    parse_rules(doc["rules"], set);
    return set;
  }

  CdaRuleSet load_header(const fs::path& f) {
    YAML::Node doc = open(f);
    check_keys(doc, kHeaderKeys, "");
    CdaRuleSet set;
    set.id = scalar(doc["header"], "", "header");
    set.title = scalar(doc["title"], "", "title");
    if (set.id != f.stem().string()) fail(doc["header"], "", "header id must be the file name");
    if (doc["templates"]) {
      parse_templates(doc["templates"], set);
      // The header applies to every document; its templates are only version-checked.
      set.template_roots.clear();
    }
    parse_rules(doc["rules"], set);
    return set;
  }

  CdaRuleSet load_document(const fs::path& f) {
    YAML::Node doc = open(f);
    check_keys(doc, kDocumentKeys, "");
    CdaRuleSet set;
    set.id = scalar(doc["document"], "", "document");
    set.title = scalar(doc["title"], "", "title");
    if (set.id != f.stem().string()) fail(doc["document"], "", "document id must be the file name");
    parse_templates(doc["templates"], set);
    std::string body = scalar(doc["body"], "", "body");
    const char* body_path = body == "structured"     ? "component/structuredBody"
                            : body == "unstructured" ? "component/nonXMLBody"
                                                     : nullptr;
    if (!body_path) fail(doc["body"], "", "body is structured or unstructured");
    CdaRule b;
    b.id = set.id + "/body";
    b.context = path(doc["body"], "", "/ClinicalDocument");
    b.require = path(doc["body"], "", body_path);
    b.max = 1;
    b.message = set.title + " SHALL contain exactly one " + std::string(body_path);
    set.rules.push_back(std::move(b));
    if (doc["sections"]) {
      if (body != "structured") fail(doc["sections"], "", "sections need a structured body");
      parse_sections(doc["sections"], set);
    }
    parse_rules(doc["rules"], set);
    return set;
  }

  void parse_sections(const YAML::Node& list, CdaRuleSet& set) {
    if (!list.IsSequence()) fail(list, "", "sections must be a list");
    for (const auto& s : list) {
      std::string name = s["section"].IsScalar() ? s["section"].Scalar() : "";
      if (name.empty()) fail(s, "", "every requirement names a section");
      check_keys(s, kRequirementKeys, name);
      auto it = sections_.find(name);
      if (it == sections_.end()) fail(s["section"], name, "unknown section '" + name + "'");
      CdaRule r;
      r.id = set.id + "/section:" + name;
      r.context = path(s, name, "/ClinicalDocument/component/structuredBody");
      r.require = path(s, name, expand(s, name, "{" + name + "}"));
      parse_count(s["count"], name, scalar(s["count"], name, "count"), r);
      std::string roots;
      for (const std::string& root : it->second.roots) roots += (roots.empty() ? "" : ", ") + root;
      r.message = set.title + " SHALL contain " + count_words(r.min, r.max) + " " +
                  it->second.title + " (templateId " + roots + ")";
      if (s["conf"]) r.message += " (CONF:" + scalar(s["conf"], name, "conf") + ")";
      set.rules.push_back(std::move(r));
    }
  }
};

void run_rule(const CdaRule& rule, const xmlNode* root, DiagnosticSink& out) {
  std::vector<const xmlNode*> contexts;
  rule.context.select(root, contexts);
  std::vector<const xmlNode*> found;
  for (const xmlNode* ctx : contexts) {
    tick_current_deadline("checking the template rules");
    if (rule.when && !rule.when->test(ctx)) continue;
    std::string detail;
    if (rule.condition) {
      if (rule.condition->test(ctx)) continue;
    } else {
      found.clear();
      rule.require.select(ctx, found);
      int n = static_cast<int>(found.size());
      if (n >= rule.min && (rule.max < 0 || n <= rule.max)) continue;
      detail = " (found " + std::to_string(n) + ")";
    }
    Diagnostic d;
    d.severity = rule.severity;
    d.code = rule.code;
    d.source_path = cda::node_path(ctx);
    d.source_line = cda::node_line(ctx);
    d.rule_id = rule.id;
    d.message = rule.message + detail;
    out.add(std::move(d));
  }
}

}  // namespace

std::size_t CdaRules::rule_count() const {
  std::size_t n = 0;
  for (const auto& s : always) n += s.rules.size();
  for (const auto& s : documents) n += s.rules.size();
  return n;
}

CdaRules load_cda_rules(const fs::path& dir) {
  return RuleLoader().load(dir);
}

std::vector<std::string> check_cda_rules(const CdaRules& rules, const xmlDoc* doc,
                                         DiagnosticSink& out) {
  std::vector<std::string> applied;
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return applied;
  for (const CdaRuleSet& set : rules.always) {
    for (const CdaRule& r : set.rules) run_rule(r, root, out);
  }
  std::set<std::string> roots;
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (cda::is_element(c) && cda::name_of(c) == "templateId") {
      roots.insert(std::string(cda::attr(c, "root")));
    }
  }
  for (const CdaRuleSet& set : rules.documents) {
    bool selected = std::any_of(set.template_roots.begin(), set.template_roots.end(),
                                [&](const std::string& r) { return roots.count(r) > 0; });
    if (!selected) continue;
    applied.push_back(set.id);
    for (const CdaRule& r : set.rules) run_rule(r, root, out);
  }
  return applied;
}

}  // namespace ccdafhir
