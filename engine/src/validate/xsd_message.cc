#include "validate/xsd_message.h"

#include <array>
#include <string_view>

namespace ccdafhir {

namespace {

// The word before a quoted text that marks it as a schema-side name, not a document value.
bool names_schema_item(std::string_view word) {
  static constexpr std::array<std::string_view, 9> kKeep = {
      "element", "attribute", "model", "type", "facet", "in", "key", "namespace", "prefix"};
  for (std::string_view k : kKeep) {
    if (word == k) return true;
  }
  return false;
}

std::string_view word_before(const std::string& s, std::size_t quote) {
  std::size_t end = quote;
  while (end > 0 && s[end - 1] == ' ') --end;
  std::size_t start = end;
  while (start > 0 && s[start - 1] != ' ' && s[start - 1] != '\'') --start;
  return std::string_view(s).substr(start, end - start);
}

}  // namespace

std::string redact_xsd_message(const std::string& message) {
  std::string out;
  std::size_t i = 0;
  while (i < message.size()) {
    std::size_t open = message.find('\'', i);
    if (open == std::string::npos) break;
    std::size_t close = message.find('\'', open + 1);
    if (close == std::string::npos) break;
    out.append(message, i, open - i);
    if (names_schema_item(word_before(message, open))) {
      out.append(message, open, close - open + 1);
    } else {
      out += "'\xE2\x80\xA6'";
    }
    i = close + 1;
  }
  out.append(message, i, std::string::npos);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace ccdafhir
