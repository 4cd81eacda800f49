// The compiled path subset: selection, predicates, unions, conditions and compile errors.
#include <libxml/parser.h>

#include "cda/xml.h"
#include "mapping/path.h"
#include "test_support.h"

using namespace ccdafhir;

namespace {

struct Doc {
  xmlDocPtr doc;
  explicit Doc(const std::string& xml) {
    doc =
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "t.xml", nullptr, XML_PARSE_NONET);
    BOOST_REQUIRE(doc);
  }
  ~Doc() { xmlFreeDoc(doc); }
  const xmlNode* root() const { return xmlDocGetRootElement(doc); }
};

const char* kXml =
    R"(<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:hl7-org:sdtc" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <id root="1.2.3" extension="a"/>
  <entry><observation><templateId root="2.16.1"/><value xsi:type="PQ" value="5" unit="mg"/></observation></entry>
  <entry><observation negationInd="true"><templateId root="2.16.2"/><value xsi:type="CD" code="X"/></observation></entry>
  <entry><act><templateId root="2.16.3"/></act></entry>
  <sdtc:raceCode code="2106-3"/>
</ClinicalDocument>)";

std::vector<std::string> select(const Doc& d, const std::string& path) {
  std::vector<const xmlNode*> nodes;
  Path::compile(path).select(d.root(), nodes);
  std::vector<std::string> out;
  for (auto* n : nodes) out.push_back(cda::node_path(n));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(path)

BOOST_AUTO_TEST_CASE(child_steps_select_in_document_order) {
  Doc d(kXml);
  auto r = select(d, "entry/*");
  BOOST_REQUIRE_EQUAL(r.size(), 3u);
  BOOST_TEST(r[0] == "/ClinicalDocument/entry[1]/observation");
  BOOST_TEST(r[2] == "/ClinicalDocument/entry[3]/act");
}

BOOST_AUTO_TEST_CASE(predicate_on_nested_attribute_filters) {
  Doc d(kXml);
  auto r = select(d, "entry/observation[templateId/@root='2.16.2']");
  BOOST_REQUIRE_EQUAL(r.size(), 1u);
  BOOST_TEST(r[0] == "/ClinicalDocument/entry[2]/observation");
}

BOOST_AUTO_TEST_CASE(xsi_type_compares_without_prefix_and_not_works) {
  Doc d(kXml);
  BOOST_TEST(select(d, "entry/observation[value/@xsi:type='PQ']").size() == 1u);
  BOOST_TEST(select(d, "entry/observation[not(@negationInd='true')]").size() == 1u);
  BOOST_TEST(select(d, "entry/observation[@negationInd!='true']").size() == 0u);
}

BOOST_AUTO_TEST_CASE(unions_select_alternatives_in_order) {
  Doc d(kXml);
  auto r = select(d, "entry/act | entry[1]/observation | sdtc:raceCode");
  BOOST_REQUIRE_EQUAL(r.size(), 3u);
  BOOST_TEST(r[0] == "/ClinicalDocument/entry[3]/act");
  BOOST_TEST(r[2] == "/ClinicalDocument/sdtc:raceCode");
}

BOOST_AUTO_TEST_CASE(position_parent_self_and_attribute_steps) {
  Doc d(kXml);
  BOOST_TEST(select(d, "entry[2]/observation/..")[0] == "/ClinicalDocument/entry[2]");
  BOOST_TEST(select(d, "./id/@extension")[0] == "/ClinicalDocument/id/@extension");
  BOOST_TEST(select(d, "/ClinicalDocument/id").size() == 1u);
  BOOST_TEST(select(d, "/Other/id").empty());
}

BOOST_AUTO_TEST_CASE(conditions_combine_with_and_or) {
  Doc d(kXml);
  auto yes = Condition::compile("id/@root='1.2.3' and (entry or nothing)");
  auto no = Condition::compile("id/@root='9' or not(entry)");
  BOOST_TEST(yes->test(d.root()));
  BOOST_TEST(!no->test(d.root()));
}

BOOST_AUTO_TEST_CASE(compile_errors_name_the_column) {
  for (std::string bad : {"entry[", "@a/b", "x[@a='1'", "foo:bar", "a[0]", "a[@b=c]", "a b"}) {
    BOOST_TEST_CONTEXT(bad) {
      BOOST_CHECK_THROW(Path::compile(bad), PathError);
      try {
        Path::compile(bad);
      } catch (const PathError& e) {
        BOOST_TEST(std::string(e.what()).find("column") != std::string::npos);
        BOOST_TEST(e.column() >= 1u);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
