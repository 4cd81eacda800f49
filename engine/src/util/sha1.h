// SHA-1, only for UUIDv5 (RFC 4122 names them with SHA-1); not for security.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace ccdafhir {
std::array<std::uint8_t, 20> sha1(std::string_view data);
}
