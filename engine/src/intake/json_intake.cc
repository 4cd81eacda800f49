#include "intake/json_intake.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_set>
#include <vector>

#include "ccdafhir/error.h"
#include "intake/json_reader.h"

namespace ccdafhir {

namespace {

[[noreturn]] void reject(const std::string& why) {
  throw Error(ErrorKind::kInputRejected, "JSON: " + why);
}

// Wraps nlohmann's DOM builder and checks each SAX event before passing it on.
class HardenedSax {
 public:
  HardenedSax(Json& result, const Limits& limits) : dom_(result, false), limits_(limits) {}

  bool null() { return value() && dom_.null(); }
  bool boolean(bool v) { return value() && dom_.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return value() && dom_.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return value() && dom_.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const std::string& text) {
    // Integers too large for 64 bits arrive here too, so this also bounds integer literals.
    if (text.size() > kMaxJsonNumberChars) {
      reject("a number literal is longer than " + std::to_string(kMaxJsonNumberChars) +
             " characters");
    }
    return value() && dom_.number_float(v, text);
  }
  bool string(std::string& v) { return value() && dom_.string(v); }
  bool binary(Json::binary_t& v) { return value() && dom_.binary(v); }
  bool start_object(std::size_t n) {
    open();
    keys_.emplace_back();
    return value() && dom_.start_object(n);
  }
  bool key(std::string& k) {
    if (!keys_.back().insert(k).second) reject("duplicate key in an object (path " + path() + ")");
    current_key_ = k;
    return dom_.key(k);
  }
  bool end_object() {
    keys_.pop_back();
    --depth_;
    return dom_.end_object();
  }
  bool start_array(std::size_t n) {
    open();
    keys_.emplace_back();  // placeholder so keys_ depth follows nesting
    return value() && dom_.start_array(n);
  }
  bool end_array() {
    keys_.pop_back();
    --depth_;
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::json::exception& error) {
    // A literal that overflows a double is a parse error to nlohmann; name it for what it is.
    if (token.size() > kMaxJsonNumberChars &&
        (token[0] == '-' || (token[0] >= '0' && token[0] <= '9'))) {
      reject("a number literal is longer than " + std::to_string(kMaxJsonNumberChars) +
             " characters");
    }
    // The offending token is never shown: it may be patient data. Text after a complete value
    // (a stray '}' closing the Bundle twice) is said as such: the value itself was fine.
    std::string where = "not valid JSON (byte " + std::to_string(position) + ")";
    if (std::string_view(error.what()).find("expected end of input") != std::string_view::npos)
      reject(where + ": text after the end of the JSON value");
    reject(where);
  }

 private:
  void open() {
    if (++depth_ > limits_.max_depth) {
      reject("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
  }
  bool value() {
    if (++values_ > limits_.max_nodes) {
      reject("more than " + std::to_string(limits_.max_nodes) + " values");
    }
    return true;
  }
  // Key names only (never values): they are element names, safe to show.
  std::string path() const { return current_key_.empty() ? "(root)" : current_key_; }

  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  const Limits& limits_;
  int depth_ = 0;
  std::size_t values_ = 0;
  std::vector<std::unordered_set<std::string>> keys_;
  std::string current_key_;
};

// RFC 8259 JSON is UTF-8; a lone invalid byte inside a string would otherwise surface as an
// exception far from the input.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Eight ASCII bytes at a time (no high bit set): most of a FHIR document.
    while (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i == s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (len == 0 || (len == 3 && c > 0xEF) || i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F)) {
      return i;  // overlong, surrogate or beyond U+10FFFF
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

Json parse_json_input(std::string_view bytes, const Limits& limits) {
  if (bytes.size() > limits.max_input_bytes) {
    reject("input is larger than the limit of " + std::to_string(limits.max_input_bytes) +
           " bytes");
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") reject("a byte order mark is not allowed (RFC 8259)");
  if (auto bad = first_invalid_utf8(bytes); bad != std::string_view::npos) {
    reject("invalid UTF-8 byte sequence at byte " + std::to_string(bad));
  }
  // Well-formed input within the limits (every document we emit) takes the fast reader; the
  // rest is parsed again by nlohmann with the checks above, which say what is wrong and where.
  if (std::optional<Json> fast = read_json_fast(bytes, limits)) return std::move(*fast);
  Json result;
  HardenedSax sax(result, limits);
  nlohmann::json::sax_parse(bytes.begin(), bytes.end(), &sax);
  return result;
}

void check_bundle_entries(const Json& root, const Limits& limits) {
  if (!root.is_object()) return;
  auto type = root.find("resourceType");
  auto entries = root.find("entry");
  if (type == root.end() || *type != "Bundle" || entries == root.end() || !entries->is_array())
    return;
  if (entries->size() > limits.max_entries) {
    throw Error(ErrorKind::kInputRejected,
                "Bundle has more than " + std::to_string(limits.max_entries) + " entries");
  }
}

}  // namespace ccdafhir
