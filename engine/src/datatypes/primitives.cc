// BL -> boolean, INT -> integer, REAL -> decimal. Values come from @value; a nullFlavor or a
// missing @value gives null without a report, an unreadable @value gives null with an error.
// Decimals: HL7 REAL literals ("+1.50", ".5", "007", "1e3") are normalised to JSON number text
// and parsed by nlohmann. Note: nlohmann stores floating values as double and prints them in
// shortest round-trip form, so trailing zeros are lost ("1.50" -> 1.5); integral literals stay
// integers ("200" -> 200). FHIR compares decimals by value, so this is accepted.
// FHIR integer is 32-bit signed: larger INT values are reported and dropped.
#include <limits>
#include <string>
#include <string_view>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// HL7 REAL literal -> JSON number text, or "" if it is not a decimal.
std::string json_decimal(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    if (s[i] == '-') out += '-';
    ++i;
  }
  std::size_t int_start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  std::string_view int_part = s.substr(int_start, i - int_start);
  std::string_view frac_part;
  if (i < s.size() && s[i] == '.') {
    std::size_t f = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    frac_part = s.substr(f, i - f);
  }
  if (int_part.empty() && frac_part.empty()) return {};
  std::string_view exponent;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t e = i++;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t digits = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == digits) return {};
    exponent = s.substr(e, i - e);
  }
  if (i != s.size()) return {};
  while (int_part.size() > 1 && int_part.front() == '0') int_part.remove_prefix(1);
  out += int_part.empty() ? std::string_view("0") : int_part;
  if (!frac_part.empty()) {
    out += '.';
    out += frac_part;
  }
  out += exponent;
  return out;
}

}  // namespace

Json boolean(const xmlNode* bl, DatatypeContext& ctx) {
  if (!bl || !cda::has_attr(bl, "value")) return nullptr;
  std::string_view v = trim(cda::attr(bl, "value"));
  if (v == "true") return true;
  if (v == "false") return false;
  ctx.report(Severity::kError, IssueCode::kInvalid, bl,
             std::string(cda::name_of(bl)) + "/@value is not a valid BL (true|false)");
  return nullptr;
}

Json integer(const xmlNode* i, DatatypeContext& ctx) {
  if (!i || !cda::has_attr(i, "value")) return nullptr;
  std::string_view v = trim(cda::attr(i, "value"));
  bool negative = false;
  std::size_t pos = 0;
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
    negative = v[0] == '-';
    pos = 1;
  }
  long long n = 0;
  bool ok = pos < v.size();
  for (; ok && pos < v.size(); ++pos) {
    if (!is_digit(v[pos])) {
      ok = false;
      break;
    }
    n = n * 10 + (v[pos] - '0');
    if (n > static_cast<long long>(std::numeric_limits<int>::max()) + 1) ok = false;
  }
  if (ok) {
    if (negative) n = -n;
    if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) ok = false;
  }
  if (!ok) {
    ctx.report(Severity::kError, IssueCode::kInvalid, i,
               std::string(cda::name_of(i)) + "/@value is not a valid 32-bit INT");
    return nullptr;
  }
  return static_cast<int>(n);
}

Json decimal(const xmlNode* r, DatatypeContext& ctx) {
  if (!r || !cda::has_attr(r, "value")) return nullptr;
  std::string text = json_decimal(trim(cda::attr(r, "value")));
  if (!text.empty()) {
    Json number = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (number.is_number()) return number;
  }
  ctx.report(Severity::kError, IssueCode::kInvalid, r,
             std::string(cda::name_of(r)) + "/@value is not a valid decimal");
  return nullptr;
}

}  // namespace ccdafhir::dt
