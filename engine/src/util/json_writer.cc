#include "util/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace ccdafhir {

namespace {

// True when one of the eight bytes in v needs escaping: below 0x20, '"' or '\\'. The classic
// "has a zero byte" test, (x - 0x01..) & ~x & 0x80.., is exact for "any byte below n" (n <= 128).
inline bool needs_escape(std::uint64_t v) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t control = (v - kOnes * 0x20) & ~v;
  const std::uint64_t q = v ^ (kOnes * '"');
  const std::uint64_t b = v ^ (kOnes * '\\');
  return ((control | ((q - kOnes) & ~q) | ((b - kOnes) & ~b)) & kHigh) != 0;
}

void write_string(const std::string& s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  for (;;) {
    // Eight bytes at a time past everything that is copied as it is (base64 data, narrative).
    while (end - p >= 8) {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      if (needs_escape(v)) break;
      p += 8;
    }
    if (p == end) break;
    unsigned char c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++p;
      continue;
    }
    out.append(run, p);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    run = ++p;
  }
  out.append(run, end);
  out.push_back('"');
}

void write_double(double d, std::string& out) {
  if (!std::isfinite(d)) {  // JSON has no NaN or infinity
    out += "null";
    return;
  }
  char buf[400];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string_view text(buf, static_cast<std::size_t>(ptr - buf));
  // Like nlohmann: plain decimal notation for exponents from -5 to 14, exponent form beyond.
  if (auto e = text.find('e'); e != std::string_view::npos) {
    int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
    if (exponent >= -5 && exponent < 15) {
      auto fixed = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
      text = std::string_view(buf, static_cast<std::size_t>(fixed.ptr - buf));
    }
  }
  out.append(text);
  // Keep a double recognisable as one, as nlohmann does: 5.0, not 5.
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

template <typename Int>
void write_integer(Int v, std::string& out) {
  char buf[24];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, ptr);
}

}  // namespace

void write_json(const Json& value, std::string& out) {
  switch (value.type()) {
    case Json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out.push_back(',');
        first = false;
        write_string(it.key(), out);
        out.push_back(':');
        write_json(*it, out);
      }
      out.push_back('}');
      return;
    }
    case Json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& v : value) {
        if (!first) out.push_back(',');
        first = false;
        write_json(v, out);
      }
      out.push_back(']');
      return;
    }
    case Json::value_t::string:
      write_string(value.get_ref<const std::string&>(), out);
      return;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
      write_integer(value.get<std::int64_t>(), out);
      return;
    case Json::value_t::number_unsigned:
      write_integer(value.get<std::uint64_t>(), out);
      return;
    case Json::value_t::number_float:
      write_double(value.get<double>(), out);
      return;
    case Json::value_t::null:
    case Json::value_t::discarded:
    case Json::value_t::binary:
      out += "null";
      return;
  }
}

}  // namespace ccdafhir
