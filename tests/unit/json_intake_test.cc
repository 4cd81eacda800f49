// Hostile FHIR JSON: each refusal has its own clear reason.
#include <boost/test/unit_test.hpp>

#include "ccdafhir/error.h"
#include "intake/json_intake.h"
#include "intake/json_reader.h"
#include "util/json_identical.h"

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

// The fast reader builds what nlohmann's parser builds, or declines (and the hardened parser
// then explains the refusal).
BOOST_AUTO_TEST_CASE(fast_reader_builds_what_nlohmann_builds) {
  const char* documents[] = {
      R"({"resourceType":"Bundle","entry":[{"fullUrl":"urn:uuid:1","resource":{"a":[1,2]}}]})",
      "  {\"a\" : [ ] , \"b\" : { } ,\"c\":[{}],\"d\":null,\"e\":true,\"f\":false}\n",
      R"([0,-0,1,-1,18446744073709551615,18446744073709551616,-9223372036854775808])",
      R"([-9223372036854775809,1.5,-0.0,1e3,1E-3,2.5e+10,0.1,123456789012345678901234567890])",
      R"([4.9e-324,1e-400,1.7976931348623157e308,12345678901234567890123])",
      R"(["\"\\\/\b\f\n\r\t","\u0041\u00e9\u20AC\ud83d\ude00","\u0000x"])",
      "[\"caf\xC3\xA9 \xF0\x9F\x98\x80\"]",
      R"("a string alone")",
      "42",
      "-7",
      "null",
      R"({"nested":{"deeper":{"deepest":[[[["x"]]]]}}})",
  };
  for (const char* text : documents) {
    BOOST_TEST_CONTEXT(text) {
      Json expected = Json::parse(text);
      std::optional<Json> fast = read_json_fast(text, {});
      BOOST_TEST_REQUIRE(fast.has_value());
      BOOST_TEST(json_identical(*fast, expected));
      BOOST_TEST(json_identical(parse_json_input(text, {}), expected));
    }
  }
  // Declined: not JSON, duplicates, limits, over-long numbers, lone surrogates, control bytes.
  const char* declined[] = {
      "",
      "{",
      "{\"a\":}",
      "[1,]",
      "[01]",
      "[1.]",
      "[.5]",
      "[1e]",
      "[-]",
      "tru",
      "[true false]",
      "{} {}",
      "{\"a\":1,\"a\":2}",
      "[\"\\ud800\"]",
      "[\"\\udc00\"]",
      "[\"\\x\"]",
      "[\"\t\"]",
      "[\"\\u12\"]",
      "{\"a\" 1}",
      "[1 2]",
      "[1e999]",
      "[-1e999]",
  };
  for (const char* text : declined) {
    BOOST_TEST_CONTEXT(text) {
      BOOST_TEST(!read_json_fast(text, {}).has_value());
    }
  }
  BOOST_TEST(!read_json_fast("[" + std::string(65, '1') + "]", {}).has_value());
  Limits shallow;
  shallow.max_depth = 2;
  BOOST_TEST(read_json_fast("[[1]]", shallow).has_value());
  BOOST_TEST(!read_json_fast("[[[1]]]", shallow).has_value());
  Limits few;
  few.max_nodes = 3;
  BOOST_TEST(read_json_fast("[1,2]", few).has_value());
  BOOST_TEST(!read_json_fast("[1,2,3]", few).has_value());
  // Strings read eight bytes at a time: an escape, a control byte or UTF-8 at every offset.
  for (std::size_t at = 0; at < 20; ++at) {
    for (const char* special : {"\\\"", "\\u00e9", "\xC3\xA9", "\\n"}) {
      std::string text = "[\"" + std::string(at, 'a') + special + std::string(19 - at, 'b') + "\"]";
      BOOST_TEST_CONTEXT(text) {
        std::optional<Json> fast = read_json_fast(text, {});
        BOOST_TEST_REQUIRE(fast.has_value());
        BOOST_TEST(json_identical(*fast, Json::parse(text)));
      }
    }
    std::string control = "[\"" + std::string(at, 'a') + "\t" + std::string(19 - at, 'b') + "\"]";
    BOOST_TEST(!read_json_fast(control, {}).has_value());
    std::string open = "[\"" + std::string(at, 'a');  // no closing quote
    BOOST_TEST(!read_json_fast(open, {}).has_value());
  }
  // Many members: declined (the hardened parser checks them for duplicates), then accepted.
  std::string wide = "{";
  for (int i = 0; i < 100; ++i)
    wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
  wide += "}";
  BOOST_TEST(!read_json_fast(wide, {}).has_value());
  BOOST_TEST(json_identical(parse_json_input(wide, {}), Json::parse(wide)));
}

BOOST_AUTO_TEST_SUITE_END()
