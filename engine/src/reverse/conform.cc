#include "reverse/conform.h"

#include <algorithm>
#include <set>
#include <vector>

#include "cda/xml.h"

namespace ccdafhir {

namespace {

constexpr int kMaxDepth = 200;

// The SDTC extension elements are hl7 datatypes (sdtc:raceCode is a CE): their own content
// (originalText, translation, low/high ...) is in the HL7 v3 namespace.
void content_in_v3(xmlNode* el, xmlNs* v3) {
  for (xmlNode* c = el->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    xmlSetNs(c, v3);
    content_in_v3(c, v3);
  }
}

const SchemaChild* declaration(const SchemaType& type, const xmlNode* c) {
  return type.child(is_sdtc(c) ? "sdtc" : "v3", cda::name_of(c));
}

bool takes_null_flavor(const CdaContentModel& schema, const std::string& type_name) {
  const SchemaType* t = schema.type(type_name);
  if (!t) return false;
  for (const SchemaAttribute& a : t->attributes) {
    if (a.name == "nullFlavor") return true;
  }
  return false;
}

// A datatype element with neither attributes nor content: a required element a table's
// `ensure` made because the data had none.
bool placeholder(const xmlNode* c) {
  return c->type == XML_ELEMENT_NODE && !c->properties && !c->children;
}

bool has_filled_sibling(const xmlNode* c) {
  for (const xmlNode* o = c->parent->children; o; o = o->next) {
    if (o != c && o->type == XML_ELEMENT_NODE && o->ns == c->ns && xmlStrEqual(o->name, c->name) &&
        !placeholder(o))
      return true;
  }
  return false;
}

// Placeholders among an element's children: dropped beside a real element of the same name,
// else an explicit null (a template requires the element, the data does not know its value).
void settle_placeholders(CdaTree& tree, const SchemaType& type, std::vector<xmlNode*>& kids) {
  for (auto it = kids.begin(); it != kids.end();) {
    const SchemaChild* d = declaration(type, *it);
    if (!d || !placeholder(*it) || CdaContentModel::is_structural(d->type) ||
        !takes_null_flavor(tree.schema(), d->type)) {
      ++it;
    } else if (has_filled_sibling(*it)) {
      CdaTree::discard(*it);
      it = kids.erase(it);
    } else {
      tree.set_attribute(*it, "nullFlavor", "NI");
      ++it;
    }
  }
}

// Inside a datatype (an IVL_TS the header requires a low of) only placeholders are settled:
// the datatype writers own the rest.
void settle_in_datatype(CdaTree& tree, xmlNode* el, const SchemaType& type, int depth) {
  if (depth > kMaxDepth) return;
  std::vector<xmlNode*> kids;
  for (xmlNode* c = el->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && declaration(type, c)) kids.push_back(c);
  }
  settle_placeholders(tree, type, kids);
  for (xmlNode* c : kids) {
    const SchemaType* t = tree.schema().type(declaration(type, c)->type);
    if (t) settle_in_datatype(tree, c, *t, depth + 1);
  }
}

void conform(CdaTree& tree, xmlNode* el, DiagnosticSink& sink, int depth) {
  if (depth > kMaxDepth) return;
  std::string type_name = tree.type_of(el);
  const SchemaType* type = tree.schema().type(type_name);
  if (!type) return;
  if (!CdaContentModel::is_structural(type_name)) {
    settle_in_datatype(tree, el, *type, depth);
    return;
  }

  std::vector<xmlNode*> kids;
  for (xmlNode* c = el->children; c;) {
    xmlNode* next = c->next;
    if (c->type == XML_ELEMENT_NODE) {
      if (declaration(*type, c)) {
        kids.push_back(c);
      } else {
        Diagnostic d;
        d.severity = Severity::kWarning;
        d.code = IssueCode::kStructure;
        d.source_path = cda::node_path(c);
        d.message =
            "a " + std::string(cda::name_of(c)) + " is not allowed in " + type_name + "; left out";
        sink.add(std::move(d));
        CdaTree::discard(c);
      }
    }
    c = next;
  }

  settle_placeholders(tree, *type, kids);

  for (const SchemaAttribute& a : type->attributes) {
    if (a.required && !a.value.empty() && !cda::has_attr(el, a.name))
      tree.set_attribute(el, a.name, a.value);
  }

  std::set<std::string> done_choices;
  for (const SchemaChild& decl : type->children) {
    if (decl.min < 1) continue;
    bool present = false;
    for (xmlNode* c : kids) {
      const SchemaChild* d = declaration(*type, c);
      if (d == &decl || (d && d->name == decl.name && d->ns == decl.ns) ||
          (!decl.choice.empty() && d && d->choice == decl.choice)) {
        present = true;
        break;
      }
    }
    if (present) continue;
    if (!decl.choice.empty()) {
      if (decl.choice.back() == '?' || !done_choices.insert(decl.choice).second) continue;
    }
    xmlNode* made = tree.add_child(el, decl.name, decl.ns == "sdtc");
    if (!CdaContentModel::is_structural(decl.type)) tree.set_attribute(made, "nullFlavor", "NI");
    kids.push_back(made);
  }

  std::stable_sort(kids.begin(), kids.end(), [&](xmlNode* a, xmlNode* b) {
    return declaration(*type, a)->index < declaration(*type, b)->index;
  });
  for (xmlNode* c : kids) {
    xmlUnlinkNode(c);
    xmlAddChild(el, c);
  }
  for (xmlNode* c : kids) {
    const SchemaChild* d = declaration(*type, c);
    if (is_sdtc(c) && d && !CdaContentModel::is_structural(d->type)) {
      content_in_v3(c, xmlSearchNsByHref(c->doc, xmlDocGetRootElement(c->doc),
                                         reinterpret_cast<const xmlChar*>(cda::kHl7Ns)));
    }
    conform(tree, c, sink, depth + 1);
  }
}

}  // namespace

void conform_to_schema(CdaTree& tree, xmlNode* element, DiagnosticSink& sink) {
  conform(tree, element, sink, 0);
}

}  // namespace ccdafhir
