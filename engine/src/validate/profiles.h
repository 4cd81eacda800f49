// Profiles as data (schemas/profiles/*.yaml, see tools/gen-fhir-profiles and HACKING.md): a
// closed vocabulary of constraints (cardinality, fixed, pattern, binding with shipped member
// codes, reference targets, choice types, FHIRPath invariants, slices matched by pattern or by
// value-set membership, closed slicing), loaded and compiled once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "ccdafhir/diagnostic.h"
#include "validate/bundle_index.h"
#include "validate/invariants.h"

namespace ccdafhir::validate {

struct ProfileRule {
  std::string id;
  long line = 0;
  std::string path;                // relative dotted path; "" is the focus itself
  std::vector<std::string> steps;  // path split on '.'
  std::optional<int> min, max;
  std::optional<Json> fixed, pattern;
  bool has_binding = false;
  std::string strength, valueset;
  std::unordered_set<std::string> codes;  // "system|code"; empty: not shipped, not checked
  std::vector<std::string> targets;       // resource types a Reference may resolve to
  std::vector<std::string> types;         // allowed choice types
  std::optional<Invariant> invariant;
  // Slices: items at `path` matching `match_pattern` or having a coding in `match_codes`.
  std::string slice;
  std::optional<Json> match_pattern;
  std::unordered_set<std::string> match_codes;
  bool closed = false;             // items at `path` must match one of the sibling slices
  std::vector<ProfileRule> rules;  // inside a slice, relative to each matching item
};

struct Profile {
  std::string url, name, type, extends, file;
  std::vector<std::string> document_types;  // select: LOINC codes of Composition.type
  bool any_document = false;                // select: every document Composition
  std::string bundle_type;                  // select: Bundle.type
  std::vector<ProfileRule> rules;
};

class ProfileSet {
 public:
  // Reads every *.yaml under dir; throws Error(kConfig) "file:line: rule 'id': problem".
  explicit ProfileSet(const std::string& dir);

  const Profile* find(const std::string& name_or_url) const;
  const std::map<std::string, Profile>& all() const { return by_name_; }

  // Applies the profiles each resource of root claims in meta.profile, those its place in a
  // document implies (Bundle type, Composition.type), or only `forced` when it is set.
  void apply(const Json& root, const BundleIndex& index, const std::string& forced,
             DiagnosticSink& out) const;

 private:
  void apply_profile(const Profile& p, const Json& resource, const std::string& path,
                     const Json& root_resource, const BundleIndex& index, DiagnosticSink& out,
                     int depth) const;
  std::vector<const Profile*> selected(const Json& resource, bool document_composition,
                                       bool document_bundle) const;

  std::map<std::string, Profile> by_name_;
  std::map<std::string, std::string> name_by_url_;
};

}  // namespace ccdafhir::validate
