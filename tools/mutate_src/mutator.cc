#include "mutator.h"

#include <libxml/parser.h>

#include <algorithm>
#include <set>

namespace ccdafhir::mutate {

namespace {

const char* const kOpNames[] = {"delete-element", "duplicate-element", "swap-elements",
                                "move-element",   "corrupt-attribute", "change-code",
                                "drop-attribute", "replace-text",      "insert-element",
                                "truncate",       "flip-bytes"};

// Attribute values that break parsers of HL7 datatypes: empty, huge, signs, exponents, bad
// dates and times, references to nothing, non-ASCII, markup-looking text.
const char* const kHostileValues[] = {"",
                                      " ",
                                      "x",
                                      "-1",
                                      "0",
                                      "1e999",
                                      "NaN",
                                      "99999999999999999999999",
                                      ".5",
                                      "20241399",
                                      "2024013125",
                                      "20240131246199+9999",
                                      "2024-01-31",
                                      "#",
                                      "#missing-id",
                                      "urn:uuid:",
                                      "1.2.3.",
                                      "..",
                                      "caf\xC3\xA9 \xE2\x82\xAC",
                                      "<b>&amp;</b>",
                                      "UNK",
                                      "NI",
                                      "true",
                                      "PQ",
                                      "CD",
                                      "IVL_TS",
                                      "xsi:IVL_PQ"};

// Attributes whose values the tables test and convert: these get values from the document.
const std::set<std::string> kCodeAttributes = {
    "code",      "codeSystem", "root",         "extension",   "value",     "unit",
    "classCode", "moodCode",   "typeCode",     "nullFlavor",  "type",      "displayName",
    "use",       "operator",   "inversionInd", "negationInd", "mediaType", "representation"};

std::string as_string(const xmlChar* s) {
  return s ? std::string(reinterpret_cast<const char*>(s)) : std::string();
}

void collect_elements(xmlNode* n, std::vector<xmlNode*>& out) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    out.push_back(n);
    collect_elements(n->children, out);
  }
}

void collect_text(xmlNode* n, std::vector<xmlNode*>& out) {
  for (; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) out.push_back(n);
    if (n->type == XML_ELEMENT_NODE) collect_text(n->children, out);
  }
}

bool is_ancestor(const xmlNode* maybe_ancestor, const xmlNode* n) {
  for (const xmlNode* p = n; p; p = p->parent) {
    if (p == maybe_ancestor) return true;
  }
  return false;
}

template <typename T>
const T& pick(const std::vector<T>& v, std::mt19937_64& rng) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

std::size_t below(std::size_t n, std::mt19937_64& rng) {
  return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

}  // namespace

const char* op_name(Op op) {
  return kOpNames[static_cast<int>(op)];
}

Mutator::Mutator(std::string original) : original_(std::move(original)) {
  doc_ = xmlReadMemory(original_.data(), static_cast<int>(original_.size()), "original.xml",
                       nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc_ || !xmlDocGetRootElement(doc_)) return;
  std::vector<xmlNode*> elements;
  collect_elements(xmlDocGetRootElement(doc_), elements);
  std::set<std::string> names;
  for (xmlNode* e : elements) {
    names.insert(as_string(e->name));
    for (xmlAttr* a = e->properties; a; a = a->next) {
      std::string name = as_string(a->name);
      if (!kCodeAttributes.count(name)) continue;
      auto& values = attribute_values_[name];
      if (values.size() < 200)
        values.push_back(as_string(a->children ? a->children->content : nullptr));
    }
  }
  element_names_.assign(names.begin(), names.end());
}

Mutator::~Mutator() {
  if (doc_) xmlFreeDoc(doc_);
}

void Mutator::mutate_tree(xmlDoc* doc, std::mt19937_64& rng, std::vector<Op>& applied) const {
  xmlNode* root = xmlDocGetRootElement(doc);
  std::vector<xmlNode*> elements;
  collect_elements(root, elements);
  if (elements.size() < 2) return;
  auto any_below_root = [&]() { return elements[1 + below(elements.size() - 1, rng)]; };
  Op op = static_cast<Op>(below(9, rng));
  applied.push_back(op);
  switch (op) {
    case Op::kDeleteElement: {
      xmlNode* n = any_below_root();
      xmlUnlinkNode(n);
      xmlFreeNode(n);
      break;
    }
    case Op::kDuplicateElement: {
      xmlNode* n = any_below_root();
      xmlNode* copy = xmlDocCopyNode(n, doc, 1);
      if (copy) xmlAddNextSibling(n, copy);
      break;
    }
    case Op::kSwapElements: {
      xmlNode* a = any_below_root();
      xmlNode* b = any_below_root();
      if (a == b || is_ancestor(a, b) || is_ancestor(b, a)) break;
      // A placeholder keeps a's position while a moves to b's.
      xmlNode* mark = xmlNewDocComment(doc, reinterpret_cast<const xmlChar*>("m"));
      xmlAddPrevSibling(a, mark);
      xmlUnlinkNode(a);
      xmlAddPrevSibling(b, a);
      xmlUnlinkNode(b);
      xmlAddPrevSibling(mark, b);
      xmlUnlinkNode(mark);
      xmlFreeNode(mark);
      break;
    }
    case Op::kMoveElement: {
      xmlNode* n = any_below_root();
      xmlNode* to = pick(elements, rng);
      if (is_ancestor(n, to)) break;
      xmlUnlinkNode(n);
      xmlAddChild(to, n);
      break;
    }
    case Op::kCorruptAttribute:
    case Op::kChangeCode:
    case Op::kDropAttribute: {
      std::vector<xmlAttr*> attrs;
      for (xmlNode* e : elements) {
        for (xmlAttr* a = e->properties; a; a = a->next) attrs.push_back(a);
      }
      if (attrs.empty()) break;
      xmlAttr* a = pick(attrs, rng);
      xmlNode* owner = a->parent;
      if (op == Op::kDropAttribute) {
        xmlRemoveProp(a);
        break;
      }
      std::string value;
      auto seen = attribute_values_.find(as_string(a->name));
      if (op == Op::kChangeCode && seen != attribute_values_.end() && !seen->second.empty()) {
        value = pick(seen->second, rng);
      } else if (below(8, rng) == 0) {
        value.assign(5000 + below(5000, rng), '9');
      } else {
        value = kHostileValues[below(std::size(kHostileValues), rng)];
      }
      std::string name = as_string(a->name);
      xmlSetNsProp(owner, a->ns, reinterpret_cast<const xmlChar*>(name.c_str()),
                   reinterpret_cast<const xmlChar*>(value.c_str()));
      break;
    }
    case Op::kReplaceText: {
      std::vector<xmlNode*> texts;
      collect_text(root, texts);
      if (texts.empty()) break;
      std::string value = kHostileValues[below(std::size(kHostileValues), rng)];
      xmlNodeSetContent(pick(texts, rng), reinterpret_cast<const xmlChar*>(value.c_str()));
      break;
    }
    case Op::kInsertElement: {
      xmlNode* parent = pick(elements, rng);
      const std::string& name = pick(element_names_, rng);
      xmlNode* child =
          xmlNewDocNode(doc, parent->ns, reinterpret_cast<const xmlChar*>(name.c_str()), nullptr);
      if (below(2, rng) == 0) {
        xmlSetProp(child, reinterpret_cast<const xmlChar*>("nullFlavor"),
                   reinterpret_cast<const xmlChar*>("UNK"));
      }
      xmlAddChild(parent, child);
      break;
    }
    default:
      break;
  }
}

std::string Mutator::mutant(std::uint64_t seed, std::uint64_t index,
                            std::vector<Op>& applied) const {
  // One generator per mutant, from (seed, index) alone: any mutant is reproducible by itself.
  std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                    static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32)};
  std::mt19937_64 rng(seq);
  applied.clear();
  std::string bytes;
  if (doc_) {
    xmlDoc* copy = xmlCopyDoc(doc_, 1);
    std::size_t ops = 1 + below(4, rng);
    for (std::size_t i = 0; i < ops; ++i) mutate_tree(copy, rng, applied);
    xmlChar* out = nullptr;
    int size = 0;
    xmlDocDumpMemoryEnc(copy, &out, &size, "UTF-8");
    if (out) bytes.assign(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
    xmlFree(out);
    xmlFreeDoc(copy);
  } else {
    bytes = original_;
    applied.push_back(Op::kFlipBytes);
    for (std::size_t i = 0, n = 1 + below(8, rng); i < n && !bytes.empty(); ++i) {
      bytes[below(bytes.size(), rng)] = static_cast<char>(below(256, rng));
    }
  }
  if (!bytes.empty() && below(10, rng) == 0) {  // one mutant in ten is also cut short
    applied.push_back(Op::kTruncate);
    bytes.resize(below(bytes.size(), rng));
  }
  return bytes;
}

}  // namespace ccdafhir::mutate
