// Engine: loads the data once, converts many documents.
#include <dlfcn.h>
#include "ccdafhir_build_paths.h"

#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include "ccdafhir/convert.h"
#include "cda/xml.h"
#include "engine_impl.h"
#include "intake/xml_arena.h"
#include "mapping/interpreter.h"
#include "util/deadline.h"
#include "util/json_writer.h"
#include "util/sha1.h"

namespace ccdafhir {

namespace {

bool has_data(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_directory(dir / "mappings", ec);
}

// The installed data beside the installed code: the file this function was linked into is the
// shared library (PREFIX/LIBDIR) or an executable (PREFIX/BINDIR); the build records where the
// data folder lies relative to each, so an install moved to another prefix still finds its own.
std::string installed_data_dir() {
  std::vector<std::string> candidates;
  Dl_info info{};
  // For the main program glibc reports argv[0], which may be a bare name found on PATH.
  if (dladdr(reinterpret_cast<void*>(&installed_data_dir), &info) != 0 && info.dli_fname &&
      std::string_view(info.dli_fname).find('/') != std::string_view::npos)
    candidates.push_back(info.dli_fname);
  candidates.push_back("/proc/self/exe");
  for (const std::string& file : candidates) {
    std::error_code ec;
    std::filesystem::path self = std::filesystem::canonical(file, ec);
    if (ec) continue;
    for (const char* relative : {CCDAFHIR_DATA_FROM_LIBDIR, CCDAFHIR_DATA_FROM_BINDIR}) {
      std::filesystem::path dir = (self.parent_path() / relative).lexically_normal();
      if (has_data(dir)) return dir.string();
    }
  }
  return "";
}

}  // namespace

std::string default_data_dir() {
  if (const char* env = std::getenv("CCDAFHIR_DATA_DIR"); env && *env) return env;
  if (std::string installed = installed_data_dir(); !installed.empty()) return installed;
  if (has_data(CCDAFHIR_SOURCE_DIR)) return CCDAFHIR_SOURCE_DIR;
  return CCDAFHIR_DATA_DIR;
}

EngineImpl::EngineImpl(const EngineConfig& config)
    : data_dir(config.data_dir.empty() ? default_data_dir() : config.data_dir),
      mappings(MappingSet::load(data_dir)),
      narrator(data_dir + "/xslt/narrative/cda-to-xhtml.xsl"),
      content_model(CdaContentModel::load(data_dir + "/mappings/cda-schema.tsv")),
      narrative_to_cda(data_dir + "/xslt/narrative/xhtml-to-cda.xsl") {}

Engine::Engine(const EngineConfig& config) : impl_(std::make_unique<EngineImpl>(config)) {
  init_xml_library();
}

Engine::~Engine() = default;

namespace {
std::string hex(const std::array<std::uint8_t, 20>& d) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (auto b : d) {
    s.push_back(digits[b >> 4]);
    s.push_back(digits[b & 15]);
  }
  return s;
}
}  // namespace

ConversionResult Engine::to_fhir(std::string_view cda_xml, const ConvertOptions& options) const {
  ConversionResult result;
  // The parsed document is allocated in the thread's arena and dropped with it, whole (declared
  // first, the scope outlives `parsed`).
  XmlArenaScope arena;
  Deadline deadline(options.limits.max_seconds);
  ParsedCda parsed = [&] {
    XmlArenaScope::Allocating in_arena(arena);
    return parse_cda(cda_xml, options.limits, Blanks::kDropBetweenElements);
  }();
  deadline.check("parsing");
  // The document key scopes ids derived from node paths. ClinicalDocument/id names the document
  // when it has a root; otherwise the bytes themselves do.
  std::string doc_key;
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  const xmlNode* id = cda::child(root, "id");
  if (id && !cda::attr(id, "root").empty() && !cda::has_attr(id, "nullFlavor")) {
    doc_key =
        "id:" + std::string(cda::attr(id, "root")) + "|" + std::string(cda::attr(id, "extension"));
  } else {
    doc_key = "sha1:" + hex(sha1(cda_xml));
  }
  Json bundle = interpret_document(*impl_->mappings, impl_->narrator, parsed, doc_key, options,
                                   deadline, result);
  result.output.reserve(cda_xml.size() * 2);
  write_json_and_free(std::move(bundle), result.output);
  result.output.push_back('\n');
  return result;
}

}  // namespace ccdafhir
