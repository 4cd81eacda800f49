#include "batch/progress.h"

#include <unistd.h>

#include <string>

namespace ccdafhir::batch {

namespace {

std::string eta_text(double seconds) {
  if (seconds < 0 || seconds > 360000) return "--:--";
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

Progress::Progress(ProgressMode mode, std::FILE* out)
    : mode_(mode), out_(out), start_(Clock::now()), last_print_(start_) {
  if (mode_ == ProgressMode::kAuto) {
    mode_ = ::isatty(::fileno(out_)) ? ProgressMode::kTerminal : ProgressMode::kLines;
  }
}

void Progress::update(const ProgressSnapshot& s) {
  if (mode_ == ProgressMode::kOff) return;
  const auto now = Clock::now();
  const auto interval = mode_ == ProgressMode::kTerminal ? std::chrono::milliseconds(100)
                                                         : std::chrono::milliseconds(5000);
  if (now - last_print_ < interval) return;
  last_print_ = now;
  print(s, false);
}

void Progress::finish(const ProgressSnapshot& s) {
  if (mode_ == ProgressMode::kOff) return;
  print(s, true);
}

void Progress::print(const ProgressSnapshot& s, bool last) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double docs_per_s = elapsed > 0 ? static_cast<double>(s.documents) / elapsed : 0.0;
  const double mib_per_s =
      elapsed > 0 ? static_cast<double>(s.bytes) / (1024.0 * 1024.0) / elapsed : 0.0;
  // ETA from the members still to go when their number is known, else from the bytes of IN.
  double eta = -1;
  std::string total = "?";
  if (s.total) {
    total = std::to_string(*s.total);
    if (s.done > 0 && *s.total >= s.done) {
      eta = elapsed / static_cast<double>(s.done) * static_cast<double>(*s.total - s.done);
    }
  } else if (s.source_total > 0 && s.source_consumed > 0 && s.source_total >= s.source_consumed) {
    eta = elapsed / static_cast<double>(s.source_consumed) *
          static_cast<double>(s.source_total - s.source_consumed);
  }
  if (last) eta = 0;
  char line[256];
  std::snprintf(line, sizeof line,
                "batch: %llu/%s done, %.1f docs/s, %.1f MiB/s, %llu failed, ETA %s",
                static_cast<unsigned long long>(s.done), total.c_str(), docs_per_s, mib_per_s,
                static_cast<unsigned long long>(s.failures), eta_text(eta).c_str());
  if (mode_ == ProgressMode::kTerminal) {
    std::fprintf(out_, "\r\033[K%s%s", line, last ? "\n" : "");
  } else {
    std::fprintf(out_, "%s\n", line);
  }
  std::fflush(out_);
}

}  // namespace ccdafhir::batch
