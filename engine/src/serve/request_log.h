// The access log: one line per request on standard error with the request id, method, route
// label, status, body sizes and milliseconds. Never the path's parameters, headers or bodies:
// they may carry patient content.
#pragma once

#include <cstddef>
#include <string>

namespace ccdafhir::serve {

struct LogLine {
  std::uint64_t id = 0;
  std::string method;
  std::string route;
  int status = 0;
  std::size_t bytes_in = 0;
  std::size_t bytes_out = 0;
  double milliseconds = 0;
};

std::string format_log_line(const LogLine& line);
// Writes one formatted line with a single write, so lines from several threads never mix.
void write_log_line(const LogLine& line);

}  // namespace ccdafhir::serve
