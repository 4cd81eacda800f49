// Attachment -> ED and string -> ST (mappingGuidance.md "CDA ED -> FHIR Attachment", read in
// reverse): contentType -> @mediaType, language -> @language, data (base64 already) -> the
// element's content with representation="B64", url -> <reference value=".."/>.
// Choices where the guidance is silent:
//  - data is written as it is, never decoded: B64 is what CDA calls base64 content, and decoding
//    would need a character set the Attachment may not state;
//  - title, size, hash and creation have no ED counterpart (left out, reported);
//  - ST: the string as text content; markdown is written as the plain string it is.
#include <string>

#include "datatypes/to_cda.h"
#include "datatypes/to_cda/xml_out.h"

namespace ccdafhir::rdt {

bool ed(const Json& attachment, xmlNode* el, ReverseContext& ctx) {
  if (!attachment.is_object()) return false;
  std::string data = out::str(attachment, "data");
  std::string url = out::str(attachment, "url");
  if (data.empty() && url.empty()) return false;
  std::string media_type = out::str(attachment, "contentType");
  std::string language = out::str(attachment, "language");
  if (!media_type.empty()) out::set(el, "mediaType", media_type);
  if (!language.empty()) out::set(el, "language", language);
  if (!url.empty()) out::set(out::child(el, "reference"), "value", url);
  if (!data.empty()) {
    out::set(el, "representation", "B64");
    out::text(el, data);
  }
  for (const char* key : {"title", "size", "hash", "creation"}) {
    if (attachment.contains(key)) {
      ctx.report(Severity::kInformation, IssueCode::kNotSupported,
                 std::string("Attachment.") + key + " has no ED counterpart; left out");
    }
  }
  return true;
}

bool st(const Json& text, xmlNode* el, ReverseContext& /*ctx*/) {
  if (!text.is_string()) return false;
  const std::string& v = text.get_ref<const std::string&>();
  if (v.find_first_not_of(" \t\r\n") == std::string::npos) return false;
  out::text(el, v);
  return true;
}

}  // namespace ccdafhir::rdt
