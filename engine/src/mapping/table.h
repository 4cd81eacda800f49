// The in-memory form of a mapping table (mappings/ccda-to-fhir/**/*.yaml): what the loader
// checks and compiles once, and what the interpreter runs for every matching source element.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mapping/path.h"
#include "util/json.h"

namespace ccdafhir {

class ConceptMap;
struct Table;

// The closed vocabulary of rule kinds. Adding one means: an enum value, its name in
// rule_kind_names(), its loader check, its interpreter case, a test and a HACKING.md entry.
enum class RuleKind {
  kCopy,        // string value of a node (attribute or text), optionally typed by `as`
  kConstant,    // a fixed JSON value (`value`), justified by `why`
  kIdentifier,  // II -> Identifier
  kCoded,       // CD -> CodeableConcept
  kCoding,      // CD -> Coding
  kCode,        // CS/@code -> code
  kConceptMap,  // code looked up in a ConceptMap (`map`), emitted `as` code|coding|concept
  kDatetime,    // TS -> date|dateTime|instant (`as`)
  kPeriod,      // IVL_TS -> Period
  kEffective,   // TS|IVL_TS -> x[x]: DateTime or Period
  kQuantity,    // PQ -> Quantity
  kRange,       // IVL_PQ -> Range
  kRatio,       // RTO -> Ratio
  kValue,       // typed ANY -> value[x]
  kAddress,     // AD -> Address
  kTelecom,     // TEL -> ContactPoint
  kName,        // PN/EN -> HumanName
  kOrgName,     // ON -> string
  kText,        // ST/ED -> string (narrative references resolved)
  kAttachment,  // ED -> Attachment
  kTiming,      // PIVL_TS/EIVL_TS -> Timing
  kDataAbsent,  // nullFlavor -> data-absent-reason (`as` code|concept|extension|element)
  kNarrative,   // section/text -> Narrative (XSLT)
  kReference,   // run a resource table (`table`) on the node, emit a Reference to it
  kObject,      // build a backbone object from nested `rules` or a fragment `table`
  kDispatch,    // pick an entry table by the node's templateId; emit References
  kResource,    // run a resource table (`table`) on the node; add it to the Bundle, assign nothing
  kOwner,       // a Reference to the resource whose table invoked this one (Provenance.target)
  kSkip,        // leave out the clinical statement being dispatched; `why` is the trace reason
};

const char* rule_kind_name(RuleKind kind);

// One segment of a `to:` target: `name`, `name[]` (append) or `name[x]` (choice type).
struct TargetSegment {
  std::string name;
  bool append = false;
  bool choice = false;
};

struct Target {
  bool bundle = false;  // `Bundle.x`: the document Bundle itself (document tables only)
  std::vector<TargetSegment> segments;
  std::string text;
  bool empty() const { return segments.empty(); }
  bool appends() const { return !segments.empty() && segments.back().append; }
};

// `{DOTTED.PATH: VALUE}` pairs a reverse rule looks for (`takes`, `when`); no value (`~`): the
// path holds nothing.
using FhirValues = std::vector<std::pair<std::vector<std::string>, std::optional<std::string>>>;

struct Rule {
  std::string id;
  RuleKind kind = RuleKind::kCopy;
  int line = 0;
  std::string from_text;
  Path from;  // empty: the context node itself
  bool has_from = false;
  // `shared-from: true`: `from` climbs `shared_climb` plain `..` steps and selects from the
  // ancestor only, so every node under one ancestor gets the same selection. The run selects
  // once per (rule, ancestor) and reuses it: a rule reading the siblings of each of an
  // organizer's components is otherwise quadratic in the organizer's size.
  bool shared_from = false;
  std::size_t shared_climb = 0;
  std::shared_ptr<const Condition> when;
  Target to;
  std::vector<std::string> if_unset;  // skip when any of these keys is already set
  // `absent-parts`: keys the produced object must have (a profile requires them); one the
  // source gave no value for is written as `_key` with data-absent-reason, and reported.
  std::vector<std::string> absent_parts;
  Json value;  // constant value / `fixed` fields
  // `fixed`: fields an object rule is seeded with, or (identifier, coded ...) merged into the
  // datatype the rule produces (an Identifier's `use: secondary`); backwards the rule then
  // takes only values carrying them, and is preferred for those.
  bool has_fixed = false;
  std::string as;
  std::string map_name;
  const ConceptMap* map = nullptr;
  std::string table_name;
  const Table* table = nullptr;
  std::vector<Rule> rules;  // object: inline nested rules
  bool trace = false;       // dispatch: one trace record per source entry
  // `nest-repeats: {key: PATH, into: TARGET}` on an object rule appending to an array: a
  // source node whose key (the string value of PATH from it) equals an earlier node's is built
  // into TARGET of that earlier node's object instead of a new array element. A profile that
  // slices the array by that key allows one element per key (C-CDA on FHIR: one section per
  // LOINC code), while C-CDA documents may repeat a section code.
  Path nest_key;
  bool has_nest = false;
  Target nest_into;
  std::string why, note;
  std::string full_id;  // "table/rule", filled by the loader

  // FHIR -> CDA (`reverse:` on the rule). By default a rule runs backwards from `to` to `from`.
  bool reverse_off = false;          // `reverse: false`: this rule has no reverse
  bool reverse_only = false;         // a table's `reverse: rules:` entry (never run forward)
  bool has_reverse_from = false;     // `reverse: {from: PATH}`: the CDA path to build instead
  Path reverse_from;                 //   (the forward path reads more than it can create)
  std::vector<Path> reverse_ensure;  // `reverse: {ensure: [PATH]}`: realised on the element
  std::string reverse_map_name;      // `reverse: {map: NAME}`; default: the CF- map's FC- pair
  const ConceptMap* reverse_map = nullptr;
  // `reverse: {takes: {DOTTED.PATH: VALUE}}`: the rule takes only values holding VALUE at that
  // path (arrays searched): two rules appending to one target (a blood pressure's systolic and
  // diastolic components) each take their own. `~`: values holding nothing there.
  FhirValues reverse_takes;
  // `reverse: {when: {DOTTED.PATH: VALUE}}`: the rule runs backwards only on FHIR objects
  // holding VALUE at that path (the allergy type written as the value its category selects).
  FhirValues reverse_when;
  // `reverse: {index: N}`: the rule takes only the Nth value (0-based) of its appended target,
  // for a target several rules fill in a fixed order (the systolic id, then the diastolic one).
  int reverse_index = -1;
  // A `reverse: from` or reverse-only `from` may start with `..` steps: the element is built
  // beside the one the table runs on (a reading that forward was read from a sibling).
  bool reverse_climbs() const { return has_reverse_from || reverse_only; }
};

struct TemplateKey {
  std::string root;
  std::string extension;  // "" matches any extension
};

enum class TableRole { kDocument, kHeader, kSection, kEntry, kFragment };

// A section the FHIR -> CDA direction writes (`reverse: sections:` of a section table): the
// section LOINC code, its templateIds, the entry tables preferred for its resources, and the
// resources a Bundle without Composition contributes to it ("Type" or "Type?category=code").
struct ReverseSection {
  std::string code;
  std::string title;
  std::vector<TemplateKey> templates;
  std::vector<std::string> entries;
  std::vector<const Table*> entry_tables;  // resolved `entries`
  std::vector<std::string> collects;
};

// `reverse:` on a table: what the FHIR -> CDA direction needs that no forward rule states.
struct TableReverse {
  std::vector<std::pair<std::string, std::string>> attributes;  // set on the element built
  std::vector<Path> ensure;  // fixed structure realised on it (realmCode, typeId ...)
  // `ensure-in-entries: true`: `ensure` is also realised, at the end, on every element of the
  // table's name inside a section entry that has no templateId, whichever rule wrote it (an
  // author written for a recorder is an Author Participation as much as a Provenance's).
  bool ensure_in_entries = false;
  std::vector<Rule> rules;       // reverse-only rules: `to` is read, `from` is written
  std::vector<Json> type_codes;  // document tables: Composition.type Codings selecting it
  // Entry tables: the resources this table writes back are only those holding these values
  // (as a rule's `reverse: when`), and it is preferred for them over tables without a `when`.
  FhirValues when;
  bool collections = false;  // the document type built for Bundles without Composition
  // With `collections`: the resource types, in order of preference, whose first resource is the
  // author of a document built for a Bundle without Composition.
  std::vector<std::string> collection_authors;
  std::vector<ReverseSection> sections;  // section tables: the sections written
  // Document tables: the sections the document type requires, by code (each a list of
  // alternatives, the first written), and what a required section the Composition lacks holds.
  std::vector<std::vector<std::string>> required_sections;
  std::string empty_section_system;  // the code system of the section codes
  Json empty_section;                // null: the table states none
  std::string section_code_system;   // section tables: the system of the section codes
  // Section tables: resource types a Bundle without Composition uses through references
  // (header, participants, medications), never as section entries.
  std::vector<std::string> context_resources;
};

struct Table {
  std::string id;
  std::string file;
  TableRole role = TableRole::kFragment;
  std::vector<TemplateKey> templates;
  std::string element;   // expected CDA element name, "" = any
  std::string produces;  // FHIR resource type; "" = fragment (object) or group (references)
  std::vector<std::string> profiles;
  Path identity;
  bool has_identity = false;
  bool merge = false;     // same identity: merge fields instead of disambiguating
  bool fallback = false;  // document table used when no document template matches
  // Fragment whose rules run on the element of every resource the conversion makes (but the
  // Composition, whose labels are the header's), after the resource's own table, in both
  // directions (security labels a statement may carry).
  bool every_resource = false;
  std::string extends_name;
  const Table* extends = nullptr;
  std::string spec;
  std::vector<Rule> rules;
  TableReverse reverse;
};

}  // namespace ccdafhir
