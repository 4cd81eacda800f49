#include "util/deadline.h"

#include <cstdio>

#include "ccdafhir/error.h"

namespace ccdafhir {

Deadline::Deadline(double max_seconds)
    : enabled_(max_seconds > 0),
      max_seconds_(max_seconds),
      end_(std::chrono::steady_clock::now() +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
               std::chrono::duration<double>(max_seconds > 0 ? max_seconds : 0))) {}

void Deadline::check(const char* stage) const {
  if (!enabled_ || std::chrono::steady_clock::now() < end_) return;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%g", max_seconds_);
  throw Error(ErrorKind::kInputRejected, std::string("conversion took longer than the limit of ") +
                                             seconds + " seconds (stopped while " + stage + ")");
}

}  // namespace ccdafhir
