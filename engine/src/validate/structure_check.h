// Base R4 structure of one resource (and everything nested in it): known element names, JSON
// shapes (arrays exactly where the element repeats), types and choice suffixes, cardinality,
// primitive formats, no empty values, narrative XHTML, and the base invariants.
#pragma once

#include <string>

#include "ccdafhir/diagnostic.h"
#include "validate/fhirpath.h"
#include "validate/invariants.h"
#include "validate/issue_path.h"
#include "validate/structure_defs.h"

namespace ccdafhir::validate {

class StructureCheck {
 public:
  StructureCheck(const StructureDefs& defs, const BaseInvariants& invariants,
                 const fhirpath::Resolver* resolver, DiagnosticSink& out)
      : defs_(defs), invariants_(invariants), resolver_(resolver), out_(out) {}

  // resource: a JSON object claiming a resourceType; path: its FHIRPath
  // ("Bundle.entry[2].resource"). root_resource: the resource it is contained in, or itself.
  void resource(const Json& resource, const std::string& path, const Json* root_resource);

 private:
  // Paths are IssuePaths on the stack: text is made only for an issue.
  void resource(const Json& resource, const IssuePath& path, const Json* root_resource);
  void object(const Json& obj, const TypeDef& type, const std::string& rel, const IssuePath& path,
              const Json& holder);
  void value(const Json& v, const std::string& type_name, const TypeDef& owner,
             const std::string& rel, const IssuePath& path, const Json& holder);
  void invariants(const TypeDef& type, const std::string& rel, const Json& obj,
                  const IssuePath& path, const Json& holder, const std::string& item_type);
  void narrative_div(const Json& v, const IssuePath& path);

  const StructureDefs& defs_;
  const BaseInvariants& invariants_;
  const fhirpath::Resolver* resolver_;
  DiagnosticSink& out_;
  const Json* root_resource_ = nullptr;
  const Json* current_resource_ = nullptr;
};

}  // namespace ccdafhir::validate
