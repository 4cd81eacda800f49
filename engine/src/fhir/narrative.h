// CDA narrative block -> FHIR XHTML through xslt/narrative/cda-to-xhtml.xsl. The stylesheet is
// compiled once; applying it is thread-safe (libxslt only reads a compiled stylesheet).
#pragma once

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace ccdafhir {

class Narrator {
 public:
  explicit Narrator(const std::string& stylesheet_path);  // throws Error(kConfig)
  ~Narrator();
  Narrator(const Narrator&) = delete;
  Narrator& operator=(const Narrator&) = delete;

  // The XHTML div for a CDA <text> element, or "" when it holds no text and no image. Both calls
  // cut whitespace-only text directly inside table structure and lists (never rendered) to a space.
  std::string to_xhtml(const xmlNode* cda_text) const;

  // Every section/text of a document in one transform (the per-transform set-up dominates
  // otherwise): section text element -> its div, empty narratives left out.
  using Rendered = std::unordered_map<const xmlNode*, std::string>;
  Rendered render_sections(const xmlDoc* doc) const;
  // The same, given the document's section/text elements in document order (ParsedCda's
  // section_texts, collected while parsing): the document is not walked to find them. When intake
  // has numbered the document's elements, its children are unlinked for a moment while the
  // transform context is made (see apply_numbered): no other thread may read it meanwhile.
  Rendered render_sections(const xmlDoc* doc, const std::vector<const xmlNode*>& texts) const;

 private:
  xsltStylesheetPtr sheet_ = nullptr;
};

}  // namespace ccdafhir
