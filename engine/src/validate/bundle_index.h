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
  std::unordered_map<std::string, long> by_full_url_;
  std::unordered_map<std::string, long> by_type_id_;
  const Json* root_;
  std::size_t entries_ = 0;
};

}  // namespace ccdafhir::validate
