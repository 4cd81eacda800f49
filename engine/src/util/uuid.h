// Deterministic resource ids: UUIDv5 (RFC 4122, SHA-1) in the project's own namespace, named
// by canonical text built from source identifiers ("Condition|2.16.840...|123").
#pragma once

#include <string>
#include <string_view>

namespace ccdafhir {

// The project namespace, itself UUIDv5("ccdafhir") under the RFC 4122 URL namespace.
std::string uuid_v5(std::string_view name);
// The same under an explicit namespace given as a canonical UUID string.
std::string uuid_v5(std::string_view namespace_uuid, std::string_view name);

}  // namespace ccdafhir
