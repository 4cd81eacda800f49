// ST/ED -> string and ED -> Attachment (mappingGuidance.md "CDA ED -> FHIR Attachment",
// "OriginalText", "C-CDA Entry/Text").
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_fixture.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::DtFixture;
using ccdafhir::dt_test::js;

namespace {
struct Case {
  const char* xml;
  const char* json;
  std::size_t reports;
};

// Narrative with ID="id1" containing "tagged text", as the guidance's examples assume.
constexpr const char* kNarrative =
    R"(<text><paragraph ID="id1">tagged <content>text</content></paragraph></text>)";

void check(DtFixture::Converter fn, const Case* cases, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    DtFixture f;
    std::string xml = std::string("<section>") + cases[i].xml + kNarrative + "</section>";
    BOOST_TEST_CONTEXT(cases[i].xml) {
      f.parse(xml);
      BOOST_TEST(fn(f.find("section")->children, f.ctx).dump() == js(cases[i].json));
      BOOST_TEST(f.reports() == cases[i].reports);
    }
  }
}
}  // namespace

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(attachment_guidance_examples_give_the_same_data) {
  constexpr const char* kExpected =
      R"({"contentType":"text/plain","language":"en","data":"dGFnZ2VkIHRleHQ="})";
  static const Case kCases[] = {
      {R"(<text mediaType="text/plain" representation="B64" language="en">
  dGFnZ2VkIHRleHQ=
</text>)",
       kExpected, 0},
      {R"(<text mediaType="text/plain" representation="TXT" language="en">
  tagged text
</text>)",
       kExpected, 0},
      {R"(<text mediaType="text/plain" language="en">
  <reference value="id1" />
</text>)",
       kExpected, 0},
      {R"(<text mediaType="text/plain" language="en"><reference value="#id1"/></text>)", kExpected,
       0},
  };
  check(attachment, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_CASE(attachment_defaults_and_unsupported_parts) {
  static const Case kCases[] = {
      // contentType defaults to text/plain when there is data (FHIR att-1).
      {R"(<value xsi:type="ED">abc</value>)", R"({"contentType":"text/plain","data":"YWJj"})", 0},
      {R"(<value xsi:type="ED">ab</value>)", R"({"contentType":"text/plain","data":"YWI="})", 0},
      {R"(<value xsi:type="ED" mediaType="application/pdf" representation="B64">JVBE
        Ri0x</value>)",
       R"({"contentType":"application/pdf","data":"JVBERi0x"})", 0},
      {R"(<value xsi:type="ED" representation="B64">not base64!</value>)", "null", 1},
      {R"(<value xsi:type="ED" mediaType="image/png"><reference value="https://example.org/x.png"/></value>)",
       R"({"contentType":"image/png","url":"https://example.org/x.png"})", 0},
      {R"(<value xsi:type="ED" compression="DF">abc</value>)",
       R"({"contentType":"text/plain","data":"YWJj"})", 1},
      {R"(<value xsi:type="ED"><reference value="#missing"/></value>)", "null", 1},
      {R"(<value xsi:type="ED" nullFlavor="NI"/>)", "null", 0},
  };
  check(attachment, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_CASE(text_prefers_content_then_narrative_reference) {
  static const Case kCases[] = {
      {R"(<text><reference value="#id1"/></text>)", R"("tagged text")", 0},
      {R"(<text>Mixed   content
         here</text>)",
       R"("Mixed content here")", 0},
      {R"(<text>Mixed with reference! <reference value="#id1"/></text>)",
       R"("Mixed with reference!")", 0},
      {R"(<value xsi:type="ST">  positive </value>)", R"("positive")", 0},
      {R"(<text><reference value="#nope"/></text>)", "null", 1},
      {R"(<text/>)", "null", 0},
      {R"(<text nullFlavor="NI"/>)", "null", 0},
  };
  check(text, kCases, std::size(kCases));
  DtFixture f;
  BOOST_TEST(text(nullptr, f.ctx).is_null());
  BOOST_TEST(attachment(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_SUITE_END()
