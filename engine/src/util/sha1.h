// SHA-1: UUIDv5 names (RFC 4122 names them with SHA-1), the batch's input hashes and CDex
// attachment hashes. Never for security.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace ccdafhir {
std::array<std::uint8_t, 20> sha1(std::string_view data);
}
