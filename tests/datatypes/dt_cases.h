// Table-driven cases for the forward datatype converters: each case is a CDA snippet, the JSON
// the converter must return, and how many diagnostics it must report on the way.
#pragma once

#include <boost/test/unit_test.hpp>

#include <cstddef>

#include "dt_fixture.h"

namespace ccdafhir::dt_test {

struct Case {
  const char* xml;
  const char* json;
  std::size_t reports;
};

// Runs every case on a fresh fixture; a failure names the snippet it came from.
template <std::size_t N>
void check_cases(DtFixture::Converter fn, const Case (&cases)[N]) {
  for (const Case& c : cases) {
    DtFixture f;
    BOOST_TEST_CONTEXT(c.xml) {
      BOOST_TEST(f.run(fn, c.xml).dump() == js(c.json));
      BOOST_TEST(f.reports() == c.reports);
    }
  }
}

}  // namespace ccdafhir::dt_test
