// Applying profile rules to instances: navigation by dotted path (choice steps "value[x]"),
// cardinality per parent, fixed/pattern, bindings, targets, choice types, invariants, slices.
#include <cctype>
#include <deque>
#include <map>
#include <string_view>

#include "ccdafhir/error.h"
#include "util/deadline.h"
#include "validate/fhirpath_values.h"
#include "validate/issues.h"
#include "validate/profiles.h"
#include "validate/source_absence.h"

namespace ccdafhir::validate {

namespace {

// Paths of the nodes a rule reaches, one IssuePath per step kept in an arena (a deque: its
// elements never move), made into text only for an issue.
using PathArena = std::deque<IssuePath>;

struct At {
  const Json* node;
  const IssuePath* path;
  std::string_view type;  // the choice's type, if the step was value[x]
};

// The FHIR type a choice suffix names: primitives start in lower case ("DateTime" ->
// "dateTime", from this table), complex types are the suffix itself (a view into the key).
std::string_view type_name(std::string_view suffix) {
  static const std::map<std::string, std::string, std::less<>> k = {
      {"Boolean", "boolean"},
      {"Integer", "integer"},
      {"Decimal", "decimal"},
      {"String", "string"},
      {"Uri", "uri"},
      {"Url", "url"},
      {"Canonical", "canonical"},
      {"Code", "code"},
      {"Id", "id"},
      {"Oid", "oid"},
      {"Uuid", "uuid"},
      {"Markdown", "markdown"},
      {"Date", "date"},
      {"DateTime", "dateTime"},
      {"Instant", "instant"},
      {"Time", "time"},
      {"Base64Binary", "base64Binary"},
      {"PositiveInt", "positiveInt"},
      {"UnsignedInt", "unsignedInt"}};
  auto it = k.find(suffix);
  return it == k.end() ? suffix : std::string_view(it->second);
}

void push(const Json& v, const IssuePath& path, std::string_view type, PathArena& paths,
          std::vector<At>& out) {
  if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_null()) {
        paths.push_back(path.at(i));
        out.push_back({&v[i], &paths.back(), type});
      }
    }
  } else if (!v.is_null()) {
    paths.push_back(path);
    out.push_back({&v, &paths.back(), type});
  }
}

// The children of one node at one step.
void step(const At& at, const std::string& name, PathArena& paths, std::vector<At>& out) {
  const Json& v = *at.node;
  if (!v.is_object()) return;
  if (name.size() > 3 && name.compare(name.size() - 3, 3, "[x]") == 0) {
    std::string_view prefix = std::string_view(name).substr(0, name.size() - 3);
    for (auto kv = v.begin(); kv != v.end(); ++kv) {
      std::string_view k = kv.key();
      bool ext = !k.empty() && k[0] == '_';  // "_valueDateTime": only the primitive's extensions
      if (ext) k.remove_prefix(1);
      if (k.size() > prefix.size() && k.compare(0, prefix.size(), prefix) == 0 &&
          std::isupper(static_cast<unsigned char>(k[prefix.size()]))) {
        if (ext && v.contains(std::string(k))) continue;  // the value itself is pushed
        std::string_view t = type_name(k.substr(prefix.size()));
        push(kv.value(), at.path->with(prefix, t), t, paths, out);
      }
    }
    return;
  }
  auto it = v.find(name);
  auto ext = v.find("_" + name);  // a primitive's extensions; alone: present without a value
  if (it == v.end()) {
    if (ext != v.end()) push(*ext, at.path->with(name), "", paths, out);
    return;
  }
  push(*it, at.path->with(name), "", paths, out);
  if (ext == v.end() || !it->is_array() || !ext->is_array()) return;
  // Repeating primitives: "_given": [null, {...}] fills the places "given" leaves null.
  for (std::size_t i = 0; i < ext->size() && i < it->size(); ++i) {
    if ((*it)[i].is_null() && !(*ext)[i].is_null()) {
      paths.push_back(at.path->with(name).at(i));
      out.push_back({&(*ext)[i], &paths.back(), ""});
    }
  }
}

std::vector<At> walk(const std::vector<At>& from, const std::vector<std::string>& steps,
                     std::size_t count, PathArena& paths) {
  std::vector<At> cur = from;
  for (std::size_t i = 0; i < count && i < steps.size(); ++i) {
    std::vector<At> next;
    for (const At& a : cur) step(a, steps[i], paths, next);
    cur = std::move(next);
  }
  return cur;
}

// pattern[x] semantics: every property of the pattern is in the value; arrays: each pattern
// item is matched by some value item.
bool contains_pattern(const Json& value, const Json& pattern) {
  if (pattern.is_object()) {
    if (!value.is_object()) return false;
    for (auto kv = pattern.begin(); kv != pattern.end(); ++kv) {
      auto it = value.find(kv.key());
      if (it == value.end() || !contains_pattern(*it, kv.value())) return false;
    }
    return true;
  }
  if (pattern.is_array()) {
    if (!value.is_array()) return pattern.size() == 1 && contains_pattern(value, pattern[0]);
    for (const Json& p : pattern) {
      bool found = false;
      for (const Json& v : value) found = found || contains_pattern(v, p);
      if (!found) return false;
    }
    return true;
  }
  if (pattern.is_number() && value.is_number()) return pattern.get<double>() == value.get<double>();
  return value == pattern;
}

// The codings a coded value carries, as "system|code" (a bare code: "|code").
std::vector<std::string> codings_of(const Json& v) {
  std::vector<std::string> out;
  auto one = [&](const Json& c) {
    if (c.is_object() && c.contains("code") && c["code"].is_string())
      out.push_back(c.value("system", std::string()) + "|" + c["code"].get<std::string>());
  };
  if (v.is_string()) {
    out.push_back("|" + v.get<std::string>());
  } else if (v.is_object() && v.contains("coding") && v["coding"].is_array()) {
    for (const Json& c : v["coding"]) one(c);
  } else if (v.is_object()) {
    one(v);
  }
  return out;
}

bool in_codes(const Json& v, const std::unordered_set<std::string>& codes) {
  for (const std::string& c : codings_of(v)) {
    if (codes.count(c)) return true;
    if (c[0] == '|') {  // a bare code: any system of the value set
      for (const std::string& m : codes) {
        auto bar = m.find('|');
        if (m.compare(bar, std::string::npos, c) == 0) return true;
      }
    }
  }
  return false;
}

bool matches_slice(const ProfileRule& s, const Json& v) {
  if (s.match_pattern) return contains_pattern(v, *s.match_pattern);
  if (!s.match_codes.empty()) return in_codes(v, s.match_codes);
  return false;
}

bool can_match(const ProfileRule& s) {
  return s.match_pattern || !s.match_codes.empty();
}

struct Context {
  const Profile& profile;
  const Json& resource;
  const Json& root_resource;
  const BundleIndex& index;
  DiagnosticSink& out;
  PathArena& paths;
};

std::string rule_id(const Context& c, const ProfileRule& r) {
  return r.invariant ? r.invariant->key : c.profile.name + "/" + r.id;
}

void error(const Context& c, const ProfileRule& r, Severity sev, IssueCode code,
           const IssuePath& path, const std::string& what) {
  report(
      c.out, sev, code, path.text(), rule_id(c, r),
      c.profile.name + ": " + c.profile.type + (r.path.empty() ? "" : "." + r.path) + " " + what);
}

void apply_rules(const Context& c, const std::vector<ProfileRule>& rules,
                 const std::vector<At>& focus);

void apply_rule(const Context& c, const ProfileRule& r, const std::vector<ProfileRule>& siblings,
                const std::vector<At>& focus) {
  tick_current_deadline("checking the profiles");
  std::size_t n = r.steps.size();
  std::vector<At> parents = n == 0 ? focus : walk(focus, r.steps, n - 1, c.paths);
  for (const At& parent : parents) {
    std::vector<At> items;
    if (n == 0) {
      items.push_back(parent);
    } else {
      step(parent, r.steps.back(), c.paths, items);
    }
    const IssuePath where = n == 0 ? *parent.path : parent.path->with(r.steps.back());
    if (!r.slice.empty()) {
      if (!can_match(r)) continue;  // no discriminating value shipped for this slice
      std::vector<At> in;
      for (const At& i : items) {
        if (matches_slice(r, *i.node)) in.push_back(i);
      }
      if (r.min && static_cast<int>(in.size()) < *r.min &&
          !(n > 0 && absent_in_source(*parent.node)))
        error(c, r, Severity::kError, IssueCode::kRequired, where,
              "slice '" + r.slice + "': needs at least " + std::to_string(*r.min) + ", found " +
                  std::to_string(in.size()));
      if (r.max && static_cast<int>(in.size()) > *r.max)
        error(c, r, Severity::kError, IssueCode::kStructure, where,
              "slice '" + r.slice + "': at most " + std::to_string(*r.max) + ", found " +
                  std::to_string(in.size()));
      if (!in.empty()) apply_rules(c, r.rules, in);
      continue;
    }
    if (r.closed) {
      for (const At& i : items) {
        bool any = false, checkable = true;
        for (const ProfileRule& s : siblings) {
          if (s.slice.empty() || s.path != r.path) continue;
          if (!can_match(s)) checkable = false;
          if (matches_slice(s, *i.node)) any = true;
        }
        if (!any && checkable)
          error(c, r, Severity::kError, IssueCode::kStructure, *i.path,
                "matches none of the slices, and the slicing is closed");
      }
      continue;
    }
    // An element the source had no data for carries data-absent-reason instead of its
    // content: what it would contain is not required of it (US Core "Missing Data").
    bool absent_parent = n > 0 && absent_in_source(*parent.node);
    if (r.min && static_cast<int>(items.size()) < *r.min && !absent_parent) {
      error(c, r, Severity::kError, IssueCode::kRequired, where,
            "is required (min " + std::to_string(*r.min) + ")");
    }
    if (r.max && static_cast<int>(items.size()) > *r.max) {
      error(c, r, Severity::kError, IssueCode::kStructure, where,
            *r.max == 0 ? "is not allowed in this profile"
                        : "occurs more than " + std::to_string(*r.max) + " time(s)");
    }
    for (const At& i : items) {
      bool fixed_ok = !r.fixed || (r.fixed->is_primitive() ? contains_pattern(*i.node, *r.fixed)
                                                           : *i.node == *r.fixed);
      if (!fixed_ok)
        error(c, r, Severity::kError, IssueCode::kValue, *i.path, "must have the fixed value");
      if (r.pattern && !contains_pattern(*i.node, *r.pattern))
        error(c, r, Severity::kError, IssueCode::kValue, *i.path, "does not match the pattern");
      if (r.has_binding && !r.codes.empty() && !in_codes(*i.node, r.codes)) {
        bool required = r.strength == "required";
        if (absent_in_source(*i.node)) {
          error(c, r, Severity::kWarning, IssueCode::kCodeInvalid, *i.path,
                ": the source document gives no value (data-absent-reason) where value set " +
                    r.valueset + " expects a code");
        } else {
          error(c, r, required ? Severity::kError : Severity::kWarning, IssueCode::kCodeInvalid,
                *i.path,
                "has no code from value set " + r.valueset + " (" + r.strength + " binding)");
        }
      }
      if (!r.targets.empty()) {
        const Json& v = *i.node;
        if (v.is_object() && v.contains("reference") && v["reference"].is_string()) {
          const Json* target =
              c.index.resolve(v["reference"].get_ref<const std::string&>(), &c.resource);
          if (target) {
            std::string t = target->value("resourceType", std::string());
            bool ok = false;
            for (const auto& allowed : r.targets) ok = ok || allowed == t || allowed == "Resource";
            if (!ok)
              error(c, r, Severity::kError, IssueCode::kStructure, i.path->with("reference"),
                    "refers to a resource of a type the profile does not allow");
          }
        }
      }
      if (!r.types.empty() && !i.type.empty()) {
        bool ok = false;
        for (const auto& t : r.types) ok = ok || t == i.type;
        if (!ok)
          error(c, r, Severity::kError, IssueCode::kStructure, *i.path,
                "uses a type the profile does not allow");
      }
      if (r.invariant) {
        fhirpath::Environment env{&c.resource, &c.root_resource, &c.index};
        check_invariant(
            *r.invariant,
            fhirpath::make_item(*i.node, i.type.empty() ? fhirpath::resource_type_of(*i.node)
                                                        : std::string(i.type)),
            env, *i.path, c.out);
      }
    }
  }
}

void apply_rules(const Context& c, const std::vector<ProfileRule>& rules,
                 const std::vector<At>& focus) {
  for (const ProfileRule& r : rules) apply_rule(c, r, rules, focus);
}

std::string coding_code(const Json& cc, const char* system) {
  if (!cc.is_object() || !cc.contains("coding") || !cc["coding"].is_array()) return "";
  for (const Json& c : cc["coding"]) {
    if (c.is_object() && c.value("system", std::string()) == system && c.contains("code") &&
        c["code"].is_string())
      return c["code"].get<std::string>();
  }
  return "";
}

}  // namespace

void ProfileSet::apply_profile(const Profile& p, const Json& resource, const std::string& path,
                               const Json& root_resource, const BundleIndex& index,
                               DiagnosticSink& out, int depth) const {
  if (depth > 8) return;
  if (!p.extends.empty()) {
    if (const Profile* base = find(p.extends))
      apply_profile(*base, resource, path, root_resource, index, out, depth + 1);
  }
  PathArena paths;
  const IssuePath root = IssuePath::root(path);
  Context c{p, resource, root_resource, index, out, paths};
  apply_rules(c, p.rules, {At{&resource, &root, ""}});
}

std::vector<const Profile*> ProfileSet::selected(const Json& resource, bool document_composition,
                                                 bool document_bundle) const {
  std::vector<const Profile*> out;
  auto add = [&](const Profile* p) {
    if (!p) return;
    for (const Profile* q : out) {
      if (q == p) return;
    }
    out.push_back(p);
  };
  std::string type = resource.value("resourceType", std::string());
  // A document Composition that claims a document profile (meta.profile) is checked against
  // what it claims: C-CDA binds a document type's requirements (required sections, service
  // event) to the document type's templateId, not to its LOINC code, and the converter claims
  // the profile of the template the source carries. Only a Composition claiming none (another
  // system's Bundle) gets the document-type profile its type code selects.
  bool claims_document_profile = false;
  if (resource.contains("meta") && resource["meta"].is_object() &&
      resource["meta"].contains("profile") && resource["meta"]["profile"].is_array()) {
    for (const Json& u : resource["meta"]["profile"]) {
      if (!u.is_string()) continue;
      const Profile* p = find(u.get<std::string>());
      if (p && p->type == type) {
        add(p);
        if (p->any_document || !p->document_types.empty()) claims_document_profile = true;
      }
    }
  }
  std::string doc_type =
      document_composition && !claims_document_profile && resource.contains("type")
          ? coding_code(resource["type"], "http://loinc.org")
          : "";
  for (const auto& [name, p] : by_name_) {
    if (p.type != type) continue;
    if (document_composition && p.any_document) add(&p);
    if (!doc_type.empty()) {
      for (const auto& t : p.document_types) {
        if (t == doc_type) add(&p);
      }
    }
    if (document_bundle && p.bundle_type == "document") add(&p);
  }
  return out;
}

void ProfileSet::apply(const Json& root, const BundleIndex& index, const std::string& forced,
                       DiagnosticSink& out) const {
  const Profile* force = nullptr;
  if (!forced.empty()) {
    force = find(forced);
    if (!force) throw Error(ErrorKind::kInputRejected, "unknown profile '" + forced + "'");
  }
  std::string type = root.value("resourceType", std::string());
  bool document = type == "Bundle" && root.value("type", std::string()) == "document";
  auto run = [&](const Json& resource, const std::string& path, bool composition, bool bundle) {
    std::string rt = resource.value("resourceType", std::string());
    if (force) {
      if (force->type == rt) apply_profile(*force, resource, path, resource, index, out, 0);
      return;
    }
    for (const Profile* p : selected(resource, composition, bundle))
      apply_profile(*p, resource, path, resource, index, out, 0);
  };
  run(root, type, false, document);
  if (type != "Bundle" || !root.contains("entry") || !root["entry"].is_array()) return;
  const Json& entries = root["entry"];
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Json& e = entries[i];
    if (!e.is_object() || !e.contains("resource") || !e["resource"].is_object()) continue;
    run(e["resource"], "Bundle.entry[" + std::to_string(i) + "].resource", document && i == 0,
        false);
  }
}

}  // namespace ccdafhir::validate
