// FHIRPath invariants compiled once: the base R4 ones (from structure.json) by type and element
// path, and a profile's own (schemas/profiles). Evaluating one reports a failure as an issue
// whose rule id is the invariant key.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ccdafhir/diagnostic.h"
#include "validate/fhirpath.h"
#include "validate/issue_path.h"
#include "validate/structure_defs.h"

namespace ccdafhir::validate {

struct Invariant {
  std::string key;
  Severity severity = Severity::kError;
  std::string human;
  fhirpath::Expression expression;
};

// Evaluates inv on focus; a false result (not an empty one) is reported at fhir_path.
void check_invariant(const Invariant& inv, const fhirpath::Item& focus,
                     const fhirpath::Environment& env, const IssuePath& fhir_path,
                     DiagnosticSink& out);

class BaseInvariants {
 public:
  // Compiles every base invariant the FHIRPath subset can read; the others are listed in
  // skipped() (their checks, such as txt-1's htmlChecks(), are native).
  explicit BaseInvariants(const StructureDefs& defs);

  // The invariants of type `type` (and of its base types, for the type itself) at `path`.
  const std::vector<const Invariant*>& at(const std::string& type, const std::string& path) const;
  const std::vector<std::string>& skipped() const { return skipped_; }
  std::size_t compiled() const { return count_; }

 private:
  std::unordered_map<std::string, std::vector<Invariant>> own_;  // "Type|path"
  std::unordered_map<std::string, std::vector<const Invariant*>> chain_;
  // chain_ by type, then path: looked up for every object of every instance without making
  // the "Type|path" key.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename T>
  using ByName = std::unordered_map<std::string, T, Hash, std::equal_to<>>;
  ByName<ByName<const std::vector<const Invariant*>*>> by_type_;
  std::vector<std::string> skipped_;
  std::size_t count_ = 0;
};

}  // namespace ccdafhir::validate
