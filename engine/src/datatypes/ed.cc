// ST/ED -> string and ED -> Attachment (mappingGuidance.md "CDA ED -> FHIR Attachment" and
// "OriginalText": references are resolved through the narrative, markup removed, plain text kept).
// Choices where the guidance is silent:
//  - text(): the element's own text wins over its <reference>; both are whitespace-normalised
//    (XML indentation is not data);
//  - a reference may be "#id" (C-CDA) or a bare "id" (as in the guidance's ED example);
//  - attachment(): non-B64 content is trimmed at both ends, then base64-encoded; B64 content has
//    its whitespace removed; contentType defaults to text/plain (CDA's ED mediaType default) when
//    there is data, because FHIR att-1 requires it; an external (http/https) reference -> url;
//  - compression, integrityCheck and thumbnail are not supported (reported, informational).
#include <algorithm>
#include <string>
#include <string_view>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

bool is_external(std::string_view v) {
  return v.substr(0, 5) == "http:" || v.substr(0, 6) == "https:";
}

// The element's mixed content, leaving out the ED parts that are not content.
void own_text(const xmlNode* n, std::string& out, bool top) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out += cda::as_view(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      std::string_view name = cda::name_of(c);
      if (top && (name == "reference" || name == "thumbnail")) continue;
      own_text(c, out, false);
    }
  }
}

std::string own_text(const xmlNode* n) {
  std::string out;
  own_text(n, out, true);
  return out;
}

// reference/@value -> narrative element, reporting when it does not resolve.
const xmlNode* resolve(const xmlNode* ref, DatatypeContext& ctx) {
  std::string_view value = cda::attr(ref, "value");
  if (value.empty()) return nullptr;
  if (is_external(value)) return nullptr;
  std::string_view id = value.front() == '#' ? value.substr(1) : value;
  auto it = ctx.narrative.find(id);
  if (it == ctx.narrative.end()) {
    std::string owner = ref->parent ? std::string(cda::name_of(ref->parent)) + "/" : "";
    ctx.report(Severity::kWarning, IssueCode::kValue, ref,
               owner + "reference/@value does not point to a narrative element");
    return nullptr;
  }
  return it->second;
}

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out((in.size() + 2) / 3 * 4, '=');
  char* o = out.data();
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    *o++ = kAlphabet[(v >> 18) & 63];
    *o++ = kAlphabet[(v >> 12) & 63];
    *o++ = kAlphabet[(v >> 6) & 63];
    *o++ = kAlphabet[v & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    *o++ = kAlphabet[(v >> 18) & 63];
    *o++ = kAlphabet[(v >> 12) & 63];  // "==" already there
  } else if (i + 2 == in.size()) {
    unsigned v =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    *o++ = kAlphabet[(v >> 18) & 63];
    *o++ = kAlphabet[(v >> 12) & 63];
    *o++ = kAlphabet[(v >> 6) & 63];  // '=' already there
  }
  return out;
}

// One table lookup a byte: long base64 runs are checked at memory speed.
struct Base64Alphabet {
  bool member[256] = {};
  constexpr Base64Alphabet() {
    for (int c = 'A'; c <= 'Z'; ++c) member[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) member[c] = true;
    for (int c = '0'; c <= '9'; ++c) member[c] = true;
    member[static_cast<unsigned char>('+')] = true;
    member[static_cast<unsigned char>('/')] = true;
  }
};
constexpr Base64Alphabet kBase64;

bool is_base64(std::string_view s) {
  if (s.empty() || s.size() % 4 != 0) return false;
  std::size_t body = s.size();
  while (body > 0 && s.size() - body < 2 && s[body - 1] == '=') --body;
  for (std::size_t i = 0; i < body; ++i) {
    if (!kBase64.member[static_cast<unsigned char>(s[i])]) return false;
  }
  return true;
}

}  // namespace

Json text(const xmlNode* ed, DatatypeContext& ctx) {
  if (!ed) return nullptr;
  std::string content = cda::normalize_space(own_text(ed));
  if (!content.empty()) return content;
  if (const xmlNode* ref = cda::child(ed, "reference")) {
    if (const xmlNode* target = resolve(ref, ctx)) {
      std::string resolved = cda::normalize_space(cda::string_value(target));
      if (!resolved.empty()) return resolved;
    }
  }
  return nullptr;
}

Json attachment(const xmlNode* ed, DatatypeContext& ctx) {
  if (!ed) return nullptr;
  std::string data, url;
  if (cda::attr(ed, "representation") == "B64") {
    // Whitespace removed in place: embedded documents make this the longest text of all.
    std::string packed = own_text(ed);
    // A lambda, not the function itself: std::remove_if then inlines the test (a function
    // pointer left one call per byte of the payload).
    packed.erase(std::remove_if(packed.begin(), packed.end(), [](char c) { return is_space(c); }),
                 packed.end());
    if (is_base64(packed)) {
      data = std::move(packed);
    } else if (!packed.empty()) {
      ctx.report(Severity::kError, IssueCode::kInvalid, ed,
                 "ED content with representation B64 is not valid base64");
    }
  } else {
    std::string content = trim(own_text(ed));
    if (!content.empty()) data = base64(content);
  }
  if (data.empty()) {
    if (const xmlNode* ref = cda::child(ed, "reference")) {
      std::string_view value = cda::attr(ref, "value");
      if (is_external(value)) {
        url = std::string(value);
      } else if (const xmlNode* target = resolve(ref, ctx)) {
        std::string resolved = cda::normalize_space(cda::string_value(target));
        if (!resolved.empty()) data = base64(resolved);
      }
    }
  }
  if (cda::child(ed, "thumbnail")) {
    ctx.report(Severity::kInformation, IssueCode::kNotSupported, ed,
               "ED thumbnail is not mapped to Attachment");
  }
  if (cda::has_attr(ed, "compression") || cda::has_attr(ed, "integrityCheck")) {
    ctx.report(Severity::kInformation, IssueCode::kNotSupported, ed,
               "ED compression/integrityCheck are not mapped to Attachment");
  }
  if (data.empty() && url.empty()) return nullptr;

  Json a = Json::object();
  std::string content_type = trim(cda::attr(ed, "mediaType"));
  if (content_type.empty() && !data.empty()) content_type = "text/plain";
  put_if(a, "contentType", content_type);
  put_if(a, "language", trim(cda::attr(ed, "language")));
  put_if(a, "data", std::move(data));  // moved: the payload may be megabytes
  put_if(a, "url", std::move(url));
  return a;
}

}  // namespace ccdafhir::dt
