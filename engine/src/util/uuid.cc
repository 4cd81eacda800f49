#include "util/uuid.h"

#include <array>
#include <cstdint>
#include <string>

#include "util/sha1.h"

namespace ccdafhir {

namespace {
constexpr char kHex[] = "0123456789abcdef";

std::array<std::uint8_t, 16> parse_uuid(std::string_view text) {
  std::array<std::uint8_t, 16> out{};
  int n = 0;
  int hi = -1;
  for (char c : text) {
    int v = (c >= '0' && c <= '9')   ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : -1;
    if (v < 0) continue;
    if (hi < 0) {
      hi = v;
    } else if (n < 16) {
      out[n++] = static_cast<std::uint8_t>(hi * 16 + v);
      hi = -1;
    }
  }
  return out;
}

std::string format_uuid(const std::uint8_t* b) {
  // Written into a fixed buffer, then one string: a push_back per digit was a check each.
  char out[36];
  int n = 0;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out[n++] = '-';
    out[n++] = kHex[b[i] >> 4];
    out[n++] = kHex[b[i] & 15];
  }
  return std::string(out, sizeof out);
}

// RFC 4122 appendix C: the URL namespace.
constexpr std::string_view kUrlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
}  // namespace

namespace {
std::string uuid_v5_from(const std::array<std::uint8_t, 16>& ns, std::string_view name) {
  // One buffer per thread: every resource id comes through here, and a string per call was a
  // visible share of the conversion.
  thread_local std::string data;
  data.assign(reinterpret_cast<const char*>(ns.data()), ns.size());
  data.append(name);
  auto digest = sha1(data);
  digest[6] = static_cast<std::uint8_t>((digest[6] & 0x0F) | 0x50);
  digest[8] = static_cast<std::uint8_t>((digest[8] & 0x3F) | 0x80);
  return format_uuid(digest.data());
}
}  // namespace

std::string uuid_v5(std::string_view namespace_uuid, std::string_view name) {
  return uuid_v5_from(parse_uuid(namespace_uuid), name);
}

std::string uuid_v5(std::string_view name) {
  // The project namespace, parsed once.
  static const std::array<std::uint8_t, 16> project_ns =
      parse_uuid(uuid_v5(kUrlNamespace, "https://ccdafhir.invalid/ids"));
  return uuid_v5_from(project_ns, name);
}

}  // namespace ccdafhir
