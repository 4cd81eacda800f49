// A FHIRPath subset: enough for the invariants of base R4 and of the profiles in schemas/profiles
// (paths, indexers, where/select/all/exists/empty/count/first/..., matches and other string
// functions, =, !=, ~, comparisons on numbers, strings, dates and quantities, and/or/xor/implies/
// not with three-valued logic, | and &, is/as/ofType, iif, children/descendants, extension(url),
// %resource/%rootResource/%ucum, resolve() within the Bundle). Expressions are compiled once when
// the constraint sets load; evaluation is const and thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"

namespace ccdafhir::fhirpath {

// One item of a collection: a node of the instance (ptr) or a computed value (own). type is the
// FHIR type when known: a choice element's suffix ("DateTime", "Quantity"), a resource's
// resourceType, or the System type of a computed value ("String", "Boolean", ...).
struct Item {
  const Json* ptr = nullptr;
  std::shared_ptr<const Json> own;
  std::string type;
  const Json& value() const { return ptr ? *ptr : *own; }
};
using Collection = std::vector<Item>;

Item make_item(const Json& node, std::string type = "");
Item make_value(Json value, std::string type);

// resolve(): finds the resource a reference string names, seen from the resource holding it.
class Resolver {
 public:
  virtual ~Resolver() = default;
  virtual const Json* resolve(std::string_view reference, const Json* from_resource) const = 0;
};

struct Environment {
  const Json* resource = nullptr;       // %resource: the resource holding the focus
  const Json* root_resource = nullptr;  // %rootResource: the top resource (not a contained one)
  const Resolver* resolver = nullptr;   // nullptr: resolve() gives nothing
};

struct Node;

class Expression {
 public:
  // Throws std::invalid_argument("column N: ...") for syntax or unsupported functions.
  static Expression compile(std::string_view text);

  Collection evaluate(const Item& focus, const Environment& env) const;
  // The boolean reading of the result: empty is nullopt, a single boolean its value, any other
  // non-empty result true.
  std::optional<bool> evaluate_boolean(const Item& focus, const Environment& env) const;
  const std::string& text() const { return text_; }

 private:
  std::shared_ptr<const Node> root_;
  std::string text_;
};

}  // namespace ccdafhir::fhirpath
