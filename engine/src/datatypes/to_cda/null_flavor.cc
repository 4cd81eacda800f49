// data-absent-reason -> nullFlavor through ConceptMap FC-DataAbsentReasonNullFlavor (data, in
// mappings/conceptmaps/). Codes the map does not list, and no code at all, give NI ("no
// information"), the root of the NullFlavor hierarchy: it claims nothing more than absence.
#include <string>

#include "datatypes/to_cda.h"

namespace ccdafhir::rdt {

std::string null_flavor_for(std::string_view data_absent_reason, const ConceptMaps& maps) {
  if (data_absent_reason.empty()) return "NI";
  const ConceptMap* map = maps.find("FC-DataAbsentReasonNullFlavor");
  if (!map) return "NI";
  auto target = map->translate(data_absent_reason);
  if (!target || target->code.empty()) return "NI";
  return target->code;
}

}  // namespace ccdafhir::rdt
