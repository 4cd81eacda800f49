// Renderer: C-CDA -> view (xslt/render/cda-to-view.xsl) or Bundle -> view (bundle_view.cc),
// then every narrative in the view is sanitised and the page is made by
// xslt/render/view-to-html.xsl.
#include <cstring>
#include <unordered_set>

#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "ccdafhir/render.h"
#include "cda/xml.h"
#include "intake/json_intake.h"
#include "intake/xml_intake.h"
#include "render/bundle_view.h"
#include "render/sanitize.h"
#include "render/stylesheet.h"

namespace ccdafhir {

class RendererImpl {
 public:
  explicit RendererImpl(const std::string& data_dir)
      : cda_to_view(data_dir + "/xslt/render/cda-to-view.xsl"),
        view_to_html(data_dir + "/xslt/render/view-to-html.xsl") {}
  Stylesheet cda_to_view;
  Stylesheet view_to_html;
};

namespace {

void collect_narratives(xmlNodePtr n, std::vector<xmlNodePtr>& out) {
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (cda::name_of(c) == "narrative" && cda::ns_of(c) == "urn:ccdafhir:view") {
      for (xmlNodePtr div = c->children; div; div = div->next) {
        if (div->type == XML_ELEMENT_NODE) out.push_back(div);
      }
      continue;
    }
    collect_narratives(c, out);
  }
}

// Sanitised in document order with one id set, so ids are unique across the whole page.
void sanitize_view(xmlDoc* view) {
  xmlNodePtr root = xmlDocGetRootElement(view);
  if (!root) return;
  std::vector<xmlNodePtr> divs;
  collect_narratives(root, divs);
  std::unordered_set<std::string> ids;
  for (xmlNodePtr div : divs) sanitize_xhtml(div, ids);
}

std::string page(const Stylesheet& sheet, xmlDoc* view) {
  sanitize_view(view);
  XmlDocPtr html = sheet.apply(view);
  return "<!DOCTYPE html>\n" + sheet.serialize(html.get());
}

}  // namespace

Renderer::Renderer(const RenderConfig& config)
    : impl_(std::make_unique<RendererImpl>(config.data_dir.empty() ? default_data_dir()
                                                                   : config.data_dir)) {}

Renderer::~Renderer() = default;

std::string Renderer::render_cda(std::string_view cda_xml, const RenderOptions& options) const {
  ParsedCda parsed = parse_cda(cda_xml, options.limits);
  XmlDocPtr view = impl_->cda_to_view.apply(parsed.doc.get());
  return page(impl_->view_to_html, view.get());
}

std::string Renderer::render_bundle(std::string_view bundle_json,
                                    const RenderOptions& options) const {
  Json bundle = parse_json_input(bundle_json, options.limits);
  XmlDocPtr view = bundle_to_view(bundle, options.limits);
  return page(impl_->view_to_html, view.get());
}

std::string Renderer::render(std::string_view input, const RenderOptions& options) const {
  std::size_t i = 0;
  // a UTF-8 byte order mark is refused by both intakes with a clear reason; let them say it
  while (i < input.size() &&
         (input[i] == ' ' || input[i] == '\t' || input[i] == '\r' || input[i] == '\n')) {
    ++i;
  }
  if (i < input.size() && input[i] == '{') return render_bundle(input, options);
  if (i < input.size() && input[i] == '<') return render_cda(input, options);
  if (input.substr(i, 3) == "\xEF\xBB\xBF") return render_bundle(input, options);
  throw Error(ErrorKind::kInputRejected, "input is neither XML ('<') nor JSON ('{')");
}

}  // namespace ccdafhir
