#include "intake/xml_intake.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

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

// libxml2 passes the parser context (its userData) as `user`; our state hangs off _private.
void on_structured_error(void* user, xmlErrorPtr error) {
  auto* parser = static_cast<xmlParserCtxtPtr>(user);
  if (!parser || !parser->_private) return;
  auto* errors = static_cast<ParseErrors*>(parser->_private);
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
  auto* errors = static_cast<ParseErrors*>(parser->_private);
  errors->doctype = true;
  xmlStopParser(parser);
}

void on_entity_decl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) {
  on_internal_subset(ctx, nullptr, nullptr, nullptr);
}

xmlParserInputPtr refuse_external_entity(const char*, const char*, xmlParserCtxtPtr ctxt) {
  if (ctxt && ctxt->_private) static_cast<ParseErrors*>(ctxt->_private)->doctype = true;
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

struct WalkState {
  const Limits& limits;
  ParsedCda& out;
};

void check_size(const xmlNode* n, std::size_t len, std::size_t limit, const char* what) {
  if (len > limit) {
    reject(std::string(what) + " at line " + std::to_string(cda::node_line(n)) + " is " +
           std::to_string(len) + " bytes, over the limit of " + std::to_string(limit));
  }
}

// One pass over the tree: depth, element count and value sizes, and the narrative ID index.
void walk(const xmlNode* root, WalkState& st) {
  struct Frame {
    const xmlNode* node;
    int depth;
  };
  std::vector<Frame> stack{{root, 1}};
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const xmlNode* n = f.node;
    if (n->type == XML_ELEMENT_NODE) {
      if (++st.out.elements > st.limits.max_nodes) {
        reject("document has more than " + std::to_string(st.limits.max_nodes) + " elements");
      }
      if (f.depth > st.limits.max_depth) {
        reject("elements nest deeper than " + std::to_string(st.limits.max_depth) +
               " levels (line " + std::to_string(cda::node_line(n)) + ")");
      }
      for (const xmlAttr* a = n->properties; a; a = a->next) {
        const xmlNode* t = a->children;
        std::size_t len =
            t && t->content ? std::strlen(reinterpret_cast<const char*>(t->content)) : 0;
        check_size(n, len, st.limits.max_attribute_bytes, "an attribute value");
        if (a->ns == nullptr && std::strcmp(reinterpret_cast<const char*>(a->name), "ID") == 0 &&
            t) {
          st.out.ids.emplace(cda::as_view(t->content), n);
        }
      }
      for (const xmlNode* c = n->last; c; c = c->prev) stack.push_back({c, f.depth + 1});
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      std::size_t len = n->content ? std::strlen(reinterpret_cast<const char*>(n->content)) : 0;
      check_size(n, len, st.limits.max_text_bytes, "a text value");
    } else if (n->type == XML_ENTITY_REF_NODE) {
      reject("entity reference at line " + std::to_string(cda::node_line(n)) +
             ": entities are not allowed");
    }
  }
}

void silent_generic_error(void*, const char*, ...) {}

}  // namespace

void init_xml_library() {
  static std::once_flag once;
  std::call_once(once, [] {
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

XmlDocPtr parse_xml_hardened(std::string_view bytes, const Limits& limits) {
  init_xml_library();
  precheck(bytes, limits);
  ParseErrors errors;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) reject("out of memory creating the XML parser");
  ctxt->_private = &errors;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->externalSubset = on_internal_subset;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->serror = on_structured_error;
  ctxt->sax->error = nullptr;
  ctxt->sax->warning = nullptr;
  ctxt->vctxt.error = nullptr;
  ctxt->vctxt.warning = nullptr;
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

ParsedCda parse_xml_within_limits(std::string_view bytes, const Limits& limits) {
  ParsedCda parsed;
  parsed.doc = parse_xml_hardened(bytes, limits);
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  if (!root) reject("document has no root element");
  WalkState st{limits, parsed};
  walk(root, st);
  return parsed;
}

ParsedCda parse_cda(std::string_view bytes, const Limits& limits) {
  ParsedCda parsed = parse_xml_within_limits(bytes, limits);
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
