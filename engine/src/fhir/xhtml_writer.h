// Serialises a narrative div the stylesheet produced, byte for byte as libxml2's xmlSaveTree
// does with encoding UTF-8, XML_SAVE_NO_DECL and XML_SAVE_AS_XML, but straight into a string:
// the save context, its UTF-8 "conversion" buffers and a write call per name were a sixth of
// the narrative's cost.
#pragma once

#include <libxml/tree.h>

#include <string>

namespace ccdafhir {

// Appends the markup of `node` to `out` and returns true; returns false (and `out` may hold a
// part) when the tree holds anything the libxml2 serialiser would write in a way this one does
// not reproduce exactly: node kinds other than elements and text, text that must not be
// escaped, attributes with entity references, quotes in a namespace URI, non-ASCII attribute
// values in a document without a declared encoding. The caller then uses xmlSaveTree.
bool write_xhtml(const xmlNode* node, std::string& out);

}  // namespace ccdafhir
