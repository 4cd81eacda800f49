// A compiled XSLT stylesheet for rendering, loaded from a file so that xsl:import resolves
// relative to it. Transforms run with every libxslt security option forbidden (no document(),
// no file or network access, no output files): a stylesheet only reads the document it is given.
#pragma once

#include <libxslt/xsltInternals.h>

#include <string>

#include "intake/xml_intake.h"

namespace ccdafhir {

class Stylesheet {
 public:
  explicit Stylesheet(const std::string& path);  // throws Error(kConfig)
  ~Stylesheet();
  Stylesheet(const Stylesheet&) = delete;
  Stylesheet& operator=(const Stylesheet&) = delete;

  // Throws Error(kInternal) when the transform fails (a stylesheet bug, not bad input).
  XmlDocPtr apply(const xmlDoc* input) const;
  // The result serialised as the stylesheet's xsl:output says.
  std::string serialize(const xmlDoc* result) const;

 private:
  std::string path_;
  xsltStylesheetPtr sheet_ = nullptr;
};

}  // namespace ccdafhir
