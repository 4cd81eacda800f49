#include "reverse/cda_tree.h"

#include <cstring>

#include "cda/xml.h"

namespace ccdafhir {

namespace {

const xmlChar* x(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

bool step_is_sdtc(const PathStep& s) {
  return s.ns == cda::kSdtcNs;
}

bool same_element(const xmlNode* c, bool sdtc, std::string_view name) {
  return c->type == XML_ELEMENT_NODE && cda::name_of(c) == name && is_sdtc(c) == sdtc;
}

bool predicates_hold(const xmlNode* n, const PathStep& step) {
  for (const auto& p : step.predicates) {
    if (!p->test(n)) return false;
  }
  return true;
}

// Whether a condition states nothing `n` contradicts: each attribute equality of an `and`
// either holds or names an attribute `n` does not have yet. Anything else must hold.
bool compatible(const xmlNode* n, const Condition& c) {
  if (c.kind == Condition::Kind::kAnd) {
    for (const auto& op : c.operands) {
      if (!compatible(n, *op)) return false;
    }
    return true;
  }
  if (c.kind == Condition::Kind::kEquals && c.path.alternatives().empty() &&
      c.path.steps().size() == 1 && c.path.steps()[0].kind == PathStep::Kind::kAttribute) {
    const PathStep& a = c.path.steps()[0];
    if (a.ns.empty() && !cda::has_attr(n, a.name)) return true;
    // An xsi:type the element does not state yet (a coded value a constant's condition made).
    if (a.ns == cda::kXsiNs && !xmlHasNsProp(n, x(a.name.c_str()), x(cda::kXsiNs))) return true;
  }
  return c.test(n);
}

bool predicates_compatible(const xmlNode* n, const PathStep& step) {
  for (const auto& p : step.predicates) {
    if (!compatible(n, *p)) return false;
  }
  return true;
}

int count_children(const xmlNode* parent, bool sdtc, std::string_view name) {
  int n = 0;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (same_element(c, sdtc, name)) ++n;
  }
  return n;
}

// Another branch of the same choice already present: the schema allows one branch only.
bool choice_taken(const xmlNode* parent, const SchemaType& type, const SchemaChild& decl) {
  if (decl.choice.empty()) return false;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const SchemaChild* other = type.child(is_sdtc(c) ? "sdtc" : "v3", cda::name_of(c));
    if (other && other != &decl && other->choice == decl.choice && other->name != decl.name)
      return true;
  }
  return false;
}

}  // namespace

bool is_sdtc(const xmlNode* el) {
  return el->ns && el->ns->href &&
         std::strcmp(reinterpret_cast<const char*>(el->ns->href), cda::kSdtcNs) == 0;
}

CdaTree::CdaTree(const CdaContentModel& schema, const char* root_name) : schema_(schema) {
  doc_ = xmlNewDoc(x("1.0"));
  xmlNode* root = xmlNewDocNode(doc_, nullptr, x(root_name), nullptr);
  xmlDocSetRootElement(doc_, root);
  v3_ = xmlNewNs(root, x(cda::kHl7Ns), nullptr);
  sdtc_ = xmlNewNs(root, x(cda::kSdtcNs), x("sdtc"));
  xsi_ = xmlNewNs(root, x(cda::kXsiNs), x("xsi"));
  xmlSetNs(root, v3_);
}

CdaTree::~CdaTree() {
  xmlFreeDoc(doc_);
}

std::string CdaTree::type_of(const xmlNode* el) const {
  if (!el || el->type != XML_ELEMENT_NODE) return {};
  std::string_view xt = cda::xsi_type(el);
  if (!xt.empty()) return std::string(xt);
  if (el == xmlDocGetRootElement(el->doc)) return schema_.root_type();
  std::string parent = type_of(el->parent);
  const SchemaType* pt = parent.empty() ? nullptr : schema_.type(parent);
  if (!pt) return {};
  const SchemaChild* c = pt->child(is_sdtc(el) ? "sdtc" : "v3", cda::name_of(el));
  return c ? c->type : std::string();
}

xmlNode* CdaTree::add_child(xmlNode* parent, std::string_view name, bool sdtc) {
  std::string n(name);
  return xmlNewChild(parent, sdtc ? sdtc_ : v3_, x(n.c_str()), nullptr);
}

void CdaTree::discard(xmlNode* el) {
  if (!el) return;
  xmlUnlinkNode(el);
  xmlFreeNode(el);
}

void CdaTree::set_attribute(xmlNode* el, std::string_view name, std::string_view value) {
  std::string n(name), v(value);
  if (n == "xsi:type" || n == "type") {
    if (n == "xsi:type") {
      xmlSetNsProp(el, xsi_, x("type"), x(v.c_str()));
      return;
    }
  }
  xmlSetProp(el, x(n.c_str()), x(v.c_str()));
}

const SchemaChild* CdaTree::declared(const xmlNode* parent, bool sdtc, std::string_view name,
                                     bool& unconstrained) const {
  unconstrained = false;
  std::string t = type_of(parent);
  const SchemaType* st = t.empty() ? nullptr : schema_.type(t);
  if (!st || !CdaContentModel::is_structural(t)) {
    unconstrained = true;  // a datatype's content is its writer's business
    return nullptr;
  }
  return st->child(sdtc ? "sdtc" : "v3", name);
}

CdaTree::Built CdaTree::realize(xmlNode* context, const Path& path, bool fresh,
                                std::string_view wildcard) {
  if (path.alternatives().empty()) return realize_one(context, path, fresh, wildcard);
  for (const Path& alt : path.alternatives()) {
    Built b = realize_one(context, alt, fresh, wildcard);
    if (b.ok()) return b;
  }
  return {};
}

CdaTree::Built CdaTree::realize_one(xmlNode* context, const Path& path, bool fresh,
                                    std::string_view wildcard) {
  Built out;
  if (path.absolute()) return out;
  xmlNode* cur = context;
  const auto& steps = path.steps();
  // Leading `..` steps climb the document being built (an element made beside the context);
  // below them only the last step is made fresh: the elements on the way are the ones that
  // match, as one statement's parts written by several rules meet there.
  bool climbed = false;
  bool leading = true;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const PathStep& step = steps[i];
    bool last = i + 1 == steps.size();
    if (step.kind != PathStep::Kind::kParent) leading = false;
    switch (step.kind) {
      case PathStep::Kind::kParent:
        if (!leading || !cur->parent || cur->parent->type != XML_ELEMENT_NODE) return {};
        cur = cur->parent;
        climbed = true;
        continue;
      case PathStep::Kind::kSelf:
        if (!step.name.empty() && cda::name_of(cur) != step.name) return {};
        continue;
      case PathStep::Kind::kAttribute: {
        if (!last) return {};
        out.element = cur;
        out.attribute = step.ns == cda::kXsiNs ? "xsi:" + step.name : step.name;
        return out;
      }
      case PathStep::Kind::kChild:
      case PathStep::Kind::kAnyChild: {
        std::string name =
            step.kind == PathStep::Kind::kAnyChild ? std::string(wildcard) : step.name;
        if (name.empty()) return {};
        bool sdtc = step_is_sdtc(step);
        bool unconstrained = false;
        const SchemaChild* decl = declared(cur, sdtc, name, unconstrained);
        if (!decl && !unconstrained) {
          if (out.created) discard(out.created);
          return {};
        }
        // Reuse an element that already matches, unless this value needs one of its own and
        // the schema allows another.
        xmlNode* existing = nullptr;
        xmlNode* agreeing = nullptr;
        int seen = 0;
        for (xmlNode* c = cur->children; c; c = c->next) {
          if (!same_element(c, sdtc, name)) continue;
          ++seen;
          if (step.position && seen != step.position) continue;
          if (step.kind == PathStep::Kind::kAnyChild || predicates_hold(c, step)) {
            existing = c;
            break;
          }
          if (!agreeing && predicates_compatible(c, step)) agreeing = c;
        }
        // Fixed structure realised after the data (a CCD's serviceEvent classCode) completes
        // the element the data built rather than adding a second one.
        if (!existing && !fresh && agreeing) {
          for (const auto& p : step.predicates) realize_condition(agreeing, *p);
          existing = agreeing;
        }
        bool single = decl && decl->max == 1;
        // A position names one element ("the first documentationOf"), never a new one; a
        // structure the schema allows once (a serviceEvent) takes every value written into it.
        bool one_structure = existing && single && CdaContentModel::is_structural(decl->type);
        bool want_new = fresh && !step.position && (last || !single) &&
                        !(existing && single && !last) && !one_structure && (last || !climbed);
        // An element reused on the way must be able to hold the next step: an entryRelationship
        // whose one clinical statement is already another kind (a comment act) cannot take a
        // supply, so a new one is made when the schema allows several.
        if (existing && !want_new && !last && !fits_next(existing, steps[i + 1], wildcard) &&
            !(decl && decl->max >= 0 && count_children(cur, sdtc, name) >= decl->max)) {
          existing = nullptr;
        }
        if (existing && !want_new) {
          cur = existing;
          continue;
        }
        // A new element: is there room for it?
        if (decl) {
          int have = count_children(cur, sdtc, name);
          const SchemaType* pt = schema_.type(type_of(cur));
          if ((decl->max >= 0 && have >= decl->max) || (pt && choice_taken(cur, *pt, *decl))) {
            if (out.created) discard(out.created);
            return {};
          }
        }
        xmlNode* el = add_child(cur, name, sdtc);
        if (!out.created) out.created = el;
        if (step.kind == PathStep::Kind::kChild) {
          for (const auto& p : step.predicates) realize_condition(el, *p);
        }
        cur = el;
        continue;
      }
    }
  }
  out.element = cur;
  return out;
}

bool CdaTree::fits_next(const xmlNode* parent, const PathStep& next,
                        std::string_view wildcard) const {
  if (next.kind != PathStep::Kind::kChild && next.kind != PathStep::Kind::kAnyChild) return true;
  std::string name = next.kind == PathStep::Kind::kAnyChild ? std::string(wildcard) : next.name;
  if (name.empty()) return true;
  bool sdtc = step_is_sdtc(next);
  int seen = 0;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (!same_element(c, sdtc, name)) continue;
    ++seen;
    if (next.position && seen != next.position) continue;
    if (next.kind == PathStep::Kind::kAnyChild || predicates_hold(c, next) ||
        predicates_compatible(c, next))
      return true;
  }
  bool unconstrained = false;
  const SchemaChild* decl = declared(parent, sdtc, name, unconstrained);
  if (!decl) return unconstrained;
  if (decl->max >= 0 && seen >= decl->max) return false;
  const SchemaType* pt = schema_.type(type_of(parent));
  return !(pt && choice_taken(parent, *pt, *decl));
}

void CdaTree::realize_condition(xmlNode* el, const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::kAnd:
      for (const auto& op : c.operands) realize_condition(el, *op);
      return;
    case Condition::Kind::kEquals:
      realize_equality(el, c.path, c.literal);
      return;
    default:
      return;  // or / not / exists / != : nothing definite to create
  }
}

void CdaTree::realize_equality(xmlNode* el, const Path& path, const std::string& literal) {
  if (!path.alternatives().empty() || path.absolute()) return;
  const auto& steps = path.steps();
  if (steps.empty() || steps.back().kind != PathStep::Kind::kAttribute) return;
  const PathStep& attr = steps.back();
  std::string attr_name = attr.ns == cda::kXsiNs ? "xsi:" + attr.name : attr.name;
  xmlNode* cur = el;
  for (std::size_t i = 0; i + 1 < steps.size(); ++i) {
    const PathStep& step = steps[i];
    if (step.kind == PathStep::Kind::kSelf) continue;
    if (step.kind != PathStep::Kind::kChild) return;
    bool sdtc = step_is_sdtc(step);
    bool final_element = i + 2 == steps.size();
    xmlNode* found = nullptr;
    for (xmlNode* c = cur->children; c; c = c->next) {
      if (!same_element(c, sdtc, step.name) || !predicates_hold(c, step)) continue;
      // The element carrying the attribute: one without it yet (or with this very value).
      if (final_element && attr.ns.empty()) {
        std::string_view have = cda::attr(c, attr.name);
        if (!have.empty() && have != literal) continue;
      }
      found = c;
      break;
    }
    if (!found) {
      bool unconstrained = false;
      const SchemaChild* decl = declared(cur, sdtc, step.name, unconstrained);
      if (!decl && !unconstrained) return;
      if (decl && decl->max >= 0 && count_children(cur, sdtc, step.name) >= decl->max) return;
      found = add_child(cur, step.name, sdtc);
    }
    cur = found;
  }
  if (attr.ns.empty() && cda::has_attr(cur, attr.name)) return;  // already stated
  if (attr.ns == cda::kXsiNs && !cda::xsi_type(cur).empty()) return;
  set_attribute(cur, attr_name, literal);
}

}  // namespace ccdafhir
