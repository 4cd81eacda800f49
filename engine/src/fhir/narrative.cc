#include "fhir/narrative.h"

#include <libxml/xmlsave.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include <fstream>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "ccdafhir/error.h"
#include "cda/xml.h"
#include "intake/xml_intake.h"

namespace ccdafhir {

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
void drop_repeated_ids(xmlNodePtr n, std::unordered_set<std::string>& seen) {
  if (n->type != XML_ELEMENT_NODE) return;
  if (xmlAttrPtr id = xmlHasProp(n, reinterpret_cast<const xmlChar*>("id"))) {
    xmlChar* value = xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(id));
    std::string key = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    if (!seen.insert(key).second) xmlRemoveProp(id);
  }
  for (xmlNodePtr c = n->children; c; c = c->next) drop_repeated_ids(c, seen);
}

// section/text elements in document order: the order the stylesheet emits its divs in.
void collect_section_texts(const xmlNode* n, std::vector<const xmlNode*>& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (cda::name_of(c) == "text" && c->parent && cda::name_of(c->parent) == "section" &&
        cda::ns_of(c) == cda::kHl7Ns) {
      out.push_back(c);
    }
    collect_section_texts(c, out);
  }
}
}  // namespace

Narrator::Rendered Narrator::render_sections(const xmlDoc* doc) const {
  Rendered rendered;
  const xmlNode* root = xmlDocGetRootElement(const_cast<xmlDoc*>(doc));
  if (!root) return rendered;
  std::vector<const xmlNode*> texts;
  collect_section_texts(root, texts);
  if (texts.empty()) return rendered;
  XmlDocPtr result(xsltApplyStylesheet(sheet_, const_cast<xmlDoc*>(doc), nullptr));
  if (!result) return rendered;
  xmlNodePtr wrapper = xmlDocGetRootElement(result.get());
  if (!wrapper) return rendered;
  std::unordered_set<std::string> seen_ids;
  std::size_t i = 0;
  for (xmlNodePtr div = wrapper->children; div && i < texts.size(); div = div->next) {
    if (div->type != XML_ELEMENT_NODE) continue;
    const xmlNode* text = texts[i++];
    drop_repeated_ids(div, seen_ids);
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
  return serialize(root);
}

}  // namespace ccdafhir
