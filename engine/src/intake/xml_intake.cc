#include "intake/xml_intake.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <cstddef>
#include <cstring>
#include <mutex>
#include <string>

#include "ccdafhir/error.h"
#include "cda/xml.h"

namespace ccdafhir {

namespace {

[[noreturn]] void reject(const std::string& reason) {
  throw Error(ErrorKind::kInputRejected, reason);
}

// Collects the first parser error as one line; libxml2's messages end with '\n'.
struct ParseErrors {
  std::string first;
  int line = 0;
  bool doctype = false;
};

// The limits checked while the parser builds the tree (see TreeChecks below), when asked.
struct TreeChecks;

// What the parser context's _private points at during one parse.
struct ParseState {
  ParseErrors errors;
  TreeChecks* checks = nullptr;
};

// libxml2 passes the parser context (its userData) as `user`; our state hangs off _private.
void on_structured_error(void* user, xmlErrorPtr error) {
  auto* parser = static_cast<xmlParserCtxtPtr>(user);
  if (!parser || !parser->_private) return;
  auto* errors = &static_cast<ParseState*>(parser->_private)->errors;
  if (!errors->first.empty() || !error || error->level < XML_ERR_ERROR) return;
  // A namespace name that is not a valid URI (xmlns:schemaLocation="urn:hl7-org:v3 CDA.xsd",
  // seen in certified EHR output) is only a warning in the Namespaces spec; the rest is fatal.
  if (error->domain == XML_FROM_NAMESPACE && error->code == XML_WAR_NS_URI) return;
  std::string msg = error->message ? error->message : "unknown parser error";
  // libxml2 quotes the offending bytes ("Bytes: 0x41 ..."): they may be patient data.
  if (auto bytes = msg.find("Bytes:"); bytes != std::string::npos) msg.erase(bytes);
  if (msg.find("not proper UTF-8") != std::string::npos) msg = "invalid UTF-8 byte sequence";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  for (char& c : msg) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  errors->first = msg;
  errors->line = error->line;
}

// A DOCTYPE is refused before anything in it is read: C-CDA never carries one, and it is the
// door for external entities and entity expansion attacks.
void on_internal_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* parser = static_cast<xmlParserCtxtPtr>(ctx);
  static_cast<ParseState*>(parser->_private)->errors.doctype = true;
  xmlStopParser(parser);
}

void on_entity_decl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) {
  on_internal_subset(ctx, nullptr, nullptr, nullptr);
}

xmlParserInputPtr refuse_external_entity(const char*, const char*, xmlParserCtxtPtr ctxt) {
  if (ctxt && ctxt->_private) static_cast<ParseState*>(ctxt->_private)->errors.doctype = true;
  return nullptr;
}

std::string_view sniff_declared_encoding(std::string_view bytes) {
  if (bytes.substr(0, 5) != "<?xml") return {};
  auto end = bytes.find("?>");
  std::string_view decl = bytes.substr(0, end == std::string_view::npos ? 200 : end);
  auto pos = decl.find("encoding");
  if (pos == std::string_view::npos) return {};
  pos = decl.find_first_of("\"'", pos);
  if (pos == std::string_view::npos) return {};
  auto close = decl.find(decl[pos], pos + 1);
  if (close == std::string_view::npos) return {};
  return decl.substr(pos + 1, close - pos - 1);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

void precheck(std::string_view bytes, const Limits& limits) {
  if (bytes.empty()) reject("input is empty");
  if (bytes.size() > limits.max_input_bytes) {
    reject("input is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
           std::to_string(limits.max_input_bytes));
  }
  std::size_t start = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") start = 3;  // UTF-8 BOM: allowed
  bool utf16_bom = bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
  std::size_t first = bytes.find_first_not_of(" \t\r\n", start);
  if (first == std::string_view::npos) reject("input holds only whitespace");
  if (!utf16_bom) {
    char c = bytes[first];
    if (c == '{' || c == '[') reject("input is JSON, not XML (use to-ccda for FHIR Bundles)");
    if (c != '<') reject("input is not XML: it does not start with '<'");
    std::string_view declared = sniff_declared_encoding(bytes.substr(first));
    if (!declared.empty() && (iequals(declared, "UTF-16") || iequals(declared, "UTF-16LE") ||
                              iequals(declared, "UTF-16BE") || iequals(declared, "UCS-2"))) {
      reject("the XML declaration says " + std::string(declared) +
             " but the bytes are single-byte text: the encoding declaration is wrong");
    }
  }
}

void check_size(const xmlNode* n, std::size_t len, std::size_t limit, const char* what) {
  if (len > limit) {
    reject(std::string(what) + " at line " + std::to_string(cda::node_line(n)) + " is " +
           std::to_string(len) + " bytes, over the limit of " + std::to_string(limit));
  }
}

// Depth, element count, value sizes, the narrative ID index and the section texts, checked and
// collected while the parser builds the tree, each node just made and still in the cache (a
// second walk over the finished tree, and a third for the section texts, cost a tenth of a
// conversion). The first limit broken, in document order, is remembered and reported only once
// the parse has finished, so that a document that is also not well-formed is refused as not
// well-formed, exactly as when the finished tree was walked.
struct TreeChecks {
  enum class Broken { kNone, kNodes, kDepth, kAttribute, kText, kEntity };

  const Limits& limits;
  ParsedCda& out;
  int depth = 0;
  const xmlNode* text = nullptr;  // the text or CDATA node the parser is appending to
  std::size_t text_bytes = 0;     // its length so far
  Broken broken = Broken::kNone;
  const xmlNode* at = nullptr;  // the element, attribute, text node or entity reference
  bool drop_blanks = false;     // Blanks::kDropBetweenElements
  int narrative_depth = 0;      // the depth of the section/text being parsed; 0 outside one

  void fail(Broken what, const xmlNode* node) {
    broken = what;
    at = node;
  }

  void element_started(const xmlNode* n) {
    ++depth;
    if (broken != Broken::kNone || !n || n->type != XML_ELEMENT_NODE) return;
    if (++out.elements > limits.max_nodes) return fail(Broken::kNodes, n);
    // The element's position in document order, as xmlXPathOrderDocElems numbers it (-1 for the
    // root, -2 for the next element, ...; an element's content is otherwise unused): libxslt
    // walks the whole document to number it before a transform unless the root already carries
    // a number, and the narrative transform runs on every document.
    const_cast<xmlNode*>(n)->content =
        reinterpret_cast<xmlChar*>(-static_cast<std::ptrdiff_t>(out.elements));
    if (depth > limits.max_depth) return fail(Broken::kDepth, n);
    for (const xmlAttr* a = n->properties; a; a = a->next) {
      const xmlNode* t = a->children;
      std::size_t len =
          t && t->content ? std::strlen(reinterpret_cast<const char*>(t->content)) : 0;
      if (len > limits.max_attribute_bytes)
        return fail(Broken::kAttribute, reinterpret_cast<const xmlNode*>(a));
      if (a->ns == nullptr && std::strcmp(reinterpret_cast<const char*>(a->name), "ID") == 0 && t)
        out.ids.emplace(cda::as_view(t->content), n);
    }
    // section/text, both in the HL7 namespace (//v3:section/v3:text), in document order.
    const xmlNode* p = n->parent;
    if (p && p->type == XML_ELEMENT_NODE && cda::name_of(n) == "text" &&
        cda::name_of(p) == "section" && cda::ns_of(n) == cda::kHl7Ns &&
        cda::ns_of(p) == cda::kHl7Ns) {
      out.section_texts.push_back(n);
      if (narrative_depth == 0) narrative_depth = depth;
    }
  }

  // Blank text (XML whitespace only) between elements is held back instead of becoming a text
  // node: the indentation of almost every element of a C-CDA document, half of a typical tree's
  // nodes, which every rule's walk over an element's children, and the final free, would
  // visit. It is put back where it was as soon as its element turns out to hold other text
  // (mixed content) or no child element at all, so such elements keep all their text; inside
  // narrative blocks (section/text), where whitespace is content, nothing is held back.
  // Entries form a stack (an element's are above its ancestors'); their bytes sit end to end in
  // `blank_bytes`.
  struct HeldBlank {
    xmlNode* parent;
    xmlNode* prev;  // the parent's last child when the blank came (nullptr: its first child)
    std::size_t offset, length;
    unsigned short line;
  };
  std::vector<HeldBlank> held{};
  std::string blank_bytes{};
  static constexpr std::size_t kMaxHeldBlank = 512;  // longer blanks are kept as text at once

  static bool xml_blank(const xmlChar* ch, int len) {
    for (int i = 0; i < len; ++i) {
      if (ch[i] != ' ' && ch[i] != '\t' && ch[i] != '\n' && ch[i] != '\r') return false;
    }
    return true;
  }

  // True when the blank `ch` was held back (the caller then does not add it).
  bool hold_blank(xmlParserCtxtPtr ctxt, const xmlChar* ch, int len) {
    xmlNode* parent = ctxt->node;
    if (!drop_blanks || broken != Broken::kNone || narrative_depth != 0 || !parent) return false;
    xmlNode* last = parent->last;
    if (last && (last->type == XML_TEXT_NODE || last->type == XML_CDATA_SECTION_NODE)) return false;
    if (!xml_blank(ch, len)) return false;
    if (!held.empty() && held.back().parent == parent && held.back().prev == last) {
      if (held.back().length + static_cast<std::size_t>(len) > kMaxHeldBlank) return false;
      blank_bytes.append(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len));
      held.back().length += static_cast<std::size_t>(len);
      return true;
    }
    if (static_cast<std::size_t>(len) > kMaxHeldBlank) return false;
    held.push_back({parent, last, blank_bytes.size(), static_cast<std::size_t>(len),
                    static_cast<unsigned short>(ctxt->input ? ctxt->input->line : 0)});
    blank_bytes.append(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len));
    return true;
  }

  // Puts back the blanks held for the current element, in place: before content that is not a
  // child element (text, CDATA, a reference) and when an element without child elements ends.
  void restore_blanks(xmlParserCtxtPtr ctxt) {
    xmlNode* parent = ctxt->node;
    std::size_t first = held.size();
    while (first > 0 && held[first - 1].parent == parent) --first;
    if (first == held.size()) return;
    for (std::size_t i = first; i < held.size(); ++i) {
      const HeldBlank& h = held[i];
      const auto* bytes = reinterpret_cast<const xmlChar*>(blank_bytes.data() + h.offset);
      int len = static_cast<int>(h.length);
      if (h.prev == parent->last) {
        // At the end of the element: libxml2's own handler adds it, so that text arriving next
        // joins the same node as it would have.
        xmlSAX2Characters(ctxt, bytes, len);
        if (parent->last && parent->last->type == XML_TEXT_NODE) parent->last->line = h.line;
        continue;
      }
      // Between two children: neither neighbour is text (a text neighbour would have taken the
      // blank or released it), and the element's last child, which the parser appends to, is
      // not touched.
      xmlNode* t = xmlNewDocTextLen(ctxt->myDoc, bytes, len);
      if (!t) continue;
      t->line = h.line;
      if (h.prev) {
        xmlAddNextSibling(h.prev, t);
      } else {
        xmlAddPrevSibling(parent->children, t);
      }
    }
    blank_bytes.resize(held[first].offset);
    held.resize(first);
  }

  // The current element ends: its held blanks are indentation when it has a child element, and
  // its text otherwise.
  void element_ending(xmlParserCtxtPtr ctxt) {
    xmlNode* n = ctxt->node;
    if (held.empty() || !n || held.back().parent != n) return;
    bool has_element = false;
    for (const xmlNode* c = n->children; c && !has_element; c = c->next)
      has_element = c->type == XML_ELEMENT_NODE;
    if (!has_element) return restore_blanks(ctxt);
    std::size_t first = held.size();
    while (first > 0 && held[first - 1].parent == n) --first;
    blank_bytes.resize(held[first].offset);
    held.resize(first);
  }

  void element_ended() {
    if (depth == narrative_depth) narrative_depth = 0;
    --depth;
  }

  // The parser appended `len` bytes of text or CDATA to the last child of `parent`.
  void text_appended(const xmlNode* parent, int len) {
    if (broken != Broken::kNone || !parent) return;
    const xmlNode* last = parent->last;
    if (!last || (last->type != XML_TEXT_NODE && last->type != XML_CDATA_SECTION_NODE)) return;
    if (last != text) {
      text = last;
      text_bytes = 0;
    }
    text_bytes += static_cast<std::size_t>(len);
    if (text_bytes > limits.max_text_bytes) fail(Broken::kText, last);
  }

  void reference_added(const xmlNode* parent) {
    if (broken != Broken::kNone || !parent) return;
    if (parent->last && parent->last->type == XML_ENTITY_REF_NODE)
      fail(Broken::kEntity, parent->last);
  }

  // Throws for the limit broken, if any.
  void report() const {
    switch (broken) {
      case Broken::kNone:
        return;
      case Broken::kNodes:
        reject("document has more than " + std::to_string(limits.max_nodes) + " elements");
      case Broken::kDepth:
        reject("elements nest deeper than " + std::to_string(limits.max_depth) + " levels (line " +
               std::to_string(cda::node_line(at)) + ")");
      case Broken::kAttribute: {
        const xmlNode* t = at->children;
        std::size_t len =
            t && t->content ? std::strlen(reinterpret_cast<const char*>(t->content)) : 0;
        check_size(at->parent, len, limits.max_attribute_bytes, "an attribute value");
        return;
      }
      case Broken::kText: {
        std::size_t len = at->content ? std::strlen(reinterpret_cast<const char*>(at->content)) : 0;
        check_size(at, len, limits.max_text_bytes, "a text value");
        return;
      }
      case Broken::kEntity:
        reject("entity reference at line " + std::to_string(cda::node_line(at)) +
               ": entities are not allowed");
    }
  }
};

TreeChecks* checks_of(void* ctx) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  return ctxt && ctxt->_private ? static_cast<ParseState*>(ctxt->_private)->checks : nullptr;
}

void on_start_element(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                      const xmlChar* uri, int nb_namespaces, const xmlChar** namespaces,
                      int nb_attributes, int nb_defaulted, const xmlChar** attributes) {
  xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                        nb_defaulted, attributes);
  if (TreeChecks* c = checks_of(ctx)) c->element_started(static_cast<xmlParserCtxtPtr>(ctx)->node);
}

void on_end_element(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                    const xmlChar* uri) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  TreeChecks* c = checks_of(ctx);
  if (c) c->element_ending(ctxt);
  xmlSAX2EndElementNs(ctx, localname, prefix, uri);
  if (c) c->element_ended();
}

void on_characters(void* ctx, const xmlChar* ch, int len) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  TreeChecks* c = checks_of(ctx);
  if (c) {
    if (c->hold_blank(ctxt, ch, len)) return;
    c->restore_blanks(ctxt);
  }
  xmlSAX2Characters(ctx, ch, len);
  if (c) c->text_appended(ctxt->node, len);
}

void on_cdata(void* ctx, const xmlChar* value, int len) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  TreeChecks* c = checks_of(ctx);
  if (c) c->restore_blanks(ctxt);
  xmlSAX2CDataBlock(ctx, value, len);
  if (c) c->text_appended(ctxt->node, len);
}

void on_reference(void* ctx, const xmlChar* name) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  TreeChecks* c = checks_of(ctx);
  if (c) c->restore_blanks(ctxt);
  xmlSAX2Reference(ctx, name);
  if (c) c->reference_added(ctxt->node);
}

void silent_generic_error(void*, const char*, ...) {}

}  // namespace

void init_xml_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    install_xml_arena_hooks();  // before libxml2 allocates anything of its own
    xmlInitParser();
    // libxml2 prints some errors (encoding conversion) through its generic handler, straight to
    // stderr; ours are collected per parse instead, so the library's own printing is silenced,
    // here and as the default for threads created later.
    xmlSetGenericErrorFunc(nullptr, silent_generic_error);
    xmlThrDefSetGenericErrorFunc(nullptr, silent_generic_error);
    // No external resource may ever be loaded, whatever a document says.
    xmlSetExternalEntityLoader(refuse_external_entity);
  });
}

namespace {

XmlDocPtr parse(std::string_view bytes, const Limits& limits, TreeChecks* checks) {
  init_xml_library();
  precheck(bytes, limits);
  ParseState state;
  state.checks = checks;
  const ParseErrors& errors = state.errors;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) reject("out of memory creating the XML parser");
  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->externalSubset = on_internal_subset;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->serror = on_structured_error;
  ctxt->sax->error = nullptr;
  ctxt->sax->warning = nullptr;
  ctxt->vctxt.error = nullptr;
  ctxt->vctxt.warning = nullptr;
  if (checks) {
    // The tree is built by libxml2's own SAX2 handlers; these only look at what they made.
    ctxt->sax->startElementNs = on_start_element;
    ctxt->sax->endElementNs = on_end_element;
    ctxt->sax->characters = on_characters;
    if (ctxt->sax->ignorableWhitespace == xmlSAX2Characters)
      ctxt->sax->ignorableWhitespace = on_characters;
    ctxt->sax->cdataBlock = on_cdata;
    ctxt->sax->reference = on_reference;
  }
  // XML_PARSE_NONET: never fetch; no NOENT (entities stay unexpanded), no DTDLOAD, no HUGE
  // (libxml2's own depth and text caps stay on); BIG_LINES keeps line numbers past 65535.
  int options = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), "input.xml",
                                    nullptr, options);
  bool well_formed = ctxt->wellFormed;
  xmlFreeParserCtxt(ctxt);
  XmlDocPtr owned(doc);
  if (errors.doctype)
    reject("document has a DOCTYPE: DTDs and entities are not allowed in C-CDA input");
  if (!doc || !well_formed || !errors.first.empty()) {
    std::string msg = errors.first.empty() ? "not well-formed XML" : errors.first;
    if (msg.find("Excessive depth") != std::string::npos ||
        msg.find("depth") != std::string::npos) {
      reject("elements nest too deeply (line " + std::to_string(errors.line) + ")");
    }
    if (msg.find("Detected an entity reference loop") != std::string::npos ||
        msg.find("amplification") != std::string::npos) {
      reject("entity expansion refused");
    }
    reject("not well-formed XML at line " + std::to_string(errors.line) + ": " + msg);
  }
  return owned;
}

}  // namespace

XmlDocPtr parse_xml_hardened(std::string_view bytes, const Limits& limits) {
  return parse(bytes, limits, nullptr);
}

ParsedCda parse_xml_within_limits(std::string_view bytes, const Limits& limits, Blanks blanks) {
  ParsedCda parsed;
  TreeChecks checks{limits, parsed};
  checks.drop_blanks = blanks == Blanks::kDropBetweenElements;
  parsed.doc = parse(bytes, limits, &checks);
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  if (!root) reject("document has no root element");
  checks.report();
  return parsed;
}

ParsedCda parse_cda(std::string_view bytes, const Limits& limits, Blanks blanks) {
  ParsedCda parsed = parse_xml_within_limits(bytes, limits, blanks);
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  if (cda::name_of(root) != "ClinicalDocument") {
    reject("root element is '" + std::string(cda::name_of(root)) + "', not ClinicalDocument");
  }
  if (cda::ns_of(root) != cda::kHl7Ns) {
    reject("root ClinicalDocument is not in the HL7 v3 namespace urn:hl7-org:v3");
  }
  return parsed;
}

}  // namespace ccdafhir
