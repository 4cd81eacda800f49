#include "validate/cda_validator.h"
#include "ccdafhir_build_paths.h"

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "ccdafhir/error.h"
#include "cda/xml.h"
#include "intake/xml_intake.h"
#include "util/deadline.h"
#include "validate/cda_rules.h"
#include "validate/cda_schema.h"

namespace ccdafhir {

namespace fs = std::filesystem;

namespace {

// Includes in HL7's layout climb out of infrastructure/cda to ../../processable/coreschemas,
// so the folder the schema may read from is the one above infrastructure/.
fs::path schema_root(const fs::path& entry) {
  fs::path dir = entry.parent_path();
  if (dir.filename() == "cda" && dir.parent_path().filename() == "infrastructure") {
    return dir.parent_path().parent_path();
  }
  return dir;
}

const xmlNode* nth_element_child(const xmlNode* parent, std::size_t ordinal) {
  for (const xmlNode* c = parent ? parent->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (ordinal == 0) return c;
    --ordinal;
  }
  return nullptr;
}

// Xerces checks a content model when the parent closes: "element 'x' is not allowed for
// content model ..." arrives at the parent's end tag. When the parent has exactly one child of
// that name, that child is the one meant; otherwise the parent is the best place to point at.
const xmlNode* misplaced_child(const xmlNode* parent, const std::string& message) {
  static const std::string kOpen = "element '";
  static const std::string kTail = "' is not allowed for content model";
  if (message.rfind(kOpen, 0) != 0) return parent;
  std::size_t end = message.find(kTail);
  if (end == std::string::npos) return parent;
  std::string name = message.substr(kOpen.size(), end - kOpen.size());
  if (auto colon = name.find(':'); colon != std::string::npos) name.erase(0, colon + 1);
  const xmlNode* found = nullptr;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (!cda::is_element(c) || cda::name_of(c) != name) continue;
    if (found) return parent;
    found = c;
  }
  return found ? found : parent;
}

// The element a schema error is about, found in the libxml2 tree of the same bytes: the
// innermost open element, or the child whose start tag was being read when the error came.
const xmlNode* element_of(const XsdIssue& issue, const xmlDoc* doc) {
  if (issue.element.empty()) {
    const xmlNode* root = xmlDocGetRootElement(doc);
    return root && issue.child == 0 && cda::node_line(root) <= issue.line ? root : nullptr;
  }
  const xmlNode* node = xmlDocGetRootElement(doc);
  for (std::size_t i = 1; node && i < issue.element.size(); ++i) {
    node = nth_element_child(node, issue.element[i]);
  }
  if (!node) return nullptr;
  const xmlNode* next = nth_element_child(node, issue.child);
  if (next && cda::node_line(next) <= issue.line) return next;
  return misplaced_child(node, issue.message);
}

Diagnostic schema_diagnostic(const XsdIssue& issue, const xmlDoc* doc) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.code = IssueCode::kStructure;
  d.rule_id = "cda-xsd";
  d.source_line = issue.line;
  if (const xmlNode* n = element_of(issue, doc)) {
    d.source_path = cda::node_path(n);
    // The element's own line when the error was only noticed later (at an end tag).
    if (long line = cda::node_line(n); line > 0 && line < issue.line) d.source_line = line;
  }
  d.message = "CDA schema: " + issue.message;
  if (issue.line > 0) {
    d.message +=
        " (line " + std::to_string(issue.line) + ", column " + std::to_string(issue.column) + ")";
  }
  return d;
}

// Section entries (entry elements whose parent is a section), counted as to-fhir counts them:
// over limits.max_entries the document is refused, as it would be for conversion.
void check_entry_limit(const xmlNode* node, const Limits& limits, std::size_t& count) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!cda::is_element(c)) continue;
    if (cda::name_of(c) == "entry" && cda::name_of(node) == "section" &&
        ++count > limits.max_entries) {
      throw Error(ErrorKind::kInputRejected,
                  "document has more than " + std::to_string(limits.max_entries) + " entries");
    }
    check_entry_limit(c, limits, count);
  }
}

}  // namespace

std::string default_cda_xsd_dir() {
  if (const char* env = std::getenv("CCDAFHIR_CDA_XSD"); env && *env) return env;
  return CCDAFHIR_CDA_XSD_DIR;
}

struct CdaValidator::Data {
  std::string xsd_dir;
  std::unique_ptr<CdaSchema> schema;  // null when no XSD was found in xsd_dir
  CdaRules rules;
};

CdaValidator::CdaValidator(const std::string& data_dir, const std::string& xsd_dir)
    : data_(std::make_unique<Data>()) {
  data_->xsd_dir = xsd_dir;
  data_->rules = load_cda_rules(fs::path(data_dir) / "schemas" / "ccda");
  // A folder without any CDA XSD is not fatal here: FHIR validation does not need it, and
  // every C-CDA validation then reports the missing schema as an error. A schema that is
  // present but does not compile is a broken installation: Error(kConfig).
  if (std::optional<fs::path> entry = find_cda_xsd(xsd_dir)) {
    data_->schema = std::make_unique<CdaSchema>(*entry, schema_root(*entry));
  }
}

CdaValidator::~CdaValidator() = default;

namespace {

// The schema (when there is one), then the template rules. Template rules only make sense on
// a CDA document; anything else has been reported by the schema already (unknown root).
void check_parsed(const CdaSchema* schema, const CdaRules& rules, std::string_view xml,
                  const xmlDoc* doc, DiagnosticSink& out) {
  if (schema) {
    for (const XsdIssue& issue : schema->validate(xml)) out.add(schema_diagnostic(issue, doc));
    // Xerces cannot be interrupted; its pass is linear in the input, which the limits bound.
    check_current_deadline("checking the CDA schema");
  }
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (cda::name_of(root) == "ClinicalDocument" && cda::ns_of(root) == cda::kHl7Ns) {
    check_cda_rules(rules, doc, out);
  }
}

}  // namespace

void CdaValidator::validate(std::string_view xml, const ValidateOptions& options,
                            DiagnosticSink& out) const {
  // The same hardened intake as to-fhir: size first, no DOCTYPE, no entities, depth and node
  // limits. Only then are the bytes handed to Xerces.
  ParsedCda parsed = parse_xml_within_limits(xml, options.limits);
  check_current_deadline("parsing");
  if (const xmlNode* root = xmlDocGetRootElement(parsed.doc.get())) {
    std::size_t entries = 0;
    check_entry_limit(root, options.limits, entries);
  }
  if (!data_->schema) {
    Diagnostic d;
    d.severity = Severity::kError;
    d.code = IssueCode::kNotSupported;
    d.rule_id = "cda-xsd";
    d.message = "CDA schema validation was not done: no CDA_SDTC.xsd or CDA.xsd in '" +
                data_->xsd_dir + "' (set --cda-xsd or $CCDAFHIR_CDA_XSD)";
    out.add(std::move(d));
  }
  check_parsed(data_->schema.get(), data_->rules, xml, parsed.doc.get(), out);
}

// The source of a conversion: a TS that is no TS, a name whose parts are attributes, are what
// no template rule says but what leaves the Bundle without the element, so the schema runs
// when there is one; without one only the template rules run (a conversion does not need the
// XSD installed, so its absence is no error here).
void CdaValidator::check_source(std::string_view xml, const ValidateOptions& options,
                                DiagnosticSink& out) const {
  ParsedCda parsed = parse_xml_within_limits(xml, options.limits);
  check_parsed(data_->schema.get(), data_->rules, xml, parsed.doc.get(), out);
}

}  // namespace ccdafhir
