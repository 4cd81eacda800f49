// Brings a built CDA tree into the shape the CDA schema demands, from the content model alone:
// children in schema order, elements the type does not allow removed (and reported), required
// attributes set, required children created (a datatype one with nullFlavor="NI", a structural
// one with its own required content). Tables never need to know the schema's order.
#pragma once

#include <libxml/tree.h>

#include "ccdafhir/diagnostic.h"
#include "reverse/cda_tree.h"

namespace ccdafhir {

void conform_to_schema(CdaTree& tree, xmlNode* element, DiagnosticSink& sink);

}  // namespace ccdafhir
