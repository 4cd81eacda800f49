#include "validate/invariants.h"

#include <stdexcept>

#include "validate/issues.h"

namespace ccdafhir::validate {

void check_invariant(const Invariant& inv, const fhirpath::Item& focus,
                     const fhirpath::Environment& env, const IssuePath& fhir_path,
                     DiagnosticSink& out) {
  std::optional<bool> ok;
  try {
    ok = inv.expression.evaluate_boolean(focus, env);
  } catch (const std::exception& e) {
    report(out, Severity::kWarning, IssueCode::kProcessing, fhir_path.text(), inv.key,
           "invariant " + inv.key + " could not be evaluated: " + e.what());
    return;
  }
  if (ok == false) {
    report(out, inv.severity, IssueCode::kInvariant, fhir_path.text(), inv.key,
           inv.key + ": " + inv.human + " (" + inv.expression.text() + ")");
  }
}

BaseInvariants::BaseInvariants(const StructureDefs& defs) {
  for (const auto& [name, td] : defs.types()) {
    for (const ConstraintDef& c : td.constraints) {
      try {
        Invariant inv{c.key, severity_from(c.severity), c.human,
                      fhirpath::Expression::compile(c.expression)};
        own_[name + "|" + c.path].push_back(std::move(inv));
        ++count_;
      } catch (const std::invalid_argument& e) {
        skipped_.push_back(name + "." + c.path + " " + c.key + ": " + e.what());
      }
    }
  }
  // The chain: a type's own invariants at each path, plus its base types' at the root.
  for (const auto& [name, td] : defs.types()) {
    (void)td;
    for (const auto& [key, list] : own_) {
      if (key.compare(0, name.size() + 1, name + "|") != 0) continue;
      for (const Invariant& inv : list) chain_[key].push_back(&inv);
    }
    std::string base = td.base;
    while (!base.empty()) {
      const TypeDef* b = defs.type(base);
      if (!b) break;
      if (auto it = own_.find(base + "|"); it != own_.end()) {
        for (const Invariant& inv : it->second) chain_[name + "|"].push_back(&inv);
      }
      base = b->base;
    }
  }
  for (const auto& [key, list] : chain_) {
    auto bar = key.find('|');
    by_type_[key.substr(0, bar)][key.substr(bar + 1)] = &list;
  }
}

const std::vector<const Invariant*>& BaseInvariants::at(const std::string& type,
                                                        const std::string& path) const {
  static const std::vector<const Invariant*> kNone;
  auto t = by_type_.find(type);
  if (t == by_type_.end()) return kNone;
  auto p = t->second.find(path);
  return p == t->second.end() ? kNone : *p->second;
}

}  // namespace ccdafhir::validate
