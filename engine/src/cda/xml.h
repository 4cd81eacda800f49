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

// node_path for many nodes of one unchanging document, met mostly in document order (the
// diagnostics and trace records of a conversion): the ancestors the node shares with the
// previous one are not spelled again, and a node's position is counted from the previous node
// at its level when that is an earlier same-named sibling, not from the first sibling (each
// entry of a long section counted all the entries before it, and each of its ancestors all
// theirs). The strings are exactly node_path's. One per document: the nodes are remembered.
class NodePaths {
 public:
  std::string path(const xmlNode* node);

 private:
  struct Level {
    const xmlNode* node;
    std::size_t end;  // where its step ends in last_text_
    int position;
  };
  std::vector<Level> last_;  // the previous node's chain, outermost first, and its path
  std::string last_text_;
  std::vector<Level> next_;            // scratch: the chain being built
  std::vector<const xmlNode*> chain_;  // scratch: the node's ancestors
};

// 1-based line of the node in its source, 0 when unknown.
long node_line(const xmlNode* node);

}  // namespace ccdafhir::cda
