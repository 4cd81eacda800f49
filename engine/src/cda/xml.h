// Small, allocation-free helpers over libxml2's DOM for CDA documents. CDA elements live in the
// HL7 v3 namespace (urn:hl7-org:v3); SDTC extensions in urn:hl7-org:sdtc.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace ccdafhir::cda {

inline constexpr const char* kHl7Ns = "urn:hl7-org:v3";
inline constexpr const char* kSdtcNs = "urn:hl7-org:sdtc";
inline constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";

inline std::string_view as_view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

inline bool is_element(const xmlNode* n) {
  return n && n->type == XML_ELEMENT_NODE;
}

// Local name of an element or attribute.
inline std::string_view name_of(const xmlNode* n) {
  return as_view(n->name);
}

inline std::string_view ns_of(const xmlNode* n) {
  return n->ns ? as_view(n->ns->href) : std::string_view();
}

// First child element with this local name in the HL7 namespace (or no namespace).
const xmlNode* child(const xmlNode* parent, std::string_view local_name);

// Attribute value without namespace, or "" when absent. The view points into the DOM.
std::string_view attr(const xmlNode* element, std::string_view local_name);
bool has_attr(const xmlNode* element, std::string_view local_name);

// xsi:type without its prefix ("PQ" for "hl7:PQ"), or "".
std::string_view xsi_type(const xmlNode* element);

// The string value: attribute value, or the concatenated text of an element's descendants.
std::string string_value(const xmlNode* node);

// The element's own text and CDATA children (not its descendants'), space-normalized: the
// content of a name or address part, whose children are text only.
std::string normalized_own_text(const xmlNode* element);

// The whitespace-separated tokens of a set-valued attribute such as use="H WP".
std::vector<std::string_view> tokens(std::string_view s);

// FHIR strings may hold no Unicode space other than ' ', \t, \r, \n (the R4 JSON schema's
// string pattern), yet C-CDA text often carries NBSP or em spaces. These helpers treat every
// Unicode space as a space.

// Bytes of the Unicode space (NBSP, U+2000..U+200A, ...) starting at s[i], or 0.
std::size_t unicode_space_length(std::string_view s, std::size_t i);

// True for "" and strings of only whitespace.
bool is_blank(std::string_view s);

// Trims whitespace at both ends and collapses inner runs to one space.
std::string normalize_space(std::string_view s);

// Keeps line structure (for markdown and free text) but turns Unicode spaces into ' ' and trims.
std::string plain_spaces(std::string_view s);

// An XPath naming this node, with positions among same-named siblings where needed:
// /ClinicalDocument/component/structuredBody/component[3]/section/entry[2]/act
std::string node_path(const xmlNode* node);

// 1-based line of the node in its source, 0 when unknown.
long node_line(const xmlNode* node);

}  // namespace ccdafhir::cda
