// The library entry points. One Engine holds the loaded, checked and compiled mapping tables;
// it is immutable after construction and may be shared by any number of threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ccdafhir/diagnostic.h"
#include "ccdafhir/error.h"
#include "ccdafhir/options.h"

namespace ccdafhir {

// One line of the trace: where a source entry went, or why it went nowhere.
struct TraceRecord {
  std::string source;  // XPath of the entry's clinical statement
  std::string template_id;
  std::vector<std::string> targets;  // fullUrls; empty when dropped
  std::string rule;                  // table/rule id that mapped it
  std::string dropped;               // reason, when not mapped
};

struct ConversionResult {
  std::string output;  // the serialised FHIR Bundle (JSON) or C-CDA (XML)
  DiagnosticSink diagnostics;
  std::vector<TraceRecord> trace;
  std::size_t entries_mapped = 0;
  std::size_t entries_dropped = 0;
};

struct EngineConfig {
  std::string data_dir;  // folder holding mappings/ and xslt/; empty: the built-in default
};

class EngineImpl;

class Engine {
 public:
  // Loads and checks every mapping table; throws Error(kConfig) naming file, line and rule.
  explicit Engine(const EngineConfig& config = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // C-CDA XML bytes -> FHIR document Bundle. Throws Error(kInputRejected) for rejected input.
  ConversionResult to_fhir(std::string_view cda_xml, const ConvertOptions& options) const;

  // FHIR document Bundle JSON -> C-CDA R2.1 XML, driven by the same mapping tables read in
  // reverse. Throws Error(kInputRejected) for rejected input.
  ConversionResult to_ccda(std::string_view fhir_json, const ConvertOptions& options) const;

  const EngineImpl& impl() const { return *impl_; }

 private:
  std::unique_ptr<EngineImpl> impl_;
};

// Where mappings/ and xslt/ are found when EngineConfig::data_dir is empty: $CCDAFHIR_DATA_DIR,
// else the data installed beside this library or executable (PREFIX/share/ccdafhir, found
// relative to the installed file, so a relocated install works), else the source tree the
// binary was built from, else the configured install prefix.
std::string default_data_dir();

}  // namespace ccdafhir
