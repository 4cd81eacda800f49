// Hardened FHIR JSON intake: any bytes either parse or throw Error(kInputRejected). What parses
// must serialise and parse back to the same value (the writer and the reader agree), and must be
// exactly what nlohmann's own parser builds from the same bytes: the intake takes a fast reader
// of its own for well-formed input (intake/json_reader), so this is the differential check that
// the fast reader and nlohmann never disagree on a document either of them accepts.
#include <cstdint>
#include <string>
#include <string_view>

#include "ccdafhir/error.h"
#include "intake/json_intake.h"
#include "intake/json_reader.h"
#include "util/json_identical.h"
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
  // Accepted: nlohmann must accept the same bytes and build the same document, and the fast
  // reader (which may decline what the hardened parser then accepts) must build it too if it
  // answers at all.
  Json reference = Json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (reference.is_discarded() || !json_identical(parsed, reference)) __builtin_trap();
  if (auto fast = read_json_fast(bytes, Limits{}); fast && !json_identical(*fast, reference)) {
    __builtin_trap();
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
