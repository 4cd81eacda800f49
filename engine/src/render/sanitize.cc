#include "render/sanitize.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "cda/xml.h"

namespace ccdafhir {

namespace {

constexpr const char* kXhtmlNs = "http://www.w3.org/1999/xhtml";

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// R4 Narrative: the XHTML elements a narrative may use.
bool is_basic_xhtml(std::string_view n) {
  return one_of(n,
                {"a",     "abbr",    "acronym", "address", "b",   "bdo",      "big",   "blockquote",
                 "br",    "caption", "cite",    "code",    "col", "colgroup", "dd",    "del",
                 "dfn",   "div",     "dl",      "dt",      "em",  "h1",       "h2",    "h3",
                 "h4",    "h5",      "h6",      "hr",      "i",   "img",      "ins",   "kbd",
                 "li",    "ol",      "p",       "pre",     "q",   "s",        "samp",  "small",
                 "span",  "strike",  "strong",  "sub",     "sup", "table",    "tbody", "td",
                 "tfoot", "th",      "thead",   "tr",      "tt",  "u",        "ul",    "var"});
}

// Elements whose content is code, a resource or a form: removed with everything inside.
bool is_removed_with_content(std::string_view n) {
  return one_of(
      n, {"script", "style",  "iframe", "frame",    "frameset", "object",   "embed", "applet",
          "form",   "input",  "button", "select",   "option",   "textarea", "link",  "meta",
          "base",   "svg",    "math",   "noscript", "template", "audio",    "video", "source",
          "track",  "canvas", "head",   "title",    "param",    "portal"});
}

bool attribute_allowed(std::string_view element, std::string_view a) {
  if (one_of(a, {"id", "class", "style", "lang", "title", "dir"})) return true;
  if (element == "a") return one_of(a, {"href", "name"});
  if (element == "img") return one_of(a, {"src", "alt", "width", "height"});
  if (element == "table") {
    return one_of(a,
                  {"summary", "width", "border", "frame", "rules", "cellspacing", "cellpadding"});
  }
  if (element == "col" || element == "colgroup") {
    return one_of(a, {"span", "width", "align", "char", "charoff", "valign"});
  }
  if (one_of(element, {"thead", "tbody", "tfoot", "tr"})) {
    return one_of(a, {"align", "char", "charoff", "valign"});
  }
  if (element == "th" || element == "td") {
    return one_of(a, {"abbr", "axis", "headers", "scope", "rowspan", "colspan", "align", "char",
                      "charoff", "valign"});
  }
  if (element == "ol") return one_of(a, {"start", "type"});
  if (element == "li") return a == "value";
  return false;
}

// Browsers ignore ASCII whitespace and control characters inside a URL scheme
// ("java\tscript:"), so the comparison does too.
std::string url_key(std::string_view v) {
  std::string out;
  for (char c : v) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) continue;
    out.push_back(static_cast<char>(u < 0x80 ? std::tolower(u) : u));
  }
  return out;
}

std::string attr_value(xmlAttrPtr a) {
  xmlChar* v = xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(a));
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

const xmlChar* x(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

// img without a safe inline source: a text placeholder in its place, with its alt text.
void replace_image(xmlNodePtr img) {
  std::string alt;
  if (xmlAttrPtr a = xmlHasProp(img, x("alt"))) alt = cda::normalize_space(attr_value(a));
  std::string text = alt.empty() ? "[image not shown]" : "[image not shown: " + alt + "]";
  xmlNodePtr span = xmlNewDocNode(img->doc, img->ns, x("span"), nullptr);
  xmlSetProp(span, x("class"), x("note"));
  xmlAddChild(span, xmlNewDocText(img->doc, x(text.c_str())));
  xmlReplaceNode(img, span);
  xmlFreeNode(img);
}

void filter_attributes(xmlNodePtr e, std::string_view name, std::unordered_set<std::string>& ids) {
  for (xmlAttrPtr a = e->properties; a;) {
    xmlAttrPtr next = a->next;
    std::string_view an = cda::as_view(a->name);
    bool keep = a->ns == nullptr && attribute_allowed(name, an);
    if (keep) {
      std::string v = attr_value(a);
      if (an == "href") keep = is_safe_href(v);
      if (an == "src") keep = is_safe_image_source(v);
      if (an == "style") keep = is_safe_style(v);
      if (an == "id") keep = v.rfind(kPageIdPrefix, 0) != 0 && ids.insert(v).second;
    }
    if (!keep) xmlRemoveProp(a);
    a = next;
  }
}

void sanitize_children(xmlNodePtr parent, std::unordered_set<std::string>& ids);

// Deals with one node: kept (and sanitised), unwrapped, or removed.
void sanitize_node(xmlNodePtr n, std::unordered_set<std::string>& ids) {
  switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      return;
    case XML_ELEMENT_NODE:
      break;
    default:  // comments, processing instructions, entity references
      xmlUnlinkNode(n);
      xmlFreeNode(n);
      return;
  }
  std::string_view name = cda::name_of(n);
  bool xhtml = n->ns && std::strcmp(reinterpret_cast<const char*>(n->ns->href), kXhtmlNs) == 0;
  if (is_removed_with_content(name) || (!xhtml && name == "script")) {
    xmlUnlinkNode(n);
    xmlFreeNode(n);
    return;
  }
  if (!xhtml || !is_basic_xhtml(name)) {
    // not basic XHTML: its content stays, in its place
    sanitize_children(n, ids);
    while (xmlNodePtr c = n->children) {
      xmlUnlinkNode(c);
      xmlAddPrevSibling(n, c);
    }
    xmlUnlinkNode(n);
    xmlFreeNode(n);
    return;
  }
  filter_attributes(n, name, ids);
  if (name == "img" && !xmlHasProp(n, x("src"))) {
    replace_image(n);
    return;
  }
  sanitize_children(n, ids);
}

void sanitize_children(xmlNodePtr parent, std::unordered_set<std::string>& ids) {
  for (xmlNodePtr c = parent->children; c;) {
    xmlNodePtr next = c->next;
    sanitize_node(c, ids);
    c = next;
  }
}

}  // namespace

bool is_safe_href(std::string_view href) {
  std::string k = url_key(href);
  return k.rfind("#", 0) == 0 || k.rfind("http://", 0) == 0 || k.rfind("https://", 0) == 0 ||
         k.rfind("mailto:", 0) == 0;
}

bool is_safe_image_source(std::string_view src) {
  std::string k = url_key(src);
  for (std::string_view prefix :
       {"data:image/png;base64,", "data:image/gif;base64,", "data:image/jpeg;base64,"}) {
    if (k.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

bool is_safe_style(std::string_view style) {
  return style.find_first_of("()\\@<") == std::string_view::npos;
}

void sanitize_xhtml(xmlNodePtr root, std::unordered_set<std::string>& seen_ids) {
  if (!root) return;
  filter_attributes(root, "div", seen_ids);
  sanitize_children(root, seen_ids);
}

}  // namespace ccdafhir
