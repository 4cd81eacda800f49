#include "validate/cda_schema.h"

#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLGrammarPoolImpl.hpp>
#include <xercesc/parsers/SAX2XMLReaderImpl.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/util/OutOfMemoryException.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/TransService.hpp>
#include <xercesc/util/XMLEntityResolver.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/schema/ComplexTypeInfo.hpp>
#include <xercesc/validators/schema/SchemaGrammar.hpp>

#include <atomic>
#include <mutex>
#include <system_error>

#include "ccdafhir/error.h"
#include "validate/xsd_message.h"

namespace ccdafhir {

namespace xc = xercesc;
namespace fs = std::filesystem;

namespace {

std::atomic<std::size_t> g_grammar_loads{0};

void init_xerces() {
  // Initialised once and never terminated: parsers may run on any thread until exit, and
  // terminating during static destruction would race them.
  static std::once_flag once;
  std::call_once(once, [] { xc::XMLPlatformUtils::Initialize(); });
}

std::string utf8(const XMLCh* s) {
  if (!s) return {};
  xc::TranscodeToStr t(s, "UTF-8");
  return std::string(reinterpret_cast<const char*>(t.str()), t.length());
}

// An XMLCh copy of a UTF-8 string, owned.
class Wide {
 public:
  explicit Wide(const std::string& s)
      : t_(reinterpret_cast<const XMLByte*>(s.data()), s.size(), "UTF-8") {}
  const XMLCh* get() const { return t_.str(); }

 private:
  xc::TranscodeFromStr t_;
};

// Schema documents may include and import only files below the schema folder.
class SchemaFolderResolver : public xc::XMLEntityResolver {
 public:
  explicit SchemaFolderResolver(fs::path root) : root_(std::move(root)) {}

  xc::InputSource* resolveEntity(xc::XMLResourceIdentifier* id) override {
    std::string system = utf8(id->getSystemId());
    std::string base = utf8(id->getBaseURI());
    if (base.rfind("file://", 0) == 0) base.erase(0, 7);
    if (system.rfind("file://", 0) == 0) system.erase(0, 7);
    if (system.find("://") != std::string::npos) {
      refused_ = system;
      return nullptr;
    }
    std::error_code ec;
    fs::path candidate = fs::weakly_canonical(fs::path(base).parent_path() / system, ec);
    auto rel = candidate.lexically_relative(root_);
    if (ec || rel.empty() || *rel.begin() == ".." || !fs::is_regular_file(candidate)) {
      refused_ = system;
      return nullptr;
    }
    return new xc::LocalFileInputSource(Wide(candidate.string()).get());
  }
  const std::string& refused() const { return refused_; }

 private:
  fs::path root_;
  std::string refused_;
};

// Collects the problems of compiling the schema as "file:line: message".
class LoadErrors : public xc::DefaultHandler {
 public:
  void warning(const xc::SAXParseException&) override {}
  void error(const xc::SAXParseException& e) override { add(e); }
  void fatalError(const xc::SAXParseException& e) override { add(e); }
  const std::string& first() const { return first_; }

 private:
  void add(const xc::SAXParseException& e) {
    if (!first_.empty()) return;
    first_ = utf8(e.getSystemId()) + ":" + std::to_string(e.getLineNumber()) + ": " +
             utf8(e.getMessage());
  }
  std::string first_;
};

// Follows the element structure of the document being validated so each error can be placed
// on an element, and records the errors.
class DocumentHandler : public xc::DefaultHandler, public xc::XMLEntityResolver {
 public:
  explicit DocumentHandler(std::size_t max_issues) : max_issues_(max_issues) {}

  void startElement(const XMLCh*, const XMLCh*, const XMLCh*, const xc::Attributes&) override {
    std::size_t ordinal = frames_.empty() ? top_level_++ : frames_.back().children++;
    frames_.push_back({ordinal, 0});
  }
  void endElement(const XMLCh*, const XMLCh*, const XMLCh*) override {
    if (!frames_.empty()) frames_.pop_back();
  }

  // A DOCTYPE never reaches here (the intake refuses it first); should one slip through, the
  // parse stops before anything in it is read.
  void startDTD(const XMLCh*, const XMLCh*, const XMLCh*) override {
    throw xc::SAXException("document has a DOCTYPE: DTDs are not allowed");
  }
  xc::InputSource* resolveEntity(xc::XMLResourceIdentifier*) override { return nullptr; }

  void warning(const xc::SAXParseException&) override {}
  void error(const xc::SAXParseException& e) override { add(e); }
  void fatalError(const xc::SAXParseException& e) override { add(e); }

  void add_message(long line, long column, std::string message) {
    if (issues_.size() > max_issues_) return;
    XsdIssue issue;
    issue.line = line;
    issue.column = column;
    if (issues_.size() == max_issues_) {
      issue.message = "more schema errors were left out (at most " + std::to_string(max_issues_) +
                      " are reported)";
    } else {
      for (const Frame& f : frames_) issue.element.push_back(f.ordinal);
      issue.child = frames_.empty() ? top_level_ : frames_.back().children;
      issue.message = std::move(message);
    }
    issues_.push_back(std::move(issue));
  }

  std::vector<XsdIssue> take() { return std::move(issues_); }

 private:
  struct Frame {
    std::size_t ordinal;
    std::size_t children;
  };
  void add(const xc::SAXParseException& e) {
    std::string message = utf8(e.getMessage());
    // xsi:schemaLocation is only a hint, and this validator never follows it (the grammar is
    // fixed): a malformed hint ("CDA.xsd" with no namespace) says nothing about the document.
    if (message.find("schemaLocation does not contain namespace-location pairs") !=
        std::string::npos) {
      return;
    }
    add_message(static_cast<long>(e.getLineNumber()), static_cast<long>(e.getColumnNumber()),
                redact_xsd_message(message));
  }
  std::size_t max_issues_;
  std::vector<Frame> frames_;
  std::size_t top_level_ = 0;
  std::vector<XsdIssue> issues_;
};

// Xerces builds a complex type's content model (and its printable form, for messages) on
// first use and caches it inside the grammar: harmless for one parser, a data race for parsers
// on several threads sharing the pool. Building them all once, before the pool is locked,
// leaves nothing in the grammar for a validation to write.
void build_content_models(xc::XMLGrammarPool& pool) {
  xc::RefHashTableOfEnumerator<xc::Grammar> grammars = pool.getGrammarEnumerator();
  while (grammars.hasMoreElements()) {
    xc::Grammar& grammar = grammars.nextElement();
    if (grammar.getGrammarType() != xc::Grammar::SchemaGrammarType) continue;
    auto& schema = static_cast<xc::SchemaGrammar&>(grammar);
    xc::RefHashTableOf<xc::ComplexTypeInfo>* types = schema.getComplexTypeRegistry();
    if (!types) continue;
    xc::RefHashTableOfEnumerator<xc::ComplexTypeInfo> type(types, false,
                                                           xc::XMLPlatformUtils::fgMemoryManager);
    while (type.hasMoreElements()) {
      xc::ComplexTypeInfo& info = type.nextElement();
      info.getContentModel();
      info.getFormattedContentModel();
    }
  }
}

void set_common_features(xc::SAX2XMLReaderImpl& r) {
  r.setFeature(xc::XMLUni::fgSAX2CoreNameSpaces, true);
  r.setFeature(xc::XMLUni::fgXercesSchema, true);
  r.setFeature(xc::XMLUni::fgXercesSchemaFullChecking, false);
  r.setFeature(xc::XMLUni::fgXercesLoadExternalDTD, false);
  r.setFeature(xc::XMLUni::fgXercesDisableDefaultEntityResolution, true);
  r.setFeature(xc::XMLUni::fgXercesHandleMultipleImports, true);
}

}  // namespace

std::optional<fs::path> find_cda_xsd(const fs::path& dir) {
  static const char* const kCandidates[] = {
      "CDA_SDTC.xsd",
      "extensions/SDTC/infrastructure/cda/CDA_SDTC.xsd",
      "infrastructure/cda/CDA_SDTC.xsd",
      "CDA.xsd",
      "infrastructure/cda/CDA.xsd",
      "normative/infrastructure/cda/CDA.xsd",
  };
  if (dir.empty()) return std::nullopt;
  std::error_code ec;
  for (const char* c : kCandidates) {
    fs::path p = dir / c;
    if (fs::is_regular_file(p, ec)) return fs::weakly_canonical(p, ec);
  }
  return std::nullopt;
}

struct CdaSchema::Pool {
  std::unique_ptr<xc::XMLGrammarPoolImpl> grammars;
};

CdaSchema::CdaSchema(const fs::path& entry, const fs::path& allowed_root)
    : entry_(entry), pool_(std::make_unique<Pool>()) {
  init_xerces();
  std::error_code ec;
  fs::path root = fs::weakly_canonical(allowed_root, ec);
  pool_->grammars = std::make_unique<xc::XMLGrammarPoolImpl>(xc::XMLPlatformUtils::fgMemoryManager);
  auto loader = std::make_unique<xc::SAX2XMLReaderImpl>(xc::XMLPlatformUtils::fgMemoryManager,
                                                        pool_->grammars.get());
  set_common_features(*loader);
  SchemaFolderResolver resolver(root);
  LoadErrors errors;
  loader->setXMLEntityResolver(&resolver);
  loader->setErrorHandler(&errors);
  std::string where = entry.string();
  try {
    xc::LocalFileInputSource source(Wide(where).get());
    xc::Grammar* grammar = loader->loadGrammar(source, xc::Grammar::SchemaGrammarType, true);
    if (!resolver.refused().empty()) {
      throw Error(ErrorKind::kConfig, "CDA schema " + where + " refers to '" + resolver.refused() +
                                          "', outside the schema folder " + root.string());
    }
    if (!grammar || !errors.first().empty()) {
      throw Error(ErrorKind::kConfig,
                  "CDA schema does not compile: " +
                      (errors.first().empty() ? where + ": no grammar" : errors.first()));
    }
  } catch (const xc::XMLException& e) {
    throw Error(ErrorKind::kConfig, "CDA schema " + where + ": " + utf8(e.getMessage()));
  } catch (const xc::SAXException& e) {
    throw Error(ErrorKind::kConfig, "CDA schema " + where + ": " + utf8(e.getMessage()));
  }
  build_content_models(*pool_->grammars);
  // Locked: no document can add to or change the grammars, and parsers on many threads may
  // read them at once.
  pool_->grammars->lockPool();
  ++g_grammar_loads;
}

CdaSchema::~CdaSchema() = default;

std::size_t CdaSchema::grammar_loads() {
  return g_grammar_loads.load();
}

std::vector<XsdIssue> CdaSchema::validate(std::string_view xml, std::size_t max_issues) const {
  auto parser = std::make_unique<xc::SAX2XMLReaderImpl>(xc::XMLPlatformUtils::fgMemoryManager,
                                                        pool_->grammars.get());
  set_common_features(*parser);
  parser->setFeature(xc::XMLUni::fgSAX2CoreValidation, true);
  parser->setFeature(xc::XMLUni::fgXercesDynamic, false);
  parser->setFeature(xc::XMLUni::fgXercesUseCachedGrammarInParse, true);
  parser->setFeature(xc::XMLUni::fgXercesCacheGrammarFromParse, false);
  // xsi:schemaLocation hints in documents are ignored: only the compiled grammar counts.
  parser->setFeature(xc::XMLUni::fgXercesLoadSchema, false);
  parser->setFeature(xc::XMLUni::fgXercesSkipDTDValidation, true);
  xc::SecurityManager security;
  security.setEntityExpansionLimit(0);
  parser->setProperty(xc::XMLUni::fgXercesSecurityManager, &security);

  DocumentHandler handler(max_issues);
  parser->setContentHandler(&handler);
  parser->setErrorHandler(&handler);
  parser->setLexicalHandler(&handler);
  parser->setXMLEntityResolver(&handler);
  xc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(xml.data()), xml.size(), "document",
                               false);
  try {
    parser->parse(source);
  } catch (const xc::SAXParseException&) {
    // Already recorded by fatalError.
  } catch (const xc::SAXException& e) {
    handler.add_message(0, 0, redact_xsd_message(utf8(e.getMessage())));
  } catch (const xc::XMLException& e) {
    handler.add_message(0, 0, redact_xsd_message(utf8(e.getMessage())));
  } catch (const xc::OutOfMemoryException&) {
    handler.add_message(0, 0, "out of memory while validating against the CDA schema");
  }
  return handler.take();
}

}  // namespace ccdafhir
