#include "serve/request_log.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>

namespace ccdafhir::serve {

std::string format_log_line(const LogLine& line) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "ccdafhir serve: req=%llu %s %s status=%d in=%zu out=%zu ms=%.1f\n",
                static_cast<unsigned long long>(line.id), line.method.c_str(), line.route.c_str(),
                line.status, line.bytes_in, line.bytes_out, line.milliseconds);
  return buf;
}

void write_log_line(const LogLine& line) {
  std::string text = format_log_line(line);
  // One write(2) of a short line to a pipe or terminal is atomic; stdio buffers are not shared.
  ssize_t ignored = ::write(STDERR_FILENO, text.data(), text.size());
  (void)ignored;
}

}  // namespace ccdafhir::serve
