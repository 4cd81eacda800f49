#include "util/clock.h"

#include <ctime>
#include <regex>

namespace ccdafhir {

std::string current_instant() {
  std::time_t t = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

bool is_fhir_instant(std::string_view s) {
  static const std::regex re(
      R"(^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$)");
  return std::regex_match(s.begin(), s.end(), re);
}

}  // namespace ccdafhir
