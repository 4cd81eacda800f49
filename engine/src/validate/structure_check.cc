#include "validate/structure_check.h"

#include <algorithm>
#include <cctype>

#include "util/deadline.h"
#include "validate/issues.h"
#include "validate/primitives.h"
#include "validate/source_absence.h"

namespace ccdafhir::validate {

namespace {

constexpr const char* kUnknown = "fhir-r4/unknown-element";
constexpr const char* kShape = "fhir-r4/json-shape";
constexpr const char* kMin = "fhir-r4/cardinality-min";
constexpr const char* kMax = "fhir-r4/cardinality-max";
constexpr const char* kEmpty = "ele-1";

std::string join(const std::string& rel, const std::string& name) {
  return rel.empty() ? name : rel + "." + name;
}

std::string where(const TypeDef& type, const std::string& rel) {
  return rel.empty() ? type.name : type.name + "." + rel;
}

const std::string kNoType;
const std::string kBackboneElement = "BackboneElement";

// "DateTime" -> "dateTime" for primitives; complex type names keep their capital.
bool suffix_names(std::string_view suffix, const std::string& type) {
  if (suffix.empty() || suffix.size() != type.size()) return false;
  if (std::tolower(static_cast<unsigned char>(suffix[0])) !=
      std::tolower(static_cast<unsigned char>(type[0])))
    return false;
  return suffix.substr(1) == std::string_view(type).substr(1);
}

struct Found {
  const ElementDef* element = nullptr;
  const std::string* type = &kNoType;  // the type in use (for choices: the one the suffix names)
};

// Among the children of `rel` (no string is built: this runs for every JSON key).
Found lookup(const std::vector<const ElementDef*>& kids, std::string_view name) {
  Found f;
  for (const ElementDef* e : kids) {
    if (!e->choice && e->name == name) {
      f.element = e;
      if (!e->types.empty()) f.type = &e->types.front();
      return f;
    }
  }
  for (const ElementDef* e : kids) {
    if (!e->choice || name.size() <= e->choice_prefix.size() ||
        name.compare(0, e->choice_prefix.size(), e->choice_prefix) != 0)
      continue;
    std::string_view suffix = name.substr(e->choice_prefix.size());
    if (!std::isupper(static_cast<unsigned char>(suffix[0]))) continue;
    for (const std::string& t : e->types) {
      if (suffix_names(suffix, t)) {
        f.element = e;
        f.type = &t;
        return f;
      }
    }
  }
  return f;
}

bool present(const Json& obj, const ElementDef& e) {
  if (!e.choice) return obj.contains(e.name) || obj.contains("_" + e.name);
  for (auto kv = obj.begin(); kv != obj.end(); ++kv) {
    const std::string& k = kv.key();
    std::size_t off = k[0] == '_' ? 1 : 0;
    if (k.size() > e.choice_prefix.size() + off &&
        k.compare(off, e.choice_prefix.size(), e.choice_prefix) == 0 &&
        std::isupper(static_cast<unsigned char>(k[off + e.choice_prefix.size()])))
      return true;
  }
  return false;
}

// A required binding: the value (code, Coding or CodeableConcept) carries a member code.
bool bound_ok(const ElementDef& el, const Json& v) {
  if (v.is_string()) return el.codes.count(v.get<std::string>()) > 0;
  auto coding_ok = [&](const Json& c) {
    return c.is_object() && c.contains("code") && c["code"].is_string() &&
           el.codes.count(c.value("system", std::string()) + "|" + c["code"].get<std::string>());
  };
  if (!v.is_object()) return true;  // the shape is reported elsewhere
  if (v.contains("coding") && v["coding"].is_array()) {
    for (const Json& c : v["coding"]) {
      if (coding_ok(c)) return true;
    }
    return false;
  }
  if (v.contains("code")) return coding_ok(v);
  return false;
}

const char* problem_text(PrimitiveProblem p) {
  switch (p) {
    case PrimitiveProblem::kWrongJsonType:
      return "has the wrong JSON type for";
    case PrimitiveProblem::kBadFormat:
      return "is not a valid";
    case PrimitiveProblem::kWhitespace:
      return "has leading or trailing whitespace, not allowed in a";
    case PrimitiveProblem::kNone:
      break;
  }
  return "";
}

}  // namespace

void StructureCheck::resource(const Json& res, const std::string& path, const Json* root_resource) {
  resource(res, IssuePath::root(path), root_resource);
}

void StructureCheck::resource(const Json& res, const IssuePath& path, const Json* root_resource) {
  if (!res.is_object()) {
    report(out_, Severity::kError, IssueCode::kStructure, path.text(), kShape,
           "a resource must be a JSON object");
    return;
  }
  auto rt = res.find("resourceType");
  if (rt == res.end() || !rt->is_string()) {
    report(out_, Severity::kError, IssueCode::kStructure, path.text(), "fhir-r4/resource-type",
           "resourceType is missing");
    return;
  }
  const std::string& name = rt->get_ref<const std::string&>();
  const TypeDef* td = defs_.type(name);
  if (!td || !defs_.is_resource(name)) {
    report(out_, Severity::kError, IssueCode::kStructure, path.text(), "fhir-r4/resource-type",
           "resourceType is not an R4 resource type");
    return;
  }
  const Json* saved_resource = current_resource_;
  const Json* saved_root = root_resource_;
  current_resource_ = &res;
  root_resource_ = root_resource ? root_resource : &res;
  object(res, *td, "", path, res);
  current_resource_ = saved_resource;
  root_resource_ = saved_root;
}

void StructureCheck::object(const Json& obj, const TypeDef& type, const std::string& rel,
                            const IssuePath& path, const Json& holder) {
  tick_current_deadline("checking the structure");
  if (!obj.is_object()) {
    report(out_, Severity::kError, IssueCode::kStructure, path.text(), kShape,
           where(type, rel) + " must be a JSON object");
    return;
  }
  if (obj.empty()) {
    report(out_, Severity::kError, IssueCode::kInvalid, path.text(), kEmpty,
           where(type, rel) + " is empty: elements must have a value or children");
    return;
  }
  std::vector<const ElementDef*> choices_seen;
  const std::vector<const ElementDef*>* kids = type.children_of(rel);
  static const std::vector<const ElementDef*> kNoKids;
  if (!kids) kids = &kNoKids;
  for (auto kv = obj.begin(); kv != obj.end(); ++kv) {
    const std::string& key = kv.key();
    if (key == "resourceType" && rel.empty() && type.kind == "resource") continue;
    bool underscore = !key.empty() && key[0] == '_';
    std::string_view name = underscore ? std::string_view(key).substr(1) : std::string_view(key);
    Found f = lookup(*kids, name);
    if (!f.element) {
      report(out_, Severity::kError, IssueCode::kStructure, path.with(key).text(), kUnknown,
             "'" + key + "' is not an element of " + where(type, rel));
      continue;
    }
    const ElementDef& el = *f.element;
    if (el.choice && key[0] != '_') {
      bool twice = std::find(choices_seen.begin(), choices_seen.end(), &el) != choices_seen.end();
      choices_seen.push_back(&el);
      if (twice) {
        report(
            out_, Severity::kError, IssueCode::kStructure, path.with(key).text(), kMax,
            where(type, join(rel, el.name)) + " is a choice: only one of its types may be present");
      }
    }
    IssuePath child_path = el.choice ? path.with(el.choice_prefix, *f.type) : path.with(name);
    bool repeats = el.max != 1;
    const Json& v = kv.value();
    if (underscore) {
      // Primitive extensions: an object (or an array of them, null where there is none).
      const TypeDef* element_type = defs_.type("Element");
      auto one = [&](const Json& x, const IssuePath& p) {
        if (!x.is_null() && element_type) object(x, *element_type, "", p, holder);
      };
      if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i) one(v[i], child_path.at(i));
      } else {
        one(v, child_path);
      }
      continue;
    }
    if (!el.codes.empty()) {
      auto check = [&](const Json& x, const IssuePath& p) {
        if (x.is_null() || bound_ok(el, x)) return;
        if (absent_in_source(x)) {
          report(out_, Severity::kWarning, IssueCode::kCodeInvalid, p.text(), "fhir-r4/binding",
                 where(type, join(rel, el.name)) + ": the source document gives no value " +
                     "(data-absent-reason) where the required value set " + el.valueset +
                     " expects a code");
          return;
        }
        report(out_, Severity::kError, IssueCode::kCodeInvalid, p.text(), "fhir-r4/binding",
               where(type, join(rel, el.name)) + " has no code from the required value set " +
                   el.valueset);
      };
      if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i) check(v[i], child_path.at(i));
      } else {
        check(v, child_path);
      }
    }
    // el.path is join(rel, el.name): the element's own path in its type.
    const std::string& child_rel = el.content_ref.empty() ? el.path : el.content_ref;
    const std::string& type_name = el.content_ref.empty() ? *f.type : kBackboneElement;
    if (repeats) {
      if (!v.is_array()) {
        report(out_, Severity::kError, IssueCode::kStructure, child_path.text(), kShape,
               where(type, join(rel, el.name)) + " repeats: it must be a JSON array");
        value(v, type_name, type, child_rel, child_path, holder);
        continue;
      }
      if (v.empty()) {
        report(out_, Severity::kError, IssueCode::kInvalid, child_path.text(), kEmpty,
               where(type, join(rel, el.name)) + " is an empty array");
        continue;
      }
      if (el.max > 1 && v.size() > static_cast<std::size_t>(el.max)) {
        report(out_, Severity::kError, IssueCode::kStructure, child_path.text(), kMax,
               where(type, join(rel, el.name)) + ": more than " + std::to_string(el.max));
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        value(v[i], type_name, type, child_rel, child_path.at(i), holder);
      }
    } else {
      if (v.is_array()) {
        report(out_, Severity::kError, IssueCode::kStructure, child_path.text(), kMax,
               where(type, join(rel, el.name)) + " does not repeat: it must not be an array");
        for (std::size_t i = 0; i < v.size(); ++i) {
          value(v[i], type_name, type, child_rel, child_path.at(i), holder);
        }
        continue;
      }
      value(v, type_name, type, child_rel, child_path, holder);
    }
  }
  {
    for (const ElementDef* e : *kids) {
      if (e->min > 0 && !present(obj, *e)) {
        report(out_, Severity::kError, IssueCode::kRequired,
               path.with(e->choice ? e->choice_prefix : e->name).text(), kMin,
               where(type, e->path) + " is required (min " + std::to_string(e->min) + ")");
      }
    }
  }
  if (type.name == "Extension" && rel.empty()) {
    bool has_value = false;
    for (auto kv = obj.begin(); kv != obj.end(); ++kv) {
      if (kv.key().compare(0, 5, "value") == 0) has_value = true;
    }
    if (has_value == obj.contains("extension")) {
      report(out_, Severity::kError, IssueCode::kInvalid, path.text(), "ext-1",
             "ext-1: an extension must have either extensions or value[x], not both");
    }
  }
  invariants(type, rel, obj, path, holder,
             type.kind == "resource" && rel.empty() ? type.name : std::string());
}

void StructureCheck::value(const Json& v, const std::string& type_name, const TypeDef& owner,
                           const std::string& rel, const IssuePath& path, const Json& holder) {
  if (v.is_null()) {
    report(out_, Severity::kError, IssueCode::kInvalid, path.text(), kEmpty,
           where(owner, rel) + " is null: elements must have a value or children");
    return;
  }
  if (const PrimitiveDef* prim = defs_.primitive(type_name)) {
    (void)prim;
    if (v.is_string() && v.get_ref<const std::string&>().empty()) {
      report(out_, Severity::kError, IssueCode::kInvalid, path.text(), kEmpty,
             where(owner, rel) + " is an empty string");
      return;
    }
    if (type_name == "xhtml") {
      narrative_div(v, path);
      return;
    }
    PrimitiveProblem p = check_primitive(type_name, v);
    if (p != PrimitiveProblem::kNone) {
      report(out_, Severity::kError,
             p == PrimitiveProblem::kWrongJsonType ? IssueCode::kStructure : IssueCode::kValue,
             path.text(), "fhir-r4/format-" + type_name,
             where(owner, rel) + " " + problem_text(p) + " " + type_name);
    }
    return;
  }
  if (type_name == "BackboneElement" || type_name == "Element") {
    object(v, owner, rel, path, holder);
    return;
  }
  if (type_name == "Resource" || defs_.is_resource(type_name)) {
    resource(v, path, root_resource_);
    return;
  }
  if (const TypeDef* dt = defs_.type(type_name)) object(v, *dt, "", path, holder);
}

void StructureCheck::invariants(const TypeDef& type, const std::string& rel, const Json& obj,
                                const IssuePath& path, const Json& holder,
                                const std::string& item_type) {
  const auto& list = invariants_.at(type.name, rel);
  if (list.empty()) return;
  fhirpath::Environment env{&holder, root_resource_, resolver_};
  fhirpath::Item focus = fhirpath::make_item(obj, item_type);
  for (const Invariant* inv : list) {
    tick_current_deadline("checking the invariants");
    check_invariant(*inv, focus, env, path, out_);
  }
}

void StructureCheck::narrative_div(const Json& v, const IssuePath& path) {
  if (!v.is_string()) {
    report(out_, Severity::kError, IssueCode::kStructure, path.text(), "fhir-r4/format-xhtml",
           "Narrative.div must be a string");
    return;
  }
  const std::string& s = v.get_ref<const std::string&>();
  auto tag_end = s.find('>');
  bool ok =
      s.compare(0, 4, "<div") == 0 && tag_end != std::string::npos &&
      s.substr(0, tag_end).find("xmlns=\"http://www.w3.org/1999/xhtml\"") != std::string::npos;
  if (!ok) {
    report(out_, Severity::kError, IssueCode::kValue, path.text(), "txt-1",
           "Narrative.div must be an XHTML <div> in the XHTML namespace");
  }
}

}  // namespace ccdafhir::validate
