// nullFlavor -> data-absent-reason, exactly as ConceptMap CF-NullFlavorDataAbsentReason
// (spec/ccda-on-fhir-ig/maps/ConceptMap-CF-NullFlavorDataAbsentReason.xml). nullFlavors the map
// does not list (QS, UNC, DER, INV, NAVU, ...) have no data-absent-reason: "".
#include <string>
#include <string_view>

#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

std::string data_absent_reason(std::string_view null_flavor) {
  struct Row {
    std::string_view null_flavor;
    std::string_view reason;
  };
  static constexpr Row kMap[] = {
      {"NI", "unknown"},              // inexact
      {"OTH", "unsupported"},         // wider
      {"NINF", "negative-infinity"},  // equivalent
      {"PINF", "positive-infinity"},  // equivalent
      {"MSK", "masked"},              // equivalent
      {"NA", "not-applicable"},       // equivalent
      {"UNK", "unknown"},             // wider
      {"ASKU", "asked-unknown"},      // equivalent
      {"NAV", "temp-unknown"},        // equivalent
      {"NASK", "not-asked"},          // equivalent
      {"TRC", "unsupported"},         // wider
      {"NP", "unknown"},              // wider
  };
  for (const Row& row : kMap) {
    if (row.null_flavor == null_flavor) return std::string(row.reason);
  }
  return {};
}

}  // namespace ccdafhir::dt
