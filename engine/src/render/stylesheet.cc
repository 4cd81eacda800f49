#include "render/stylesheet.h"

#include <libxml/parser.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include <fstream>
#include <mutex>
#include <sstream>

#include "ccdafhir/error.h"

namespace ccdafhir {

namespace {

constexpr std::size_t kMaxStylesheetBytes = 4u << 20;

// libxslt loads stylesheets (the main one and each xsl:import) through this function. The
// process-wide external entity loader refuses every file (hostile input must never load one),
// so stylesheets are read here directly; document() loads (XSLT_LOAD_DOCUMENT) are refused.
xmlDocPtr load_stylesheet_file(const xmlChar* uri, xmlDictPtr dict, int options, void*,
                               xsltLoadType type) {
  if (type == XSLT_LOAD_DOCUMENT || !uri) return nullptr;
  std::string path = reinterpret_cast<const char*>(uri);
  if (path.rfind("file://", 0) == 0) path.erase(0, 7);
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.size() > kMaxStylesheetBytes) return nullptr;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return nullptr;
  if (dict) {
    // the stylesheet's names are interned in its dictionary: the imported tree must share it
    xmlDictFree(ctxt->dict);
    ctxt->dict = dict;
    xmlDictReference(dict);
  }
  ctxt->sax->error = nullptr;
  ctxt->sax->warning = nullptr;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text.data(), static_cast<int>(text.size()), path.c_str(),
                                    nullptr, options | XML_PARSE_NONET | XML_PARSE_NOWARNING);
  bool ok = ctxt->wellFormed;
  xmlFreeParserCtxt(ctxt);
  if (doc && !ok) {
    xmlFreeDoc(doc);
    return nullptr;
  }
  return doc;
}

void silent_xslt_error(void*, const char*, ...) {}

xsltSecurityPrefsPtr forbid_everything() {
  static xsltSecurityPrefsPtr prefs = [] {
    xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();
    for (xsltSecurityOption o :
         {XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE, XSLT_SECPREF_CREATE_DIRECTORY,
          XSLT_SECPREF_READ_NETWORK, XSLT_SECPREF_WRITE_NETWORK}) {
      xsltSetSecurityPrefs(p, o, xsltSecurityForbid);
    }
    return p;
  }();
  return prefs;
}

void init_xslt() {
  static std::once_flag once;
  std::call_once(once, [] {
    init_xml_library();
    xsltSetLoaderFunc(load_stylesheet_file);
    xsltSetGenericErrorFunc(nullptr, silent_xslt_error);
    forbid_everything();
  });
}

}  // namespace

Stylesheet::Stylesheet(const std::string& path) : path_(path) {
  init_xslt();
  if (!std::ifstream(path)) throw Error(ErrorKind::kConfig, path + ": stylesheet missing");
  sheet_ = xsltParseStylesheetFile(reinterpret_cast<const xmlChar*>(path.c_str()));
  if (!sheet_ || sheet_->errors > 0) {
    throw Error(ErrorKind::kConfig,
                path + ": not a valid XSLT stylesheet (or an import is broken)");
  }
}

Stylesheet::~Stylesheet() {
  if (sheet_) xsltFreeStylesheet(sheet_);
}

XmlDocPtr Stylesheet::apply(const xmlDoc* input) const {
  xmlDocPtr doc = const_cast<xmlDoc*>(input);
  xsltTransformContextPtr ctxt = xsltNewTransformContext(sheet_, doc);
  if (!ctxt) throw Error(ErrorKind::kInternal, path_ + ": cannot create a transform context");
  xsltSetCtxtSecurityPrefs(forbid_everything(), ctxt);
  xsltSetTransformErrorFunc(ctxt, nullptr, silent_xslt_error);
  XmlDocPtr result(xsltApplyStylesheetUser(sheet_, doc, nullptr, nullptr, nullptr, ctxt));
  bool failed = ctxt->state != XSLT_STATE_OK;
  xsltFreeTransformContext(ctxt);
  if (!result || failed) throw Error(ErrorKind::kInternal, path_ + ": transform failed");
  return result;
}

std::string Stylesheet::serialize(const xmlDoc* result) const {
  xmlChar* out = nullptr;
  int len = 0;
  if (xsltSaveResultToString(&out, &len, const_cast<xmlDoc*>(result), sheet_) != 0) {
    throw Error(ErrorKind::kInternal, path_ + ": cannot serialise the result");
  }
  std::string text(out ? reinterpret_cast<const char*>(out) : "", static_cast<std::size_t>(len));
  xmlFree(out);
  return text;
}

}  // namespace ccdafhir
