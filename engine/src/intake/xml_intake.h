// Hardened C-CDA intake: bytes in, a checked libxml2 document out, or a one-line reason.
// No network, no DTD, no entities (a DOCTYPE is refused outright), size/depth/node/text
// limits, and the root must be {urn:hl7-org:v3}ClinicalDocument.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string_view>
#include <vector>

#include "ccdafhir/options.h"
#include "datatypes/context.h"
#include "intake/xml_arena.h"

namespace ccdafhir {

// A document allocated in the thread's active arena (xml_arena.h) goes with the arena: freeing
// it node by node would only walk it.
struct XmlDocDeleter {
  void operator()(xmlDoc* d) const {
    if (!owned_by_xml_arena(d)) xmlFreeDoc(d);
  }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

struct ParsedCda {
  XmlDocPtr doc;
  NarrativeIndex ids;  // every ID attribute value -> its element (first occurrence)
  std::vector<const xmlNode*> section_texts;  // every section/text element, in document order
  std::size_t elements = 0;
};

// What becomes of whitespace-only text between elements. kDropBetweenElements removes it from
// every element whose text is only that (outside section/text narrative blocks, and from
// elements that have child elements): the conversion reads element structure and attributes,
// never that indentation, and walks half as many nodes without it. Mixed content stays whole.
enum class Blanks { kKeep, kDropBetweenElements };

// Throws Error(kInputRejected) with a single line naming the problem.
ParsedCda parse_cda(std::string_view bytes, const Limits& limits, Blanks blanks = Blanks::kKeep);

// The same hardening and limits as parse_cda, whatever the root element: the validator reports
// a wrong root as a schema error instead of refusing the input. Throws Error(kInputRejected).
ParsedCda parse_xml_within_limits(std::string_view bytes, const Limits& limits,
                                  Blanks blanks = Blanks::kKeep);

// Parses any XML with the same hardening, without the ClinicalDocument checks (stylesheets,
// fixtures). Throws Error(kInputRejected).
XmlDocPtr parse_xml_hardened(std::string_view bytes, const Limits& limits);

// Called once per process before any parsing (idempotent, thread-safe).
void init_xml_library();

}  // namespace ccdafhir
