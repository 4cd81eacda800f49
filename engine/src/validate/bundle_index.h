// Reference resolution inside one Bundle (fullUrl, Type/id, and #id for contained resources):
// the resolve() of FHIRPath and the reference checks of document Bundles.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "validate/fhirpath.h"

namespace ccdafhir::validate {

class BundleIndex : public fhirpath::Resolver {
 public:
  // root: a Bundle (entries indexed) or a single resource (only its contained resources resolve).
  explicit BundleIndex(const Json& root);

  const Json* resolve(std::string_view reference, const Json* from_resource) const override;
  // The entry index a reference resolves to, or -1 (contained and unresolvable references).
  long entry_of(std::string_view reference) const;
  std::size_t entry_count() const { return entries_; }

 private:
  // Looked up by string_view (C++20 heterogeneous lookup): resolving makes no key strings.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, long, Hash, std::equal_to<>>;
  Map by_full_url_;
  Map by_type_id_;
  const Json* root_;
  std::size_t entries_ = 0;
};

}  // namespace ccdafhir::validate
