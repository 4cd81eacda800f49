// FHIR Narrative XHTML -> CDA narrative block through xslt/narrative/xhtml-to-cda.xsl. The
// stylesheet is compiled once; append() is const and thread-safe (libxslt only reads a compiled
// stylesheet, and every call parses and transforms into documents of its own).
#pragma once

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include <string>
#include <string_view>

namespace ccdafhir {

class NarrativeToCda {
 public:
  explicit NarrativeToCda(const std::string& stylesheet_path);  // throws Error(kConfig)
  ~NarrativeToCda();
  NarrativeToCda(const NarrativeToCda&) = delete;
  NarrativeToCda& operator=(const NarrativeToCda&) = delete;

  // Parses the div (hostile input: the hardened XML intake), transforms it and appends the
  // resulting <text> element to `section` (in the section's document, HL7 v3 namespace). Returns
  // false and appends nothing when the div cannot be parsed, is not an XHTML div, or holds
  // nothing; `why` (when given) then says which, without quoting the content.
  bool append(std::string_view div_xhtml, xmlNode* section, std::string* why = nullptr) const;

 private:
  xsltStylesheetPtr sheet_ = nullptr;
};

}  // namespace ccdafhir
