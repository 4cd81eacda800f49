// ccdafhir render: pages of C-CDA documents and of our own to-fhir Bundles. Structure and
// safety are checked on the HTML itself; that a browser shows the patient and every section is
// checked in headless Chromium (the browser cases skip, saying so, only when chromium is absent).
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ccdafhir_build_paths.h"

#include <fstream>
#include <unordered_set>

#include "ccdafhir/render.h"
#include "cda/xml.h"
#include "intake/xml_intake.h"
#include "render/bundle_view.h"
#include "render/sanitize.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

const Renderer& renderer() {
  static Renderer r(RenderConfig{CCDAFHIR_SOURCE_DIR});
  return r;
}

std::string sample_path() {
  return std::string(CCDAFHIR_SOURCE_DIR) + "/samples/ccd-synthetic.xml";
}

// The text a browser serialises for a string: &, <, > and no-break spaces escaped.
std::string html_escaped(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      out += "&nbsp;";
      ++i;
    } else
      out.push_back(c);
  }
  return out;
}

// What the page must show, read from the source independently of the stylesheets.
struct Expected {
  std::vector<std::string> name_parts;  // given and family of the first patient name
  std::vector<std::string> titles;      // every non-empty section title, in document order
};

std::vector<std::string> xpath_strings(xmlDoc* doc, const char* expr) {
  std::vector<std::string> out;
  xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
  xmlXPathRegisterNs(ctx, reinterpret_cast<const xmlChar*>("v3"),
                     reinterpret_cast<const xmlChar*>("urn:hl7-org:v3"));
  xmlXPathObjectPtr nodes = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr), ctx);
  if (nodes && nodes->nodesetval) {
    for (int i = 0; i < nodes->nodesetval->nodeNr; ++i) {
      xmlXPathContextPtr one = xmlXPathNewContext(doc);
      one->node = nodes->nodesetval->nodeTab[i];
      xmlXPathObjectPtr v =
          xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>("normalize-space(.)"), one);
      std::string s = v && v->stringval ? reinterpret_cast<const char*>(v->stringval) : "";
      if (!s.empty()) out.push_back(s);
      xmlXPathFreeObject(v);
      xmlXPathFreeContext(one);
    }
  }
  xmlXPathFreeObject(nodes);
  xmlXPathFreeContext(ctx);
  return out;
}

Expected expected_from_cda(const std::string& xml) {
  ParsedCda parsed = parse_cda(xml, Limits{});
  Expected e;
  auto given = xpath_strings(
      parsed.doc.get(),
      "/v3:ClinicalDocument/v3:recordTarget[1]/v3:patientRole/v3:patient/v3:name[1]/v3:given");
  auto family = xpath_strings(
      parsed.doc.get(),
      "/v3:ClinicalDocument/v3:recordTarget[1]/v3:patientRole/v3:patient/v3:name[1]/v3:family");
  e.name_parts = given;
  e.name_parts.insert(e.name_parts.end(), family.begin(), family.end());
  e.titles = xpath_strings(
      parsed.doc.get(), "/v3:ClinicalDocument/v3:component/v3:structuredBody//v3:section/v3:title");
  return e;
}

void titles_of(const Json& sections, std::vector<std::string>& out) {
  for (const Json& s : sections) {
    if (s.contains("title") && s["title"].is_string())
      out.push_back(cda::normalize_space(s["title"].get<std::string>()));
    if (s.contains("section")) titles_of(s["section"], out);
  }
}

Expected expected_from_bundle(const Json& bundle) {
  Expected e;
  const Json& composition = bundle["entry"][0]["resource"];
  Json patient = test::resolve(bundle, composition["subject"]);
  if (patient.is_object() && patient.contains("name")) {
    const Json& name = patient["name"][0];
    if (name.contains("given")) {
      for (const Json& g : name["given"])
        e.name_parts.push_back(cda::normalize_space(g.get<std::string>()));
    }
    if (name.contains("family"))
      e.name_parts.push_back(cda::normalize_space(name["family"].get<std::string>()));
  }
  if (composition.contains("section")) titles_of(composition["section"], e.titles);
  return e;
}

// Every expected string appears in `page`; titles appear in order (after the table of contents).
void check_shows(const std::string& page, const Expected& e, const std::string& what) {
  for (const auto& part : e.name_parts) {
    BOOST_TEST((page.find(html_escaped(part)) != std::string::npos),
               what << ": patient name part missing: " << part);
  }
  std::size_t main_start = page.find("class=\"section\"");
  std::size_t at = main_start == std::string::npos ? 0 : main_start;
  for (const auto& t : e.titles) {
    auto found = page.find(html_escaped(t), at);
    BOOST_TEST((found != std::string::npos),
               what << ": section title missing or out of order: " << t);
    if (found != std::string::npos) at = found;
  }
}

bool have_chromium() {
  return std::system("command -v chromium > /dev/null 2>&1") == 0;
}

fs::path scratch_dir() {
  fs::path d = fs::temp_directory_path() / ("ccdafhir-render-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

// The DOM Chromium built from the page (scripts could not change it: the page has none).
std::string browser_dom(const fs::path& page) {
  fs::path out = page.string() + ".dom";
  std::string cmd =
      "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run "
      "--user-data-dir='" +
      (scratch_dir() / "profile").string() + "' --dump-dom 'file://" + page.string() + "' > '" +
      out.string() + "' 2> /dev/null";
  int status = std::system(cmd.c_str());
  BOOST_REQUIRE_MESSAGE(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                        "chromium failed on " << page);
  return test::read_file(out);
}

std::string write_page(const std::string& name, const std::string& html) {
  fs::path p = scratch_dir() / name;
  std::ofstream(p, std::ios::binary) << html;
  return p.string();
}

// Corpus documents shown in the browser: the golden cases (every document type, many EHRs).
std::vector<std::pair<std::string, fs::path>> golden_cases() {
  std::vector<std::pair<std::string, fs::path>> out;
  std::ifstream in(std::string(CCDAFHIR_SOURCE_DIR) + "/tests/golden/cases.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("name\t", 0) == 0) continue;
    auto tab = line.find('\t');
    out.emplace_back(line.substr(0, tab), test::shared_dir() / "corpus" / line.substr(tab + 1));
  }
  return out;
}

std::string bundle_page(const std::string& xml, Json* bundle_out = nullptr) {
  ConversionResult r = test::engine().to_fhir(xml, test::fixed_options());
  if (bundle_out) *bundle_out = Json::parse(r.output);
  return renderer().render_bundle(r.output, RenderOptions{});
}

std::string minimal_bundle(const std::string& div_json_string) {
  return R"({"resourceType":"Bundle","type":"document","entry":[{"fullUrl":"urn:uuid:c","resource":{"resourceType":"Composition","title":"Hostile","subject":{"reference":"urn:uuid:p"},"section":[{"title":"Only section","text":{"status":"generated","div":)" +
         div_json_string +
         R"(}}]}},{"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","name":[{"family":"Probe","given":["Pat"]}]}}]})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(render)

BOOST_AUTO_TEST_CASE(cda_page_shows_banner_metadata_contents_and_every_section) {
  std::string xml = test::read_file(sample_path());
  std::string page = renderer().render_cda(xml, RenderOptions{});
  BOOST_TEST(page.rfind("<!DOCTYPE html>\n<html", 0) == 0);
  check_shows(page, expected_from_cda(xml), "sample");
  BOOST_TEST(page.find("1968-04-12") != std::string::npos);  // birth date
  BOOST_TEST(page.find("Female") != std::string::npos);
  BOOST_TEST(page.find("MRN-000451") != std::string::npos);
  BOOST_TEST(page.find("<dt>Custodian</dt>") != std::string::npos);
  BOOST_TEST(page.find("<nav class=\"toc\"") != std::string::npos);
  BOOST_TEST(page.find("href=\"#ccdafhir-s1\"") != std::string::npos);
  BOOST_TEST(page.find("id=\"ccdafhir-s1\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bundle_page_has_the_same_banner_and_section_order_as_the_cda_page) {
  std::string xml = test::read_file(sample_path());
  std::string cda_page = renderer().render_cda(xml, RenderOptions{});
  std::string fhir_page = bundle_page(xml);
  auto cut = [](const std::string& page, const std::string& from, const std::string& to) {
    auto a = page.find(from);
    auto b = page.find(to, a);
    return a == std::string::npos || b == std::string::npos ? std::string("?")
                                                            : page.substr(a, b - a);
  };
  BOOST_TEST(cut(cda_page, "<header", "</header>") == cut(fhir_page, "<header", "</header>"));
  BOOST_TEST(cut(cda_page, "<nav", "</nav>") == cut(fhir_page, "<nav", "</nav>"));
}

BOOST_AUTO_TEST_CASE(same_input_gives_identical_bytes) {
  std::string xml = test::read_file(sample_path());
  BOOST_TEST((renderer().render(xml, RenderOptions{}) == renderer().render(xml, RenderOptions{})));
  BOOST_TEST((bundle_page(xml) == bundle_page(xml)));
}

BOOST_AUTO_TEST_CASE(page_is_self_contained) {
  std::string page = renderer().render_cda(test::read_file(sample_path()), RenderOptions{});
  BOOST_TEST(page.find("<script") == std::string::npos);
  BOOST_TEST(page.find("<link") == std::string::npos);
  BOOST_TEST(page.find(" src=") == std::string::npos);
  BOOST_TEST(page.find("default-src 'none'") != std::string::npos);
  BOOST_TEST(page.find("<style>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(hostile_fhir_narrative_is_sanitised) {
  std::string div =
      R"("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p onclick=\"steal()\" style=\"background:url(http://x.example/t)\">Kept text</p>)"
      R"(<script>alert(1)</script><a href=\"java&#9;script:alert(2)\">bad link</a><a href=\"https://ok.example/\">ok link</a>)"
      R"(<img src=\"http://tracker.example/p.png\" alt=\"pixel\"/><img src=\"data:image/png;base64,iVBORw0KGgo=\"/>)"
      R"(<iframe src=\"http://x.example/\">frame text</iframe><svg><script>alert(3)</script></svg>)"
      R"(<blink>unwrapped</blink><span id=\"ccdafhir-s1\">clash</span><form><input value=\"v\"/></form></div>")";
  std::string page = renderer().render_bundle(minimal_bundle(div), RenderOptions{});
  for (const char* bad : {"<script", "onclick", "javascript", "steal()", "url(", "tracker.example",
                          "<iframe", "frame text", "<svg", "alert", "<blink", "<form", "<input"}) {
    BOOST_TEST((page.find(bad) == std::string::npos), "page still holds " << bad);
  }
  for (const char* kept : {"Kept text", "ok link", "https://ok.example/", "unwrapped", "clash",
                           "[image not shown: pixel]", "data:image/png;base64,"}) {
    BOOST_TEST((page.find(kept) != std::string::npos), "page lost " << kept);
  }
  BOOST_TEST(page.find("id=\"ccdafhir-s1\"") ==
             page.rfind("id=\"ccdafhir-s1\""));  // the page's own only
}

BOOST_AUTO_TEST_CASE(a_narrative_that_is_not_xhtml_is_reported_on_the_page) {
  std::string page =
      renderer().render_bundle(minimal_bundle(R"("<div>not closed")"), RenderOptions{});
  BOOST_TEST(page.find("not well-formed XHTML") != std::string::npos);
  BOOST_TEST(page.find("Only section") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(text_is_escaped) {
  std::string b =
      minimal_bundle(R"("<div xmlns=\"http://www.w3.org/1999/xhtml\">&lt;b&gt;x</div>")");
  b.replace(b.find("Hostile"), 7, "<b>T&amp;</b>");
  std::string page = renderer().render_bundle(b, RenderOptions{});
  BOOST_TEST(page.find("&lt;b&gt;T&amp;amp;&lt;/b&gt;") != std::string::npos);
  BOOST_TEST(page.find("<b>T") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(url_and_style_rules) {
  BOOST_TEST(is_safe_href("#frag"));
  BOOST_TEST(is_safe_href(" HTTPS://x.example"));
  BOOST_TEST(!is_safe_href("jav\tascript:alert(1)"));
  BOOST_TEST(!is_safe_href("data:text/html,x"));
  BOOST_TEST(!is_safe_href("vbscript:x"));
  BOOST_TEST(!is_safe_href("relative/page.html"));
  BOOST_TEST(is_safe_image_source("data:image/jpeg;base64,AAAA"));
  BOOST_TEST(!is_safe_image_source("data:image/svg+xml;base64,AAAA"));
  BOOST_TEST(!is_safe_image_source("https://x.example/a.png"));
  BOOST_TEST(is_safe_style("font-weight: bold; color: #333"));
  BOOST_TEST(!is_safe_style("background: url(x)"));
  BOOST_TEST(!is_safe_style("width: expression(alert(1))"));
  BOOST_TEST(!is_safe_style("@import 'x'"));
}

BOOST_AUTO_TEST_CASE(dates_display_like_cda_timestamps) {
  BOOST_TEST(display_datetime("2024-03-15T10:30:00-05:00") == "2024-03-15 10:30 -0500");
  BOOST_TEST(display_datetime("2024-03-15T10:30:00Z") == "2024-03-15 10:30 +0000");
  BOOST_TEST(display_datetime("1968-04-12") == "1968-04-12");
  BOOST_TEST(display_datetime("2024") == "2024");
}

BOOST_AUTO_TEST_CASE(input_that_is_not_a_document_is_rejected) {
  auto rejected = [](const std::string& input) {
    try {
      renderer().render(input, RenderOptions{});
    } catch (const Error& e) {
      return e.kind() == ErrorKind::kInputRejected;
    }
    return false;
  };
  BOOST_TEST(rejected(R"({"resourceType":"Bundle","type":"collection","entry":[]})"));
  BOOST_TEST(rejected(R"({"resourceType":"Patient"})"));
  BOOST_TEST(rejected(R"({"a":1,"a":2})"));
  BOOST_TEST(
      rejected("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ClinicalDocument "
               "xmlns=\"urn:hl7-org:v3\">&e;</ClinicalDocument>"));
  BOOST_TEST(rejected("plain text"));
}

// Every corpus document that converts also renders, both ways, with every section title shown.
BOOST_AUTO_TEST_CASE(every_corpus_document_renders_with_all_section_titles) {
  test::require_shared();
  std::size_t pages = 0, rejected = 0;
  for (const auto& entry : fs::recursive_directory_iterator(test::shared_dir() / "corpus")) {
    if (!entry.is_regular_file()) continue;
    auto ext = entry.path().extension().string();
    if (ext != ".xml" && ext != ".XML") continue;
    if (entry.path().string().find("/malformed/") != std::string::npos) continue;
    std::string xml = test::read_file(entry.path());
    std::string page;
    try {
      page = renderer().render_cda(xml, RenderOptions{});
    } catch (const Error& e) {
      ++rejected;  // not a ClinicalDocument (fragments, non-CDA XML): to-fhir rejects them too
      BOOST_TEST((e.kind() == ErrorKind::kInputRejected));
      continue;
    }
    check_shows(page, expected_from_cda(xml), entry.path().string());
    ++pages;
  }
  BOOST_TEST_MESSAGE("rendered " << pages << " corpus documents, " << rejected << " not documents");
  BOOST_TEST(pages > 500u);
}

BOOST_AUTO_TEST_CASE(
    chromium_shows_patient_and_every_section,
    *boost::unit_test::precondition([](boost::unit_test::test_unit_id) {
      if (have_chromium()) return boost::test_tools::assertion_result(true);
      boost::test_tools::assertion_result r(false);
      r.message() << "chromium is not installed (tools/install-deps): browser check skipped";
      return r;
    })) {
  test::require_shared();
  std::vector<std::pair<std::string, fs::path>> docs = {{"sample", fs::path(sample_path())}};
  for (const auto& c : golden_cases()) docs.push_back(c);
  for (const auto& [name, path] : docs) {
    std::string xml = test::read_file(path);
    std::string cda_dom =
        browser_dom(write_page(name + ".cda.html", renderer().render_cda(xml, RenderOptions{})));
    check_shows(cda_dom, expected_from_cda(xml), name + " (C-CDA, in chromium)");
    Json bundle;
    std::string fhir_page = bundle_page(xml, &bundle);
    std::string fhir_dom = browser_dom(write_page(name + ".fhir.html", fhir_page));
    check_shows(fhir_dom, expected_from_bundle(bundle), name + " (FHIR Bundle, in chromium)");
  }
  BOOST_TEST_MESSAGE("chromium showed " << docs.size() << " documents, each as C-CDA and as FHIR");
}

BOOST_AUTO_TEST_SUITE_END()
