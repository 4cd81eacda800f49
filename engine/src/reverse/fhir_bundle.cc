#include "reverse/fhir_bundle.h"

namespace ccdafhir {

namespace {
const Json kNull;

// "http://x/fhir/Patient/1/_history/2" -> "Patient/1"; "" when the URL has no Type/id tail.
std::string type_id_tail(std::string_view url) {
  if (auto h = url.find("/_history/"); h != std::string_view::npos) url = url.substr(0, h);
  auto last = url.rfind('/');
  if (last == std::string_view::npos || last == 0) return {};
  auto prev = url.rfind('/', last - 1);
  std::string_view type = url.substr(prev == std::string_view::npos ? 0 : prev + 1,
                                     last - (prev == std::string_view::npos ? 0 : prev + 1));
  if (type.empty() || !std::isupper(static_cast<unsigned char>(type[0]))) return {};
  return std::string(type) + "/" + std::string(url.substr(last + 1));
}
}  // namespace

const Json& member(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return kNull;
  auto it = obj.find(std::string(key));
  return it == obj.end() ? kNull : *it;
}

std::string string_member(const Json& obj, std::string_view key) {
  const Json& v = member(obj, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

FhirBundle::FhirBundle(const Json& bundle) : bundle_(bundle) {
  const Json& entries = member(bundle, "entry");
  if (!entries.is_array()) return;
  std::size_t index = 0;
  for (const Json& e : entries) {
    std::size_t at = index++;
    const Json& r = member(e, "resource");
    if (!r.is_object() || !member(r, "resourceType").is_string()) continue;
    resources_.push_back(&r);
    std::string type = string_member(r, "resourceType");
    std::string id = string_member(r, "id");
    std::string full = string_member(e, "fullUrl");
    if (!full.empty()) {
      add_name(full, &r);
      if (auto tail = type_id_tail(full); !tail.empty()) add_name(tail, &r);
    }
    if (!id.empty()) {
      add_name(type + "/" + id, &r);
      add_name("urn:uuid:" + id, &r);
    }
    std::string name = !full.empty() ? full : (id.empty() ? std::string() : type + "/" + id);
    if (name.empty()) {
      // Neither fullUrl nor id: nothing can reference it, but a Bundle without Composition
      // still lists it in a section, by its place (no FHIR reference has this form).
      name = "Bundle.entry[" + std::to_string(at) + "]";
      add_name(name, &r);
    }
    names_[&r] = name;
    const Json& contained = member(r, "contained");
    if (contained.is_array()) {
      for (const Json& c : contained) {
        if (c.is_object()) container_of_.emplace(&c, &r);
      }
    }
  }
}

void FhirBundle::add_name(const std::string& name, const Json* resource) {
  by_name_.emplace(name, resource);  // the first resource with a name keeps it
}

std::string FhirBundle::type() const {
  return string_member(bundle_, "type");
}

std::vector<const Json*> FhirBundle::of_type(std::string_view resource_type) const {
  std::vector<const Json*> out;
  for (const Json* r : resources_) {
    if (string_member(*r, "resourceType") == resource_type) out.push_back(r);
  }
  return out;
}

const Json* FhirBundle::resolve(const Json& reference, const Json* from) const {
  if (reference.is_string())
    return resolve(std::string_view(reference.get_ref<const std::string&>()), from);
  const Json& r = member(reference, "reference");
  if (!r.is_string()) return nullptr;
  return resolve(std::string_view(r.get_ref<const std::string&>()), from);
}

const Json* FhirBundle::resolve(std::string_view reference, const Json* from) const {
  if (reference.empty()) return nullptr;
  if (reference[0] == '#') {
    if (!from) return nullptr;
    if (auto it = container_of_.find(from); it != container_of_.end()) from = it->second;
    if (reference.size() == 1) return from;  // "#": the container itself
    const Json& contained = member(*from, "contained");
    if (!contained.is_array()) return nullptr;
    for (const Json& c : contained) {
      if (string_member(c, "id") == reference.substr(1) && member(c, "resourceType").is_string())
        return &c;
    }
    return nullptr;
  }
  if (auto it = by_name_.find(std::string(reference)); it != by_name_.end()) return it->second;
  if (auto tail = type_id_tail(reference); !tail.empty()) {
    if (auto it = by_name_.find(tail); it != by_name_.end()) return it->second;
  }
  return nullptr;
}

std::string FhirBundle::name_of(const Json* resource) const {
  auto it = names_.find(resource);
  return it == names_.end() ? std::string() : it->second;
}

}  // namespace ccdafhir
