#include "rdt_fixture.h"
#include "ccdafhir_build_paths.h"

#include <boost/test/unit_test.hpp>

#include "cda/xml.h"

namespace ccdafhir::rdt_test {

namespace {
const xmlChar* x(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}
}  // namespace

const CodeSystems& code_systems() {
  static const CodeSystems systems =
      CodeSystems::load(std::string(CCDAFHIR_SOURCE_DIR) + "/mappings/codesystems.tsv");
  return systems;
}

const ConceptMaps& concept_maps() {
  static const ConceptMaps maps = [] {
    ConceptMaps m;
    m.load_dir(std::string(CCDAFHIR_SOURCE_DIR) + "/mappings/conceptmaps");
    return m;
  }();
  return maps;
}

RdtFixture::RdtFixture() {
  doc_ = xmlNewDoc(x("1.0"));
  root_ = xmlNewDocNode(doc_, nullptr, x("ClinicalDocument"), nullptr);
  xmlDocSetRootElement(doc_, root_);
  xmlSetNs(root_, xmlNewNs(root_, x(cda::kHl7Ns), nullptr));
  xmlNewNs(root_, x(cda::kXsiNs), x("xsi"));
  xmlNewNs(root_, x(cda::kSdtcNs), x("sdtc"));
}

RdtFixture::~RdtFixture() {
  xmlFreeDoc(doc_);
}

xmlNode* RdtFixture::element(const char* name) {
  return xmlNewChild(root_, root_->ns, x(name), nullptr);
}

std::size_t RdtFixture::reports(Severity s) const {
  std::size_t n = 0;
  for (const Diagnostic& d : sink.items()) n += d.severity == s ? 1 : 0;
  return n;
}

std::string RdtFixture::print(const xmlNode* el) {
  xmlBuffer* buf = xmlBufferCreate();
  xmlNodeDump(buf, el->doc, const_cast<xmlNode*>(el), 0, 0);
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buf)),
                  static_cast<std::size_t>(xmlBufferLength(buf)));
  xmlBufferFree(buf);
  return out;
}

std::string RdtFixture::run(Converter fn, std::string_view fhir_json, const char* name) {
  sink.clear();
  xmlNode* el = element(name);
  bool wrote = fn(Json::parse(fhir_json), el, ctx);
  if (!wrote) {
    BOOST_TEST(el->properties == nullptr);
    BOOST_TEST(el->children == nullptr);
    return {};
  }
  return print(el);
}

std::string RdtFixture::run_value(std::string_view fhir_json, std::string_view suffix) {
  sink.clear();
  xmlNode* el = element("value");
  bool wrote = rdt::value(Json::parse(fhir_json), suffix, el, ctx);
  if (!wrote) {
    BOOST_TEST(el->properties == nullptr);
    BOOST_TEST(el->children == nullptr);
    return {};
  }
  return print(el);
}

Json RdtFixture::round_trip(Converter fn, Forward back, const Json& fhir) {
  xmlNode* el = element("x");
  if (!fn(fhir, el, ctx)) return nullptr;
  return back(el, forward_);
}

Json RdtFixture::round_trip_value(const Json& fhir, std::string_view suffix,
                                  std::string& back_suffix) {
  xmlNode* el = element("value");
  if (!rdt::value(fhir, suffix, el, ctx)) return nullptr;
  return dt::value(el, back_suffix, forward_);
}

void check(RdtFixture::Converter fn, const Case* cases, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    RdtFixture f;
    BOOST_TEST_CONTEXT(cases[i].fhir) {
      BOOST_TEST(f.run(fn, cases[i].fhir) == cases[i].cda);
      BOOST_TEST(f.reports() == cases[i].reports);
    }
  }
}

}  // namespace ccdafhir::rdt_test
