// The CDA timestamp behind a FHIR date or dateTime, for the values FHIR cannot state as written
// (mappingGuidance.md "CDA <-> FHIR Time/Dates"): a time without a zone offset is omitted, and
// the guidance allows "optionally sending the time as an extension"; a time to the minute gains
// seconds. The TS as written travels in the originalText extension on the primitive's element
// (`_effectiveDateTime`, a Period's `_start`), so FHIR -> CDA can write it back exactly.
#pragma once

#include <string>
#include <string_view>

#include "util/json.h"

namespace ccdafhir {

namespace dt {
// {"extension": [{"url": originalText, "valueString": TS}]} when the FHIR value `fhir` does not
// convert back to `hl7_ts`; null when it does (nothing is lost) or either is unusable.
Json original_time(std::string_view hl7_ts, const Json& fhir);

// The extension marking a dateTime made of an IVL_TS whose low and high are the same time
// (mappingGuidance.md / CF-vitals.md / CF-results.md: "If low and high are identical, use
// effectiveDateTime"), so FHIR -> CDA writes low and high again instead of a lone @value:
// {"url": kIntervalPoint, "valueBoolean": true} on the primitive's element (`_effectiveDateTime`).
extern const char* const kIntervalPoint;
Json interval_point_extension();
}  // namespace dt

namespace rdt {
// The TS carried by a primitive's element (`_x`) for the FHIR value `fhir_date`, when the
// extension is there and agrees with the value (same date as far as both go); "" otherwise, so
// a value another system changed is written from the value itself.
std::string original_ts(const Json& element, std::string_view fhir_date);

// Whether the primitive's element carries dt::interval_point_extension().
bool interval_point(const Json& element);
}  // namespace rdt

}  // namespace ccdafhir
