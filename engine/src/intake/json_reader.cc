#include "intake/json_reader.h"

#include <cerrno>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "intake/json_intake.h"

namespace ccdafhir {

namespace {

// Deeper documents (when the limits allow them) go to nlohmann's parser, which does not recurse.
constexpr int kMaxRecursion = 512;
// Keys are checked for duplicates against their siblings one by one; an object with more
// members than this goes to the hardened parser, whose check does not grow with the square.
constexpr std::size_t kMaxLinearKeys = 64;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Reader {
 public:
  Reader(std::string_view bytes, const Limits& limits)
      : p_(bytes.data()), end_(bytes.data() + bytes.size()), limits_(limits) {
    // nlohmann reads decimals with strtod in the current locale, writing its decimal point.
    const char* point = std::localeconv()->decimal_point;
    decimal_point_ = point && *point ? *point : '.';
  }

  bool document(Json& out) {
    skip_space();
    if (!value(out, 0)) return false;
    skip_space();
    return p_ == end_;
  }

 private:
  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  // Every value counts towards limits.max_nodes, as the hardened parser counts them.
  bool count() { return ++values_ <= limits_.max_nodes; }

  bool value(Json& out, int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"': {
        std::string s;
        if (!string(s)) return false;
        out = Json(std::move(s));
        return count();
      }
      case 't':
        out = true;
        return word("true") && count();
      case 'f':
        out = false;
        return word("false") && count();
      case 'n':
        out = nullptr;
        return word("null") && count();
      default:
        return number(out) && count();
    }
  }

  bool word(std::string_view w) {
    if (static_cast<std::size_t>(end_ - p_) < w.size() || std::memcmp(p_, w.data(), w.size()) != 0)
      return false;
    p_ += w.size();
    return true;
  }

  bool open(int depth) {
    ++p_;
    return depth <= limits_.max_depth && depth <= kMaxRecursion && count();
  }

  // Members are gathered on one stack shared by every object being read, then moved into the
  // object at once: its storage is sized once, never grown member by member.
  bool object(Json& out, int depth) {
    if (!open(depth)) return false;
    const std::size_t base = members_.size();
    skip_space();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      out = Json::object();
      return true;
    }
    while (true) {
      if (p_ == end_ || *p_ != '"') return false;
      std::string key;
      if (!string(key)) return false;
      if (members_.size() - base >= kMaxLinearKeys) return false;
      for (std::size_t i = base; i < members_.size(); ++i) {
        if (members_[i].first == key) return false;  // duplicate: the hardened parser says so
      }
      skip_space();
      if (p_ == end_ || *p_ != ':') return false;
      ++p_;
      skip_space();
      Json v;
      if (!value(v, depth)) return false;
      members_.emplace_back(std::move(key), std::move(v));
      skip_space();
      if (p_ == end_) return false;
      if (*p_ == ',') {
        ++p_;
        skip_space();
        continue;
      }
      if (*p_ != '}') return false;
      ++p_;
      break;
    }
    out = Json::object();
    auto& map = out.get_ref<Json::object_t&>();
    map.reserve(members_.size() - base);
    for (std::size_t i = base; i < members_.size(); ++i)
      map.emplace_back(std::move(members_[i].first), std::move(members_[i].second));
    members_.resize(base);
    return true;
  }

  bool array(Json& out, int depth) {
    if (!open(depth)) return false;
    const std::size_t base = items_.size();
    skip_space();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      out = Json::array();
      return true;
    }
    while (true) {
      Json v;
      if (!value(v, depth)) return false;
      items_.push_back(std::move(v));
      skip_space();
      if (p_ == end_) return false;
      if (*p_ == ',') {
        ++p_;
        skip_space();
        continue;
      }
      if (*p_ != ']') return false;
      ++p_;
      break;
    }
    out = Json::array();
    auto& list = out.get_ref<Json::array_t&>();
    list.reserve(items_.size() - base);
    for (std::size_t i = base; i < items_.size(); ++i) list.push_back(std::move(items_[i]));
    items_.resize(base);
    return true;
  }

  // At the opening quote. Runs without escapes are copied whole; the input is valid UTF-8
  // (checked before), so bytes from 0x80 up are copied as they are, as nlohmann does.
  bool string(std::string& out) {
    ++p_;
    const char* run = p_;
    while (p_ < end_) {
      // Whole words first, then byte by byte through the word that stopped them (calling
      // skip_plain() again before it would only stop at the same byte).
      skip_plain();
      const char* stop = end_ - p_ > 8 ? p_ + 8 : end_;
      while (p_ < stop) {
        auto c = static_cast<unsigned char>(*p_);
        if (c == '"') {
          out.append(run, p_);
          ++p_;
          return true;
        }
        if (c < 0x20) return false;
        if (c == '\\') {
          out.append(run, p_);
          ++p_;
          if (!escape(out)) return false;
          run = p_;
          break;
        }
        ++p_;
      }
    }
    return false;
  }

  // Past bytes that need no attention inside a string, eight at a time: a word is skipped
  // when none of its bytes is '"', '\\' or below 0x20 (the usual SWAR tests: a byte b has
  // (b - k) & ~b & 0x80 set exactly when b < k, for the zero tests after an XOR).
  void skip_plain() {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    while (end_ - p_ >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p_, 8);
      std::uint64_t quote = w ^ (kOnes * '"');
      std::uint64_t backslash = w ^ (kOnes * '\\');
      std::uint64_t special = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                              ((w - kOnes * 0x20) & ~w);
      if (special & kHigh) return;
      p_ += 8;
    }
  }

  bool hex4(unsigned& cp) {
    if (end_ - p_ < 4) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      int h = hex_value(*p_++);
      if (h < 0) return false;
      cp = cp * 16 + static_cast<unsigned>(h);
    }
    return true;
  }

  bool escape(std::string& out) {
    if (p_ == end_) return false;
    switch (*p_++) {
      case '"':
        out += '"';
        return true;
      case '\\':
        out += '\\';
        return true;
      case '/':
        out += '/';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    unsigned cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      unsigned low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, cp);
    return true;
  }

  // nlohmann's rules: without fraction or exponent a number is unsigned (no sign) or integer
  // (a minus) when it fits 64 bits, a double otherwise; a double is read with strtod and must be
  // finite.
  bool number(Json& out) {
    const char* start = p_;
    bool negative = false, decimal = false;
    if (*p_ == '-') {
      negative = true;
      ++p_;
    }
    if (p_ == end_) return false;
    if (*p_ == '0') {
      ++p_;
    } else if (*p_ >= '1' && *p_ <= '9') {
      while (p_ < end_ && is_digit(*p_)) ++p_;
    } else {
      return false;
    }
    if (p_ < end_ && *p_ == '.') {
      decimal = true;
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      decimal = true;
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    auto length = static_cast<std::size_t>(p_ - start);
    if (length > kMaxJsonNumberChars) return false;  // refused, with its reason, by the other path
    char text[kMaxJsonNumberChars + 1];
    std::memcpy(text, start, length);
    text[length] = '\0';
    char* end = nullptr;
    if (!decimal) {
      errno = 0;
      if (negative) {
        long long v = std::strtoll(text, &end, 10);
        if (errno == 0) {
          out = static_cast<Json::number_integer_t>(v);
          return true;
        }
      } else {
        unsigned long long v = std::strtoull(text, &end, 10);
        if (errno == 0) {
          out = static_cast<Json::number_unsigned_t>(v);
          return true;
        }
      }
    }
    for (std::size_t i = 0; i < length; ++i) {
      if (text[i] == '.') text[i] = decimal_point_;
    }
    double v = std::strtod(text, &end);
    if (!std::isfinite(v)) return false;  // nlohmann refuses it: "number overflow"
    out = static_cast<Json::number_float_t>(v);
    return true;
  }

  const char* p_;
  const char* end_;
  const Limits& limits_;
  char decimal_point_ = '.';
  std::size_t values_ = 0;
  std::vector<std::pair<std::string, Json>> members_;
  std::vector<Json> items_;
};

}  // namespace

std::optional<Json> read_json_fast(std::string_view bytes, const Limits& limits) {
  Json result;
  Reader reader(bytes, limits);
  if (!reader.document(result)) return std::nullopt;
  return result;
}

}  // namespace ccdafhir
