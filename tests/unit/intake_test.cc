// Hostile and malformed input: every file of ../shared/corpus/malformed and generated attacks
// are refused with a one-line reason naming the problem; valid variants (BOM, encodings) pass.
#include <map>

#include "intake/xml_intake.h"
#include "test_support.h"

using namespace ccdafhir;

namespace {

std::string rejection(const std::string& bytes, const Limits& limits = Limits{}) {
  try {
    parse_cda(bytes, limits);
  } catch (const Error& e) {
    BOOST_CHECK((e.kind() == ErrorKind::kInputRejected));
    return e.what();
  }
  return "";
}

const char* kMinimal =
    "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id root=\"1.2.3\"/></ClinicalDocument>";

}  // namespace

BOOST_AUTO_TEST_SUITE(intake)

BOOST_AUTO_TEST_CASE(every_malformed_corpus_file_is_rejected_with_a_named_reason) {
  test::require_shared();
  // The reason each file must name (a fragment of the one-line message).
  const std::map<std::string, std::string> expected = {
      {"billion-laughs.xml", "DOCTYPE"},    {"binary-garbage.xml", "not XML"},
      {"deep-nesting.xml", "nest"},         {"empty.xml", "empty"},
      {"encoding-lie.xml", "encoding"},     {"huge-attribute.xml", "attribute value"},
      {"invalid-utf8.xml", "UTF-8"},        {"json-instead-of-xml.xml", "JSON"},
      {"truncated.xml", "not well-formed"}, {"two-roots.xml", "Extra content"},
      {"wrong-namespace.xml", "namespace"}, {"wrong-root.xml", "not ClinicalDocument"},
      {"xxe-file.xml", "DOCTYPE"},          {"xxe-http.xml", "DOCTYPE"},
  };
  auto dir = test::shared_dir() / "corpus" / "malformed";
  std::size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".xml") continue;
    ++seen;
    std::string reason = rejection(test::read_file(entry.path()));
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(!reason.empty());
      BOOST_TEST(reason.find('\n') == std::string::npos);
      auto it = expected.find(name);
      BOOST_REQUIRE_MESSAGE(it != expected.end(),
                            "new malformed file without an expectation: " << name);
      BOOST_TEST(reason.find(it->second) != std::string::npos, reason);
    }
  }
  BOOST_TEST(seen == expected.size());
}

BOOST_AUTO_TEST_CASE(utf8_bom_is_accepted) {
  BOOST_TEST(rejection(std::string("\xEF\xBB\xBF") + kMinimal).empty());
}

BOOST_AUTO_TEST_CASE(quadratic_blowup_entity_is_refused_before_expansion) {
  std::string big(100000, 'a');
  std::string refs;
  for (int i = 0; i < 1000; ++i) refs += "&a;";
  std::string doc = "<?xml version=\"1.0\"?><!DOCTYPE ClinicalDocument [<!ENTITY a \"" + big +
                    "\">]><ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>" + refs +
                    "</title></ClinicalDocument>";
  BOOST_TEST(rejection(doc).find("DOCTYPE") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(external_parameter_entity_is_refused) {
  std::string doc =
      "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>";
  BOOST_TEST(rejection(doc).find("DOCTYPE") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nesting_beyond_the_configured_depth_is_refused) {
  std::string open, close;
  for (int i = 0; i < 60; ++i) {
    open += "<section>";
    close += "</section>";
  }
  std::string doc =
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">" + open + close + "</ClinicalDocument>";
  Limits limits;
  limits.max_depth = 40;
  BOOST_TEST(rejection(doc, limits).find("deeper than 40") != std::string::npos);
  BOOST_TEST(rejection(doc).empty());
}

BOOST_AUTO_TEST_CASE(ten_thousand_deep_nesting_is_refused) {
  std::string open, close;
  for (int i = 0; i < 10000; ++i) {
    open += "<a>";
    close += "</a>";
  }
  std::string doc =
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">" + open + close + "</ClinicalDocument>";
  BOOST_TEST(rejection(doc).find("nest") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(input_over_the_size_limit_is_refused_before_parsing) {
  Limits limits;
  limits.max_input_bytes = 1000;
  std::string doc = std::string(kMinimal) + std::string(2000, ' ');
  BOOST_TEST(rejection(doc, limits).find("over the limit of 1000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(text_node_over_the_text_limit_is_refused) {
  Limits limits;
  limits.max_text_bytes = 1000;
  std::string doc = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>" + std::string(5000, 'x') +
                    "</title></ClinicalDocument>";
  BOOST_TEST(rejection(doc, limits).find("a text value at line 1") != std::string::npos);
}

// The limit applies to the value in the tree: references count as the characters they stand
// for, so a value written longer than the limit but shorter once read is accepted.
BOOST_AUTO_TEST_CASE(attribute_over_the_attribute_limit_is_refused_as_read) {
  Limits limits;
  limits.max_attribute_bytes = 10;
  auto with_value = [](const std::string& v) {
    return "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id root=\"1.2\" extension=\"" + v +
           "\"/></ClinicalDocument>";
  };
  BOOST_TEST(rejection(with_value(std::string(10, 'x')), limits).empty());
  BOOST_TEST(rejection(with_value(std::string(11, 'x')), limits)
                 .find("an attribute value at line 1 is 11 bytes, over the limit of 10") !=
             std::string::npos);
  // 20 bytes written, 4 read (& < A B).
  BOOST_TEST(rejection(with_value("&amp;&lt;&#65;&#x42;"), limits).empty());
  // 19 bytes written, 11 read.
  BOOST_TEST(rejection(with_value("&amp;&amp;" + std::string(9, 'y')), limits)
                 .find("is 11 bytes, over the limit of 10") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(more_elements_than_the_node_limit_are_refused) {
  Limits limits;
  limits.max_nodes = 100;
  std::string body;
  for (int i = 0; i < 200; ++i) body += "<id/>";
  std::string doc = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">" + body + "</ClinicalDocument>";
  BOOST_TEST(rejection(doc, limits).find("more than 100 elements") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(more_entries_than_the_entry_limit_are_refused) {
  std::string entries;
  for (int i = 0; i < 30; ++i)
    entries += "<entry><act classCode=\"ACT\" moodCode=\"EVN\"/></entry>";
  std::string doc =
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><component><structuredBody><component><section>" +
      entries + "</section></component></structuredBody></component></ClinicalDocument>";
  ConvertOptions options = test::fixed_options();
  options.limits.max_entries = 10;
  try {
    test::engine().to_fhir(doc, options);
    BOOST_ERROR("expected the entry limit to reject the document");
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
    BOOST_TEST(std::string(e.what()).find("more than 10 entries") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(undeclared_namespace_prefix_is_not_well_formed) {
  std::string doc = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><sdtc:x/></ClinicalDocument>";
  BOOST_TEST(rejection(doc).find("not well-formed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(invalid_namespace_uri_is_tolerated_as_in_certified_ehr_output) {
  std::string doc =
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:schemaLocation=\"urn:hl7-org:v3 "
      "CDA.xsd\"/>";
  BOOST_TEST(rejection(doc).empty());
}

BOOST_AUTO_TEST_CASE(parser_messages_never_quote_document_bytes) {
  std::string doc = std::string(
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>Ad\xFF\xFEle</title></ClinicalDocument>");
  std::string reason = rejection(doc);
  BOOST_TEST(reason.find("UTF-8") != std::string::npos);
  BOOST_TEST(reason.find("0x") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(utf16_document_with_bom_is_decoded) {
  std::string utf8 = std::string("<?xml version=\"1.0\" encoding=\"UTF-16\"?>") + kMinimal;
  std::string utf16 = "\xFF\xFE";
  for (char c : utf8) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  BOOST_TEST(rejection(utf16).empty());
}

namespace {
// The children of the first element named `name`, as a string: "e:NAME" for an element,
// "t:TEXT" for a text node, in order.
std::string children_of(const xmlNode* n, std::string_view name) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (reinterpret_cast<const char*>(n->name) == name) {
      std::string out;
      for (const xmlNode* c = n->children; c; c = c->next) {
        if (!out.empty()) out += '|';
        if (c->type == XML_ELEMENT_NODE)
          out += "e:" + std::string(reinterpret_cast<const char*>(c->name));
        else if (c->type == XML_TEXT_NODE)
          out += "t:" + std::string(reinterpret_cast<const char*>(c->content));
        else
          out += "o";
      }
      return out;
    }
    std::string inner = children_of(n->children, name);
    if (inner != "-") return inner;
  }
  return "-";
}
}  // namespace

BOOST_AUTO_TEST_CASE(blanks_between_elements_are_dropped_only_where_they_are_indentation) {
  const std::string doc =
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n  <id root=\"1.2.3\"/>\n"
      "  <recordTarget>\n    <name> <given>Ann</given> <family>Lee</family> </name>\n"
      "    <title> <b>x</b> y </title>\n    <code>  </code>\n"
      "    <nbsp>\xC2\xA0<b/></nbsp>\n    <cdata><![CDATA[ ]]><b/></cdata>\n  </recordTarget>\n"
      "  <component><section>\n <text>\n <table> <tr/> </table>\n </text>\n "
      "</section></component>\n"
      "</ClinicalDocument>";
  ParsedCda kept = parse_cda(doc, Limits{});
  ParsedCda dropped = parse_cda(doc, Limits{}, Blanks::kDropBetweenElements);
  const xmlNode* k = xmlDocGetRootElement(kept.doc.get());
  const xmlNode* d = xmlDocGetRootElement(dropped.doc.get());
  // Indentation between elements goes, at every level outside the narrative.
  BOOST_TEST(children_of(d, "ClinicalDocument") == "e:id|e:recordTarget|e:component");
  BOOST_TEST(children_of(k, "ClinicalDocument").find("t:\n  ") != std::string::npos);
  BOOST_TEST(children_of(d, "name") == "e:given|e:family");
  BOOST_TEST(children_of(d, "section") == "e:text");
  // Mixed content stays whole, blanks included.
  BOOST_TEST(children_of(d, "title") == "t: |e:b|t: y ");
  // An element without child elements keeps its text, blank or not.
  BOOST_TEST(children_of(d, "code") == "t:  ");
  // A no-break space is text; CDATA is left alone.
  BOOST_TEST(children_of(d, "nbsp") == children_of(k, "nbsp"));
  BOOST_TEST(children_of(d, "cdata") == children_of(k, "cdata"));
  // Narrative blocks keep every blank: whitespace there is content.
  BOOST_TEST(children_of(d, "text") == children_of(k, "text"));
  BOOST_TEST(children_of(d, "table") == "t: |e:tr|t: ");
  BOOST_TEST(dropped.elements == kept.elements);
  BOOST_TEST(dropped.section_texts.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
