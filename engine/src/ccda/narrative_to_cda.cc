#include "ccda/narrative_to_cda.h"

#include <libxslt/transform.h>

#include <fstream>
#include <sstream>

#include "ccdafhir/error.h"
#include "cda/xml.h"
#include "intake/xml_intake.h"

namespace ccdafhir {

namespace {

constexpr std::string_view kXhtmlNs = "http://www.w3.org/1999/xhtml";

// Points every element of the copy at the v3 namespace already in scope at the section, so the
// copy does not repeat xmlns="urn:hl7-org:v3" on <text>.
void use_namespace(xmlNode* n, xmlNs* ns) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (n->ns && cda::as_view(n->ns->href) == cda::kHl7Ns) n->ns = ns;
    use_namespace(n->children, ns);
  }
}

bool fail(std::string* why, const char* reason) {
  if (why) *why = reason;
  return false;
}

}  // namespace

NarrativeToCda::NarrativeToCda(const std::string& stylesheet_path) {
  std::ifstream in(stylesheet_path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kConfig, stylesheet_path + ": narrative stylesheet missing");
  std::stringstream buf;
  buf << in.rdbuf();
  XmlDocPtr doc;
  try {
    doc = parse_xml_hardened(buf.str(), Limits{});
  } catch (const Error& e) {
    throw Error(ErrorKind::kConfig, stylesheet_path + ": " + e.what());
  }
  sheet_ = xsltParseStylesheetDoc(doc.get());
  if (!sheet_) throw Error(ErrorKind::kConfig, stylesheet_path + ": not a valid XSLT stylesheet");
  doc.release();  // owned by the stylesheet now
}

NarrativeToCda::~NarrativeToCda() {
  if (sheet_) xsltFreeStylesheet(sheet_);
}

bool NarrativeToCda::append(std::string_view div_xhtml, xmlNode* section, std::string* why) const {
  if (!section || !section->doc) return fail(why, "no section element to append to");
  XmlDocPtr input;
  try {
    input = parse_xml_hardened(div_xhtml, Limits{});
  } catch (const Error&) {
    return fail(why, "narrative div is not well-formed XML within the intake limits");
  }
  const xmlNode* root = xmlDocGetRootElement(input.get());
  if (!root || cda::name_of(root) != "div" || cda::ns_of(root) != kXhtmlNs) {
    return fail(why, "narrative is not an XHTML div");
  }
  XmlDocPtr result(xsltApplyStylesheet(sheet_, input.get(), nullptr));
  xmlNode* text = result ? xmlDocGetRootElement(result.get()) : nullptr;
  if (!text) return fail(why, "narrative transform produced nothing");
  if (!text->children) return fail(why, "narrative div holds no text");
  xmlNode* copy = xmlDocCopyNode(text, section->doc, 1);
  if (!copy) return fail(why, "out of memory copying the narrative");
  xmlAddChild(section, copy);
  xmlNs* v3 =
      xmlSearchNsByHref(section->doc, section, reinterpret_cast<const xmlChar*>(cda::kHl7Ns));
  if (v3 && copy->nsDef && !copy->nsDef->next) {
    use_namespace(copy, v3);
    xmlFreeNsList(copy->nsDef);
    copy->nsDef = nullptr;
  }
  return true;
}

}  // namespace ccdafhir
