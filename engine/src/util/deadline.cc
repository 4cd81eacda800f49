#include "util/deadline.h"

#include <cstdio>

#include "ccdafhir/error.h"

namespace ccdafhir {

Deadline::Deadline(double max_seconds, const char* work)
    : enabled_(max_seconds > 0),
      max_seconds_(max_seconds),
      work_(work),
      end_(std::chrono::steady_clock::now() +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
               std::chrono::duration<double>(max_seconds > 0 ? max_seconds : 0))) {}

namespace {
thread_local Deadline* current_deadline = nullptr;
}  // namespace

DeadlineScope::DeadlineScope(Deadline& deadline) : previous_(current_deadline) {
  current_deadline = &deadline;
}

DeadlineScope::~DeadlineScope() {
  current_deadline = previous_;
}

void tick_current_deadline(const char* stage) {
  if (current_deadline) current_deadline->tick(stage);
}

void check_current_deadline(const char* stage) {
  if (current_deadline) current_deadline->check(stage);
}

void Deadline::check(const char* stage) const {
  if (!enabled_ || std::chrono::steady_clock::now() < end_) return;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%g", max_seconds_);
  throw Error(ErrorKind::kInputRejected, std::string(work_) + " took longer than the limit of " +
                                             seconds + " seconds (stopped while " + stage + ")");
}

}  // namespace ccdafhir
