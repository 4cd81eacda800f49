#include "validate/bundle_index.h"

namespace ccdafhir::validate {

BundleIndex::BundleIndex(const Json& root) : root_(&root) {
  if (!root.is_object() || root.value("resourceType", std::string()) != "Bundle") return;
  if (!root.contains("entry") || !root["entry"].is_array()) return;
  const Json& entries = root["entry"];
  entries_ = entries.size();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Json& e = entries[i];
    if (!e.is_object()) continue;
    auto index = static_cast<long>(i);
    if (e.contains("fullUrl") && e["fullUrl"].is_string())
      by_full_url_.emplace(e["fullUrl"].get<std::string>(), index);  // first one wins
    if (e.contains("resource") && e["resource"].is_object()) {
      const Json& r = e["resource"];
      if (r.contains("resourceType") && r["resourceType"].is_string() && r.contains("id") &&
          r["id"].is_string()) {
        by_type_id_.emplace(r["resourceType"].get<std::string>() + "/" + r["id"].get<std::string>(),
                            index);
      }
    }
  }
}

long BundleIndex::entry_of(std::string_view reference) const {
  std::string_view key = reference;
  if (auto it = by_full_url_.find(key); it != by_full_url_.end()) return it->second;
  if (auto it = by_type_id_.find(key); it != by_type_id_.end()) return it->second;
  // An absolute URL whose tail is Type/id of an entry: the RESTful form.
  for (const auto& [tid, index] : by_type_id_) {
    if (key.size() > tid.size() && key.compare(key.size() - tid.size(), tid.size(), tid) == 0 &&
        key[key.size() - tid.size() - 1] == '/')
      return index;
  }
  return -1;
}

const Json* BundleIndex::resolve(std::string_view reference, const Json* from_resource) const {
  if (!reference.empty() && reference[0] == '#') {
    if (!from_resource || !from_resource->contains("contained")) return nullptr;
    for (const Json& c : (*from_resource)["contained"]) {
      if (c.is_object() && c.contains("id") && c["id"].is_string() &&
          c["id"].get_ref<const std::string&>() == reference.substr(1))
        return &c;
    }
    return nullptr;
  }
  long i = entry_of(reference);
  if (i < 0) return nullptr;
  const Json& e = (*root_)["entry"][static_cast<std::size_t>(i)];
  return e.contains("resource") ? &e["resource"] : nullptr;
}

}  // namespace ccdafhir::validate
