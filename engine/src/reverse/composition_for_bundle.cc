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

}  // namespace

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
  for (const char* type : {"Organization", "Practitioner", "PractitionerRole", "Device"}) {
    auto found = bundle.of_type(type);
    if (!found.empty() && !bundle.name_of(found.front()).empty()) {
      comp["author"] = Json::array({Json{{"reference", bundle.name_of(found.front())}}});
      break;
    }
  }
  comp["title"] = coding.contains("display") ? coding["display"] : Json("Clinical document");
  Json sections = Json::array();
  std::set<const Json*> taken;
  std::size_t left_out = 0;
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
      Json s = Json::object();
      s["title"] = sec.title;
      s["code"] =
          Json{{"coding",
                Json::array({Json{
                    {"system", "http://loinc.org"}, {"code", sec.code}, {"display", sec.title}}})}};
      s["entry"] = std::move(refs);
      sections.push_back(std::move(s));
    }
  }
  for (const Json* r : bundle.resources()) {
    std::string type = string_member(*r, "resourceType");
    if (!taken.count(r) && type != "Patient" && type != "Organization" && type != "Practitioner" &&
        type != "PractitionerRole" && type != "Device" && type != "Location" &&
        type != "Provenance" && type != "RelatedPerson" && type != "Medication" &&
        type != "Encounter" && type != "Composition") {
      ++left_out;
    }
  }
  if (left_out) {
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = IssueCode::kNotSupported;
    d.fhir_path = "Bundle.entry";
    d.message = std::to_string(left_out) +
                " resources belong to no section the document type has; left out";
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
