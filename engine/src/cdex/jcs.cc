#include "cdex/jcs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "ccdafhir/error.h"

namespace ccdafhir {

namespace {

// UTF-8 -> UTF-16 code units, for ordering member names. The input was checked to be UTF-8
// by the JSON intake; a malformed byte is taken as one unit of its own value.
std::u16string utf16(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0 && i + 3 < s.size()) {
      cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      len = 4;
    } else if (c >= 0xE0 && i + 2 < s.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      len = 3;
    } else if (c >= 0xC0 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return out;
}

void write_string(const std::string& s, std::string& out) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
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
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 15]);
        } else {
          out.push_back(ch);  // everything else, U+007F and non-ASCII included, as it is
        }
    }
  }
  out.push_back('"');
}

void write(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::null:
      out += "null";
      return;
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
      out += jcs_number(static_cast<double>(v.get<std::int64_t>()));
      return;
    case Json::value_t::number_unsigned:
      out += jcs_number(static_cast<double>(v.get<std::uint64_t>()));
      return;
    case Json::value_t::number_float:
      out += jcs_number(v.get<double>());
      return;
    case Json::value_t::string:
      write_string(v.get_ref<const std::string&>(), out);
      return;
    case Json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const Json& item : v) {
        if (!first) out.push_back(',');
        first = false;
        write(item, out);
      }
      out.push_back(']');
      return;
    }
    case Json::value_t::object: {
      std::vector<std::pair<std::u16string, const std::string*>> keys;
      keys.reserve(v.size());
      for (auto it = v.begin(); it != v.end(); ++it) keys.emplace_back(utf16(it.key()), &it.key());
      std::sort(keys.begin(), keys.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      bool first = true;
      for (const auto& [units, key] : keys) {
        if (!first) out.push_back(',');
        first = false;
        write_string(*key, out);
        out.push_back(':');
        write(v.at(*key), out);
      }
      out.push_back('}');
      return;
    }
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  throw Error(ErrorKind::kInputRejected, "JSON value cannot be canonicalised");
}

}  // namespace

std::string jcs_number(double v) {
  if (!std::isfinite(v)) throw Error(ErrorKind::kInputRejected, "number is not finite");
  if (v == 0) return "0";  // both zeros
  std::string sign = v < 0 ? "-" : "";
  v = std::fabs(v);
  // Shortest digits that round-trip (to_chars without a precision), in scientific form
  // d[.ddd]e±x: the k digits and the exponent n of ECMAScript's algorithm (value = 0.digits x
  // 10^n).
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  auto e = sci.find('e');
  std::string digits;
  for (std::size_t i = 0; i < e; ++i) {
    if (sci[i] != '.') digits.push_back(sci[i]);
  }
  int n = std::stoi(sci.substr(e + 1)) + 1;
  int k = static_cast<int>(digits.size());
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, static_cast<std::size_t>(n)) + "." +
          digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  } else {
    int exp = n - 1;
    out = digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += exp >= 0 ? "e+" : "e-";
    out += std::to_string(exp >= 0 ? exp : -exp);
  }
  return sign + out;
}

std::string jcs_canonicalize(const Json& value) {
  std::string out;
  write(value, out);
  return out;
}

}  // namespace ccdafhir
