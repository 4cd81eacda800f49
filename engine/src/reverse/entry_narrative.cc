#include "reverse/entry_narrative.h"

#include <string>

#include "reverse/fhir_bundle.h"

namespace ccdafhir {

namespace {

// The words of a CodeableConcept: its text, else the first display, else the first code.
std::string concept_words(const Json& cc) {
  if (auto t = string_member(cc, "text"); !t.empty()) return t;
  const Json& codings = member(cc, "coding");
  if (codings.is_array()) {
    for (const Json& c : codings) {
      if (auto d = string_member(c, "display"); !d.empty()) return d;
    }
    for (const Json& c : codings) {
      if (auto d = string_member(c, "code"); !d.empty()) return d;
    }
  }
  return {};
}

std::string what(const Json& r) {
  for (const char* key :
       {"code", "vaccineCode", "medicationCodeableConcept", "type", "valueCodeableConcept"}) {
    const Json& v = member(r, key);
    if (v.is_array() && !v.empty()) {
      if (auto w = concept_words(v[0]); !w.empty()) return w;
    } else if (auto w = concept_words(v); !w.empty()) {
      return w;
    }
  }
  if (auto d = string_member(member(r, "medicationReference"), "display"); !d.empty()) return d;
  if (auto d = string_member(r, "description"); !d.empty()) return d;
  return string_member(r, "resourceType");
}

std::string when(const Json& r) {
  for (const char* key : {"effectiveDateTime", "onsetDateTime", "performedDateTime",
                          "occurrenceDateTime", "authoredOn", "recordedDate", "date", "issued"}) {
    if (auto v = string_member(r, key); !v.empty()) return v;
  }
  for (const char* key : {"effectivePeriod", "performedPeriod", "period", "onsetPeriod"}) {
    if (auto v = string_member(member(r, key), "start"); !v.empty()) return v;
  }
  return {};
}

std::string status(const Json& r) {
  if (auto c = concept_words(member(r, "clinicalStatus")); !c.empty()) return c;
  return string_member(r, "status");
}

xmlNode* cell(CdaTree& tree, xmlNode* row, const char* name, const std::string& text) {
  xmlNode* c = tree.add_child(row, name);
  if (!text.empty()) {
    xmlNodeAddContentLen(c, reinterpret_cast<const xmlChar*>(text.data()),
                         static_cast<int>(text.size()));
  }
  return c;
}

}  // namespace

void write_entry_narrative(CdaTree& tree, xmlNode* section,
                           const std::vector<const Json*>& entries) {
  xmlNode* text = tree.add_child(section, "text");
  if (entries.empty()) {
    std::string none = "No information.";
    xmlNodeAddContentLen(text, reinterpret_cast<const xmlChar*>(none.data()),
                         static_cast<int>(none.size()));
    return;
  }
  xmlNode* table = tree.add_child(text, "table");
  xmlNode* head = tree.add_child(tree.add_child(table, "thead"), "tr");
  cell(tree, head, "th", "Item");
  cell(tree, head, "th", "Date");
  cell(tree, head, "th", "Status");
  xmlNode* body = tree.add_child(table, "tbody");
  for (const Json* r : entries) {
    xmlNode* row = tree.add_child(body, "tr");
    cell(tree, row, "td", what(*r));
    cell(tree, row, "td", when(*r));
    cell(tree, row, "td", status(*r));
  }
}

}  // namespace ccdafhir
