// Human-readable HTML of a clinical document: a C-CDA document (through the project's XSLT 1.0
// stylesheets in xslt/render/) or a FHIR document Bundle (the same page layout and section
// order, built from the Composition). A Renderer compiles its stylesheets once; it is immutable
// afterwards and may be shared by any number of threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ccdafhir/options.h"

namespace ccdafhir {

struct RenderConfig {
  std::string data_dir;  // folder holding xslt/; empty: default_data_dir()
};

struct RenderOptions {
  Limits limits;  // applied to the input, and to each FHIR narrative div parsed from it
};

class RendererImpl;

class Renderer {
 public:
  // Throws Error(kConfig) when a stylesheet is missing or broken.
  explicit Renderer(const RenderConfig& config = {});
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // A complete HTML page (UTF-8): patient banner, document metadata, table of contents and
  // every section with its narrative. Self-contained: inline CSS, no scripts, no external
  // resources (a Content-Security-Policy forbids them too). Same input, same bytes.
  // Throws Error(kInputRejected) for input that is not a C-CDA document / document Bundle.
  std::string render_cda(std::string_view cda_xml, const RenderOptions& options) const;
  std::string render_bundle(std::string_view bundle_json, const RenderOptions& options) const;
  // Either of the above, by the first non-blank byte ('<' is XML, '{' is JSON).
  std::string render(std::string_view input, const RenderOptions& options) const;

 private:
  std::unique_ptr<RendererImpl> impl_;
};

}  // namespace ccdafhir
