#include "reverse/reverse_run.h"

#include <libxml/xmlsave.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

#include "ccdafhir/error.h"
#include "cda/xml.h"
#include "datatypes/original_time.h"
#include "datatypes/to_cda.h"
#include "reverse/cda_tree.h"
#include "reverse/composition_for_bundle.h"
#include "reverse/conform.h"
#include "reverse/entry_narrative.h"
#include "reverse/fhir_bundle.h"
#include "util/uuid.h"

namespace ccdafhir {

namespace {

constexpr int kMaxDepth = 40;
constexpr const char* kDarExtension = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
constexpr const char* kDarSystem = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

// One FHIR value a rule may take: an element of the target array, or the target itself.
struct Slot {
  const Json* value = nullptr;
  std::string suffix;  // the choice type of a value[x] target ("Quantity", "DateTime", ...)
  std::string path;    // FHIRPath, for diagnostics
  std::string key;     // the top-level key of the object it was read from
  const Rule* rule = nullptr;
  int score = 0;
  const Json* element = nullptr;  // the primitive's element (`_x`): its extensions
  int index = -1;                 // its position in an appended target
};

// The values at a dotted path below `v`, arrays searched at every step.
void values_at(const Json& v, const std::vector<std::string>& path, std::size_t i,
               std::vector<const Json*>& out) {
  if (v.is_array()) {
    for (const Json& e : v) values_at(e, path, i, out);
    return;
  }
  if (i == path.size()) {
    out.push_back(&v);
    return;
  }
  if (v.is_object() && v.contains(path[i])) values_at(v[path[i]], path, i + 1, out);
}

// Whether `v` holds every (dotted path, value) pair (a rule's `reverse: takes` or `when`); a
// pair without value: nothing at that path; the value "*": anything at that path; "!VALUE":
// nothing at that path equals VALUE (an extension of that url is not among the extensions).
bool holds_values(const FhirValues& pairs, const Json& v) {
  for (const auto& [path, want] : pairs) {
    std::vector<const Json*> found;
    values_at(v, path, 0, found);
    if (!want) {
      if (!found.empty()) return false;
      continue;
    }
    if (*want == "*") {
      if (found.empty()) return false;
      continue;
    }
    bool negated = want->size() > 1 && (*want)[0] == '!';
    std::string_view wanted = negated ? std::string_view(*want).substr(1) : std::string_view(*want);
    bool hit = false;
    for (const Json* f : found) hit = hit || (f->is_string() && f->get<std::string>() == wanted);
    if (hit == negated) return false;
  }
  return true;
}

// The TS to write for a date value: the one its element carries when FHIR could not state it
// as written (original_time.h), else the value's own.
std::string ts_for(const Slot& s) {
  const Json& v = *s.value;
  if (!v.is_string()) return {};
  std::string o = s.element ? rdt::original_ts(*s.element, v.get<std::string>()) : std::string();
  return o.empty() ? rdt::ts_value(v.get<std::string>()) : o;
}

// The data-absent-reason a value carries: a code, a DAR extension, a DAR coding, or (a
// HumanName whose family is only `_family` with a DAR) the one reason all its members carry;
// "" if none.
std::string data_absent_code(const Json& v) {
  if (v.is_string()) return {};
  if (v.is_object() && !v.empty() && !v.contains("extension") && !v.contains("coding") &&
      !v.contains("url")) {
    std::string shared;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key().size() < 2 || it.key()[0] != '_') return {};
      std::string code = data_absent_code(*it);
      if (code.empty() || (!shared.empty() && code != shared)) return {};
      shared = code;
    }
    return shared;
  }
  const Json& ext = member(v, "extension");
  if (ext.is_array()) {
    for (const Json& e : ext) {
      if (string_member(e, "url") == kDarExtension) return string_member(e, "valueCode");
    }
  }
  if (string_member(v, "url") == kDarExtension) return string_member(v, "valueCode");
  const Json& codings = member(v, "coding");
  if (codings.is_array()) {
    for (const Json& c : codings) {
      if (string_member(c, "system") == kDarSystem) return string_member(c, "code");
    }
  }
  return {};
}

// A value that is nothing but a data-absent marker.
bool only_absent(const Json& v) {
  if (data_absent_code(v).empty() || !v.is_object()) return false;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.key() != "extension" && it.key() != "url" && it.key() != "valueCode" &&
        it.key() != "coding" && it.key()[0] != '_')
      return false;
  }
  return true;
}

// Whether the reverse can build `p`; `climbs`: leading `..` steps are allowed (a `reverse:
// from` builds beside the element, cda_tree.h).
bool creatable(const Path& p, bool climbs = false) {
  auto one = [climbs](const Path& q) {
    if (q.absolute()) return false;
    bool leading = climbs;
    for (const auto& s : q.steps()) {
      if (s.kind == PathStep::Kind::kParent && leading) continue;
      leading = false;
      if (s.kind == PathStep::Kind::kParent || s.kind == PathStep::Kind::kAnyChild) return false;
    }
    return true;
  };
  if (p.alternatives().empty()) return one(p);
  for (const auto& a : p.alternatives()) {
    if (one(a)) return true;
  }
  return false;
}

std::vector<const Table*> chain_of(const Table& t) {
  std::vector<const Table*> chain;
  for (const Table* p = &t; p && chain.size() < 16; p = p->extends) chain.insert(chain.begin(), p);
  return chain;
}

std::vector<std::string> profiles_of(const Table& t) {
  std::vector<std::string> out;
  for (const Table* p : chain_of(t)) {
    for (const auto& pr : p->profiles) out.push_back(pr);
  }
  return out;
}

std::vector<std::string> resource_profiles(const Json& r) {
  std::vector<std::string> out;
  const Json& p = member(member(r, "meta"), "profile");
  if (p.is_array()) {
    for (const Json& v : p) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

// A scalar as the text an attribute takes.
std::string scalar_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  return {};
}

bool has_content(const xmlNode* el) {
  return el->properties || el->children;
}

// An element stating only a nullFlavor (what the schema fills a required child with).
bool is_null_only(const xmlNode* el) {
  return el->properties && !el->properties->next && !el->children &&
         xmlStrEqual(el->properties->name, reinterpret_cast<const xmlChar*>("nullFlavor"));
}

std::string serialise(xmlNode* el) {
  xmlBuffer* buf = xmlBufferCreate();
  xmlNodeDump(buf, el->doc, el, 0, 0);
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buf)),
                  static_cast<std::size_t>(xmlBufferLength(buf)));
  xmlBufferFree(buf);
  return out;
}

// Whether an earlier sibling is the same element with the same content.
bool repeats_sibling(xmlNode* el) {
  std::string me;
  for (xmlNode* c = el->parent ? el->parent->children : nullptr; c && c != el; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, el->name) || c->ns != el->ns) continue;
    if (me.empty()) me = serialise(el);
    if (serialise(c) == me) return true;
  }
  return false;
}

// Indents element-only content for people reading the output; a narrative block and any
// element holding text keep their whitespace exactly (libxml2's own formatting would re-indent
// narrative tables on every cycle).
void indent(xmlNode* el, int depth) {
  if (cda::name_of(el) == "text" && el->parent && cda::name_of(el->parent) == "section") return;
  bool elements = false;
  for (xmlNode* c = el->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) return;
    elements = elements || c->type == XML_ELEMENT_NODE;
  }
  if (!elements) return;
  std::string inner = "\n" + std::string(static_cast<std::size_t>(depth + 1) * 2, ' ');
  std::string outer = "\n" + std::string(static_cast<std::size_t>(depth) * 2, ' ');
  for (xmlNode* c = el->children; c;) {
    xmlNode* next = c->next;
    if (c->type == XML_ELEMENT_NODE) {
      indent(c, depth + 1);
      xmlAddPrevSibling(c, xmlNewText(reinterpret_cast<const xmlChar*>(inner.c_str())));
    }
    c = next;
  }
  xmlAddChild(el, xmlNewText(reinterpret_cast<const xmlChar*>(outer.c_str())));
}

bool contains_any(const Json& v, const std::unordered_set<const Json*>& set) {
  if (set.count(&v)) return true;
  if (v.is_structured()) {
    for (const Json& c : v) {
      if (contains_any(c, set)) return true;
    }
  }
  return false;
}

// A copy of `v` without the sub-values in `drop`.
Json without(const Json& v, const std::unordered_set<const Json*>& drop) {
  if (v.is_object()) {
    Json out = Json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!drop.count(&*it)) out[it.key()] = without(*it, drop);
    }
    return out;
  }
  if (v.is_array()) {
    Json out = Json::array();
    for (const Json& c : v) {
      if (!drop.count(&c)) out.push_back(without(c, drop));
    }
    return out;
  }
  return v;
}

class ReverseRun {
 public:
  ReverseRun(const ReverseInputs& in, const FhirBundle& bundle, DiagnosticSink& sink)
      : in_(in), bundle_(bundle), sink_(sink), tree_(in.schema, "ClinicalDocument") {}

  std::string run(const Json& composition);

 private:
  const ReverseInputs& in_;
  const FhirBundle& bundle_;
  DiagnosticSink& sink_;
  CdaTree tree_;
  int depth_ = 0;
  std::vector<const Json*> building_;  // resources being built, innermost last
  // The resources whose content is being read, innermost last: where a local reference ("#id",
  // a contained resource) resolves. Unlike building_ it includes the resource a group reads.
  std::vector<const Json*> reading_;
  const Json* here() const { return reading_.empty() ? nullptr : reading_.back(); }
  std::vector<const ReverseSection*> sections_;             // sections being built, innermost last
  std::vector<std::vector<const Json*>> section_entries_;   // their entry resources
  std::vector<std::set<const ReverseSection*>> templated_;  // templates written, per level
  // Elements a referenced resource is written onto together with the resource referring to it
  // (`from: "."`: the Medication of a substanceAdministration): the referrer names the element.
  std::set<const xmlNode*> shared_;
  std::vector<const xmlNode*> resource_elements_;  // the elements of the resources being written

  void diag(Severity s, IssueCode c, const std::string& fhir_path, const std::string& rule,
            std::string msg) {
    Diagnostic d;
    d.severity = s;
    d.code = c;
    d.fhir_path = fhir_path;
    d.rule_id = rule;
    d.message = std::move(msg);
    sink_.add(std::move(d));
  }

  ReverseContext context(const Rule& r, const std::string& path) {
    return ReverseContext{in_.set.code_systems(), sink_, r.full_id, path, &in_.set.concept_maps()};
  }

  const Table* document_table(const Json& composition) const;
  Json with_required_sections(const Table& t, const Json& composition) const;
  void run_table(const Table& t, const Json& obj, xmlNode* el, const std::string& path,
                 const Json* resource);
  void run_rules(const std::vector<const Rule*>& rules, const Json& obj, xmlNode* el,
                 const std::string& path, bool report_unclaimed);
  std::vector<Slot> slots_for(const Rule& r, const Json& obj, const std::string& path) const;
  int score(const Rule& r, const Slot& s) const;
  int score_unconditioned(const Rule& r, const Slot& s, bool conditioned) const;
  bool reversible(const Rule& r) const;
  void apply(const Rule& r, const Slot& s, xmlNode* el);
  bool write(const Rule& r, const Slot& s, const CdaTree::Built& b);
  bool write_reference(const Rule& r, const Slot& s, xmlNode* el);
  bool write_value(const Rule& r, const Slot& s, xmlNode* el, ReverseContext& ctx);
  static std::string written_type(const Rule& r, const Slot& s);
  void dispatch(const Rule& r, const Slot& s, xmlNode* el);
  std::string mapped_code(const Rule& r, const Slot& s, Json& coding);
  void write_templates(const Table& t, const Json& obj, xmlNode* el);
  void write_identity(const Json& resource, xmlNode* el);
  void write_owned(const Rule& r, const Json& owner, xmlNode* el, std::set<const Json*>& done);
  std::vector<const Json*> owned_by(const Table& t, const Json& owner) const;
  int agreement(const Table& producer, const Json& resource) const;
  const Table* reaches(const Table& t, const std::string& type, int depth) const;
};

// A reverse-only rule with `if-unset` is a fallback: it writes only when the FHIR object has
// none of those keys (the document time from Bundle.timestamp when the Composition has no date).
bool fallback_not_needed(const Rule& r, const Json& obj) {
  if (!r.reverse_only || !obj.is_object()) return false;
  for (const auto& k : r.if_unset) {
    if (obj.contains(k)) return true;
  }
  return false;
}

bool ReverseRun::reversible(const Rule& r) const {
  if (r.reverse_off) return false;
  switch (r.kind) {
    case RuleKind::kSkip:
    case RuleKind::kOwner:
    case RuleKind::kResource:
      return false;
    default:
      return true;
  }
}

std::vector<Slot> ReverseRun::slots_for(const Rule& r, const Json& obj,
                                        const std::string& path) const {
  std::vector<Slot> out;
  const Json* cur = r.to.bundle ? &bundle_.json() : &obj;
  std::string p = r.to.bundle ? "Bundle" : path;
  const auto& segs = r.to.segments;
  if (segs.empty()) return out;
  std::string top = segs.front().name;
  for (std::size_t i = 0; i + 1 < segs.size(); ++i) {
    cur = &member(*cur, segs[i].name);
    p += "." + segs[i].name;
    if (!cur->is_object()) return out;
  }
  const TargetSegment& last = segs.back();
  if (last.choice) {
    if (!cur->is_object()) return out;
    for (auto it = cur->begin(); it != cur->end(); ++it) {
      const std::string& k = it.key();
      if (k.size() > last.name.size() && k.compare(0, last.name.size(), last.name) == 0 &&
          std::isupper(static_cast<unsigned char>(k[last.name.size()]))) {
        out.push_back(
            Slot{&*it, k.substr(last.name.size()), p + "." + k, segs.size() == 1 ? k : top});
        out.back().element = &member(*cur, "_" + k);
        break;
      }
    }
    return out;
  }
  const Json& v = member(*cur, last.name);
  if (v.is_null()) return out;
  std::string vp = p + "." + last.name;
  if (last.append && v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      out.push_back(Slot{&v[i], "", vp + "[" + std::to_string(i) + "]", top});
      out.back().index = static_cast<int>(i);
    }
  } else {
    out.push_back(Slot{&v, "", vp, top});
    out.back().element = &member(*cur, "_" + last.name);
  }
  return out;
}

int ReverseRun::score(const Rule& r, const Slot& s) const {
  if (r.reverse_index >= 0 && s.index != r.reverse_index) return 0;
  // A rule made for the value beats the general one, by 10 for each condition it meets:
  // `when` (run_rules checked it on the object) and `takes` (checked here on the value).
  int bonus = 0;
  if (!r.reverse_when.empty()) bonus += 10;
  if (!r.reverse_takes.empty()) {
    if (!holds_values(r.reverse_takes, *s.value)) return 0;
    bonus += 10;
  }
  int sc = score_unconditioned(r, s, bonus > 0);
  return sc > 0 ? sc + bonus : 0;
}

// The score of the rule as if it had no `when` or `takes`; `conditioned` says it had one.
int ReverseRun::score_unconditioned(const Rule& r, const Slot& s, bool conditioned) const {
  const Json& v = *s.value;
  switch (r.kind) {
    case RuleKind::kConstant:
      return v == r.value ? 40 : 0;
    case RuleKind::kDataAbsent:
      return data_absent_code(v).empty() && !(v.is_string() && r.as == "code") ? 0 : 40;
    default:
      break;
  }
  if (only_absent(v)) return 0;
  // What the rule states it takes (`takes`, `when`, `fixed`) makes it as specific as any other
  // rule, even one reading from context: the concern act's id on a Condition (use secondary).
  conditioned = conditioned || r.has_fixed;
  int base = 20;
  if (r.has_from && !r.has_reverse_from && !creatable(r.from, r.reverse_only) &&
      r.kind != RuleKind::kDispatch && !conditioned)
    base = 5;  // read from context (the patient, the wrapping act): taken, nothing written
  switch (r.kind) {
    case RuleKind::kObject: {
      if (r.value.is_object()) {
        for (auto it = r.value.begin(); it != r.value.end(); ++it) {
          if (member(v, it.key()) != it.value()) return 0;
        }
        return base + 10;
      }
      return base;
    }
    case RuleKind::kReference: {
      const Json* res = bundle_.resolve(v, here());
      if (!res || !r.table) return 0;
      if (string_member(*res, "resourceType") != r.table->produces) return 0;
      int sc = base;
      auto want = profiles_of(*r.table);
      auto have = resource_profiles(*res);
      int matches = 0;
      for (const auto& h : have) {
        for (const auto& w : want) matches += h == w ? 1 : 0;
      }
      bool match = matches > 0;
      // The table claiming more of the resource's profiles is the more specific one (a blood
      // pressure panel's table beside the general vital sign's).
      if (match) sc += 9 + matches;
      if (!match && !want.empty() && !have.empty()) sc -= 3;
      return sc;
    }
    default:
      if (r.has_fixed) {  // a datatype with fixed fields (an Identifier's use)
        for (auto it = r.value.begin(); it != r.value.end(); ++it) {
          if (member(v, it.key()) != it.value()) return 0;
        }
        return base + 10;
      }
      return base;
  }
}

void ReverseRun::run_rules(const std::vector<const Rule*>& rules, const Json& obj, xmlNode* el,
                           const std::string& path, bool report_unclaimed) {
  // Every value under a target goes to the rule that fits it best; among equals the first
  // rule wins, as forward the first rule that produced a value won.
  std::map<std::string, std::vector<Slot>> by_target;
  std::vector<std::string> order;
  // A reverse-only rule writes every value of its target in addition to the forward rules
  // (Composition.date is the document time and the authors' time): it competes with no one.
  auto key_of = [](const Rule* r) { return r->reverse_only ? "reverse:" + r->id : r->to.text; };
  for (const Rule* r : rules) {
    if (!reversible(*r) || r->to.empty() || fallback_not_needed(*r, obj)) continue;
    if (!r->reverse_when.empty() && !holds_values(r->reverse_when, obj)) continue;
    std::string key = key_of(r);
    if (!by_target.count(key)) {
      by_target[key] = slots_for(*r, obj, path);
      order.push_back(key);
    }
    for (Slot& s : by_target[key]) {
      int sc = score(*r, s);
      if (sc > s.score) {
        s.score = sc;
        s.rule = r;
      }
    }
  }
  std::set<std::string> claimed;
  for (const auto& t : order) {
    for (const Slot& s : by_target[t]) {
      if (s.rule) claimed.insert(s.key);
    }
  }
  // A value a constant rule produced (code.coding[] += a fixed coding) is not written again by
  // the rule that writes the object around it: that constant comes back by itself.
  std::unordered_set<const Json*> constants;
  for (const auto& t : order) {
    for (const Slot& s : by_target[t]) {
      if (s.rule && s.rule->kind == RuleKind::kConstant) constants.insert(s.value);
    }
  }
  for (const Rule* r : rules) {
    if (!reversible(*r)) continue;
    if (r->to.empty()) continue;
    for (const Slot& s : by_target[key_of(r)]) {
      if (s.rule != r) continue;
      if (r->kind == RuleKind::kConstant || constants.empty() ||
          !contains_any(*s.value, constants)) {
        apply(*r, s, el);
        continue;
      }
      Json kept = without(*s.value, constants);
      Slot copy = s;
      copy.value = &kept;
      apply(*r, copy, el);
    }
  }
  if (!report_unclaimed || !obj.is_object()) return;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string& k = it.key();
    // Contained resources come back through the references to them, not as an element.
    if (k == "resourceType" || k == "id" || k == "meta" || k == "text" || k == "contained" ||
        claimed.count(k))
      continue;
    if (k.size() > 1 && k[0] == '_' && claimed.count(k.substr(1))) continue;  // its element
    bool targeted = false;
    for (const auto& t : order) {
      for (const Slot& s : by_target[t]) targeted = targeted || (s.key == k && s.rule);
    }
    if (!targeted) {
      diag(Severity::kInformation, IssueCode::kNotSupported, path + "." + k, "",
           "no table rule maps this element back to CDA; left out");
    }
  }
}

void ReverseRun::write_templates(const Table& t, const Json& obj, xmlNode* el) {
  auto add = [&](const TemplateKey& k) {
    for (xmlNode* c = el->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && cda::name_of(c) == "templateId" &&
          cda::attr(c, "root") == k.root && cda::attr(c, "extension") == k.extension)
        return;
    }
    xmlNode* tid = tree_.add_child(el, "templateId");
    tree_.set_attribute(tid, "root", k.root);
    if (!k.extension.empty()) tree_.set_attribute(tid, "extension", k.extension);
  };
  for (const Table* p : chain_of(t)) {
    // A table listing several templates (alternatives it reads) writes its first one, in
    // every version listed for that root.
    for (const auto& k : p->templates) {
      if (k.root == p->templates.front().root) add(k);
    }
    for (const auto& [name, value] : p->reverse.attributes) {
      if (!cda::has_attr(el, name)) tree_.set_attribute(el, name, value);
    }
  }
  // A section table: the section its code names brings its own templates.
  for (const Table* p : chain_of(t)) {
    for (const ReverseSection& sec : p->reverse.sections) {
      const Json& codings = member(member(obj, "code"), "coding");
      if (!codings.is_array()) continue;
      for (const Json& c : codings) {
        if (string_member(c, "code") != sec.code) continue;
        // Sibling sections hold each section template once (C-CDA document types allow
        // every section at most once): a second one with the same code is a plain CDA section.
        if (templated_[sections_.size() - 1].insert(&sec).second) {
          for (const auto& k : sec.templates) add(k);
        }
        sections_.back() = &sec;
      }
    }
  }
}

// Whether an element written for a resource holds nothing but nulls (a patient or custodian
// the Bundle did not name, written with nullFlavors): no text, and every element without
// children is empty or carries a nullFlavor.
bool only_nulls(const xmlNode* el) {
  for (const xmlNode* c = el->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      for (const xmlChar* t = c->content; t && *t; ++t) {
        if (!std::isspace(*t)) return false;
      }
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || cda::has_attr(c, "nullFlavor")) continue;
    bool parent = false;
    for (const xmlNode* g = c->children; g && !parent; g = g->next) {
      parent = g->type == XML_ELEMENT_NODE;
    }
    if (parent ? !only_nulls(c) : (c->properties != nullptr || c->children != nullptr))
      return false;
  }
  return true;
}

void ReverseRun::write_identity(const Json& resource, xmlNode* el) {
  // C-CDA statements carry ids; a FHIR resource without identifier is still named by its id,
  // which becomes the id root (a UUID stays a UUID; other ids are named through UUIDv5). A
  // resource whose element holds only nulls (only_nulls) keeps the null id its table's
  // structure gives it: an id made from its name would make the next C-CDA -> FHIR cycle a
  // different resource (named by that id instead of its place).
  if (only_nulls(el)) return;
  std::string t = tree_.type_of(el);
  const SchemaType* st = in_.schema.type(t);
  if (!st || !st->child("v3", "id")) return;
  for (xmlNode* c = el->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && cda::name_of(c) == "id" && !is_sdtc(c)) return;
  }
  std::string name = bundle_.name_of(&resource);
  std::string id = string_member(resource, "id");
  std::string root;
  if (name.rfind("urn:uuid:", 0) == 0) {
    root = name.substr(9);
  } else if (!name.empty() || !id.empty()) {
    root = uuid_v5(string_member(resource, "resourceType") + "|" + (name.empty() ? id : name));
  }
  if (root.empty()) return;
  for (auto& ch : root) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  xmlNode* idn = tree_.add_child(el, "id");
  tree_.set_attribute(idn, "root", root);
}

void ReverseRun::run_table(const Table& t, const Json& obj, xmlNode* el, const std::string& path,
                           const Json* resource) {
  bool section = false;
  for (const Table* p : chain_of(t)) section = section || !p->reverse.sections.empty();
  if (section) {
    sections_.push_back(nullptr);
    section_entries_.emplace_back();
    templated_.resize(sections_.size());  // a new section's sub-sections start afresh
  }
  write_templates(t, obj, el);
  if (resource) resource_elements_.push_back(el);
  std::vector<const Rule*> rules;
  for (const Table* p : chain_of(t)) {
    for (const Rule& r : p->rules) rules.push_back(&r);
  }
  // Not on an element another resource owns (a Medication written onto its
  // substanceAdministration).
  if (resource && !t.produces.empty() && t.role != TableRole::kDocument && !shared_.count(el)) {
    for (const Table* every : in_.set.every_resource_tables()) {
      for (const Rule& r : every->rules) rules.push_back(&r);
    }
  }
  // Reverse-only rules of the most specific table first: where two write the same fixed
  // structure (the document code for an unknown type), the document type's own wins.
  auto chain = chain_of(t);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const Rule& r : (*it)->reverse.rules) rules.push_back(&r);
  }
  run_rules(rules, obj, el, path, resource != nullptr);
  if (resource) resource_elements_.pop_back();
  // The table's fixed structure comes after the data, so it completes what the rules built
  // (a serviceEvent gets its classCode) and fills only what they left out.
  for (const Table* p : chain_of(t)) {
    for (const Path& e : p->reverse.ensure) tree_.realize(el, e, false);
  }
  if (resource && !t.produces.empty()) {
    // Resources this one's table made beside it (a Provenance for each author) come back
    // as the element they were read from.
    std::set<const Json*> done;
    for (const Table* p : chain_of(t)) {
      for (const Rule& r : p->rules) {
        if (r.kind == RuleKind::kResource && !r.reverse_off) write_owned(r, *resource, el, done);
      }
    }
    if (!shared_.count(el)) write_identity(*resource, el);
  }
  if (section) {
    bool has_text = false;
    for (xmlNode* c = el->children; c; c = c->next) {
      has_text = has_text || (c->type == XML_ELEMENT_NODE && cda::name_of(c) == "text");
    }
    if (!has_text) write_entry_narrative(tree_, el, section_entries_.back());
    sections_.pop_back();
    section_entries_.pop_back();
  }
}

// The resources of table `t`'s type whose owner rule (`kind: owner`, Provenance.target)
// references `owner`.
std::vector<const Json*> ReverseRun::owned_by(const Table& t, const Json& owner) const {
  std::vector<const Json*> out;
  const Rule* link = nullptr;
  for (const Table* p : chain_of(t)) {
    for (const Rule& r : p->rules) {
      if (r.kind == RuleKind::kOwner && !r.to.empty() && !link) link = &r;
    }
  }
  if (!link || t.produces.empty()) return out;
  for (const Json* res : bundle_.of_type(t.produces)) {
    // A table with `reverse: when` (a Provenance of informants) owns only those resources.
    if (!t.reverse.when.empty() && !holds_values(t.reverse.when, *res)) continue;
    for (const Slot& s : slots_for(*link, *res, "")) {
      if (bundle_.resolve(*s.value) == &owner) {
        out.push_back(res);
        break;
      }
    }
  }
  return out;
}

// Whether `a` states everything `b` states: the same attributes and text, and for each element
// child of `b` one of `a`'s (each used once) that is the same or states more. An author whose
// organisation has two ids states more than the same author with one of them.
bool subsumes(const xmlNode* a, const xmlNode* b) {
  if (!xmlStrEqual(a->name, b->name) || a->ns != b->ns) return false;
  auto attributes = [](const xmlNode* n) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const xmlAttr* p = n->properties; p; p = p->next) {
      xmlChar* v = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(p));
      out.emplace_back(reinterpret_cast<const char*>(p->name),
                       v ? reinterpret_cast<const char*>(v) : "");
      xmlFree(v);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  if (attributes(a) != attributes(b)) return false;
  std::vector<const xmlNode*> unused;
  std::string text_a, text_b;
  for (const xmlNode* c = a->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) unused.push_back(c);
    if (c->type == XML_TEXT_NODE && c->content) text_a += reinterpret_cast<const char*>(c->content);
  }
  for (const xmlNode* c = b->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) text_b += reinterpret_cast<const char*>(c->content);
    if (c->type != XML_ELEMENT_NODE) continue;
    auto it = std::find_if(unused.begin(), unused.end(),
                           [&](const xmlNode* u) { return subsumes(u, c); });
    if (it == unused.end()) return false;
    unused.erase(it);
  }
  return text_a == text_b;
}

// Elements named `name` below a section entry (in document order) that carry no templateId.
// Section narrative is not entered: it holds no entries, and it is the one part of the tree a
// Bundle's XHTML (not the tables) shapes, however deep that is. Outside it the tree is as deep
// as the tables' paths times kMaxDepth nested tables; the bound only guards the recursion.
constexpr int kMaxTreeDepth = 2000;
void untemplated_in_entries(xmlNode* n, std::string_view name, bool in_entry,
                            std::vector<xmlNode*>& out, int depth = 0) {
  if (depth > kMaxTreeDepth) return;
  for (xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (cda::name_of(c) == "text" && cda::name_of(n) == "section") continue;
    bool entry = in_entry || (cda::name_of(c) == "entry" && cda::name_of(n) == "section");
    if (entry && in_entry && cda::name_of(c) == name && !cda::child(c, "templateId"))
      out.push_back(c);
    untemplated_in_entries(c, name, entry, out, depth + 1);
  }
}

// One participation stated twice (the recorder's author and the same author's Provenance):
// `made` agrees with an earlier sibling on every child both have; what only `made` has joins
// the earlier one. True when `made` was merged away.
bool merge_into_earlier(xmlNode* made) {
  for (xmlNode* e = made->parent->children; e && e != made; e = e->next) {
    if (e->type != XML_ELEMENT_NODE || !xmlStrEqual(e->name, made->name) || e->ns != made->ns)
      continue;
    bool agree = true, shared = false;
    std::vector<xmlNode*> missing;
    // The earlier element's children that are only a nullFlavor the schema filled in (the
    // recorder's author has no time), or that `made`'s child states more fully: `made`'s child
    // replaces them.
    std::vector<std::pair<xmlNode*, xmlNode*>> fills;
    for (xmlNode* c = made->children; c && agree; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      xmlNode* same = nullptr;
      for (xmlNode* o = e->children; o; o = o->next) {
        if (o->type == XML_ELEMENT_NODE && xmlStrEqual(o->name, c->name) && o->ns == c->ns) {
          same = o;
          break;
        }
      }
      bool null_only = is_null_only(c);
      // A templateId (an Author Participation) says what kind of participation it is, not
      // whose: no evidence that the two state the same one, and not moved into the earlier one
      // (which would then differ from what the same data writes the next time round).
      if (xmlStrEqual(c->name, reinterpret_cast<const xmlChar*>("templateId"))) continue;
      if (!same) {
        if (!null_only) missing.push_back(c);
      } else if (null_only || serialise(same) == serialise(c)) {
        shared = true;
      } else if (is_null_only(same) || subsumes(c, same)) {
        fills.emplace_back(same, c);
      } else if (subsumes(same, c)) {
        shared = true;
      } else {
        agree = false;
      }
    }
    if (!agree || !shared) continue;
    for (auto [null_child, stated] : fills) {
      xmlUnlinkNode(stated);
      xmlReplaceNode(null_child, stated);
      xmlFreeNode(null_child);
    }
    for (xmlNode* c : missing) {
      xmlUnlinkNode(c);
      xmlAddChild(e, c);
    }
    CdaTree::discard(made);
    return true;
  }
  return false;
}

void ReverseRun::write_owned(const Rule& r, const Json& owner, xmlNode* el,
                             std::set<const Json*>& done) {
  const Path* path = r.has_reverse_from ? &r.reverse_from : (r.has_from ? &r.from : nullptr);
  if (!r.table || !path || !creatable(*path, r.reverse_climbs()) || depth_ >= kMaxDepth) return;
  for (const Json* res : owned_by(*r.table, owner)) {
    if (!done.insert(res).second) continue;
    CdaTree::Built b = tree_.realize(el, *path, true);
    if (!b.ok() || !b.attribute.empty()) {
      if (b.created) CdaTree::discard(b.created);
      continue;
    }
    ++depth_;
    building_.push_back(res);
    run_table(*r.table, *res, b.element, string_member(*res, "resourceType"), nullptr);
    building_.pop_back();
    --depth_;
    if (!has_content(b.element)) {
      CdaTree::discard(b.created);
      continue;
    }
    if (b.created == b.element) merge_into_earlier(b.element);
  }
}

std::string ReverseRun::mapped_code(const Rule& r, const Slot& s, Json& coding) {
  const Json& v = *s.value;
  std::string code, system;
  if (v.is_string()) {
    code = v.get<std::string>();
  } else if (v.contains("coding")) {
    const Json& cs = member(v, "coding");
    if (cs.is_array() && !cs.empty()) {
      code = string_member(cs[0], "code");
      system = string_member(cs[0], "system");
    }
  } else {
    code = string_member(v, "code");
    system = string_member(v, "system");
  }
  if (code.empty()) return {};
  std::optional<ConceptTarget> hit;
  if (r.reverse_map) {
    hit = r.reverse_map->translate(code, system);
  } else if (r.map) {
    for (const auto& [source, target] : r.map->entries()) {
      if (target.code == code &&
          (system.empty() || target.system.empty() || target.system == system)) {
        hit = ConceptTarget{"", source, "", ""};
        break;
      }
    }
  }
  if (!hit) {
    diag(Severity::kWarning, IssueCode::kCodeInvalid, s.path, r.full_id,
         "code has no CDA equivalent in the reverse ConceptMap; left out");
    return {};
  }
  coding = Json::object();
  if (!hit->system.empty()) coding["system"] = hit->system;
  coding["code"] = hit->code;
  if (!hit->display.empty()) coding["display"] = hit->display;
  return hit->code;
}

bool ReverseRun::write(const Rule& r, const Slot& s, const CdaTree::Built& b) {
  const Json& v = *s.value;
  ReverseContext ctx = context(r, s.path);
  if (!b.attribute.empty()) {
    std::string text;
    Json coding;
    switch (r.kind) {
      case RuleKind::kConceptMap:
        text = mapped_code(r, s, coding);
        break;
      case RuleKind::kDatetime:
        text = ts_for(s);
        break;
      case RuleKind::kCoding:
      case RuleKind::kCoded:
        text = v.is_object() ? string_member(v, "code") : std::string();
        break;
      default:
        text = scalar_text(v);
    }
    if (text.empty()) return false;
    tree_.set_attribute(b.element, b.attribute, text);
    return true;
  }
  xmlNode* el = b.element;
  // The schema type of the element decides details the rule kind cannot: a CS takes only a
  // code, an abstract ANY (observation/value) or a TS that receives an interval needs the
  // xsi:type of what was written.
  std::string declared = tree_.type_of(el);
  if (declared == "CS" && (r.kind == RuleKind::kCoded || r.kind == RuleKind::kCoding)) {
    std::string code = v.is_object() && v.contains("coding") && member(v, "coding").is_array() &&
                               !member(v, "coding").empty()
                           ? string_member(member(v, "coding")[0], "code")
                           : string_member(v, "code");
    if (code.empty()) return false;
    return rdt::cs(Json(code), el, ctx);
  }
  if (declared == "CS" && r.kind == RuleKind::kConceptMap) {
    Json coding;
    std::string code = mapped_code(r, s, coding);
    return !code.empty() && rdt::cs(Json(code), el, ctx);
  }
  bool wrote = write_value(r, s, el, ctx);
  bool time =
      r.kind == RuleKind::kDatetime ||
      ((r.kind == RuleKind::kEffective || r.kind == RuleKind::kValue) && s.suffix == "DateTime");
  if (wrote && time && cda::has_attr(el, "value")) {
    std::string ts = ts_for(s);
    if (!ts.empty()) tree_.set_attribute(el, "value", ts);
  }
  if (wrote && cda::xsi_type(el).empty()) {
    std::string written = written_type(r, s);
    bool needs = declared == "ANY" ||
                 (written == "IVL_TS" && (declared == "TS" || declared == "SXCM_TS")) ||
                 (written == "IVL_PQ" && declared == "PQ");
    if (needs && !written.empty()) tree_.set_attribute(el, "xsi:type", written);
  }
  return wrote;
}

// The CDA datatype a rule kind writes (for the xsi:type of an abstract or narrower element).
std::string ReverseRun::written_type(const Rule& r, const Slot& s) {
  switch (r.kind) {
    case RuleKind::kCoded:
    case RuleKind::kCoding:
    case RuleKind::kConceptMap:
      return "CD";
    case RuleKind::kCode:
      return "CS";
    case RuleKind::kCopy:
    case RuleKind::kText:
      return "ST";
    case RuleKind::kIdentifier:
      return "II";
    case RuleKind::kDatetime:
      return "TS";
    case RuleKind::kPeriod:
      return "IVL_TS";
    case RuleKind::kEffective:
      if (s.suffix == "DateTime" && s.element && rdt::interval_point(*s.element)) return "IVL_TS";
      return s.suffix == "Period" ? "IVL_TS" : "TS";
    case RuleKind::kQuantity:
      return "PQ";
    case RuleKind::kRange:
      return "IVL_PQ";
    case RuleKind::kRatio:
      return "RTO_PQ_PQ";
    case RuleKind::kAttachment:
      return "ED";
    default:
      return {};
  }
}

bool ReverseRun::write_value(const Rule& r, const Slot& s, xmlNode* el, ReverseContext& ctx) {
  const Json& v = *s.value;
  switch (r.kind) {
    case RuleKind::kCopy:
    case RuleKind::kText:
      if (v.is_string()) return rdt::st(v, el, ctx);
      if (!scalar_text(v).empty()) {
        std::string t = scalar_text(v);
        xmlNodeAddContentLen(el, reinterpret_cast<const xmlChar*>(t.data()),
                             static_cast<int>(t.size()));
        return true;
      }
      return false;
    case RuleKind::kIdentifier:
      return rdt::ii(v, el, ctx);
    case RuleKind::kCoded:
    case RuleKind::kCoding:
      return rdt::cd(v, el, ctx);
    case RuleKind::kCode:
      return rdt::cs(v, el, ctx);
    case RuleKind::kConceptMap: {
      Json coding;
      if (mapped_code(r, s, coding).empty()) return false;
      if (!coding.contains("system")) return rdt::cs(coding["code"], el, ctx);
      return rdt::cd(coding, el, ctx);
    }
    case RuleKind::kDatetime:
      return rdt::ts(v, el, ctx);
    case RuleKind::kPeriod:
      return rdt::ivl_ts(v, el, ctx);
    case RuleKind::kEffective:
      if (s.suffix == "DateTime" && s.element && rdt::interval_point(*s.element)) {
        // An interval whose low and high were this one time (original_time.h).
        Json period{{"start", v}, {"end", v}, {"_start", *s.element}, {"_end", *s.element}};
        return rdt::ivl_ts(period, el, ctx);
      }
      return s.suffix == "Period" ? rdt::ivl_ts(v, el, ctx) : rdt::ts(v, el, ctx);
    case RuleKind::kQuantity:
      return rdt::pq(v, el, ctx);
    case RuleKind::kRange:
      return rdt::ivl_pq(v, el, ctx);
    case RuleKind::kRatio:
      return rdt::rto(v, el, ctx);
    case RuleKind::kValue:
      return rdt::value(v, s.suffix, el, ctx);
    case RuleKind::kAddress:
      return rdt::ad(v, el, ctx);
    case RuleKind::kTelecom:
      return rdt::tel(v, el, ctx);
    case RuleKind::kName:
      return rdt::pn(v, el, ctx);
    case RuleKind::kOrgName:
      return rdt::on(v, el, ctx);
    case RuleKind::kAttachment:
      return rdt::ed(v, el, ctx);
    case RuleKind::kTiming:
      return rdt::timing(v, el, ctx);
    case RuleKind::kReference:
      return write_reference(r, s, el);
    case RuleKind::kObject: {
      std::vector<const Rule*> rules;
      if (r.table) {
        run_table(*r.table, v, el, s.path, nullptr);
      } else {
        for (const Rule& c : r.rules) rules.push_back(&c);
        run_rules(rules, v, el, s.path, false);
      }
      return has_content(el);
    }
    default:
      return false;
  }
}

bool ReverseRun::write_reference(const Rule& r, const Slot& s, xmlNode* el) {
  const Json* res = bundle_.resolve(*s.value, here());
  if (!res || !r.table) return false;
  for (const Json* b : building_) {
    if (b == res) return false;  // a reference cycle: the resource is being written right now
  }
  if (depth_ >= kMaxDepth) {
    diag(Severity::kWarning, IssueCode::kTooCostly, s.path, r.full_id,
         "references nest too deeply; this one is left out");
    return false;
  }
  ++depth_;
  building_.push_back(res);
  reading_.push_back(res);
  run_table(*r.table, *res, el, string_member(*res, "resourceType"), res);
  reading_.pop_back();
  building_.pop_back();
  --depth_;
  return has_content(el);
}

int ReverseRun::agreement(const Table& producer, const Json& resource) const {
  // How much of what the table states as constants the resource carries (category, code):
  // tells a vital sign from a lab result when neither carries a profile.
  int n = 0;
  for (const Table* p : chain_of(producer)) {
    for (const Rule& r : p->rules) {
      if (r.kind != RuleKind::kConstant || r.to.bundle || r.to.empty()) continue;
      for (const Slot& s : slots_for(r, resource, "")) {
        if (*s.value == r.value) {
          n += 3;
          break;
        }
      }
    }
  }
  return n;
}

// The template roots a dispatch path names (`observation[templateId/@root='x']`): a dispatch
// inside an entry table reaches only the statements of those templates.
void collect_roots(const Condition& c, std::vector<std::string>& out) {
  if (c.kind == Condition::Kind::kEquals) {
    const auto& st = c.path.steps();
    if (st.size() == 2 && st[0].kind == PathStep::Kind::kChild && st[0].name == "templateId" &&
        st[1].kind == PathStep::Kind::kAttribute && st[1].name == "root")
      out.push_back(c.literal);
    return;
  }
  for (const auto& op : c.operands) collect_roots(*op, out);
}

std::vector<std::string> template_roots(const Path& p) {
  std::vector<std::string> out;
  if (!p.alternatives().empty() || p.steps().empty()) return out;
  for (const auto& pred : p.steps().back().predicates) collect_roots(*pred, out);
  return out;
}

bool has_root(const Table& t, const std::vector<std::string>& roots) {
  for (const auto& k : t.templates) {
    for (const auto& r : roots) {
      if (k.root == r) return true;
    }
  }
  return false;
}

const Table* ReverseRun::reaches(const Table& t, const std::string& type, int depth) const {
  if (t.produces == type) return &t;
  if (!t.produces.empty() || depth > 3) return nullptr;
  for (const Table* p : chain_of(t)) {
    for (const Rule& g : p->rules) {
      if (g.reverse_off || g.to.text != "entry[]") continue;
      if (g.kind == RuleKind::kReference && g.table && g.table->produces == type) return g.table;
      if (g.kind != RuleKind::kDispatch) continue;
      for (const auto& root : template_roots(g.has_reverse_from ? g.reverse_from : g.from)) {
        const Table* inner = in_.set.by_template(TableRole::kEntry, root, "");
        if (inner && inner != &t) {
          if (const Table* found = reaches(*inner, type, depth + 1)) return found;
        }
      }
    }
  }
  return nullptr;
}

void ReverseRun::dispatch(const Rule& r, const Slot& s, xmlNode* el) {
  const Json* res = bundle_.resolve(*s.value, here());
  if (!res) {
    diag(Severity::kWarning, IssueCode::kNotSupported, s.path, r.full_id,
         "the entry reference does not resolve inside the Bundle; left out");
    return;
  }
  if (r.trace && !section_entries_.empty()) section_entries_.back().push_back(res);
  for (const Json* bld : building_) {
    if (bld == res) return;  // a reference cycle
  }
  std::string type = string_member(*res, "resourceType");
  auto have = resource_profiles(*res);
  // Section entries prefer the entry tables their section names; a dispatch inside an entry
  // (a concern act's observation) reaches only the templates its path names.
  const ReverseSection* sec = r.trace && !sections_.empty() ? sections_.back() : nullptr;
  const Path& where = r.has_reverse_from ? r.reverse_from : r.from;
  std::vector<std::string> roots = template_roots(where);
  const Table* best = nullptr;
  int best_score = -1000;
  for (const auto& tp : in_.set.tables()) {
    const Table& t = *tp;
    if (t.role != TableRole::kEntry || t.element.empty()) continue;
    if (!roots.empty() && !has_root(t, roots)) continue;
    const Table* producer = reaches(t, type, 0);
    if (!producer) continue;
    int sc = producer == &t ? 10 : 8;
    if (!producer->reverse.when.empty()) {
      if (!holds_values(producer->reverse.when, *res)) continue;
      sc += 15;
    }
    auto want = profiles_of(*producer);
    bool match = false;
    for (const auto& h : have) {
      for (const auto& w : want) match = match || h == w;
    }
    if (match) sc += 10;
    if (!match && !want.empty() && !have.empty()) sc -= 5;
    sc += agreement(*producer, *res);
    if (sec) {
      for (std::size_t i = 0; i < sec->entry_tables.size(); ++i) {
        if (sec->entry_tables[i] == &t) sc += 40 - static_cast<int>(i);
      }
    }
    if (sc > best_score) {
      best_score = sc;
      best = &t;
    }
  }
  if (!best) {
    diag(Severity::kWarning, IssueCode::kNotSupported, s.path, r.full_id,
         "no entry table maps a " + type + " back to a C-CDA statement; left out");
    return;
  }
  CdaTree::Built b = tree_.realize(el, where, true, best->element);
  if (!b.ok() || cda::name_of(b.element) != best->element) {
    if (b.created) CdaTree::discard(b.created);
    diag(Severity::kWarning, IssueCode::kStructure, s.path, r.full_id,
         "the entry cannot be placed here; left out");
    return;
  }
  ++depth_;
  reading_.push_back(res);
  if (best->produces == type) {
    building_.push_back(res);
    run_table(*best, *res, b.element, type, res);
    building_.pop_back();
  } else {
    // A group (a concern act, a medication activity): its rules see the resource, and its
    // `entry[]` rules the reference that reaches the resource's own table.
    Json group = *res;
    group["entry"] = Json::array({*s.value});
    run_table(*best, group, b.element, type, nullptr);
  }
  reading_.pop_back();
  --depth_;
}

void ReverseRun::apply(const Rule& r, const Slot& s, xmlNode* el) {
  if (in_.deadline) in_.deadline->tick("applying the mapping rules backwards");
  const Path* path = r.has_reverse_from ? &r.reverse_from : (r.has_from ? &r.from : nullptr);
  switch (r.kind) {
    case RuleKind::kConstant:
      // The constant came from a CDA that met its condition: the equalities the condition
      // states (@negationInd='true', statusCode/@code='active') are realised.
      if (r.when) tree_.realize_condition(el, *r.when);
      // What the CDA held for the constant to be produced, declared by the table.
      for (const Path& e : r.reverse_ensure) tree_.realize(el, e, false);
      return;
    case RuleKind::kDispatch:
      if (depth_ < kMaxDepth) dispatch(r, s, el);
      return;
    case RuleKind::kNarrative: {
      const Json& div = member(*s.value, "div");
      if (div.is_string() && in_.narrative && string_member(*s.value, "status") != "empty") {
        if (!in_.narrative(div.get<std::string>(), el)) {
          diag(Severity::kWarning, IssueCode::kInvalid, s.path, r.full_id,
               "the narrative could not be converted; a narrative is made from the entries");
        }
      }
      return;
    }
    case RuleKind::kDataAbsent: {
      if (!path || !creatable(*path, r.reverse_climbs())) return;
      std::string code =
          s.value->is_string() ? s.value->get<std::string>() : data_absent_code(*s.value);
      CdaTree::Built b = tree_.realize(el, *path, r.to.appends());
      if (!b.ok() || !b.attribute.empty()) return;
      if (!cda::has_attr(b.element, "nullFlavor") && !b.element->children) {
        tree_.set_attribute(b.element, "nullFlavor",
                            rdt::null_flavor_for(code, in_.set.concept_maps()));
        // An abstract ANY (observation/value) needs a concrete type even when it is only a
        // null; CD, the most general coded type, says no more than the null itself.
        if (tree_.type_of(b.element) == "ANY") tree_.set_attribute(b.element, "xsi:type", "CD");
      }
      return;
    }
    default:
      break;
  }
  // Read from context: nothing of its own to write.
  if (path && !creatable(*path, r.reverse_climbs())) return;
  CdaTree::Built b;
  if (path) {
    b = tree_.realize(el, *path, r.to.appends());
  } else {
    b.element = el;
  }
  if (!b.ok()) {
    diag(Severity::kInformation, IssueCode::kStructure, s.path, r.full_id,
         "the CDA schema has no place for this value here; left out");
    return;
  }
  // A datatype element another value already filled with content (two resources naming one
  // organization on one representedOrganization): the first value stands, as forward the first
  // rule won. Attributes alone (a code a constant's condition stated) are completed instead.
  bool leaf = r.kind != RuleKind::kObject && r.kind != RuleKind::kReference;
  if (leaf && path && !b.created && b.attribute.empty() && b.element != el && b.element->children &&
      !CdaContentModel::is_structural(tree_.type_of(b.element)))
    return;
  bool shared = r.kind == RuleKind::kReference && b.element == el && !resource_elements_.empty() &&
                resource_elements_.back() == el && shared_.insert(el).second;
  bool wrote = write(r, s, b);
  if (shared) shared_.erase(el);
  if (!wrote) {
    if (b.created) CdaTree::discard(b.created);
    return;
  }
  if (b.created && b.created == b.element && repeats_sibling(b.element)) {
    // Two resources written onto one element (a PractitionerRole and its Practitioner on one
    // assignedAuthor) may state the same telecom or address: CDA states it once.
    CdaTree::discard(b.created);
    return;
  }
  for (const Path& e : r.reverse_ensure) tree_.realize(b.element, e, false);
}

const Table* ReverseRun::document_table(const Json& composition) const {
  auto have = resource_profiles(composition);
  const Table* by_code = nullptr;
  const Json& codings = member(member(composition, "type"), "coding");
  // A profile names the document table only when one table claims it: several document types
  // without a profile of their own (Unstructured Document) share the US Realm Header's, and
  // then the type code, else the fallback, decides.
  const Table* by_profile = nullptr;
  int claims = 0;
  for (const auto& tp : in_.set.tables()) {
    if (tp->role != TableRole::kDocument) continue;
    bool claimed = false;
    for (const auto& p : tp->profiles) {
      for (const auto& h : have) claimed = claimed || h == p;
    }
    if (claimed) {
      by_profile = tp.get();
      ++claims;
    }
  }
  if (claims == 1) return by_profile;
  for (const auto& tp : in_.set.tables()) {
    if (tp->role != TableRole::kDocument) continue;
    if (by_code || !codings.is_array()) continue;
    for (const Json& want : tp->reverse.type_codes) {
      for (const Json& c : codings) {
        if (string_member(c, "code") == string_member(want, "code") &&
            string_member(c, "system") == string_member(want, "system"))
          by_code = tp.get();
      }
    }
  }
  return by_code ? by_code : in_.set.fallback_document();
}

// The Composition with the sections its document table requires and it lacks added, empty
// (`required-sections`, `empty-section`): each carries the code, the title the section
// catalogue gives it and the table's empty content. Null when nothing is missing.
Json ReverseRun::with_required_sections(const Table& t, const Json& composition) const {
  std::vector<const std::vector<std::string>*> required;
  const Table* empty = nullptr;
  for (const Table* p : chain_of(t)) {
    for (const auto& alternatives : p->reverse.required_sections) required.push_back(&alternatives);
    if (!p->reverse.empty_section.is_null()) empty = p;
  }
  if (required.empty() || !empty) return Json();
  const std::string& system = empty->reverse.empty_section_system;
  std::set<std::string> present;
  const Json& sections = member(composition, "section");
  if (sections.is_array()) {
    for (const Json& sec : sections) {
      const Json& codings = member(member(sec, "code"), "coding");
      if (!codings.is_array()) continue;
      for (const Json& c : codings) {
        if (string_member(c, "system") == system) present.insert(string_member(c, "code"));
      }
    }
  }
  Json out;
  for (const auto* alternatives : required) {
    // An alternative is a code, or codes joined by '+' that must all be there.
    bool have = false;
    for (const auto& alternative : *alternatives) {
      bool all = true;
      for (std::size_t b = 0; b <= alternative.size();) {
        std::size_t e = std::min(alternative.find('+', b), alternative.size());
        all = all && present.count(alternative.substr(b, e - b));
        b = e + 1;
      }
      have = have || all;
    }
    if (have) continue;
    const std::string& code = alternatives->front();
    std::string title;
    for (const auto& tp : in_.set.tables()) {
      for (const ReverseSection& rs : tp->reverse.sections) {
        if (rs.code == code && title.empty()) title = rs.title;
      }
    }
    if (out.is_null()) {
      out = composition;
      if (!out["section"].is_array()) out["section"] = Json::array();
    }
    Json sec = Json::object();
    sec["title"] = title.empty() ? code : title;
    sec["code"] = {{"coding", Json::array({{{"system", system}, {"code", code}}})}};
    for (auto it = empty->reverse.empty_section.begin(); it != empty->reverse.empty_section.end();
         ++it)
      sec[it.key()] = it.value();
    out["section"].push_back(std::move(sec));
    present.insert(code);
  }
  return out;
}

std::string ReverseRun::run(const Json& composition) {
  const Table* t = document_table(composition);
  if (!t) throw Error(ErrorKind::kConfig, "no document mapping table");
  xmlNode* root = tree_.root();
  building_.push_back(&composition);
  reading_.push_back(&composition);
  // The resource stays the Bundle's own (its fullUrl names the document); its fields may gain
  // the empty sections the document type requires.
  Json filled = with_required_sections(*t, composition);
  run_table(*t, filled.is_null() ? composition : filled, root, "Composition", &composition);
  reading_.pop_back();
  building_.pop_back();
  if (in_.deadline) in_.deadline->check("applying the mapping rules backwards");
  // Fixed structure of every element of a kind inside the entries (`ensure-in-entries`).
  for (const auto& table : in_.set.tables()) {
    if (!table->reverse.ensure_in_entries) continue;
    std::vector<xmlNode*> found;
    untemplated_in_entries(root, table->element, false, found);
    for (xmlNode* el : found) {
      for (const Path& e : table->reverse.ensure) tree_.realize(el, e, false);
    }
  }
  conform_to_schema(tree_, root, sink_);
  indent(root, 0);
  xmlChar* buf = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(tree_.doc(), &buf, &size, "UTF-8", 0);
  std::string out(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(size));
  xmlFree(buf);
  out.push_back('\n');
  return out;
}

}  // namespace

std::string build_ccda(const ReverseInputs& in, const Json& bundle_json, DiagnosticSink& sink) {
  if (!bundle_json.is_object() || string_member(bundle_json, "resourceType") != "Bundle") {
    // Say what it is instead (a single resource, or JSON that is no FHIR resource); the type
    // is a name of the FHIR specification, never patient content, when it is one.
    std::string type = string_member(bundle_json, "resourceType");
    bool named =
        !type.empty() && type.size() <= 64 &&
        std::all_of(type.begin(), type.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
    throw Error(ErrorKind::kInputRejected,
                named ? "input is a FHIR " + type +
                            " resource, not a FHIR Bundle: to-ccda reads a document, collection, "
                            "searchset or transaction Bundle"
                : bundle_json.is_object() && bundle_json.contains("resource")
                    ? std::string("input is one Bundle entry (an object holding a "
                                  "resource), not a FHIR Bundle")
                    : std::string("input is not a FHIR Bundle (no resourceType Bundle)"));
  }
  FhirBundle bundle(bundle_json);
  const Json* composition = find_composition(bundle);
  Json made;
  if (!composition) {
    made = composition_for_collection(bundle, in.set, in.options, sink);
    composition = &made;
  } else {
    report_unreached(bundle, *composition, in.set, sink);
  }
  ReverseRun run(in, bundle, sink);
  return run.run(*composition);
}

}  // namespace ccdafhir
