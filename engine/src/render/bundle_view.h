// FHIR document Bundle -> the render view (urn:ccdafhir:view, described in
// xslt/render/cda-to-view.xsl), so that a Bundle is shown by the same page stylesheet as a
// C-CDA document: same layout, same section order (Composition.section order, nested sections
// nested). Narrative divs are parsed with the hardened XML intake and put in the view as trees;
// the renderer sanitises every narrative of a view afterwards, whatever its source.
#pragma once

#include "ccdafhir/options.h"
#include "intake/xml_intake.h"
#include "util/json.h"

namespace ccdafhir {

// Throws Error(kInputRejected) when the JSON is not a document Bundle whose first entry is a
// Composition.
XmlDocPtr bundle_to_view(const Json& bundle, const Limits& limits);

// FHIR date/dateTime/instant -> the page's date form, "YYYY-MM-DD hh:mm +zzzz" (the form the
// stylesheet gives a CDA TS), each part only when present.
std::string display_datetime(std::string_view fhir);

}  // namespace ccdafhir
