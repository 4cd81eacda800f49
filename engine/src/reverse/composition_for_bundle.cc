#include "reverse/composition_for_bundle.h"

#include <set>

#include "ccdafhir/error.h"

namespace ccdafhir {

namespace {

bool has_category_code(const Json& resource, std::string_view code) {
  const Json& cat = member(resource, "category");
  auto concept_has = [&](const Json& cc) {
    const Json& codings = member(cc, "coding");
    if (!codings.is_array()) return false;
    for (const Json& c : codings) {
      if (string_member(c, "code") == code) return true;
    }
    return false;
  };
  if (cat.is_array()) {
    for (const Json& cc : cat) {
      if (cc.is_string() ? cc.get<std::string>() == code : concept_has(cc)) return true;
    }
    return false;
  }
  if (cat.is_string()) return cat.get<std::string>() == code;
  return concept_has(cat);
}

Json section_value(const Table& owner, const ReverseSection& sec) {
  Json s = Json::object();
  s["title"] = sec.title;
  s["code"] = Json{{"coding", Json::array({Json{{"system", owner.reverse.section_code_system},
                                                {"code", sec.code},
                                                {"display", sec.title}}})}};
  return s;
}

bool is_context_resource(const MappingSet& set, const std::string& type) {
  for (const auto& t : set.tables()) {
    for (const auto& c : t->reverse.context_resources) {
      if (c == type) return true;
    }
  }
  return false;
}

// Every reference string inside `v` (a `reference` member of an object).
void collect_references(const Json& v, std::vector<const Json*>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() == "reference" && it->is_string()) {
        out.push_back(&*it);
      } else if (it.key() != "contained") {
        collect_references(*it, out);
      }
    }
  } else if (v.is_array()) {
    for (const Json& c : v) collect_references(c, out);
  }
}

// Whether some table producing `type` has an owner rule: such resources are written as part
// of what they name (a Provenance beside the resource it is about).
bool comes_back_through_owner(const MappingSet& set, const std::string& type) {
  for (const auto& t : set.tables()) {
    if (t->produces != type) continue;
    for (const Rule& r : t->rules) {
      if (r.kind == RuleKind::kOwner) return true;
    }
  }
  return false;
}

}  // namespace

void report_unreached(const FhirBundle& bundle, const Json& composition, const MappingSet& set,
                      DiagnosticSink& sink) {
  auto references_of = [&](const Json* r) {
    std::vector<const Json*> refs;
    collect_references(*r, refs);
    const Json& contained = member(*r, "contained");
    if (contained.is_array()) {
      for (const Json& c : contained) collect_references(c, refs);
    }
    return refs;
  };
  std::set<const Json*> reached{&composition};
  std::vector<const Json*> todo{&composition};
  for (bool grew = true; grew;) {
    while (!todo.empty()) {
      const Json* r = todo.back();
      todo.pop_back();
      for (const Json* ref : references_of(r)) {
        const Json* target = bundle.resolve(*ref, r);
        if (target && reached.insert(target).second) todo.push_back(target);
      }
    }
    // A resource written beside what it names (a Provenance of a reached resource) is written,
    // and so is what it references (its agent's organization).
    grew = false;
    for (const Json* r : bundle.resources()) {
      if (reached.count(r) || !comes_back_through_owner(set, string_member(*r, "resourceType")))
        continue;
      for (const Json* ref : references_of(r)) {
        if (!reached.count(bundle.resolve(*ref, r))) continue;
        reached.insert(r);
        todo.push_back(r);
        grew = true;
        break;
      }
    }
  }
  const Json& entries = member(bundle.json(), "entry");
  if (!entries.is_array()) return;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Json& res = member(entries[i], "resource");
    if (!res.is_object() || reached.count(&res)) continue;
    std::string type = string_member(res, "resourceType");
    if (type.empty()) continue;
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = IssueCode::kNotSupported;
    d.fhir_path = "Bundle.entry[" + std::to_string(i) + "].resource";
    d.message = "this " + type +
                " is referenced neither by the Composition nor by anything it references; a "
                "document holds what its Composition references, so it is left out";
    sink.add(std::move(d));
  }
}

const Json* find_composition(const FhirBundle& bundle) {
  auto found = bundle.of_type("Composition");
  return found.empty() ? nullptr : found.front();
}

bool collected_by(const Json& resource, const std::string& item) {
  auto q = item.find('?');
  std::string type = item.substr(0, q);
  if (string_member(resource, "resourceType") != type) return false;
  if (q == std::string::npos) return true;
  std::string cond = item.substr(q + 1);
  const std::string key = "category=";
  if (cond.rfind(key, 0) != 0) return false;
  return has_category_code(resource, cond.substr(key.size()));
}

Json composition_for_collection(const FhirBundle& bundle, const MappingSet& set,
                                const ConvertOptions& options, DiagnosticSink& sink) {
  const Table* doc = set.collections_document();
  if (!doc) throw Error(ErrorKind::kConfig, "no document table is marked for collections");
  auto patients = bundle.of_type("Patient");
  std::string kind = bundle.type().empty() ? "untyped" : bundle.type();
  std::string subject;
  if (patients.empty()) {
    // Systems often send a patient's data without the Patient itself: when every resource
    // names the same patient, the document is about that patient, known only by reference.
    std::set<std::string> named;
    for (const Json* r : bundle.resources()) {
      for (const char* key : {"subject", "patient"}) {
        std::string ref = string_member(member(*r, key), "reference");
        if (ref.rfind("Patient/", 0) == 0 || ref.find("/Patient/") != std::string::npos)
          named.insert(ref);
      }
    }
    if (named.size() != 1) {
      throw Error(ErrorKind::kInputRejected,
                  "a " + kind + " Bundle without Composition and without Patient" +
                      (named.empty() ? std::string(" whose resources name no patient")
                                     : " whose resources name several patients") +
                      " cannot make a C-CDA document (a document is about one patient)");
    }
    subject = *named.begin();
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = IssueCode::kRequired;
    d.fhir_path = "Bundle.entry";
    d.message =
        "the Bundle holds no Patient resource; recordTarget names the patient its "
        "resources reference and carries no demographics";
    sink.add(std::move(d));
  } else {
    subject = bundle.name_of(patients.front());
  }
  if (patients.size() > 1) {
    throw Error(ErrorKind::kInputRejected, "a " + kind + " Bundle without Composition holds " +
                                               std::to_string(patients.size()) +
                                               " Patients; a C-CDA document is about one patient");
  }
  const Json& coding = doc->reverse.type_codes.front();
  Json comp = Json::object();
  comp["resourceType"] = "Composition";
  comp["status"] = "final";
  comp["type"] = Json{{"coding", Json::array({coding})}};
  comp["subject"] = Json{{"reference", subject}};
  comp["date"] = options.now;
  for (const std::string& type : doc->reverse.collection_authors) {
    auto found = bundle.of_type(type);
    if (!found.empty() && !bundle.name_of(found.front()).empty()) {
      comp["author"] = Json::array({Json{{"reference", bundle.name_of(found.front())}}});
      break;
    }
  }
  comp["title"] = coding.contains("display") ? coding["display"] : Json("Clinical document");
  Json sections = Json::array();
  std::set<const Json*> taken;
  for (const auto& t : set.tables()) {
    for (const ReverseSection& sec : t->reverse.sections) {
      Json refs = Json::array();
      for (const Json* r : bundle.resources()) {
        if (taken.count(r)) continue;
        for (const std::string& item : sec.collects) {
          if (!collected_by(*r, item)) continue;
          std::string name = bundle.name_of(r);
          if (!name.empty()) refs.push_back(Json{{"reference", name}});
          taken.insert(r);
          break;
        }
      }
      if (refs.empty()) continue;
      Json s = section_value(*t, sec);
      s["entry"] = std::move(refs);
      sections.push_back(std::move(s));
    }
  }
  const Json& entries = member(bundle.json(), "entry");
  for (std::size_t i = 0; entries.is_array() && i < entries.size(); ++i) {
    const Json& r = member(entries[i], "resource");
    if (!r.is_object() || taken.count(&r)) continue;
    std::string type = string_member(r, "resourceType");
    if (type.empty() || is_context_resource(set, type)) continue;
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = IssueCode::kNotSupported;
    d.fhir_path = "Bundle.entry[" + std::to_string(i) + "].resource";
    d.message = "no section of the document type collects a " + type + "; left out";
    sink.add(std::move(d));
  }
  comp["section"] = std::move(sections);
  Diagnostic d;
  d.severity = Severity::kInformation;
  d.code = IssueCode::kInformational;
  d.fhir_path = "Bundle";
  d.message = "a " + kind + " Bundle without Composition: the document is built from its " +
              "resources as the document type marked for collections";
  sink.add(std::move(d));
  return comp;
}

}  // namespace ccdafhir
