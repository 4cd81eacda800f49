// Hostile FHIR JSON: each refusal has its own clear reason.
#include <boost/test/unit_test.hpp>

#include "ccdafhir/error.h"
#include "intake/json_intake.h"

using namespace ccdafhir;

namespace {

std::string rejection(const std::string& text, Limits limits = {}) {
  try {
    parse_json_input(text, limits);
  } catch (const Error& e) {
    BOOST_TEST(static_cast<int>(e.kind()) == static_cast<int>(ErrorKind::kInputRejected));
    return e.what();
  }
  return "";
}

bool mentions(const std::string& message, const std::string& part) {
  return message.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(intake)

BOOST_AUTO_TEST_CASE(accepts_fhir_json_and_keeps_key_order) {
  Json j =
      parse_json_input(R"({"resourceType":"Bundle","type":"document","entry":[{"a":1.50}]})", {});
  BOOST_TEST(j.begin().key() == "resourceType");
  BOOST_TEST(j["entry"][0]["a"].dump() == "1.5");
}

BOOST_AUTO_TEST_CASE(refuses_duplicate_keys) {
  BOOST_TEST(mentions(rejection(R"({"id":"a","id":"b"})"), "duplicate key"));
  // The same key in sibling objects is fine.
  BOOST_TEST(rejection(R"([{"id":"a"},{"id":"b"}])").empty());
}

BOOST_AUTO_TEST_CASE(refuses_a_ten_thousand_digit_number) {
  BOOST_TEST(mentions(rejection("{\"n\":" + std::string(10000, '7') + "}"), "number literal"));
  BOOST_TEST(mentions(rejection("{\"n\":0." + std::string(10000, '1') + "}"), "number literal"));
  BOOST_TEST(rejection("{\"n\":12345678901234567890123}").empty());
}

BOOST_AUTO_TEST_CASE(refuses_deep_nesting) {
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  BOOST_TEST(mentions(rejection(deep), "nesting deeper than 256"));
}

BOOST_AUTO_TEST_CASE(refuses_bad_encoding) {
  BOOST_TEST(mentions(rejection("\xEF\xBB\xBF{}"), "byte order mark"));
  BOOST_TEST(mentions(rejection("{\"a\":\"\xC3\x28\"}"), "invalid UTF-8 byte sequence at byte 6"));
  BOOST_TEST(mentions(rejection("{\"a\":\"\xED\xA0\x80\"}"), "invalid UTF-8"));  // surrogate
  BOOST_TEST(rejection("{\"a\":\"caf\xC3\xA9 \xF0\x9F\x98\x80\"}").empty());
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_json_with_an_offset) {
  BOOST_TEST(mentions(rejection("{\"a\":}"), "not valid JSON (byte 6)"));
  BOOST_TEST(mentions(rejection(""), "not valid JSON"));
  BOOST_TEST(mentions(rejection("<ClinicalDocument/>"), "not valid JSON (byte 1)"));
}

BOOST_AUTO_TEST_CASE(enforces_size_and_value_limits) {
  Limits small;
  small.max_input_bytes = 10;
  BOOST_TEST(mentions(rejection(R"({"resourceType":"Bundle"})", small), "larger than the limit"));
  Limits few;
  few.max_nodes = 3;
  BOOST_TEST(mentions(rejection("[1,2,3,4]", few), "more than 3 values"));
}

BOOST_AUTO_TEST_SUITE_END()
