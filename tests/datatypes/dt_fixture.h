// Test fixture for the datatypes suite: parses small CDA snippets (HL7 v3 default namespace, xsi
// bound), indexes narrative IDs, and runs a converter with a fresh diagnostic sink.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "cda/xml.h"
#include "datatypes/codesystems.h"
#include "datatypes/context.h"
#include "datatypes/datatypes.h"
#include "util/json.h"

namespace ccdafhir::dt_test {

class DtFixture {
 public:
  DtFixture() {
    systems.add("2.16.840.1.113883.6.1", "http://loinc.org");
    systems.add("2.16.840.1.113883.6.96", "http://snomed.info/sct");
    systems.add("2.16.840.1.113883.6.88", "http://www.nlm.nih.gov/research/umls/rxnorm");
    systems.add("2.16.840.1.113883.12.292", "http://hl7.org/fhir/sid/cvx");
    systems.add("2.16.840.1.113883.4.1", "http://hl7.org/fhir/sid/us-ssn");
    systems.add("2.16.840.1.113883.4.6", "http://hl7.org/fhir/sid/us-npi");
  }
  ~DtFixture() {
    for (xmlDocPtr d : docs_) xmlFreeDoc(d);
  }
  DtFixture(const DtFixture&) = delete;
  DtFixture& operator=(const DtFixture&) = delete;

  // Parses `xml` (one or more elements) inside a wrapper declaring the CDA namespaces and
  // returns the first element; IDs anywhere in it go into the narrative index. Clears the sink.
  const xmlNode* parse(std::string_view xml) {
    sink.clear();
    std::string text =
        "<wrapper xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        " xmlns:sdtc=\"urn:hl7-org:sdtc\">";
    text += xml;
    text += "</wrapper>";
    xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "snippet.xml",
                                  nullptr, XML_PARSE_NONET);
    if (!doc) return nullptr;
    docs_.push_back(doc);
    const xmlNode* root = xmlDocGetRootElement(doc);
    index(root);
    for (const xmlNode* c = root->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) return c;
    }
    return nullptr;
  }

  // First descendant element (document order) with this local name, under the last parse.
  const xmlNode* find(std::string_view name) const {
    if (docs_.empty()) return nullptr;
    return find_in(xmlDocGetRootElement(docs_.back()), name);
  }

  using Converter = Json (*)(const xmlNode*, DatatypeContext&);
  Json run(Converter fn, std::string_view xml) { return fn(parse(xml), ctx); }
  // Runs fn on the first element named `name` in the snippet.
  Json run_on(Converter fn, std::string_view xml, std::string_view name) {
    parse(xml);
    return fn(find(name), ctx);
  }

  std::size_t reports() const { return sink.items().size(); }
  std::size_t reports(Severity s) const {
    std::size_t n = 0;
    for (const Diagnostic& d : sink.items()) n += d.severity == s ? 1 : 0;
    return n;
  }

  CodeSystems systems;
  NarrativeIndex narrative;
  DiagnosticSink sink;
  DatatypeContext ctx{systems, narrative, sink, "datatypes/test"};

 private:
  void index(const xmlNode* n) {
    for (const xmlNode* c = n; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string_view id = cda::attr(c, "ID");
      if (!id.empty()) narrative[id] = c;
      index(c->children);
    }
  }
  static const xmlNode* find_in(const xmlNode* n, std::string_view name) {
    for (const xmlNode* c = n; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (cda::name_of(c) == name) return c;
      if (const xmlNode* f = find_in(c->children, name)) return f;
    }
    return nullptr;
  }

  std::vector<xmlDocPtr> docs_;
};

// Expected JSON text -> canonical dump, so failures print both sides readably.
inline std::string js(std::string_view expected) {
  return Json::parse(expected).dump();
}

}  // namespace ccdafhir::dt_test
