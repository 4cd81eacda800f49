// Options for one conversion. Nothing here reads the clock or the environment: the caller
// injects both, so the same input and options give byte-identical output.
#pragma once

#include <cstddef>
#include <string>

namespace ccdafhir {

struct Limits {
  std::size_t max_input_bytes = 64u << 20;     // whole document
  int max_depth = 256;                         // element nesting
  std::size_t max_text_bytes = 32u << 20;      // one text node (embedded PDFs are text)
  std::size_t max_attribute_bytes = 1u << 20;  // one attribute value (codes, ids, times)
  std::size_t max_entries = 50000;             // section entries per document
  std::size_t max_nodes = 5000000;             // elements per document
  // Wall-clock time for one document, checked cooperatively while the tables run (every few
  // hundred rule applications) and after parsing and the narrative transform; 0: no limit.
  // Over it, the document is rejected (Error kInputRejected) rather than half converted.
  double max_seconds = 0;
};

struct ConvertOptions {
  // Bundle.timestamp: an ISO-8601 instant. The CLI fills it from --now or the clock.
  std::string now = "1970-01-01T00:00:00Z";
  Limits limits;
  // Write the trace (one record per source entry) into the result.
  bool collect_trace = true;
};

}  // namespace ccdafhir
