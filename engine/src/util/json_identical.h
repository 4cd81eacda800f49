// Two JSON documents equal down to the value types and key order. nlohmann's operator== calls
// 1 and 1.0 equal, and an unsigned and a signed 5 too; a reader that built the other type
// would change what is written. Used by the tests and fuzz targets that compare two JSON
// readers.
#pragma once

#include <cstddef>

#include "util/json.h"

namespace ccdafhir {

inline bool json_identical(const Json& a, const Json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y) {
      if (x.key() != y.key() || !json_identical(x.value(), y.value())) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!json_identical(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_number_float()) return a.dump() == b.dump();
  return a == b;
}

}  // namespace ccdafhir
