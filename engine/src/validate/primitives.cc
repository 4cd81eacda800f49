#include "validate/primitives.h"

#include <array>
#include <cstddef>

namespace ccdafhir::validate {

namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads n digits at s[i] as a number; false when they are not all digits.
bool digits(std::string_view s, std::size_t& i, int n, int& value) {
  if (i + static_cast<std::size_t>(n) > s.size()) return false;
  value = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[i + static_cast<std::size_t>(k)];
    if (!digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  i += static_cast<std::size_t>(n);
  return true;
}

// YYYY(-MM(-DD)?)?; sets how far it got. The year 0000 is excluded as in the regex.
bool date_part(std::string_view s, std::size_t& i, int& parts) {
  int v = 0;
  parts = 0;
  if (!digits(s, i, 4, v) || v == 0) return false;
  parts = 1;
  if (i == s.size() || s[i] != '-') return true;
  ++i;
  if (!digits(s, i, 2, v) || v < 1 || v > 12) return false;
  parts = 2;
  if (i == s.size() || s[i] != '-') return true;
  ++i;
  if (!digits(s, i, 2, v) || v < 1 || v > 31) return false;
  parts = 3;
  return true;
}

// hh:mm:ss(.f+)?
bool time_part(std::string_view s, std::size_t& i) {
  int v = 0;
  if (!digits(s, i, 2, v) || v > 23) return false;
  if (i == s.size() || s[i++] != ':') return false;
  if (!digits(s, i, 2, v) || v > 59) return false;
  if (i == s.size() || s[i++] != ':') return false;
  if (!digits(s, i, 2, v) || v > 60) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == start) return false;
  }
  return true;
}

// Z | (+|-)hh:mm with hh <= 13, or 14:00
bool zone_part(std::string_view s, std::size_t& i) {
  if (i < s.size() && s[i] == 'Z') {
    ++i;
    return true;
  }
  if (i == s.size() || (s[i] != '+' && s[i] != '-')) return false;
  ++i;
  int h = 0, m = 0;
  if (!digits(s, i, 2, h)) return false;
  if (i == s.size() || s[i++] != ':') return false;
  if (!digits(s, i, 2, m) || m > 59) return false;
  return h <= 13 || (h == 14 && m == 0);
}

bool whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

bool valid_date(std::string_view s) {
  std::size_t i = 0;
  int parts = 0;
  return date_part(s, i, parts) && i == s.size();
}

bool valid_datetime(std::string_view s) {
  std::size_t i = 0;
  int parts = 0;
  if (!date_part(s, i, parts)) return false;
  if (i == s.size()) return true;
  if (parts != 3 || s[i] != 'T') return false;
  ++i;
  return time_part(s, i) && zone_part(s, i) && i == s.size();
}

bool valid_instant(std::string_view s) {
  std::size_t i = 0;
  int parts = 0;
  if (!date_part(s, i, parts) || parts != 3) return false;
  if (i == s.size() || s[i++] != 'T') return false;
  return time_part(s, i) && zone_part(s, i) && i == s.size();
}

bool valid_time(std::string_view s) {
  std::size_t i = 0;
  return time_part(s, i) && i == s.size();
}

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// [^\s]+(\s[^\s]+)*: no leading/trailing whitespace, single whitespace between tokens.
bool valid_code(std::string_view s) {
  if (s.empty() || whitespace(s.front()) || whitespace(s.back())) return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (whitespace(s[i]) && whitespace(s[i - 1])) return false;
  }
  return true;
}

// \S*, and not empty (empty strings are refused for every primitive).
bool valid_uri(std::string_view s) {
  for (char c : s) {
    if (whitespace(c)) return false;
  }
  return !s.empty();
}

bool valid_oid(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:oid:";
  if (s.substr(0, kPrefix.size()) != kPrefix) return false;
  std::size_t i = kPrefix.size();
  if (i >= s.size() || s[i] < '0' || s[i] > '2') return false;
  ++i;
  int arcs = 0;
  while (i < s.size()) {
    if (s[i++] != '.') return false;
    if (i >= s.size() || !digit(s[i])) return false;
    if (s[i] == '0' && i + 1 < s.size() && digit(s[i + 1])) return false;
    while (i < s.size() && digit(s[i])) ++i;
    ++arcs;
  }
  return arcs > 0;
}

bool valid_uuid(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:uuid:";
  if (s.size() != kPrefix.size() + 36 || s.substr(0, kPrefix.size()) != kPrefix) return false;
  for (std::size_t k = 0; k < 36; ++k) {
    char c = s[kPrefix.size() + k];
    bool dash = k == 8 || k == 13 || k == 18 || k == 23;
    if (dash ? c != '-' : !(digit(c) || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// (\s*([0-9a-zA-Z\+/=]){4}\s*)+
// Attachments carry whole documents and images: one table lookup per character.
bool valid_base64(std::string_view s) {
  static const auto kClass = [] {
    std::array<unsigned char, 256> t{};  // 0: not allowed, 1: a base64 character, 2: whitespace
    for (int c = 0; c < 256; ++c) {
      bool b64 = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 c == '+' || c == '/' || c == '=';
      t[static_cast<std::size_t>(c)] = b64 ? 1 : whitespace(static_cast<char>(c)) ? 2 : 0;
    }
    return t;
  }();
  std::size_t chars = 0;
  for (char c : s) {
    unsigned char k = kClass[static_cast<unsigned char>(c)];
    if (k == 1) {
      ++chars;
    } else if (k != 2 || chars % 4 != 0) {  // whitespace only between groups of four
      return false;
    }
  }
  return chars > 0 && chars % 4 == 0;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool valid_decimal_text(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size() || !digit(s[i])) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (i < s.size() && digit(s[i])) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t start = i;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

PrimitiveProblem check_primitive(std::string_view type, const Json& value) {
  if (type == "boolean")
    return value.is_boolean() ? PrimitiveProblem::kNone : PrimitiveProblem::kWrongJsonType;
  if (type == "integer" || type == "positiveInt" || type == "unsignedInt") {
    if (!value.is_number_integer()) return PrimitiveProblem::kWrongJsonType;
    long long v = value.is_number_unsigned()
                      ? static_cast<long long>(value.get<unsigned long long>())
                      : value.get<long long>();
    if (v > 2147483647LL || v < -2147483648LL) return PrimitiveProblem::kBadFormat;
    if (type == "positiveInt" && v < 1) return PrimitiveProblem::kBadFormat;
    if (type == "unsignedInt" && v < 0) return PrimitiveProblem::kBadFormat;
    return PrimitiveProblem::kNone;
  }
  if (type == "decimal") {
    return value.is_number() ? PrimitiveProblem::kNone : PrimitiveProblem::kWrongJsonType;
  }
  if (!value.is_string()) return PrimitiveProblem::kWrongJsonType;
  const std::string& s = value.get_ref<const std::string&>();
  if (type == "xhtml") return PrimitiveProblem::kNone;  // checked as narrative
  bool ok = true;
  if (type == "date") {
    ok = valid_date(s);
  } else if (type == "dateTime") {
    ok = valid_datetime(s);
  } else if (type == "instant") {
    ok = valid_instant(s);
  } else if (type == "time") {
    ok = valid_time(s);
  } else if (type == "id") {
    ok = valid_id(s);
  } else if (type == "code") {
    ok = valid_code(s);
  } else if (type == "uri" || type == "url" || type == "canonical") {
    ok = valid_uri(s);
  } else if (type == "oid") {
    ok = valid_oid(s);
  } else if (type == "uuid") {
    ok = valid_uuid(s);
  } else if (type == "base64Binary") {
    ok = valid_base64(s);
  } else if (type == "string" || type == "markdown") {
    ok = !s.empty();
    if (ok && type == "string" && (whitespace(s.front()) || whitespace(s.back())))
      return PrimitiveProblem::kWhitespace;
  }
  return ok ? PrimitiveProblem::kNone : PrimitiveProblem::kBadFormat;
}

}  // namespace ccdafhir::validate
