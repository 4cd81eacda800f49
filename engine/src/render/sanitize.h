// Narrative XHTML made safe to show: a FHIR narrative div comes from whoever wrote the Bundle,
// so before it enters a page everything that could run code, load a resource or break out of
// the page is removed. Whitelist-based: only the elements and attributes FHIR allows in a
// narrative (R4 Narrative "basic XHTML") survive.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <unordered_set>

namespace ccdafhir {

// Ids the page uses for itself start with this; narrative ids that do are removed.
inline constexpr std::string_view kPageIdPrefix = "ccdafhir-";

// Sanitises the children and attributes of `root` (itself an XHTML div, kept) in place:
//  - script, style, iframe, object, embed, form controls, svg, math and the like are removed
//    with their content; any other element that is not basic XHTML is replaced by its content;
//  - attributes not on the per-element whitelist are removed (every on* handler among them);
//  - href is kept only for #fragment, http:, https: and mailto: targets;
//  - img is kept only with an inline data:image/(png|gif|jpeg) source, otherwise it becomes a
//    short text placeholder with its alt text (the page loads nothing external);
//  - style is kept only when it holds no parenthesis, backslash, '@' or '<' (no url(), no
//    expression(), no @import);
//  - ids already seen (page-wide, through `seen_ids`) or starting with kPageIdPrefix are dropped;
//  - comments and processing instructions are removed.
void sanitize_xhtml(xmlNodePtr root, std::unordered_set<std::string>& seen_ids);

// The rules above for one attribute value, exposed for tests.
bool is_safe_href(std::string_view href);
bool is_safe_image_source(std::string_view src);
bool is_safe_style(std::string_view style);

}  // namespace ccdafhir
