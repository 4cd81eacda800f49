#include "cda/xml.h"

#include <libxml/xmlstring.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace ccdafhir::cda {

namespace {
bool in_cda_namespace(const xmlNode* n) {
  return n->ns == nullptr || std::strcmp(reinterpret_cast<const char*>(n->ns->href), kHl7Ns) == 0;
}
}  // namespace

const xmlNode* child(const xmlNode* parent, std::string_view local_name) {
  if (!parent) return nullptr;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && name_of(c) == local_name && in_cda_namespace(c)) return c;
  }
  return nullptr;
}

std::string_view attr(const xmlNode* element, std::string_view local_name) {
  if (!is_element(element)) return {};
  for (const xmlAttr* a = element->properties; a; a = a->next) {
    if (a->ns == nullptr && as_view(a->name) == local_name) {
      const xmlNode* t = a->children;
      if (t && t->type == XML_TEXT_NODE && t->next == nullptr) return as_view(t->content);
      return t ? as_view(t->content) : std::string_view("", 0);
    }
  }
  return {};
}

bool has_attr(const xmlNode* element, std::string_view local_name) {
  if (!is_element(element)) return false;
  for (const xmlAttr* a = element->properties; a; a = a->next) {
    if (a->ns == nullptr && as_view(a->name) == local_name) return true;
  }
  return false;
}

std::string_view xsi_type(const xmlNode* element) {
  if (!is_element(element)) return {};
  for (const xmlAttr* a = element->properties; a; a = a->next) {
    if (a->ns && as_view(a->name) == "type" && as_view(a->ns->href) == kXsiNs) {
      std::string_view v = a->children ? as_view(a->children->content) : std::string_view();
      auto colon = v.find(':');
      return colon == std::string_view::npos ? v : v.substr(colon + 1);
    }
  }
  return {};
}

std::string string_value(const xmlNode* node) {
  if (!node) return {};
  if (node->type == XML_ATTRIBUTE_NODE) {
    const xmlNode* t = node->children;
    if (t && t->next == nullptr) return std::string(as_view(t->content));
  }
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    return std::string(as_view(node->content));
  }
  xmlChar* content = xmlNodeGetContent(node);
  std::string out = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return out;
}

std::string normalized_own_text(const xmlNode* element) {
  std::string out;
  for (const xmlNode* c = element->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) out += as_view(c->content);
  }
  return normalize_space(out);
}

std::vector<std::string_view> tokens(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !space(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::size_t unicode_space_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  std::size_t left = s.size() - i;
  if (left >= 2 && b(0) == 0xC2 && (b(1) == 0xA0 || b(1) == 0x85)) return 2;  // NBSP, NEL
  if (left >= 3 && b(0) == 0xE2 && b(1) == 0x80 &&
      ((b(2) >= 0x80 && b(2) <= 0x8A) || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF)) {
    return 3;  // en/em/thin/... spaces, line and paragraph separators, narrow NBSP
  }
  if (left >= 3 && b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // medium math space
  if (left >= 3 && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // ideographic space
  if (left >= 3 && b(0) == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;  // ogham space mark
  return 0;
}

namespace {
bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
}  // namespace

bool is_blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (ascii_space(s[i])) {
      ++i;
    } else if (std::size_t n = unicode_space_length(s, i)) {
      i += n;
    } else {
      return false;
    }
  }
  return true;
}

namespace {
// True when normalize_space(s) is s itself: no leading, trailing or doubled space, no tab, CR
// or LF, and no byte that could start a Unicode space (0xC2, 0xE1, 0xE2, 0xE3). Most attribute
// values (codes, OIDs, display names) are like that, and are then copied whole.
bool already_normal(std::string_view s) {
  bool after_space = true;  // a leading space is not normal
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ') {
      if (after_space) return false;
      after_space = true;
    } else if (c == '\t' || c == '\n' || c == '\r' || c == 0xC2 || (c >= 0xE1 && c <= 0xE3)) {
      return false;
    } else {
      after_space = false;
    }
  }
  return !after_space || s.empty();
}
}  // namespace

std::string normalize_space(std::string_view s) {
  if (already_normal(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = ascii_space(s[i]) ? 1 : unicode_space_length(s, i);
    if (n) {
      pending_space = !out.empty();
      i += n;
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(s[i++]);
    }
  }
  return out;
}

std::string plain_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t n = unicode_space_length(s, i)) {
      out.push_back(' ');
      i += n;
    } else {
      out.push_back(s[i++]);
    }
  }
  std::size_t first = out.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  std::size_t last = out.find_last_not_of(" \t\r\n");
  return out.substr(first, last - first + 1);
}

std::string node_path(const xmlNode* node) {
  // A NodePaths with no previous path spells every step: one implementation of the format.
  NodePaths paths;
  return paths.path(node);
}

std::string NodePaths::path(const xmlNode* node) {
  chain_.clear();
  for (const xmlNode* n = node; n && n->type != XML_DOCUMENT_NODE; n = n->parent) {
    if (n->type == XML_ATTRIBUTE_NODE || n->type == XML_ELEMENT_NODE) chain_.push_back(n);
  }
  std::reverse(chain_.begin(), chain_.end());
  std::size_t common = 0;
  while (common < chain_.size() && common < last_.size() && last_[common].node == chain_[common])
    ++common;
  std::string out = last_text_.substr(0, common ? last_[common - 1].end : 0);
  next_.assign(last_.begin(), last_.begin() + static_cast<std::ptrdiff_t>(common));
  for (std::size_t k = common; k < chain_.size(); ++k) {
    const xmlNode* n = chain_[k];
    out.push_back('/');
    int position = 1;
    if (n->type == XML_ATTRIBUTE_NODE) {
      out.push_back('@');
      out.append(name_of(n));
      next_.push_back({n, out.size(), position});
      continue;
    }
    if (n->ns && n->ns->prefix && as_view(n->ns->href) != kHl7Ns) {
      out.append(as_view(n->ns->prefix));
      out.push_back(':');
    }
    out.append(name_of(n));
    bool several = false;
    if (n->parent && n->parent->type == XML_ELEMENT_NODE) {
      auto same_name = [n](const xmlNode* s) {
        return s->type == XML_ELEMENT_NODE && (s->name == n->name || xmlStrEqual(s->name, n->name));
      };
      // The previous node's step at this level, when it is a same-named sibling: counting
      // back stops there.
      const Level* earlier = k < last_.size() && last_[k].node != n &&
                                     last_[k].node->parent == n->parent && same_name(last_[k].node)
                                 ? &last_[k]
                                 : nullptr;
      for (const xmlNode* s = n->prev; s; s = s->prev) {
        if (earlier && s == earlier->node) {
          position += earlier->position;
          break;
        }
        position += same_name(s) ? 1 : 0;
      }
      several = position > 1;
      for (const xmlNode* s = n->next; s && !several; s = s->next) several = same_name(s);
    }
    if (several) {
      out.push_back('[');
      out.append(std::to_string(position));
      out.push_back(']');
    }
    next_.push_back({n, out.size(), position});
  }
  last_.swap(next_);
  last_text_ = out;
  return out;
}

long node_line(const xmlNode* node) {
  if (!node) return 0;
  if (node->type == XML_ATTRIBUTE_NODE) node = node->parent;
  return node ? xmlGetLineNo(node) : 0;
}

}  // namespace ccdafhir::cda
