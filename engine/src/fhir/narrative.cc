#include "fhir/narrative.h"

#include <libxml/parserInternals.h>
#include <libxml/xmlsave.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include <cstddef>
#include <cstring>
#include <deque>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ccdafhir/error.h"
#include "cda/xml.h"
#include "fhir/xhtml_writer.h"
#include "intake/xml_intake.h"

namespace ccdafhir {

namespace {

// section/text elements (both in the HL7 namespace, as //v3:section/v3:text selects them) in
// document order: the order the stylesheet emits its divs in.
void collect_section_texts(const xmlNode* n, std::vector<const xmlNode*>& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (cda::name_of(c) == "text" && cda::name_of(n) == "section" && cda::ns_of(c) == cda::kHl7Ns &&
        cda::ns_of(n) == cda::kHl7Ns) {
      out.push_back(c);
    }
    collect_section_texts(c, out);
  }
}

// The section texts of the document being transformed on this thread, for the stylesheet's
// section-texts() extension function: the engine has just collected them, so the stylesheet
// does not walk the whole document again with //v3:section/v3:text (a sixth of the transform).
thread_local const std::vector<const xmlNode*>* current_section_texts = nullptr;

constexpr const char* kNarrativesNs = "urn:ccdafhir:narratives";

void section_texts_function(xmlXPathParserContextPtr ctxt, int nargs) {
  if (nargs != 0) {
    xmlXPathErr(ctxt, XPATH_INVALID_ARITY);
    return;
  }
  // Outside render_sections (another caller's transform), the document is walked here.
  std::vector<const xmlNode*> walked;
  const std::vector<const xmlNode*>* texts = current_section_texts;
  if (!texts) {
    if (const xmlNode* root =
            ctxt->context->doc ? xmlDocGetRootElement(ctxt->context->doc) : nullptr)
      collect_section_texts(root, walked);
    texts = &walked;
  }
  xmlNodeSetPtr set = xmlXPathNodeSetCreate(nullptr);
  for (const xmlNode* n : *texts) xmlXPathNodeSetAddUnique(set, const_cast<xmlNode*>(n));
  valuePush(ctxt, xmlXPathWrapNodeSet(set));
}

// Points current_section_texts at a list for the duration of one transform.
class SectionTextsScope {
 public:
  explicit SectionTextsScope(const std::vector<const xmlNode*>& texts) {
    current_section_texts = &texts;
  }
  ~SectionTextsScope() { current_section_texts = nullptr; }
  SectionTextsScope(const SectionTextsScope&) = delete;
  SectionTextsScope& operator=(const SectionTextsScope&) = delete;
};
}  // namespace

Narrator::Narrator(const std::string& stylesheet_path) {
  std::ifstream in(stylesheet_path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kConfig, stylesheet_path + ": narrative stylesheet missing");
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  XmlDocPtr doc;
  try {
    doc = parse_xml_hardened(text, Limits{});
  } catch (const Error& e) {
    throw Error(ErrorKind::kConfig, stylesheet_path + ": " + e.what());
  }
  // Registered process-wide, once; the function reads the calling thread's list only.
  static std::once_flag registered;
  std::call_once(registered, [] {
    xsltRegisterExtModuleFunction(reinterpret_cast<const xmlChar*>("section-texts"),
                                  reinterpret_cast<const xmlChar*>(kNarrativesNs),
                                  section_texts_function);
  });
  sheet_ = xsltParseStylesheetDoc(doc.get());
  if (!sheet_) throw Error(ErrorKind::kConfig, stylesheet_path + ": not a valid XSLT stylesheet");
  doc.release();  // owned by the stylesheet now
}

Narrator::~Narrator() {
  if (sheet_) xsltFreeStylesheet(sheet_);
}

namespace {
bool has_content(const xmlNode* n) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (!cda::is_blank(cda::as_view(c->content))) return true;
    } else if (c->type == XML_ELEMENT_NODE) {
      if (cda::name_of(c) == "renderMultiMedia" || has_content(c)) return true;
    }
  }
  return false;
}
}  // namespace

namespace {
std::string serialize(xmlNodePtr node) {
  std::string direct;
  if (write_xhtml(node, direct)) return direct;
  // Something write_xhtml does not reproduce exactly: libxml2's own serialiser.
  xmlBufferPtr buffer = xmlBufferCreate();
  xmlSaveCtxtPtr save = xmlSaveToBuffer(buffer, "UTF-8", XML_SAVE_NO_DECL | XML_SAVE_AS_XML);
  xmlSaveTree(save, node);
  xmlSaveClose(save);
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer)), xmlBufferLength(buffer));
  xmlBufferFree(buffer);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// XHTML ids must be unique: an ID that repeats one earlier in the document loses its id (the
// first element keeps it, so references into the narrative resolve to the first occurrence).
// An id is seen as a view of its value in the result document, which outlives the set (a value
// not held in one text node, which xsl:attribute never makes, is copied).
struct SeenIds {
  std::unordered_set<std::string_view> values;
  std::deque<std::string> copies;
};

// Elements whose whitespace-only text children a browser never renders (the HTML table and list
// content models hold no text): the indentation between a CDA table's rows and cells, which the
// stylesheet copies through, is about half the text nodes of a typical narrative block, and most
// of its bytes. Each such text is cut down to one space rather than removed: the div's text
// content (what a search index or a reader of string values sees) keeps its cells and items
// apart.
bool whitespace_is_insignificant_in(const xmlNode* element) {
  static constexpr std::string_view kStructural[] = {"table", "thead",    "tbody", "tfoot",
                                                     "tr",    "colgroup", "ul",    "ol"};
  std::string_view name = cda::name_of(element);
  for (std::string_view s : kStructural)
    if (name == s) return true;
  return false;
}

bool longer_blank_text(const xmlNode* n) {
  if (n->type != XML_TEXT_NODE || n->name == xmlStringTextNoenc || !n->content) return false;
  std::string_view text = cda::as_view(n->content);
  return text.size() > 1 && cda::is_blank(text);
}

// A text node's own buffer (not the document dictionary's, not libxml2's compact storage inside
// the node) is cut in place: a new one per node was half of what the pass saves.
void shorten_to_one_space(xmlNodePtr text) {
  xmlChar* content = text->content;
  const bool own_buffer = content != reinterpret_cast<xmlChar*>(&text->properties) &&
                          !(text->doc && text->doc->dict && xmlDictOwns(text->doc->dict, content));
  if (!own_buffer) {
    xmlNodeSetContentLen(text, reinterpret_cast<const xmlChar*>(" "), 1);
    return;
  }
  content[0] = ' ';
  content[1] = '\0';
}

// The rendered div as it is written: repeated ids dropped, insignificant whitespace shortened.
void tidy_div(xmlNodePtr n, SeenIds& seen) {
  if (n->type != XML_ELEMENT_NODE) return;
  // The first attribute named id, whatever its namespace (as xmlHasProp finds it).
  for (xmlAttrPtr a = n->properties; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), "id") != 0) continue;
    const xmlNode* t = a->children;
    std::string_view value;
    if (t && t->type == XML_TEXT_NODE && !t->next) {
      value = cda::as_view(t->content);
    } else if (t) {
      xmlChar* content = xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(a));
      value = seen.copies.emplace_back(content ? reinterpret_cast<const char*>(content) : "");
      xmlFree(content);
    }
    if (!seen.values.insert(value).second) xmlRemoveProp(a);
    break;
  }
  const bool shorten_blanks = whitespace_is_insignificant_in(n);
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (shorten_blanks && longer_blank_text(c)) {
      shorten_to_one_space(c);
    } else {
      tidy_div(c, seen);
    }
  }
}

// xsltApplyStylesheet on a document whose elements intake has already numbered in document order
// (element->content = -position, see xml_intake.cc): libxslt's xsltNewTransformContext numbers
// every element of the document it is made for, unconditionally, a walk over the whole cold tree
// (2% of a large document's conversion time for 0.2% of its instructions). The context is made
// while the document's children are unlinked, so that walk finds nothing; nothing else in making
// a context looks at the tree. A document that is not numbered is transformed as usual.
xmlDocPtr apply_numbered(xsltStylesheetPtr sheet, xmlDoc* doc) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (!root || reinterpret_cast<std::ptrdiff_t>(root->content) >= 0)
    return xsltApplyStylesheet(sheet, doc, nullptr);
  xmlNodePtr children = doc->children;
  xmlNodePtr last = doc->last;
  doc->children = nullptr;
  doc->last = nullptr;
  xsltTransformContextPtr ctxt = xsltNewTransformContext(sheet, doc);
  doc->children = children;
  doc->last = last;
  if (!ctxt) return nullptr;
  xmlDocPtr result = xsltApplyStylesheetUser(sheet, doc, nullptr, nullptr, nullptr, ctxt);
  xsltFreeTransformContext(ctxt);
  return result;
}

}  // namespace

Narrator::Rendered Narrator::render_sections(const xmlDoc* doc) const {
  const xmlNode* root = xmlDocGetRootElement(const_cast<xmlDoc*>(doc));
  if (!root) return {};
  std::vector<const xmlNode*> texts;
  collect_section_texts(root, texts);
  return render_sections(doc, texts);
}

Narrator::Rendered Narrator::render_sections(const xmlDoc* doc,
                                             const std::vector<const xmlNode*>& texts) const {
  Rendered rendered;
  if (texts.empty()) return rendered;
  XmlDocPtr result;
  {
    SectionTextsScope scope(texts);
    result.reset(apply_numbered(sheet_, const_cast<xmlDoc*>(doc)));
  }
  if (!result) return rendered;
  xmlNodePtr wrapper = xmlDocGetRootElement(result.get());
  if (!wrapper) return rendered;
  SeenIds seen_ids;
  std::size_t i = 0;
  for (xmlNodePtr div = wrapper->children; div && i < texts.size(); div = div->next) {
    if (div->type != XML_ELEMENT_NODE) continue;
    const xmlNode* text = texts[i++];
    tidy_div(div, seen_ids);
    if (has_content(text)) rendered.emplace(text, serialize(div));
  }
  return rendered;
}

std::string Narrator::to_xhtml(const xmlNode* cda_text) const {
  if (!cda_text || !has_content(cda_text)) return {};
  XmlDocPtr input(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
  xmlNodePtr copy = xmlDocCopyNode(const_cast<xmlNode*>(cda_text), input.get(), 1);
  if (!copy) return {};
  xmlDocSetRootElement(input.get(), copy);
  XmlDocPtr result(xsltApplyStylesheet(sheet_, input.get(), nullptr));
  if (!result) return {};
  xmlNodePtr root = xmlDocGetRootElement(result.get());
  if (!root) return {};
  SeenIds seen_ids;
  tidy_div(root, seen_ids);
  return serialize(root);
}

}  // namespace ccdafhir
