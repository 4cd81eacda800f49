// FHIR Narrative XHTML -> CDA narrative block (xslt/narrative/xhtml-to-cda.xsl through
// NarrativeToCda): element mapping, and the text of corpus section narratives surviving
// CDA -> XHTML -> CDA, with the documents still valid against the CDA XSD. The corpus part needs
// ../shared (corpus, schemas).
#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include "ccdafhir_build_paths.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "ccda/narrative_to_cda.h"
#include "ccdafhir/options.h"
#include "cda/xml.h"
#include "fhir/narrative.h"
#include "intake/xml_intake.h"
#include "test_support.h"

using namespace ccdafhir;
namespace fs = std::filesystem;

namespace {

const NarrativeToCda& back() {
  static const NarrativeToCda n(std::string(CCDAFHIR_SOURCE_DIR) +
                                "/xslt/narrative/xhtml-to-cda.xsl");
  return n;
}

const Narrator& forward() {
  static const Narrator n(std::string(CCDAFHIR_SOURCE_DIR) + "/xslt/narrative/cda-to-xhtml.xsl");
  return n;
}

const xmlChar* x(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

// A ClinicalDocument with one section; the div transformed into it; the <text> printed.
std::string to_cda(const std::string& div, bool* ok = nullptr) {
  XmlDocPtr doc(xmlNewDoc(x("1.0")));
  xmlNode* root = xmlNewDocNode(doc.get(), nullptr, x("ClinicalDocument"), nullptr);
  xmlDocSetRootElement(doc.get(), root);
  xmlSetNs(root, xmlNewNs(root, x(cda::kHl7Ns), nullptr));
  xmlNode* section = xmlNewChild(root, root->ns, x("section"), nullptr);
  std::string why;
  bool appended = back().append(div, section, &why);
  if (ok) *ok = appended;
  if (!appended) return "refused: " + why;
  xmlBuffer* buf = xmlBufferCreate();
  xmlNodeDump(buf, doc.get(), section->children, 0, 0);
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buf)),
                  static_cast<std::size_t>(xmlBufferLength(buf)));
  xmlBufferFree(buf);
  return out;
}

std::string div(const std::string& inner) {
  return "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + inner + "</div>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(narrative_back)

BOOST_AUTO_TEST_CASE(element_mapping) {
  struct Row {
    std::string xhtml;
    std::string cda;
  };
  const Row rows[] = {
      {div("plain"), "<text>plain</text>"},
      {div("<p id=\"p1\" class=\"Bold xLocal cda-caption\">a<br/>b</p>"),
       "<text><paragraph ID=\"p1\" styleCode=\"Bold xLocal\">a<br/>b</paragraph></text>"},
      {div("<p>x <b>bold</b> <i>it</i> <em>em</em> <strong>s</strong> <u>u</u></p>"),
       "<text><paragraph>x <content styleCode=\"Bold\">bold</content> <content "
       "styleCode=\"Italics\">it</content> <content styleCode=\"Italics\">em</content> <content "
       "styleCode=\"Bold\">s</content> <content "
       "styleCode=\"Underline\">u</content></paragraph></text>"},
      {div("<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>"),
       "<text><list><item>one</item><item>two</item></list><list "
       "listType=\"ordered\"><item>first</item></list></text>"},
      {div("<table border=\"1\"><caption>Meds</caption><thead><tr><th>Name</th></tr></thead>"
           "<tbody><tr><td id=\"m1\">Aspirin<sub>2</sub><sup>x</sup></td></tr></tbody></table>"),
       "<text><table border=\"1\"><caption>Meds</caption><thead><tr><th>Name</th></tr></thead>"
       "<tbody><tr><td ID=\"m1\">Aspirin<sub>2</sub><sup>x</sup></td></tr></tbody></table></text>"},
      // rows outside a tbody get one
      {div("<table><tr><td>a</td></tr></table>"),
       "<text><table><tbody><tr><td>a</td></tr></tbody></table></text>"},
      // whitespace between a table's parts stays where it stood (a fixpoint over cycles)
      {div("<table>\n <thead><tr><th>h</th></tr></thead>\n "
           "<tbody><tr><td>a</td></tr></tbody>\n</table>"),
       "<text><table>\n <thead><tr><th>h</th></tr></thead>\n <tbody><tr><td>a</td></tr></tbody>\n"
       "</table></text>"},
      // header rows only: they become the body
      {div("<table><thead><tr><th>h</th></tr></thead></table>"),
       "<text><table><tbody><tr><th>h</th></tr></tbody></table></text>"},
      // a table with no cells keeps its caption text
      {div("<table><caption>Empty</caption></table>"), "<text><paragraph>Empty</paragraph></text>"},
      {div("<p>see <a href=\"http://example.org\" title=\"t\">here</a></p>"),
       "<text><paragraph>see <linkHtml href=\"http://example.org\" "
       "title=\"t\">here</linkHtml></paragraph></text>"},
      // blocks inside inline content, and blocks inside blocks
      {div("<p>a<span>b<div>c</div></span></p>"),
       "<text><paragraph>a<content>b<content>c</content></content></paragraph></text>"},
      {div("<div id=\"d\"><p>a</p><p>b</p></div>"),
       "<text><content ID=\"d\"/><paragraph>a</paragraph><paragraph>b</paragraph></text>"},
      {div("<h2>Title</h2>"),
       "<text><paragraph><content styleCode=\"Bold\">Title</content></paragraph></text>"},
      // a table in a cell becomes paragraphs
      {div("<table><tr><td><table><tr><td>in</td><td>ner</td></tr></table></td></tr></table>"),
       "<text><table><tbody><tr><td><paragraph><content>in</content><content>ner</content>"
       "</paragraph></td></tr></tbody></table></text>"},
      // the forward direction's footnotes, multimedia placeholders and revisions come back
      {div("<p>x<sup class=\"cda-footnote-ref cda-generated\"><a href=\"#f1\">1</a></sup></p>"
           "<span class=\"cda-footnote\" id=\"f1\"><sup "
           "class=\"cda-generated\">1</sup>note</span>"),
       "<text><paragraph>x<footnoteRef IDREF=\"f1\"/></paragraph><footnote "
       "ID=\"f1\">note</footnote></text>"},
      {div("<p>y<sup class=\"cda-footnote-ref cda-generated\"><a "
           "href=\"#nowhere\">1</a></sup></p>"),
       "<text><paragraph>y</paragraph></text>"},
      {div("<span class=\"cda-multimedia\"><span class=\"cda-generated\">[multimedia: "
           "m1]</span></span>"),
       "<text><content/></text>"},
      {div("<span class=\"cda-revised-delete\" style=\"text-decoration: line-through; "
           "\">old</span>"),
       "<text><content revised=\"delete\">old</content></text>"},
      {div("<img src=\"x.png\" alt=\"chart\"/>"), "<text><content>chart</content></text>"},
      // ids: first occurrence, NCNames only; class tokens that are not NMTOKENs are dropped
      {div("<p id=\"a\">1</p><p id=\"a\">2</p><p id=\"9x\" class=\"ok no#\">3</p>"),
       "<text><paragraph ID=\"a\">1</paragraph><paragraph>2</paragraph><paragraph "
       "styleCode=\"ok\">3</paragraph></text>"},
      {div("<p lang=\"en-US\">hi</p>"),
       "<text><paragraph language=\"en-US\">hi</paragraph></text>"},
      // escaping survives
      {div("<p>a &amp; b &lt; c</p>"), "<text><paragraph>a &amp; b &lt; c</paragraph></text>"},
  };
  for (const Row& r : rows) {
    BOOST_TEST_CONTEXT(r.xhtml) {
      BOOST_TEST(to_cda(r.xhtml) == r.cda);
    }
  }
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_a_div) {
  bool ok = true;
  BOOST_TEST(to_cda("<p xmlns=\"http://www.w3.org/1999/xhtml\">x</p>", &ok) ==
             "refused: narrative is not an XHTML div");
  BOOST_TEST(!ok);
  BOOST_TEST(to_cda("<div>no namespace</div>", &ok) == "refused: narrative is not an XHTML div");
  BOOST_TEST(to_cda("<div xmlns=\"http://www.w3.org/1999/xhtml\">", &ok).rfind("refused: ", 0) ==
             0u);
  BOOST_TEST(to_cda("<!DOCTYPE div><div xmlns=\"http://www.w3.org/1999/xhtml\"/>", &ok)
                 .rfind("refused: ", 0) == 0u);
  BOOST_TEST(to_cda(div(""), &ok) == "refused: narrative div holds no text");
  BOOST_TEST(!ok);
}

// render_sections on a document intake numbered while parsing (element->content = -position)
// makes the transform context without libxslt's own numbering walk; on a document parsed
// without the checks it lets libxslt number it. Both give the same divs, footnote numbers and
// key() lookups across sections included, and the intake's numbering is left as it was.
BOOST_AUTO_TEST_CASE(forward_render_is_the_same_with_and_without_intake_numbering) {
  const std::string xml = R"(<ClinicalDocument xmlns="urn:hl7-org:v3"><component><structuredBody>
    <component><section><text><paragraph>x<footnoteRef IDREF="n2"/></paragraph>)"
                          R"(<footnote>first</footnote><table><tbody><tr><td ID="c">a</td></tr>)"
                          R"(</tbody></table></text></section></component>
    <component><section ID="cda-footnote-1"><text><paragraph>y<footnote ID="n2">second</footnote>)"
                          R"(<footnote>third</footnote><content ID="c">again</content></paragraph>)"
                          R"(</text></section></component></structuredBody></component>)"
                          R"(</ClinicalDocument>)";
  ParsedCda numbered = parse_cda(xml, Limits{});
  const xmlNode* root = xmlDocGetRootElement(numbered.doc.get());
  BOOST_TEST_REQUIRE(reinterpret_cast<std::ptrdiff_t>(root->content) == -1);
  XmlDocPtr plain = parse_xml_hardened(xml, Limits{});
  BOOST_TEST_REQUIRE(xmlDocGetRootElement(plain.get())->content == nullptr);
  // The last element in document order gets a number further out (the order stays the same):
  // libxslt's own numbering walk, were it run, would put its position back.
  xmlNode* last = const_cast<xmlNode*>(root);
  for (xmlNode* c = last; c;) {
    last = c;
    c = xmlGetLastChild(c);
    while (c && c->type != XML_ELEMENT_NODE) c = c->prev;
  }
  const auto position = static_cast<std::ptrdiff_t>(numbered.elements);
  BOOST_TEST_REQUIRE(reinterpret_cast<std::ptrdiff_t>(last->content) == -position);
  last->content = reinterpret_cast<xmlChar*>(-(position + 1000));

  Narrator::Rendered a = forward().render_sections(numbered.doc.get(), numbered.section_texts);
  Narrator::Rendered b = forward().render_sections(plain.get());
  BOOST_TEST(reinterpret_cast<std::ptrdiff_t>(root->content) == -1);
  BOOST_TEST(reinterpret_cast<std::ptrdiff_t>(last->content) == -(position + 1000));
  last->content = reinterpret_cast<xmlChar*>(-position);
  BOOST_TEST_REQUIRE(a.size() == 2u);
  BOOST_TEST_REQUIRE(b.size() == 2u);
  std::vector<std::string> divs_a, divs_b;
  for (const xmlNode* t : numbered.section_texts) divs_a.push_back(a.at(t));
  for (const auto& [text, div] : b) divs_b.push_back(div);
  std::sort(divs_b.begin(), divs_b.end());
  std::vector<std::string> sorted_a = divs_a;
  std::sort(sorted_a.begin(), sorted_a.end());
  BOOST_TEST(sorted_a == divs_b, boost::test_tools::per_element());
  BOOST_TEST(divs_a[0] ==
             "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>x<sup class=\"cda-footnote-ref "
             "cda-generated\"><a href=\"#n2\">2</a></sup></p><span class=\"cda-footnote\"><sup "
             "class=\"cda-generated\">1</sup>first</span><table><tbody><tr><td id=\"c\">a</td>"
             "</tr></tbody></table></div>");
  BOOST_TEST(divs_a[1] ==
             "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>y<span id=\"n2\" "
             "class=\"cda-footnote\"><sup class=\"cda-generated\">2</sup>second</span><span "
             "class=\"cda-footnote\" id=\"cda-footnote-3\"><sup class=\"cda-generated\">3</sup>"
             "third</span><span>again</span></p></div>");
}

BOOST_AUTO_TEST_CASE(corpus_section_text_survives_cda_xhtml_cda_and_stays_xsd_valid) {
  test::require_shared();
  fs::path xsd = test::shared_dir() / "schemas/cda/extensions/SDTC/infrastructure/cda/CDA_SDTC.xsd";
  // The engine's intake refuses every external load; the schema's own includes are local files.
  xmlExternalEntityLoader refuse_all = xmlGetExternalEntityLoader();
  xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
  xmlSchemaParserCtxt* pc = xmlSchemaNewParserCtxt(xsd.string().c_str());
  xmlSchema* schema = xmlSchemaParse(pc);
  xmlSchemaFreeParserCtxt(pc);
  xmlSetExternalEntityLoader(refuse_all);
  BOOST_REQUIRE_MESSAGE(schema, "cannot load " << xsd);
  xmlSchemaValidCtxt* vc = xmlSchemaNewValidCtxt(schema);
  xmlSchemaSetValidStructuredErrors(
      vc, [](void*, xmlError*) {}, nullptr);

  std::ifstream index(test::shared_dir() / "corpus/index.tsv");
  std::string line;
  std::getline(index, line);  // header
  std::size_t row = 0, documents = 0, sections = 0, same_text = 0, valid_before = 0,
              valid_after = 0;
  while (std::getline(index, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) f.push_back(cell);
    if (f.size() < 6 || f[5] != "y" || row++ % 3 != 0) continue;  // every third document
    std::string bytes = test::read_file(test::shared_dir() / "corpus" / f[0]);
    XmlDocPtr doc;
    try {
      doc = parse_cda(bytes, Limits{}).doc;
    } catch (const std::exception&) {
      continue;  // not a ClinicalDocument the intake accepts
    }
    ++documents;
    bool was_valid = xmlSchemaValidateDoc(vc, doc.get()) == 0;
    Narrator::Rendered divs = forward().render_sections(doc.get());
    for (const auto& [text, xhtml] : divs) {
      xmlNode* original = const_cast<xmlNode*>(text);
      xmlNode* section = original->parent;
      xmlNode* marker = xmlNewDocComment(doc.get(), x("narrative"));
      xmlAddNextSibling(original, marker);
      xmlUnlinkNode(original);
      std::string why;
      bool appended = back().append(xhtml, section, &why);
      ++sections;
      BOOST_TEST_CONTEXT(f[0]) {
        BOOST_TEST(appended, why);
        if (appended) {
          xmlNode* rebuilt = xmlGetLastChild(section);
          xmlUnlinkNode(rebuilt);
          xmlAddPrevSibling(marker, rebuilt);
          std::string before = cda::normalize_space(cda::string_value(original));
          std::string after = cda::normalize_space(cda::string_value(rebuilt));
          if (after == before) {
            ++same_text;
          } else {
            BOOST_TEST_MESSAGE("text differs in a section of " << f[0]);
          }
        }
      }
      xmlUnlinkNode(marker);
      xmlFreeNode(marker);
      xmlFreeNode(original);
    }
    if (was_valid) {
      ++valid_before;
      bool valid = xmlSchemaValidateDoc(vc, doc.get()) == 0;
      valid_after += valid ? 1 : 0;
      BOOST_TEST_CONTEXT(f[0]) {
        BOOST_TEST(valid);
      }
    }
  }
  xmlSchemaFreeValidCtxt(vc);
  xmlSchemaFree(schema);
  BOOST_TEST_MESSAGE("narrative back: " << documents << " documents, " << sections << " sections, "
                                        << same_text << " with the same text; " << valid_after
                                        << "/" << valid_before
                                        << " XSD-valid documents still valid");
  // Known differences: a table nested in a cell is flattened (CDA td cannot hold a table), and
  // whitespace between its cells is not kept.
  BOOST_TEST(same_text * 100 >= sections * 99);
  BOOST_TEST(valid_after == valid_before);
  BOOST_TEST(documents > 150u);
  BOOST_TEST(sections > 1000u);
}

BOOST_AUTO_TEST_SUITE_END()
