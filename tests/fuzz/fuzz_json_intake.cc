// Hardened FHIR JSON intake: any bytes either parse or throw Error(kInputRejected). What parses
// must serialise and parse back to the same value (the writer and the reader agree).
#include <cstdint>
#include <string>
#include <string_view>

#include "ccdafhir/error.h"
#include "intake/json_intake.h"
#include "util/json_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccdafhir;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Json parsed;
  try {
    parsed = parse_json_input(bytes, Limits{});
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kInputRejected) __builtin_trap();
    return 0;
  }
  std::string written;
  write_json(parsed, written);
  Json again;
  try {
    again = parse_json_input(written, Limits{});
  } catch (const Error&) {
    __builtin_trap();  // our own output must be acceptable input
  }
  if (again != parsed) __builtin_trap();
  return 0;
}
