#include "util/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// The output string, written through a raw cursor: a byte at a time through std::string
// costs a capacity check per byte, and a Bundle is mostly short strings and punctuation. The
// string is grown ahead (its new bytes are scratch) and cut to the written length at the end.
class Out {
 public:
  explicit Out(std::string& s) : s_(s), pos_(s.size()) { grow(4096); }
  ~Out() { s_.resize(pos_); }
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;

  // Room for n more bytes at cursor().
  char* room(std::size_t n) {
    if (s_.size() - pos_ < n) grow(n);
    return s_.data() + pos_;
  }
  void advance(std::size_t n) { pos_ += n; }
  void put(char c) {
    *room(1) = c;
    ++pos_;
  }
  void put(const char* p, std::size_t n) {
    std::memcpy(room(n), p, n);
    pos_ += n;
  }
  void put(std::string_view v) { put(v.data(), v.size()); }

 private:
  void grow(std::size_t n) { s_.resize(std::max(s_.size() * 2, pos_ + n + 4096)); }
  std::string& s_;
  std::size_t pos_;
};

#if defined(__SSE2__)
// One bit per byte of the sixteen at p: set for those that need escaping.
inline unsigned escape_mask(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // x <= 0x1f unsigned exactly when max(x, 0x1f) == 0x1f.
  const __m128i control_max = _mm_set1_epi8(0x1f);
  const __m128i hit = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
      _mm_cmpeq_epi8(_mm_max_epu8(v, control_max), control_max));
  return static_cast<unsigned>(_mm_movemask_epi8(hit));
}
#endif

// The first byte in [p, end) that needs escaping, or end. SSE2 (baseline on x86-64) looks at
// sixteen bytes at a time, the last block of a range of sixteen or more overlapping the one
// before; shorter ranges, and other targets, eight at a time.
inline const char* find_escape(const char* p, const char* end) {
#if defined(__SSE2__)
  if (end - p >= 16) {
    while (end - p >= 16) {
      if (unsigned mask = escape_mask(p)) return p + __builtin_ctz(mask);
      p += 16;
    }
    if (p == end) return end;
    // The r bytes left are the top r of the block that ends at end.
    const int r = static_cast<int>(end - p);
    const unsigned mask = escape_mask(end - 16) >> (16 - r);
    return mask ? p + __builtin_ctz(mask) : end;
  }
#endif
  while (end - p >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    if (needs_escape(v)) break;
    p += 8;
  }
  for (; p != end; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == '"' || c == '\\') return p;
  }
  return end;
}

// Writes [run, end) escaped; `p` is the first byte in it that needs escaping (or end).
void write_escaped(const char* run, const char* p, const char* end, Out& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  while (p != end) {
    const unsigned char c = static_cast<unsigned char>(*p);
    out.put(run, static_cast<std::size_t>(p - run));
    switch (c) {
      case '"':
        out.put("\\\"", 2);
        break;
      case '\\':
        out.put("\\\\", 2);
        break;
      case '\n':
        out.put("\\n", 2);
        break;
      case '\r':
        out.put("\\r", 2);
        break;
      case '\t':
        out.put("\\t", 2);
        break;
      case '\b':
        out.put("\\b", 2);
        break;
      case '\f':
        out.put("\\f", 2);
        break;
      default: {
        char* o = out.room(6);
        std::memcpy(o, "\\u00", 4);
        o[4] = kHex[c >> 4];
        o[5] = kHex[c & 15];
        out.advance(6);
      }
    }
    run = ++p;
    p = find_escape(p, end);
  }
  out.put(run, static_cast<std::size_t>(end - run));
}

void write_string(const std::string& s, Out& out) {
  const char* p = s.data();
  const std::size_t n = s.size();
  const char* end = p + n;
#if defined(__SSE2__)
  // Most strings are keys, codes and ids of fewer than sixteen bytes that need no escape. A
  // std::string's buffer holds capacity() + 1 bytes, and libstdc++'s capacity() is never below
  // 15 (its small-string buffer): such a string is checked and copied as one sixteen-byte block,
  // the bytes past its end ignored (their bits dropped, their copies left in the scratch space
  // past the cursor).
  if (n < 16 && s.capacity() >= 15) {
    const unsigned mask = escape_mask(p) & ((1u << n) - 1);
    if (mask == 0) {
      char* o = out.room(18);
      o[0] = '"';
      _mm_storeu_si128(reinterpret_cast<__m128i*>(o + 1),
                       _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
      o[n + 1] = '"';
      out.advance(n + 2);
      return;
    }
    out.put('"');
    write_escaped(p, p + __builtin_ctz(mask), end, out);
    out.put('"');
    return;
  }
#endif
  // Checked first, then written in one piece when nothing needs escaping.
  const char* first = find_escape(p, end);
  if (first == end) {
    char* o = out.room(n + 2);
    o[0] = '"';
    std::memcpy(o + 1, p, n);
    o[n + 1] = '"';
    out.advance(n + 2);
    return;
  }
  out.put('"');
  write_escaped(p, first, end, out);
  out.put('"');
}

void write_double(double d, Out& out) {
  if (!std::isfinite(d)) {  // JSON has no NaN or infinity
    out.put("null", 4);
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
  out.put(text);
  // Keep a double recognisable as one, as nlohmann does: 5.0, not 5.
  if (text.find_first_of(".e") == std::string_view::npos) out.put(".0", 2);
}

template <typename Int>
void write_integer(Int v, Out& out) {
  char* o = out.room(24);
  auto [ptr, ec] = std::to_chars(o, o + 24, v);
  out.advance(static_cast<std::size_t>(ptr - o));
}

void write_value(const Json& value, Out& out) {
  switch (value.type()) {
    case Json::value_t::object: {
      out.put('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out.put(',');
        first = false;
        write_string(it.key(), out);
        out.put(':');
        write_value(*it, out);
      }
      out.put('}');
      return;
    }
    case Json::value_t::array: {
      out.put('[');
      bool first = true;
      for (const auto& v : value) {
        if (!first) out.put(',');
        first = false;
        write_value(v, out);
      }
      out.put(']');
      return;
    }
    case Json::value_t::string:
      write_string(value.get_ref<const std::string&>(), out);
      return;
    case Json::value_t::boolean:
      if (value.get<bool>()) {
        out.put("true", 4);
      } else {
        out.put("false", 5);
      }
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
      out.put("null", 4);
      return;
  }
}

// As write_value, freeing the tree as it goes: each container's members are destroyed right
// after they are written, while still in cache, and bottom-up, so that nlohmann's destructor
// (which flattens a container's subtree onto a heap-allocated stack) never has more than an
// empty container or a scalar to destroy.
void write_value_and_free(Json& value, Out& out) {
  switch (value.type()) {
    case Json::value_t::object: {
      auto& members = value.get_ref<Json::object_t&>();
      out.put('{');
      bool first = true;
      for (auto& [key, member] : members) {
        if (!first) out.put(',');
        first = false;
        write_string(key, out);
        out.put(':');
        write_value_and_free(member, out);
      }
      out.put('}');
      members.clear();
      return;
    }
    case Json::value_t::array: {
      auto& items = value.get_ref<Json::array_t&>();
      out.put('[');
      bool first = true;
      for (auto& v : items) {
        if (!first) out.put(',');
        first = false;
        write_value_and_free(v, out);
      }
      out.put(']');
      items.clear();
      return;
    }
    default:
      write_value(value, out);
      return;
  }
}

}  // namespace

void write_json(const Json& value, std::string& out) {
  Out cursor(out);
  write_value(value, cursor);
}

void write_json_and_free(Json&& value, std::string& out) {
  {
    Out cursor(out);
    write_value_and_free(value, cursor);
  }
  value = nullptr;
}

}  // namespace ccdafhir
