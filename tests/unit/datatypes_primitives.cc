// BL -> boolean, INT -> integer, REAL -> decimal.
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_fixture.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::DtFixture;
using ccdafhir::dt_test::js;

namespace {
struct Case {
  const char* value;  // nullptr: no @value, nullFlavor="UNK" instead
  const char* json;
  std::size_t reports;
};

void check(DtFixture::Converter fn, const Case* cases, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    DtFixture f;
    std::string xml = cases[i].value ? std::string("<value value=\"") + cases[i].value + "\"/>"
                                     : std::string("<value nullFlavor=\"UNK\"/>");
    BOOST_TEST_CONTEXT(xml) {
      BOOST_TEST(f.run(fn, xml).dump() == js(cases[i].json));
      BOOST_TEST(f.reports() == cases[i].reports);
    }
  }
}
}  // namespace

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(boolean_accepts_only_true_and_false) {
  static const Case kCases[] = {
      {"true", "true", 0}, {"false", "false", 0}, {" true ", "true", 0}, {"TRUE", "null", 1},
      {"1", "null", 1},    {"", "null", 1},       {nullptr, "null", 0},
  };
  check(boolean, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_CASE(integer_is_a_32_bit_signed_number) {
  static const Case kCases[] = {
      {"0", "0", 0},
      {"42", "42", 0},
      {"+7", "7", 0},
      {"-12", "-12", 0},
      {"2147483647", "2147483647", 0},
      {"-2147483648", "-2147483648", 0},
      {"2147483648", "null", 1},
      {"99999999999999999999", "null", 1},
      {"1.5", "null", 1},
      {"abc", "null", 1},
      {"-", "null", 1},
      {nullptr, "null", 0},
  };
  check(integer, kCases, std::size(kCases));
}

BOOST_AUTO_TEST_CASE(decimal_normalises_hl7_real_literals) {
  static const Case kCases[] = {
      {"3.14", "3.14", 0},   {"100", "100", 0},  {"-0.5", "-0.5", 0},     {".5", "0.5", 0},
      {"+2", "2", 0},        {"5.", "5", 0},     {"00012.50", "12.5", 0}, {"1e3", "1000.0", 0},
      {"2.5E-1", "0.25", 0}, {"1,5", "null", 1}, {"e3", "null", 1},       {"1e", "null", 1},
      {"--1", "null", 1},    {"NaN", "null", 1}, {nullptr, "null", 0},
  };
  check(decimal, kCases, std::size(kCases));
  DtFixture f;
  BOOST_TEST(boolean(nullptr, f.ctx).is_null());
  BOOST_TEST(integer(nullptr, f.ctx).is_null());
  BOOST_TEST(decimal(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_SUITE_END()
