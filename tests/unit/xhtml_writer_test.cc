// write_xhtml (the narrative div serialiser) against libxml2's xmlSaveTree, which it replaces
// on the hot path: byte-identical on hand-made trees with every ASCII byte and non-ASCII text in
// text and attributes, and on every div the narrative stylesheet makes of the corpus (needs
// ../shared); false where it must leave the job to libxml2.
#include <libxml/parserInternals.h>
#include <libxml/xmlsave.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include "ccdafhir_build_paths.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "ccdafhir/error.h"
#include "ccdafhir/options.h"
#include "fhir/xhtml_writer.h"
#include "intake/xml_intake.h"
#include "test_support.h"

using namespace ccdafhir;
namespace fs = std::filesystem;

namespace {

const xmlChar* x(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

// What the engine did before write_xhtml, and still does when it returns false.
std::string libxml2_serialised(xmlNode* node) {
  xmlBufferPtr buffer = xmlBufferCreate();
  xmlSaveCtxtPtr save = xmlSaveToBuffer(buffer, "UTF-8", XML_SAVE_NO_DECL | XML_SAVE_AS_XML);
  xmlSaveTree(save, node);
  xmlSaveClose(save);
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                  static_cast<std::size_t>(xmlBufferLength(buffer)));
  xmlBufferFree(buffer);
  return out;
}

// <wrapper xmlns="urn:w"><div xmlns="http://www.w3.org/1999/xhtml">...</div></wrapper>, as the
// stylesheet's result has it; `encoding` set on the document or not.
struct Tree {
  XmlDocPtr doc;
  xmlNode* div = nullptr;
  explicit Tree(bool encoding) : doc(xmlNewDoc(x("1.0"))) {
    if (encoding) doc->encoding = xmlStrdup(x("UTF-8"));
    xmlNode* wrapper = xmlNewDocNode(doc.get(), nullptr, x("narratives"), nullptr);
    xmlDocSetRootElement(doc.get(), wrapper);
    xmlSetNs(wrapper, xmlNewNs(wrapper, x("urn:w"), nullptr));
    div = xmlNewDocNode(doc.get(), nullptr, x("div"), nullptr);
    xmlAddChild(wrapper, div);
    xmlSetNs(div, xmlNewNs(div, x("http://www.w3.org/1999/xhtml"), nullptr));
  }
  xmlNode* element(xmlNode* parent, const char* name) {
    xmlNode* e = xmlNewDocNode(doc.get(), div->ns, x(name), nullptr);
    xmlAddChild(parent, e);
    return e;
  }
  void text(xmlNode* parent, const std::string& t) {
    xmlAddChild(parent, xmlNewDocTextLen(doc.get(), x(t.c_str()), static_cast<int>(t.size())));
  }
};

std::string every_ascii_byte() {
  std::string s;
  for (int c = 1; c < 128; ++c) s.push_back(static_cast<char>(c));
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(convert)

BOOST_AUTO_TEST_CASE(xhtml_writer_matches_libxml2_on_every_ascii_byte_and_utf8) {
  Tree t(true);
  const std::string bytes = every_ascii_byte() + " caf\xC3\xA9 \xE4\xB8\xAD \xC2\xA0.";
  xmlNode* p = t.element(t.div, "p");
  t.text(p, bytes);
  xmlSetProp(p, x("id"), x(bytes.c_str()));
  xmlSetProp(p, x("class"), x("a  b"));
  t.element(p, "br");  // empty: <br/>
  xmlNode* span = t.element(p, "span");
  t.text(span, "x < y & z > w\r\n");
  t.text(p, "tail");
  std::string direct;
  BOOST_REQUIRE(write_xhtml(t.div, direct));
  BOOST_TEST(direct == libxml2_serialised(t.div));
  BOOST_TEST(direct.find("<br/>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(xhtml_writer_leaves_what_it_does_not_reproduce_to_libxml2) {
  {  // non-ASCII attribute in a document without encoding: libxml2 writes &#x...;
    Tree t(false);
    xmlSetProp(t.div, x("title"), x("caf\xC3\xA9"));
    std::string out;
    BOOST_TEST(!write_xhtml(t.div, out));
  }
  {  // ... while non-ASCII text is the same either way
    Tree t(false);
    t.text(t.div, "caf\xC3\xA9");
    std::string out;
    BOOST_REQUIRE(write_xhtml(t.div, out));
    BOOST_TEST(out == libxml2_serialised(t.div));
  }
  {  // a comment
    Tree t(true);
    xmlAddChild(t.div, xmlNewDocComment(t.doc.get(), x("c")));
    std::string out;
    BOOST_TEST(!write_xhtml(t.div, out));
  }
  {  // disable-output-escaping text
    Tree t(true);
    xmlNode* raw = xmlNewDocText(t.doc.get(), x("<b>"));
    raw->name = xmlStringTextNoenc;
    xmlAddChild(t.div, raw);
    std::string out;
    BOOST_TEST(!write_xhtml(t.div, out));
  }
}

BOOST_AUTO_TEST_CASE(xhtml_writer_matches_libxml2_on_every_corpus_narrative) {
  test::require_shared();
  const std::string sheet_path =
      std::string(CCDAFHIR_SOURCE_DIR) + "/xslt/narrative/cda-to-xhtml.xsl";
  XmlDocPtr sheet_doc = parse_xml_hardened(test::read_file(sheet_path), Limits{});
  xsltStylesheetPtr sheet = xsltParseStylesheetDoc(sheet_doc.release());
  BOOST_REQUIRE(sheet);
  std::size_t divs = 0, mismatches = 0;
  for (const auto& entry : fs::recursive_directory_iterator(test::shared_dir() / "corpus")) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".xml" && ext != ".XML")) continue;
    ParsedCda parsed;
    try {
      parsed = parse_cda(test::read_file(entry.path()), Limits{});
    } catch (const Error&) {
      continue;  // not a ClinicalDocument: the engine rejects it before any narrative
    }
    XmlDocPtr result(xsltApplyStylesheet(sheet, parsed.doc.get(), nullptr));
    BOOST_REQUIRE(result);
    xmlNode* wrapper = xmlDocGetRootElement(result.get());
    if (!wrapper) continue;
    for (xmlNode* div = wrapper->children; div; div = div->next) {
      if (div->type != XML_ELEMENT_NODE) continue;
      ++divs;
      std::string direct;
      if (write_xhtml(div, direct) && direct == libxml2_serialised(div)) continue;
      if (++mismatches <= 5) BOOST_TEST_MESSAGE("differs: " << entry.path().string());
    }
  }
  xsltFreeStylesheet(sheet);
  BOOST_TEST(divs > 1000);
  BOOST_TEST(mismatches == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
