// The only place the wall clock is read. Conversions take the time as an option (--now).
#pragma once

#include <string>
#include <string_view>

namespace ccdafhir {

// Current UTC time as a FHIR instant with second precision: 2026-12-01T05:30:00Z.
std::string current_instant();
// True for a FHIR instant: YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm).
bool is_fhir_instant(std::string_view s);

}  // namespace ccdafhir
