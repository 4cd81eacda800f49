// A FHIR Bundle read for the FHIR -> CDA direction: every resource indexed by the names a
// reference may use (fullUrl, urn:uuid:..., "Type/id", an absolute ".../Type/id" URL), so that
// imperfect Bundles (no fullUrl, relative references, search or transaction Bundles) resolve.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/json.h"

namespace ccdafhir {

class FhirBundle {
 public:
  // `bundle` must outlive this index. Entries without a resource object are skipped.
  explicit FhirBundle(const Json& bundle);

  const Json& json() const { return bundle_; }
  std::string type() const;
  // Resources in entry order.
  const std::vector<const Json*>& resources() const { return resources_; }
  std::vector<const Json*> of_type(std::string_view resource_type) const;
  // A Reference object or reference string -> the resource, or nullptr. A local reference
  // ("#id") names a resource contained in the resource it is written in, `from` (or in the
  // resource containing `from`, when `from` is itself contained); without `from` it resolves
  // to nothing.
  const Json* resolve(const Json& reference, const Json* from = nullptr) const;
  const Json* resolve(std::string_view reference, const Json* from = nullptr) const;
  // The name this resource is known by: its fullUrl, else "Type/id", else (an entry with
  // neither) "Bundle.entry[N]", which resolve() also knows; "" for a contained resource.
  std::string name_of(const Json* resource) const;

 private:
  const Json& bundle_;
  std::vector<const Json*> resources_;
  std::unordered_map<std::string, const Json*> by_name_;
  std::unordered_map<const Json*, std::string> names_;
  std::unordered_map<const Json*, const Json*> container_of_;  // contained -> its container
  void add_name(const std::string& name, const Json* resource);
};

// obj[key] for a JSON object that has it, else a shared null (never asserts).
const Json& member(const Json& obj, std::string_view key);
std::string string_member(const Json& obj, std::string_view key);

}  // namespace ccdafhir
