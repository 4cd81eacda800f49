// Hardened FHIR JSON intake: bytes in, a parsed document out, or a one-line reason. nlohmann's
// parser accepts things FHIR forbids and that hostile input uses: duplicate keys (last one wins
// silently), unbounded nesting, numbers of any length. This parser refuses them.
#pragma once

#include <string_view>

#include "ccdafhir/options.h"
#include "util/json.h"

namespace ccdafhir {

// Longest number literal accepted: FHIR decimals carry at most 18 significant digits; 64 leaves
// room for exponents and leading zeros without admitting number bombs.
constexpr std::size_t kMaxJsonNumberChars = 64;

// Throws Error(kInputRejected) naming the problem and its byte offset: not UTF-8, a byte order
// mark, not JSON, nesting deeper than limits.max_depth, a duplicate key, an over-long number,
// more than limits.max_input_bytes, more than limits.max_nodes values.
Json parse_json_input(std::string_view bytes, const Limits& limits);

// The entry limit on the FHIR side: a Bundle with more than limits.max_entries entries is
// refused (Error kInputRejected), as a C-CDA with more section entries is. Anything else passes.
void check_bundle_entries(const Json& root, const Limits& limits);

}  // namespace ccdafhir
