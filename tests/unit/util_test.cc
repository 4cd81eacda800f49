// SHA-1 and UUIDv5 against published vectors: ids must never change between versions.
#include "test_support.h"
#include "util/json_writer.h"
#include "util/sha1.h"
#include "util/uuid.h"

using namespace ccdafhir;

namespace {
std::string hex(const std::array<std::uint8_t, 20>& d) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (auto b : d) {
    s.push_back(digits[b >> 4]);
    s.push_back(digits[b & 15]);
  }
  return s;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(mapping)

BOOST_AUTO_TEST_CASE(sha1_matches_fips_180_vectors) {
  BOOST_TEST(hex(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  BOOST_TEST(hex(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  BOOST_TEST(hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
             "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  BOOST_TEST(hex(sha1(std::string(1000000, 'a'))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  // Lengths around the 55/56/64-byte padding boundaries.
  BOOST_TEST(hex(sha1(std::string(55, 'a'))) == "c1c8bbdc22796e28c0e15163d20899b65621d65a");
  BOOST_TEST(hex(sha1(std::string(64, 'a'))) == "0098ba824b5c16427bd7a1122a5a442a25ec644d");
}

BOOST_AUTO_TEST_CASE(uuid_v5_matches_rfc_4122_example_and_is_stable) {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
  BOOST_TEST(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") ==
             "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  BOOST_TEST(uuid_v5("Patient|1.2.3|x") == uuid_v5("Patient|1.2.3|x"));
  BOOST_TEST(uuid_v5("Patient|1.2.3|x") != uuid_v5("Patient|1.2.3|y"));
  BOOST_TEST(uuid_v5("x")[14] == '5');
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mapping)

BOOST_AUTO_TEST_CASE(json_writer_matches_nlohmann_compact_dump) {
  using ccdafhir::Json;
  Json j = Json::parse(
      R"({"resourceType":"X","s":"a\"b\\c\nd\te\u0001 é ✓","n":-12,"u":18446744073709551615,
                           "d":1.5,"whole":5.0,"small":0.0001,"t":true,"f":false,"z":null,"a":[1,[],{}],"o":{}})");
  std::string out;
  ccdafhir::write_json(j, out);
  BOOST_TEST(out == j.dump());
}

BOOST_AUTO_TEST_CASE(json_writer_escapes_at_every_offset_of_long_strings_and_appends) {
  using ccdafhir::Json;
  // An escape at each position of strings longer than the eight-byte stride, and a string much
  // longer than the writer's first allocation.
  Json j = Json::array();
  for (std::size_t at = 0; at < 20; ++at) {
    for (char c : {'"', '\\', '\n', '\x01', '\x1f'}) {
      std::string s(20, 'a');
      s[at] = c;
      j.push_back(s);
    }
  }
  j.push_back(std::string(100000, 'b') + "\"" + std::string(9, 'c'));
  Json obj = Json::object();
  obj["key with \"quote\""] = j;
  std::string out = "prefix:";
  ccdafhir::write_json(obj, out);
  BOOST_TEST(out == "prefix:" + obj.dump());
}

BOOST_AUTO_TEST_CASE(json_writer_escapes_strings_of_every_length_around_the_block_size) {
  using ccdafhir::Json;
  // Lengths 0 to 40 (the one-block path for short strings, the sixteen-byte loop and its
  // overlapping last block), clean and with an escape at each position; short strings both in
  // the small-string buffer and on the heap (capacity above 15); bytes above 0x7f never escaped.
  Json j = Json::array();
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string clean(n, 'x');
    if (n > 2) clean[n / 2] = '\xc3', clean[n / 2 + 1] = '\xa9';
    j.push_back(clean);
    std::string heap;
    heap.reserve(64);
    heap.assign(n, 'y');
    j.push_back(std::move(heap));
    for (std::size_t at = 0; at < n; ++at) {
      for (char c : {'"', '\\', '\x1f'}) {
        std::string s(n, 'a');
        s[at] = c;
        j.push_back(s);
      }
    }
  }
  Json obj = Json::object();
  obj[std::string(3, 'k')] = j;
  std::string out;
  ccdafhir::write_json(obj, out);
  BOOST_TEST(out == obj.dump());
  Json copy = obj;
  std::string freed;
  ccdafhir::write_json_and_free(std::move(copy), freed);
  BOOST_TEST(freed == obj.dump());
}

BOOST_AUTO_TEST_SUITE_END()
