#include "mapping/interpreter.h"

#include <algorithm>
#include <memory>
#include <set>
#include <span>
#include <unordered_map>

#include "cda/xml.h"
#include "datatypes/datatypes.h"
#include "datatypes/original_time.h"
#include "mapping/entry_summary.h"
#include "util/uuid.h"

namespace ccdafhir {

namespace {

constexpr int kMaxResourceDepth = 24;
constexpr const char* kDataAbsentSystem =
    "http://terminology.hl7.org/CodeSystem/data-absent-reason";
constexpr const char* kDataAbsentExtension =
    "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

// Thrown by a skip rule; the dispatch of the statement being converted catches it.
struct SkipEntry {
  std::string reason;
};

struct Produced {
  std::string uuid;
  Json resource;
  const xmlNode* source = nullptr;
};

class DocumentRun {
 public:
  DocumentRun(const MappingSet& set, const Narrator& narrator, const ParsedCda& parsed,
              const std::string& doc_key, const ConvertOptions& options, Deadline& deadline,
              ConversionResult& result)
      : set_(set),
        narrator_(narrator),
        parsed_(parsed),
        doc_key_(doc_key),
        options_(options),
        deadline_(deadline),
        result_(result),
        narratives_(narrator.render_sections(parsed.doc.get(), parsed.section_texts)) {
    // libxslt cannot be interrupted midway; the transform is linear in the narrative's size
    // (bounded by the input limits), so the budget is checked as soon as it returns.
    deadline_.check("rendering the narrative");
  }

  Json run();

 private:
  const MappingSet& set_;
  const Narrator& narrator_;
  const ParsedCda& parsed_;
  std::string doc_key_;
  const ConvertOptions& options_;
  Deadline& deadline_;
  ConversionResult& result_;
  std::vector<Produced> resources_;
  std::unordered_map<std::string, std::size_t> by_uuid_;
  // Statements that share an identifier with different content: the id each source element
  // got, and how many such ids each identity name has handed out (see produce_resource).
  std::unordered_map<const xmlNode*, std::string> collided_;
  std::unordered_map<std::string, int> collisions_;
  // Owned resources without identity (see identity_name): the name each source element got,
  // and how many each owner's table has named.
  std::unordered_map<const xmlNode*, std::string> owned_names_;
  std::unordered_map<std::string, int> owned_count_;
  std::set<std::string> building_;
  std::vector<std::string> owners_;          // uuids of the resources being built, innermost last
  std::vector<const xmlNode*> owner_nodes_;  // and their source elements
  int depth_ = 0;
  std::size_t traced_entries_ = 0;
  Json* bundle_ = nullptr;
  Narrator::Rendered narratives_;  // every section/text, rendered in one transform
  mutable cda::NodePaths paths_;   // source paths of diagnostics, trace records and identities
  struct AbsentReport {
    std::size_t index;  // in result_.diagnostics
    std::string uuid;   // the resource being built
    std::string key;    // its field that got the marker ("_name" counts as "name")
    bool withdrawn = false;
  };
  std::vector<AbsentReport> absent_reports_;
  // Node lists for apply(), reused: selections_[k] serves the k-th apply() on the stack.
  std::vector<std::unique_ptr<std::vector<const xmlNode*>>> selections_;
  std::size_t selections_in_use_ = 0;
  // `shared-from` rules: what each selected from a given ancestor (see Rule::shared_from).
  struct SharedKey {
    const Rule* rule;
    const xmlNode* ancestor;
    bool operator==(const SharedKey&) const = default;
  };
  struct SharedKeyHash {
    std::size_t operator()(const SharedKey& k) const {
      return std::hash<const void*>()(k.rule) * 31 + std::hash<const void*>()(k.ancestor);
    }
  };
  std::unordered_map<SharedKey, std::vector<const xmlNode*>, SharedKeyHash> shared_selections_;
  void select_from(const Rule& rule, const xmlNode* node, std::vector<const xmlNode*>& out);
  class SelectionBuffer {
   public:
    explicit SelectionBuffer(DocumentRun& run) : run_(run) {
      if (run_.selections_in_use_ == run_.selections_.size())
        run_.selections_.push_back(std::make_unique<std::vector<const xmlNode*>>());
      nodes_ = run_.selections_[run_.selections_in_use_++].get();
      nodes_->clear();
    }
    ~SelectionBuffer() { --run_.selections_in_use_; }
    SelectionBuffer(const SelectionBuffer&) = delete;
    SelectionBuffer& operator=(const SelectionBuffer&) = delete;
    std::vector<const xmlNode*>& nodes() { return *nodes_; }

   private:
    DocumentRun& run_;
    std::vector<const xmlNode*>* nodes_ = nullptr;
  };

  void diag(Severity s, IssueCode c, const xmlNode* node, const std::string& rule,
            std::string msg) {
    Diagnostic d;
    d.severity = s;
    d.code = c;
    if (node) {
      d.source_path = paths_.path(node);
      d.source_line = cda::node_line(node);
    }
    d.rule_id = rule;
    d.message = std::move(msg);
    result_.diagnostics.add(std::move(d));
  }

  // A data-absent rule wrote data-absent-reason: the source lacks what FHIR requires there.
  // The diagnostic names the source element (the one with the nullFlavor, or the one that
  // lacks the child) and the target, never a value. It is withdrawn when the marker does not
  // reach the output: the resource holds nothing else (not produced), or a later occurrence of
  // the same resource supplies the value (merge).
  void report_absent(const Rule& rule, const xmlNode* n) {
    std::string what =
        rule.has_from && n->type == XML_ELEMENT_NODE && cda::has_attr(n, "nullFlavor")
            ? rule.from_text + " has a nullFlavor"
            : "the source gives no value";
    std::string key = rule.to.segments.front().name;
    if (!key.empty() && key[0] == '_') key.erase(0, 1);
    absent_reports_.push_back({result_.diagnostics.items().size(),
                               owners_.empty() ? std::string() : owners_.back(), key});
    diag(Severity::kWarning, IssueCode::kRequired, n, rule.full_id,
         what + " for " + rule.to.text + ": written as data-absent-reason" +
             (rule.why.empty() ? std::string() : " (" + rule.why + ")"));
  }
  // `absent-parts`: each required key the produced object lacks gets `_key` with
  // data-absent-reason (unknown). Returns the keys so marked.
  static std::vector<std::string> mark_absent_parts(const Rule& rule, Json& value) {
    std::vector<std::string> marked;
    if (rule.absent_parts.empty() || !value.is_object()) return marked;
    for (const std::string& part : rule.absent_parts) {
      if (value.contains(part) || value.contains("_" + part)) continue;
      value["_" + part] =
          Json{{"extension",
                Json::array({Json{{"url", kDataAbsentExtension}, {"valueCode", "unknown"}}})}};
      marked.push_back(part);
    }
    return marked;
  }
  void report_absent_part(const Rule& rule, const xmlNode* n, const std::string& part) {
    std::string key = rule.to.segments.front().name;
    absent_reports_.push_back({result_.diagnostics.items().size(),
                               owners_.empty() ? std::string() : owners_.back(), key});
    diag(Severity::kWarning, IssueCode::kRequired, n, rule.full_id,
         "the source gives no value for " + rule.to.text + "." + part +
             ": written as data-absent-reason (a profile requires it)");
  }
  // `kind: narrative, as: generated`: the section's entries, listed; the source section that
  // lacks the narrative C-CDA requires is reported.
  void generate_narrative(const Rule& rule, const xmlNode* node, Json& obj) {
    if (!obj.is_object() || !obj.contains("entry") || is_set(obj, rule.to)) return;
    Json text = entry_summary_narrative(obj["entry"], [&](const std::string& ref) -> const Json* {
      if (ref.rfind("urn:uuid:", 0) != 0) return nullptr;
      auto it = by_uuid_.find(ref.substr(9));
      return it == by_uuid_.end() ? nullptr : &resources_[it->second].resource;
    });
    if (text.is_null() || !assign(obj, rule.to, std::move(text), {})) return;
    diag(Severity::kWarning, IssueCode::kRequired, node, rule.full_id,
         "the section has entries but no text (C-CDA: a section SHALL contain text; C-CDA on "
         "FHIR requires section.text): " +
             rule.to.text + " is generated from the entries");
  }
  // key "": every report of the resource.
  void withdraw_absent_reports(const std::string& uuid, const std::string& key) {
    for (AbsentReport& a : absent_reports_) {
      if (a.uuid == uuid && (key.empty() || a.key == key)) a.withdrawn = true;
    }
  }
  void remove_withdrawn_reports() {
    auto& items = result_.diagnostics.items();
    std::vector<bool> drop(items.size(), false);
    bool any = false;
    for (const AbsentReport& a : absent_reports_) {
      if (a.withdrawn && a.index < drop.size()) drop[a.index] = any = true;
    }
    if (!any) return;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (drop[i]) continue;
      if (kept != i) items[kept] = std::move(items[i]);
      ++kept;
    }
    items.resize(kept);
    absent_reports_.clear();
  }
  static bool only_absent_markers(const Json& res);
  static bool states_otherwise(const Json& existing, const Json& res);
  void merge_field(Json& existing, const std::string& key, const Json& value,
                   const std::string& uuid);
  void run_rules(const Table& table, const xmlNode* node, Json& obj);
  void apply(const Rule& rule, const xmlNode* node, Json& obj);
  Json produce(const Rule& rule, const xmlNode* node, std::string& suffix);
  std::vector<Json> dispatch(const Rule& rule, const xmlNode* node);
  // `owned`: made beside the resource being built (a `resource` rule: a Provenance per author).
  std::string produce_resource(const Table& table, const xmlNode* node, bool owned = false);
  static bool assign(Json& obj, const Target& target, Json value, const std::string& suffix);
  static Json* appended_array(Json& obj, const Target& target);
  static Json* appended_element(Json& obj, const Target& target, std::size_t index);
  static Json original_time_of(const Rule& rule, const xmlNode* n, const Json& value,
                               const std::string& suffix);
  static void assign_element(Json& obj, const Target& target, const std::string& suffix,
                             Json element);
  static bool is_set(const Json& obj, const Target& target);
  static bool is_unset(const Json& obj, const std::vector<std::string>& keys);
  std::string identity_name(const Table& table, const xmlNode* node, bool owned);
  const Table* table_for_entry(const xmlNode* node, std::string& template_oid) const;
  void rollback(std::size_t size);
  static void rewrite_reference(Json& j, const std::string& from, const std::string& to);
};

namespace {

// {"extension": [data-absent-reason...]}: an element that only says the source had no value
// (its required parts, "_family", may carry the same marker: `absent-parts`).
bool absent_marker(const Json& v) {
  if (!v.is_object() || !v.contains("extension")) return false;
  const Json& ext = v["extension"];
  if (!ext.is_array() || ext.empty()) return false;
  for (const Json& e : ext) {
    if (!e.is_object() || e.value("url", std::string()) != kDataAbsentExtension) return false;
  }
  for (auto kv = v.begin(); kv != v.end(); ++kv) {
    if (kv.key() == "extension") continue;
    if (kv.key()[0] != '_' || !absent_marker(kv.value())) return false;
  }
  return true;
}

}  // namespace

namespace {

bool absent_value(const Json& v) {
  if (!v.is_array()) return absent_marker(v);
  for (const Json& item : v) {
    if (!absent_marker(item)) return false;
  }
  return !v.empty();
}

}  // namespace

// Whether two occurrences of one identity state a single-valued field differently (two
// Encounter Activities sharing an id with different periods): then they are two statements
// sharing an id, not one resource stated twice, and `merge` does not join them. References
// do not count: a resource named by its place (no id) differs in every occurrence.
bool DocumentRun::states_otherwise(const Json& existing, const Json& res) {
  for (auto kv = res.begin(); kv != res.end(); ++kv) {
    const std::string& k = kv.key();
    if (k == "resourceType" || k == "id" || k == "meta" || k[0] == '_' || kv->is_array() ||
        (kv->is_object() && kv->contains("reference")))
      continue;
    auto it = existing.find(k);
    if (it == existing.end() || it->is_array() || absent_value(*it) || absent_value(*kv)) continue;
    if (*it != *kv) return true;
  }
  return false;
}

// Merging a second occurrence of the same resource: fields it adds are taken, and a real value
// replaces a data-absent-reason marker the first occurrence left (and its "_name" twin).
void DocumentRun::merge_field(Json& existing, const std::string& key, const Json& value,
                              const std::string& uuid) {
  std::string plain = key[0] == '_' ? key.substr(1) : key;
  auto real = [&](const std::string& k) {
    auto it = existing.find(k);
    return it != existing.end() && !absent_value(*it);
  };
  if (absent_value(value)) {
    if (real(plain)) {
      withdraw_absent_reports(uuid, plain);  // the resource has the value after all
      return;
    }
    if (!existing.contains(key)) existing[key] = value;
    return;
  }
  if (real(key)) return;  // first occurrence wins
  withdraw_absent_reports(uuid, plain);
  existing[key] = value;
  if (key[0] != '_') {
    auto twin = existing.find("_" + key);
    if (twin != existing.end() && absent_value(*twin)) existing.erase(twin);
  }
}

bool DocumentRun::only_absent_markers(const Json& res) {
  for (auto kv = res.begin(); kv != res.end(); ++kv) {
    const std::string& k = kv.key();
    if (k == "resourceType" || k == "id" || k == "meta") continue;
    const Json& v = kv.value();
    if (v.is_array()) {
      for (const Json& item : v) {
        if (!absent_marker(item)) return false;
      }
    } else if (!absent_marker(v)) {
      return false;
    }
  }
  return true;
}

void DocumentRun::run_rules(const Table& table, const xmlNode* node, Json& obj) {
  if (table.extends) run_rules(*table.extends, node, obj);
  for (const Rule& r : table.rules) apply(r, node, obj);
}

bool DocumentRun::is_unset(const Json& obj, const std::vector<std::string>& keys) {
  for (const auto& k : keys) {
    if (obj.is_object() && obj.contains(k)) return false;
  }
  return true;
}

void DocumentRun::select_from(const Rule& rule, const xmlNode* node,
                              std::vector<const xmlNode*>& out) {
  if (!rule.shared_from) {
    rule.from.select(node, out);
    return;
  }
  const xmlNode* ancestor = node;
  for (std::size_t i = 0; i < rule.shared_climb; ++i) {
    // As the path's own parent step: above the root element nothing is selected.
    if (!ancestor->parent || ancestor->parent->type != XML_ELEMENT_NODE) return;
    ancestor = ancestor->parent;
  }
  auto [it, fresh] = shared_selections_.try_emplace(SharedKey{&rule, ancestor});
  if (fresh) rule.from.select(node, it->second);
  out.insert(out.end(), it->second.begin(), it->second.end());
}

void DocumentRun::apply(const Rule& rule, const xmlNode* node, Json& obj) {
  deadline_.tick("applying the mapping rules");
  if (rule.kind == RuleKind::kSkip) {
    if (rule.when && !rule.when->test(node)) return;
    throw SkipEntry{rule.why};
  }
  // The cheap checks first: `if-unset` and a set target look at the object being built, `when`
  // walks the source. All three only decide whether the rule applies (none has an effect).
  if (!rule.if_unset.empty() && !is_unset(obj, rule.if_unset)) return;
  Json& target_root = rule.to.bundle && bundle_ ? *bundle_ : obj;
  // First rule wins: a fallback whose target is already set is not even evaluated.
  if (!rule.to.empty() && !rule.to.appends() && is_set(target_root, rule.to)) return;
  if (rule.when && !rule.when->test(node)) return;
  // A rule without `from` applies to the node itself: no list is built for it. Selections
  // reuse the run's buffers (one per nesting level): a vector per rule was an allocation each.
  SelectionBuffer buffer(*this);
  std::vector<const xmlNode*>& selected = buffer.nodes();
  if (rule.has_from) {
    select_from(rule, node, selected);
    if (selected.empty()) return;
  }
  const std::span<const xmlNode* const> nodes = rule.has_from
                                                    ? std::span<const xmlNode* const>(selected)
                                                    : std::span<const xmlNode* const>(&node, 1);
  if (rule.kind == RuleKind::kNarrative && rule.as == "generated") {
    generate_narrative(rule, node, target_root);
    return;
  }
  if (rule.kind == RuleKind::kDispatch) {
    for (const xmlNode* n : nodes) {
      for (Json& ref : dispatch(rule, n)) {
        if (!rule.to.empty()) assign(target_root, rule.to, std::move(ref), {});
      }
    }
    return;
  }
  bool many = rule.to.appends();
  // `nest-repeats`: each key met in this selection, with the array index its element got (a
  // hash map: a hostile document may hold many thousands of sections, each with its own code).
  std::unordered_map<std::string, std::size_t> keyed;
  for (const xmlNode* n : nodes) {
    std::string key;
    const std::size_t* first_with_key = nullptr;  // the array index of that key's element
    if (rule.has_nest) {
      if (const xmlNode* k = rule.nest_key.first(n))
        key = cda::normalize_space(cda::string_value(k));
      if (auto seen = keyed.find(key); !key.empty() && seen != keyed.end())
        first_with_key = &seen->second;
    }
    std::string suffix;
    Json value = produce(rule, n, suffix);
    if (is_empty_value(value)) continue;
    if (rule.has_fixed && rule.kind != RuleKind::kObject && value.is_object()) {
      // `fixed` on a datatype rule: its fields join what the datatype produced.
      for (auto it = rule.value.begin(); it != rule.value.end(); ++it) {
        if (!value.contains(it.key())) value[it.key()] = it.value();
      }
    }
    std::vector<std::string> marked = mark_absent_parts(rule, value);
    Json original = original_time_of(rule, n, value, suffix);
    bool assigned = false;
    if (first_with_key) {
      Json* earlier = appended_element(target_root, rule.to, *first_with_key);
      assigned = earlier && assign(*earlier, rule.nest_into, std::move(value), suffix);
      if (assigned) {
        diag(Severity::kInformation, IssueCode::kInformational, n, rule.full_id,
             "an earlier element of '" + rule.to.text +
                 "' has the same key (nest-repeats): written into it, as its '" +
                 rule.nest_into.text + "'");
      }
      continue;
    }
    assigned = assign(target_root, rule.to, std::move(value), suffix);
    if (assigned && !key.empty()) {
      if (const Json* arr = appended_array(target_root, rule.to)) {
        keyed.emplace(std::move(key), arr->size() - 1);
      }
    }
    if (assigned && rule.kind == RuleKind::kDataAbsent) report_absent(rule, n);
    if (assigned && rule.kind != RuleKind::kDataAbsent) {  // that one is reported whole
      for (const std::string& part : marked) report_absent_part(rule, n, part);
    }
    if (assigned && !original.is_null()) assign_element(target_root, rule.to, suffix, original);
    if (!many && assigned) break;
    if (!many && !assigned) break;  // the target was already set by an earlier rule: first wins
  }
}

// The array an appending target writes to, or null when nothing was appended yet.
Json* DocumentRun::appended_array(Json& obj, const Target& target) {
  Json* cur = &obj;
  for (const TargetSegment& seg : target.segments) {
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(seg.name);
    if (it == cur->end()) return nullptr;
    cur = &*it;
  }
  return cur->is_array() ? cur : nullptr;
}

Json* DocumentRun::appended_element(Json& obj, const Target& target, std::size_t index) {
  Json* arr = appended_array(obj, target);
  if (!arr || index >= arr->size() || !(*arr)[index].is_object()) return nullptr;
  return &(*arr)[index];
}

// A date or dateTime that could not keep the TS as written: the TS for the primitive's
// element (`_x`), else null. Only single values carry one (an array would need a parallel
// `_x` array).
Json DocumentRun::original_time_of(const Rule& rule, const xmlNode* n, const Json& value,
                                   const std::string& suffix) {
  if (!value.is_string() || rule.to.appends() || rule.to.empty()) return nullptr;
  bool time = rule.kind == RuleKind::kDatetime ||
              ((rule.kind == RuleKind::kEffective || rule.kind == RuleKind::kValue) &&
               suffix == "DateTime");
  if (!time || !n) return nullptr;
  if (n->type == XML_ATTRIBUTE_NODE) return dt::original_time(cda::string_value(n), value);
  const xmlNode* source = n;
  if (!cda::has_attr(n, "value")) source = cda::child(n, "low");
  if (!source || !cda::has_attr(source, "value")) return nullptr;
  Json out = dt::original_time(cda::attr(source, "value"), value);
  // An effective interval whose low and high are one time became a dateTime: say so, so that
  // FHIR -> CDA writes the interval again (original_time.h, interval_point_extension).
  const xmlNode* high = source != n ? cda::child(n, "high") : nullptr;
  if (rule.kind == RuleKind::kEffective && high && cda::has_attr(high, "value") &&
      cda::attr(high, "value") == cda::attr(source, "value")) {
    if (out.is_null()) out = Json{{"extension", Json::array()}};
    out["extension"].push_back(dt::interval_point_extension());
  }
  return out;
}

void DocumentRun::assign_element(Json& obj, const Target& target, const std::string& suffix,
                                 Json element) {
  Json* cur = &obj;
  for (std::size_t i = 0; i + 1 < target.segments.size(); ++i) {
    auto it = cur->find(target.segments[i].name);
    if (it == cur->end() || !it->is_object()) return;
    cur = &*it;
  }
  const TargetSegment& last = target.segments.back();
  std::string key = "_" + last.name + (last.choice ? suffix : std::string());
  if (!cur->contains(key)) (*cur)[key] = std::move(element);
}

bool DocumentRun::is_set(const Json& obj, const Target& target) {
  const Json* cur = &obj;
  for (std::size_t i = 0; i + 1 < target.segments.size(); ++i) {
    auto it = cur->find(target.segments[i].name);
    if (it == cur->end()) return false;
    cur = &*it;
    if (!cur->is_object()) return true;  // cannot be assigned either
  }
  const TargetSegment& last = target.segments.back();
  if (!cur->is_object()) return false;
  // "_x" (a primitive's extensions, e.g. a data-absent-reason) is set when x is.
  if (!last.choice)
    return cur->contains(last.name) ||
           (last.name.size() > 1 && last.name[0] == '_' && cur->contains(last.name.substr(1)));
  for (auto it = cur->begin(); it != cur->end(); ++it) {
    const std::string& k = it.key();
    if (k.size() > last.name.size() && k.compare(0, last.name.size(), last.name) == 0 &&
        std::isupper(static_cast<unsigned char>(k[last.name.size()]))) {
      return true;
    }
  }
  return false;
}

bool DocumentRun::assign(Json& obj, const Target& target, Json value, const std::string& suffix) {
  Json* cur = &obj;
  for (std::size_t i = 0; i + 1 < target.segments.size(); ++i) {
    // A string_view key is looked up without building a std::string (operator[] with a
    // std::string takes it by value: a copy per call, found or not).
    Json& next = (*cur)[std::string_view(target.segments[i].name)];
    if (next.is_null()) next = Json::object();
    if (!next.is_object()) return false;
    cur = &next;
  }
  const TargetSegment& last = target.segments.back();
  if (last.choice) {
    for (auto it = cur->begin(); it != cur->end(); ++it) {
      const std::string& k = it.key();
      if (k.size() > last.name.size() && k.compare(0, last.name.size(), last.name) == 0 &&
          std::isupper(static_cast<unsigned char>(k[last.name.size()]))) {
        return false;
      }
    }
    (*cur)[last.name + suffix] = std::move(value);
    return true;
  }
  if (last.append) {
    Json& arr = (*cur)[std::string_view(last.name)];
    if (arr.is_null()) arr = Json::array();
    if (!arr.is_array()) return false;
    if (value.is_array()) {
      for (auto& v : value) arr.push_back(std::move(v));
    } else {
      arr.push_back(std::move(value));
    }
    return true;
  }
  if (cur->contains(last.name)) return false;
  (*cur)[std::string_view(last.name)] = std::move(value);
  return true;
}

Json DocumentRun::produce(const Rule& rule, const xmlNode* n, std::string& suffix) {
  DatatypeContext ctx{set_.code_systems(), parsed_.ids, result_.diagnostics, rule.full_id, &paths_};
  switch (rule.kind) {
    case RuleKind::kCopy: {
      std::string v = cda::string_value(n);
      v = (rule.as == "markdown" || rule.as == "string") ? cda::plain_spaces(v)
                                                         : cda::normalize_space(v);
      if (cda::is_blank(v)) return nullptr;
      if (rule.as == "boolean") {
        if (v == "true") return true;
        if (v == "false") return false;
        ctx.report(Severity::kWarning, IssueCode::kInvalid, n, "value is not a boolean");
        return nullptr;
      }
      if (rule.as == "integer" || rule.as == "decimal") {
        Json num = Json::parse(v, nullptr, false);
        if (num.is_discarded() || !num.is_number() ||
            (rule.as == "integer" && !num.is_number_integer())) {
          ctx.report(Severity::kWarning, IssueCode::kInvalid, n, "value is not a " + rule.as);
          return nullptr;
        }
        return num;
      }
      return v;
    }
    case RuleKind::kConstant:
      return rule.value;
    case RuleKind::kIdentifier:
      return dt::identifier(n, ctx);
    case RuleKind::kCoded:
      return dt::codeable_concept(n, ctx);
    case RuleKind::kCoding:
      return dt::coding(n, ctx);
    case RuleKind::kCode:
      return dt::code(n, ctx);
    case RuleKind::kConceptMap: {
      std::string code, system;
      if (n->type == XML_ATTRIBUTE_NODE) {
        code = cda::normalize_space(cda::string_value(n));
      } else {
        code = std::string(cda::attr(n, "code"));
        system = std::string(cda::attr(n, "codeSystem"));
      }
      if (code.empty()) return nullptr;
      auto hit = rule.map->translate(code, system);
      if (!hit) {
        ctx.report(Severity::kWarning, IssueCode::kCodeInvalid, n,
                   "code is not in ConceptMap " + rule.map->name() + "; left out");
        return nullptr;
      }
      if (rule.as.empty() || rule.as == "code") return hit->code;
      Json coding = Json::object();
      put_if(coding, "system", hit->system);
      coding["code"] = hit->code;
      put_if(coding, "display", hit->display);
      if (rule.as == "coding") return coding;
      return Json{{"coding", Json::array({coding})}};
    }
    case RuleKind::kDatetime: {
      dt::TimeTarget t = rule.as == "date"      ? dt::TimeTarget::kDate
                         : rule.as == "instant" ? dt::TimeTarget::kInstant
                                                : dt::TimeTarget::kDateTime;
      return dt::datetime(n, t, ctx);
    }
    case RuleKind::kPeriod:
      return dt::period(n, ctx);
    case RuleKind::kEffective:
      return dt::effective(n, suffix, ctx);
    case RuleKind::kQuantity:
      return dt::quantity(n, ctx);
    case RuleKind::kRange:
      return dt::range(n, ctx);
    case RuleKind::kRatio:
      return dt::ratio(n, ctx);
    case RuleKind::kValue:
      return dt::value(n, suffix, ctx);
    case RuleKind::kAddress:
      return dt::address(n, ctx);
    case RuleKind::kTelecom:
      return dt::contact_point(n, ctx);
    case RuleKind::kName:
      return dt::human_name(n, ctx);
    case RuleKind::kOrgName:
      return dt::organization_name(n, ctx);
    case RuleKind::kText:
      return dt::text(n, ctx);
    case RuleKind::kAttachment:
      return dt::attachment(n, ctx);
    case RuleKind::kTiming:
      return dt::timing(n, ctx);
    case RuleKind::kDataAbsent: {
      std::string_view flavor =
          n->type == XML_ATTRIBUTE_NODE ? std::string_view() : cda::attr(n, "nullFlavor");
      std::string code = dt::data_absent_reason(flavor.empty() ? "UNK" : flavor);
      if (code.empty()) return nullptr;
      if (rule.as == "concept")
        return Json{{"coding", Json::array({Json{{"system", kDataAbsentSystem}, {"code", code}}})}};
      Json extension = Json{{"url", kDataAbsentExtension}, {"valueCode", code}};
      if (rule.as == "extension") return extension;
      if (rule.as == "element") return Json{{"extension", Json::array({extension})}};
      return code;
    }
    case RuleKind::kNarrative: {
      std::string outside;
      const std::string* div = &outside;
      if (auto it = narratives_.find(n); it != narratives_.end()) {
        div = &it->second;  // copied once, into the element below
      } else if (!(cda::name_of(n) == "text" && n->parent &&
                   cda::name_of(n->parent) == "section")) {
        outside = narrator_.to_xhtml(n);  // a narrative block outside a section
      }
      if (div->empty()) return nullptr;
      Json narrative = Json::object();
      narrative["status"] = "additional";
      narrative["div"] = *div;
      return narrative;
    }
    case RuleKind::kReference: {
      std::string uuid = produce_resource(*rule.table, n);
      if (uuid.empty()) return nullptr;
      return Json{{"reference", "urn:uuid:" + uuid}};
    }
    case RuleKind::kObject: {
      Json obj = rule.value.is_object() ? rule.value : Json::object();
      std::size_t fixed = obj.size();
      if (rule.table) {
        run_rules(*rule.table, n, obj);
      } else {
        for (const Rule& r : rule.rules) apply(r, n, obj);
      }
      if (obj.size() == fixed) return nullptr;
      return obj;
    }
    case RuleKind::kResource:
      produce_resource(*rule.table, n, true);
      return nullptr;
    case RuleKind::kOwner:
      if (owners_.size() < 2) return nullptr;
      return Json{{"reference", "urn:uuid:" + owners_[owners_.size() - 2]}};
    case RuleKind::kDispatch:
    case RuleKind::kSkip:
      break;  // handled in apply()
  }
  return nullptr;
}

std::string DocumentRun::identity_name(const Table& table, const xmlNode* node, bool owned) {
  if (table.has_identity) {
    std::vector<const xmlNode*> ids;
    table.identity.select(node, ids);
    for (const xmlNode* ii : ids) {
      std::string_view root = cda::attr(ii, "root");
      if (root.empty() || cda::has_attr(ii, "nullFlavor")) continue;
      std::string_view extension = cda::attr(ii, "extension");
      // A root that is a known namespace (the NPI, a code system) without an extension names
      // no one in particular: every author "identified" as <id root="2.16.840.1.113883.4.6"/>
      // would otherwise be one resource.
      if (extension.empty() && set_.code_systems().knows_oid(root)) continue;
      return table.produces + "|" + std::string(root) + "|" + std::string(extension);
    }
  }
  // A resource made beside its owner without an identity of its own (the Provenance of an
  // author) is the owner's first, second ... of its table, by source element: its path would
  // move whenever the owner's statement is written elsewhere or with its parts reordered.
  if (owned && !owners_.empty()) {
    std::string owner = owners_.back() + "|" + table.id;
    auto [known, first] = owned_names_.try_emplace(node);
    if (first)
      known->second = table.produces + "|" + owner + "|" + std::to_string(++owned_count_[owner]);
    return known->second;
  }
  return table.produces + "|" + doc_key_ + "|" + paths_.path(node);
}

void DocumentRun::rollback(std::size_t size) {
  while (resources_.size() > size) {
    by_uuid_.erase(resources_.back().uuid);
    resources_.pop_back();
  }
}

std::string DocumentRun::produce_resource(const Table& table, const xmlNode* node, bool owned) {
  if (depth_ >= kMaxResourceDepth) {
    diag(Severity::kWarning, IssueCode::kTooCostly, node, table.id,
         "resources nest too deeply; this reference is left out");
    return {};
  }
  std::string name = identity_name(table, node, owned);
  std::string uuid = uuid_v5(name);
  if (auto it = by_uuid_.find(uuid);
      it != by_uuid_.end() && resources_[it->second].source == node) {
    return uuid;  // the same source element, referenced again
  }
  if (building_.count(uuid)) return uuid;  // a cycle: the resource is being built right now
  building_.insert(uuid);
  bool own_element =
      std::find(owner_nodes_.begin(), owner_nodes_.end(), node) != owner_nodes_.end();
  owners_.push_back(uuid);
  owner_nodes_.push_back(node);
  std::size_t first_nested = resources_.size();
  ++depth_;
  Json res = Json::object();
  res["resourceType"] = table.produces;
  res["id"] = uuid;
  std::vector<std::string> profiles;
  for (const Table* t = &table; t; t = t->extends) {
    for (const auto& p : t->profiles) profiles.push_back(p);
  }
  if (!profiles.empty()) res["meta"] = Json{{"profile", profiles}};
  std::size_t header_keys = res.size();
  try {
    run_rules(table, node, res);
    // A resource read off its owner's own element (a Medication off its substanceAdministration)
    // leaves what every resource's element says (security labels) to the owner.
    if (!own_element && table.role != TableRole::kDocument)
      for (const Table* every : set_.every_resource_tables()) run_rules(*every, node, res);
  } catch (...) {  // a skip rule or a failure: leave the bookkeeping as it was, then pass it on
    --depth_;
    owners_.pop_back();
    owner_nodes_.pop_back();
    building_.erase(uuid);
    throw;
  }
  --depth_;
  owners_.pop_back();
  owner_nodes_.pop_back();
  building_.erase(uuid);
  if (res.size() == header_keys || only_absent_markers(res)) {
    withdraw_absent_reports(uuid, "");
    diag(Severity::kInformation, IssueCode::kInformational, node, table.id,
         table.produces + " has no mappable content; not produced");
    return {};
  }
  if (auto it = by_uuid_.find(uuid); it != by_uuid_.end()) {
    Json& existing = resources_[it->second].resource;
    if (existing == res) return uuid;
    if (table.merge && !states_otherwise(existing, res)) {
      for (auto kv = res.begin(); kv != res.end(); ++kv)
        merge_field(existing, kv.key(), kv.value(), uuid);
      return uuid;
    }
    // Two different statements carry the same identifier: keep both, never merge data.
    diag(Severity::kWarning, IssueCode::kDuplicate, node, table.id,
         "another " + table.produces +
             " has the same identifier with different content; kept as a separate resource");
    // The second, third ... statement of that identifier is named by its rank among them in
    // document order, not by its path: a round trip keeps the order of the statements but not
    // always their paths, and the ids must come back the same.
    std::string provisional = uuid;
    auto [known, first] = collided_.try_emplace(node);
    if (first) known->second = uuid_v5(name + "|" + std::to_string(++collisions_[name] + 1));
    uuid = known->second;
    res["id"] = uuid;
    // Resources built inside this one (a Provenance, say) may point at the provisional id.
    for (std::size_t i = first_nested; i < resources_.size(); ++i) {
      rewrite_reference(resources_[i].resource, "urn:uuid:" + provisional, "urn:uuid:" + uuid);
    }
    if (by_uuid_.count(uuid)) return uuid;
  }
  by_uuid_[uuid] = resources_.size();
  resources_.push_back(Produced{uuid, std::move(res), node});
  return uuid;
}

void DocumentRun::rewrite_reference(Json& j, const std::string& from, const std::string& to) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "reference" && it->is_string() && it->get_ref<const std::string&>() == from) {
        *it = to;
      } else {
        rewrite_reference(*it, from, to);
      }
    }
  } else if (j.is_array()) {
    for (auto& v : j) rewrite_reference(v, from, to);
  }
}

const Table* DocumentRun::table_for_entry(const xmlNode* node, std::string& template_oid) const {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || cda::name_of(c) != "templateId") continue;
    std::string_view root = cda::attr(c, "root");
    if (root.empty()) continue;
    if (template_oid.empty()) template_oid = std::string(root);
    if (const Table* t = set_.by_template(TableRole::kEntry, root, cda::attr(c, "extension"))) {
      template_oid = std::string(root);
      return t;
    }
  }
  return nullptr;
}

std::vector<Json> DocumentRun::dispatch(const Rule& rule, const xmlNode* node) {
  std::vector<Json> refs;
  if (rule.trace && ++traced_entries_ > options_.limits.max_entries) {
    throw Error(
        ErrorKind::kInputRejected,
        "document has more than " + std::to_string(options_.limits.max_entries) + " entries");
  }
  std::string oid;
  const Table* table = table_for_entry(node, oid);
  std::string reason;
  std::size_t before = resources_.size();
  bool fallback = false;
  if (!table && oid.empty() && rule.table) {
    table = rule.table;  // the dispatch rule's table maps statements that carry no templateId
    fallback = true;
  }
  if (!table) {
    reason = oid.empty() ? "entry has no templateId" : "no mapping table for this entry template";
  } else {
    try {
      if (!table->produces.empty()) {
        std::string uuid = produce_resource(*table, node);
        if (!uuid.empty()) refs.push_back(Json{{"reference", "urn:uuid:" + uuid}});
      } else {
        Json group = Json::object();
        run_rules(*table, node, group);
        if (auto it = group.find("entry"); it != group.end() && it->is_array()) {
          for (auto& r : *it) refs.push_back(std::move(r));
        }
      }
      if (refs.empty()) {
        reason = fallback ? "entry has no templateId and no generic mapping for a " +
                                std::string(cda::name_of(node))
                          : "entry holds no content the " + table->id + " table can map";
      }
    } catch (const SkipEntry& skip) {
      rollback(before);
      refs.clear();
      reason = skip.reason;
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      rollback(before);
      refs.clear();
      reason = std::string("conversion of this entry failed: ") + e.what();
      diag(Severity::kError, IssueCode::kException, node, table->id, reason);
    }
  }
  if (rule.trace) {
    TraceRecord rec;
    rec.source = paths_.path(node);
    rec.template_id = oid;
    if (refs.empty()) {
      rec.dropped = reason;
      ++result_.entries_dropped;
      diag(Severity::kWarning, IssueCode::kNotSupported, node, rule.full_id,
           "entry dropped: " + reason);
    } else {
      for (const Json& r : refs) {
        if (r.is_object() && r.contains("reference") && r["reference"].is_string()) {
          rec.targets.push_back(r["reference"].get<std::string>());
        }
      }
      rec.rule = table->id;
      ++result_.entries_mapped;
    }
    if (options_.collect_trace) result_.trace.push_back(std::move(rec));
  }
  return refs;
}

const Table* select_document_table(const MappingSet& set, const xmlNode* root) {
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || cda::name_of(c) != "templateId") continue;
    const Table* t =
        set.by_template(TableRole::kDocument, cda::attr(c, "root"), cda::attr(c, "extension"));
    if (t && !t->fallback) return t;
  }
  return set.fallback_document();
}

Json DocumentRun::run() {
  const xmlNode* root = xmlDocGetRootElement(parsed_.doc.get());
  const Table* table = select_document_table(set_, root);
  if (!table)
    throw Error(ErrorKind::kConfig,
                "no document mapping table (a fallback document table is required)");
  Json bundle_extra = Json::object();
  bundle_ = &bundle_extra;
  Json composition = Json::object();
  composition["resourceType"] = "Composition";
  const xmlNode* id = cda::child(root, "id");
  std::string id_name =
      id && !cda::attr(id, "root").empty()
          ? std::string(cda::attr(id, "root")) + "|" + std::string(cda::attr(id, "extension"))
          : doc_key_;
  std::string composition_uuid = uuid_v5("Composition|" + id_name);
  composition["id"] = composition_uuid;
  if (!table->profiles.empty()) composition["meta"] = Json{{"profile", table->profiles}};
  run_rules(*table, root, composition);
  bundle_ = nullptr;

  Json bundle = Json::object();
  bundle["resourceType"] = "Bundle";
  bundle["id"] = uuid_v5("Bundle|" + id_name);
  for (auto kv = bundle_extra.begin(); kv != bundle_extra.end(); ++kv)
    bundle[kv.key()] = kv.value();
  if (!bundle.contains("identifier")) {
    // bdl-9: a document Bundle needs identifier.system and .value. Without a usable
    // ClinicalDocument/id the identifier is derived from the document bytes (stable, not invented).
    bundle["identifier"] = Json{{"system", "urn:ietf:rfc:3986"},
                                {"value", "urn:uuid:" + uuid_v5("Document|" + doc_key_)}};
    diag(Severity::kWarning, IssueCode::kRequired, root, "",
         "ClinicalDocument/id is missing or has no root; Bundle.identifier is derived from the "
         "document content");
  }
  bundle["type"] = "document";
  bundle["timestamp"] = options_.now;
  Json entries = Json::array();
  entries.push_back(
      Json{{"fullUrl", "urn:uuid:" + composition_uuid}, {"resource", std::move(composition)}});
  for (auto& p : resources_) {
    entries.push_back(Json{{"fullUrl", "urn:uuid:" + p.uuid}, {"resource", std::move(p.resource)}});
  }
  bundle["entry"] = std::move(entries);
  remove_withdrawn_reports();
  return bundle;
}

}  // namespace

Json interpret_document(const MappingSet& set, const Narrator& narrator, const ParsedCda& parsed,
                        const std::string& doc_key, const ConvertOptions& options,
                        Deadline& deadline, ConversionResult& result) {
  DocumentRun run(set, narrator, parsed, doc_key, options, deadline, result);
  return run.run();
}

}  // namespace ccdafhir
