// Every CDA datatype converter over an arbitrary XML fragment. The first byte picks the
// converter; the rest is parsed with the hardened intake and its root element is converted.
// Converters are total: they never throw on bad data, so any exception is a finding.
#include <cstdint>
#include <string>
#include <string_view>
#include "ccdafhir_build_paths.h"

#include "ccdafhir/error.h"
#include "cda/xml.h"
#include "datatypes/datatypes.h"
#include "intake/xml_intake.h"
#include "util/json_writer.h"

namespace {

using namespace ccdafhir;

// The narrative index parse_cda would build, for originalText/reference resolution.
void index_ids(const xmlNode* n, NarrativeIndex& ids) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    for (const xmlAttr* a = n->properties; a; a = a->next) {
      if (!a->ns && a->children && cda::as_view(a->name) == "ID") {
        ids.emplace(cda::as_view(a->children->content), n);
      }
    }
    index_ids(n->children, ids);
  }
}

Json convert(unsigned which, const xmlNode* n, DatatypeContext& ctx) {
  std::string suffix;
  switch (which % 22) {
    case 0:
      return dt::identifier(n, ctx);
    case 1:
      return dt::codeable_concept(n, ctx);
    case 2:
      return dt::coding(n, ctx);
    case 3:
      return dt::code(n, ctx);
    case 4:
      return dt::datetime(n, dt::TimeTarget::kDate, ctx);
    case 5:
      return dt::datetime(n, dt::TimeTarget::kDateTime, ctx);
    case 6:
      return dt::datetime(n, dt::TimeTarget::kInstant, ctx);
    case 7:
      return dt::period(n, ctx);
    case 8:
      return dt::quantity(n, ctx);
    case 9:
      return dt::range(n, ctx);
    case 10:
      return dt::ratio(n, ctx);
    case 11:
      return dt::address(n, ctx);
    case 12:
      return dt::contact_point(n, ctx);
    case 13:
      return dt::human_name(n, ctx);
    case 14:
      return dt::organization_name(n, ctx);
    case 15:
      return dt::text(n, ctx);
    case 16:
      return dt::attachment(n, ctx);
    case 17:
      return dt::boolean(n, ctx);
    case 18:
      return dt::integer(n, ctx);
    case 19:
      return dt::decimal(n, ctx);
    case 20:
      return dt::value(n, suffix, ctx);
    default: {
      Json e = dt::effective(n, suffix, ctx);
      return e.is_null() ? dt::timing(n, ctx) : e;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const CodeSystems systems =
      CodeSystems::load(std::string(CCDAFHIR_SOURCE_DIR) + "/mappings/codesystems.tsv");
  std::string_view fragment(reinterpret_cast<const char*>(data) + 1, size - 1);
  XmlDocPtr doc;
  try {
    doc = parse_xml_hardened(fragment, Limits{});
  } catch (const Error&) {
    return 0;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return 0;
  NarrativeIndex ids;
  index_ids(root, ids);
  DiagnosticSink sink;
  DatatypeContext ctx{systems, ids, sink, "fuzz/datatype"};
  Json out = convert(data[0], root, ctx);
  std::string text;
  write_json(out, text);
  (void)dt::data_absent_reason(cda::attr(root, "nullFlavor"));
  return 0;
}
