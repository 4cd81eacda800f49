// FhirValidator: base structure and invariants for every resource, then the document-Bundle
// rules, then the profiles each resource claims or its document type implies.
#include "validate/fhir_validator.h"

#include "ccdafhir/error.h"
#include "validate/bundle_index.h"
#include "validate/document_rules.h"
#include "validate/invariants.h"
#include "validate/issues.h"
#include "validate/profiles.h"
#include "validate/structure_check.h"
#include "validate/structure_defs.h"

namespace ccdafhir {

struct FhirValidator::Data {
  explicit Data(const std::string& dir)
      : defs(dir + "/fhir-r4/structure.json"), invariants(defs), profiles(dir + "/profiles") {}
  validate::StructureDefs defs;
  validate::BaseInvariants invariants;
  validate::ProfileSet profiles;
};

FhirValidator::FhirValidator(const std::string& schemas_dir)
    : data_(std::make_unique<Data>(schemas_dir)) {}

FhirValidator::~FhirValidator() = default;

void FhirValidator::validate(const Json& root, const ValidateOptions& options,
                             DiagnosticSink& out) const {
  using namespace validate;
  if (!root.is_object() || !root.contains("resourceType") || !root["resourceType"].is_string()) {
    report(out, Severity::kFatal, IssueCode::kStructure, "", "fhir-r4/resource-type",
           "not a FHIR resource: no resourceType");
    return;
  }
  BundleIndex index(root);
  const std::string& type = root["resourceType"].get_ref<const std::string&>();
  StructureCheck(data_->defs, data_->invariants, &index, out).resource(root, type, nullptr);
  if (type == "Bundle" && root.value("type", std::string()) == "document") {
    check_document_bundle(root, index, out);
  }
  data_->profiles.apply(root, index, options.profile, out);
}

}  // namespace ccdafhir
