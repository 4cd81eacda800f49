#include "fhir/xhtml_writer.h"

#include <libxml/parserInternals.h>

#include <cstring>
#include <string_view>

namespace ccdafhir {

namespace {

std::string_view view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

// Text content as libxml2 escapes it (xmlEscapeContent): < > & and carriage return. strcspn
// finds the next of them (or the end of the string) a block at a time: narrative text is most
// of what is written, and rarely holds any of them.
void write_text(const xmlChar* content, std::string& out) {
  if (!content) return;
  const char* p = reinterpret_cast<const char*>(content);
  for (;;) {
    const std::size_t run = std::strcspn(p, "<>&\r");
    out.append(p, run);
    p += run;
    switch (*p) {
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '&':
        out.append("&amp;");
        break;
      case '\r':
        out.append("&#13;");
        break;
      default:  // the terminating NUL
        return;
    }
    ++p;
  }
}

// An attribute value as libxml2 escapes it (xmlBufAttrSerializeTxtContent) in a document with
// a declared encoding: newline, carriage return, tab, quote, < > &. False for non-ASCII when
// the document declares no encoding (libxml2 writes character references then).
bool write_attribute_value(std::string_view s, bool raw_non_ascii, std::string& out) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* esc = nullptr;
    switch (s[i]) {
      case '\n':
        esc = "&#10;";
        break;
      case '\r':
        esc = "&#13;";
        break;
      case '\t':
        esc = "&#9;";
        break;
      case '"':
        esc = "&quot;";
        break;
      case '<':
        esc = "&lt;";
        break;
      case '>':
        esc = "&gt;";
        break;
      case '&':
        esc = "&amp;";
        break;
      default:
        if (static_cast<unsigned char>(s[i]) >= 0x80 && !raw_non_ascii) return false;
        continue;
    }
    out.append(s, run, i - run);
    out.append(esc);
    run = i + 1;
  }
  out.append(s, run, std::string_view::npos);
  return true;
}

void write_qualified(const xmlNs* ns, const xmlChar* name, std::string& out) {
  if (ns && ns->prefix) {
    out.append(view(ns->prefix));
    out.push_back(':');
  }
  out.append(view(name));
}

bool write_element(const xmlNode* n, bool raw_non_ascii, std::string& out);

bool write_children(const xmlNode* n, bool raw_non_ascii, std::string& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE) {
      // xmlStringTextNoenc marks disable-output-escaping text: written as it is by libxml2.
      if (c->name == xmlStringTextNoenc) return false;
      write_text(c->content, out);
    } else if (c->type == XML_ELEMENT_NODE) {
      if (c->parent != n || !write_element(c, raw_non_ascii, out)) return false;
    } else {
      return false;
    }
  }
  return true;
}

bool write_element(const xmlNode* n, bool raw_non_ascii, std::string& out) {
  out.push_back('<');
  write_qualified(n->ns, n->name, out);
  for (const xmlNs* ns = n->nsDef; ns; ns = ns->next) {
    if (ns->type != XML_NAMESPACE_DECL || !ns->href) return false;
    std::string_view prefix = view(ns->prefix);
    if (prefix == "xml") return false;
    std::string_view href = view(ns->href);
    if (href.find('"') != std::string_view::npos) return false;
    out.append(" xmlns");
    if (ns->prefix) {
      out.push_back(':');
      out.append(prefix);
    }
    out.append("=\"");
    out.append(href);
    out.push_back('"');
  }
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    out.push_back(' ');
    write_qualified(a->ns, a->name, out);
    out.append("=\"");
    for (const xmlNode* t = a->children; t; t = t->next) {
      if (t->type != XML_TEXT_NODE) return false;
      if (!write_attribute_value(view(t->content), raw_non_ascii, out)) return false;
    }
    out.push_back('"');
  }
  if (!n->children) {
    out.append("/>");
    return true;
  }
  out.push_back('>');
  if (!write_children(n, raw_non_ascii, out)) return false;
  out.append("</");
  write_qualified(n->ns, n->name, out);
  out.push_back('>');
  return true;
}

}  // namespace

bool write_xhtml(const xmlNode* node, std::string& out) {
  if (!node || node->type != XML_ELEMENT_NODE) return false;
  const bool raw_non_ascii = node->doc && node->doc->encoding;
  return write_element(node, raw_non_ascii, out);
}

}  // namespace ccdafhir
