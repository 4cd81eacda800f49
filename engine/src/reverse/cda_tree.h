// The CDA document the FHIR -> CDA direction builds, and the one operation mapping tables need
// on it: create what a path selects. `code[@codeSystem='x']` creates <code codeSystem="x"/>,
// `entryRelationship[@typeCode='SUBJ']/observation` both elements; intermediate elements are
// reused when the schema allows only one, so `patient/name` twice gives one <patient> with two
// names. The CDA content model decides what may go where: a path the schema does not allow at
// that place builds nothing.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

#include "mapping/path.h"
#include "reverse/content_model.h"

namespace ccdafhir {

class CdaTree {
 public:
  // A new document whose root is `root_name` in the HL7 v3 namespace, declaring the sdtc and
  // xsi namespaces the datatype writers use.
  CdaTree(const CdaContentModel& schema, const char* root_name);
  ~CdaTree();
  CdaTree(const CdaTree&) = delete;
  CdaTree& operator=(const CdaTree&) = delete;

  xmlDoc* doc() const { return doc_; }
  xmlNode* root() const { return xmlDocGetRootElement(doc_); }
  const CdaContentModel& schema() const { return schema_; }

  // The schema type of an element: its xsi:type, else what its parent's type declares for it;
  // "" when unknown (inside a datatype, or not allowed where it is).
  std::string type_of(const xmlNode* el) const;

  // A new last child in the v3 (`sdtc` false) or SDTC namespace.
  xmlNode* add_child(xmlNode* parent, std::string_view name, bool sdtc = false);

  struct Built {
    xmlNode* element = nullptr;  // the element selected (or holding the attribute)
    std::string attribute;       // set when the path ends in an attribute
    xmlNode* created = nullptr;  // the outermost element this call created, if any
    bool ok() const { return element != nullptr; }
  };
  // Creates what `path` selects below `context`, reusing elements that already match. `fresh`:
  // the value is one of several (an appended value), so its element is a new one whenever the
  // schema allows several. `wildcard` is the element name a '*' step stands for. For a union
  // the first alternative the schema allows is built. Leading `..` steps climb from `context`
  // first (a `reverse: from` built beside the element); below them only the last step is fresh.
  Built realize(xmlNode* context, const Path& path, bool fresh, std::string_view wildcard = {});

  // Writes the attribute equalities a condition states (`@moodCode='EVN'`,
  // `templateId/@root='x' and @extension='y'`); or, not, existence and != state nothing to
  // create and are left alone.
  void realize_condition(xmlNode* el, const Condition& condition);

  // Sets an attribute; "xsi:type" goes into the XML Schema instance namespace.
  void set_attribute(xmlNode* el, std::string_view name, std::string_view value);

  // Removes an element this builder created (a value that turned out to write nothing).
  static void discard(xmlNode* el);

 private:
  const CdaContentModel& schema_;
  xmlDoc* doc_ = nullptr;
  xmlNs* v3_ = nullptr;
  xmlNs* sdtc_ = nullptr;
  xmlNs* xsi_ = nullptr;

  Built realize_one(xmlNode* context, const Path& path, bool fresh, std::string_view wildcard);
  // The declaration of (ns, name) in the element's schema type; nullptr when not allowed. A
  // datatype element (no structural type) allows anything: its writer knows its content.
  const SchemaChild* declared(const xmlNode* parent, bool sdtc, std::string_view name,
                              bool& unconstrained) const;
  void realize_equality(xmlNode* el, const Path& path, const std::string& literal);
  // Whether `parent` holds an element `next` selects or could be given one.
  bool fits_next(const xmlNode* parent, const PathStep& next, std::string_view wildcard) const;
};

// Whether an element is in the SDTC namespace.
bool is_sdtc(const xmlNode* el);

}  // namespace ccdafhir
