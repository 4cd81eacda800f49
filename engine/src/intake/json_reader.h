// The fast path of the hardened FHIR JSON intake: a reader for well-formed JSON within the
// limits, building the document directly. It does not explain refusals: anything it cannot
// vouch for (a syntax error, a duplicate key, a limit reached, an over-long number, nesting
// deeper than its own recursion allows) makes it answer nullopt, and parse_json_input then runs
// nlohmann's parser with the hardened SAX handler, which refuses with the reason and byte offset.
// What it accepts, it builds exactly as nlohmann's parser would (the same value types: unsigned,
// integer or float numbers by the same rules), so the two paths cannot disagree on a document.
#pragma once

#include <optional>
#include <string_view>

#include "ccdafhir/options.h"
#include "util/json.h"

namespace ccdafhir {

// bytes: already checked to be UTF-8 without a byte order mark.
std::optional<Json> read_json_fast(std::string_view bytes, const Limits& limits);

}  // namespace ccdafhir
