// Progress on stderr. On a terminal: one line rewritten in place (done/total, documents/s,
// MiB/s, failures, ETA). Otherwise: a plain line every few seconds, for logs. Counts only —
// no names, no content.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>

namespace ccdafhir::batch {

enum class ProgressMode { kAuto, kOff, kTerminal, kLines };

struct ProgressSnapshot {
  std::uint64_t done = 0;              // report lines written
  std::optional<std::uint64_t> total;  // members, when the input knows
  std::uint64_t documents = 0;         // converted or rejected in this run
  std::uint64_t failures = 0;          // rejected or converted with errors
  std::uint64_t bytes = 0;             // input bytes of this run's documents
  std::uint64_t source_consumed = 0;   // bytes of IN read so far
  std::uint64_t source_total = 0;      // bytes of IN, 0 when unknown
};

class Progress {
 public:
  explicit Progress(ProgressMode mode, std::FILE* out = stderr);
  // Prints when due (terminal: ten times a second; lines: every five seconds).
  void update(const ProgressSnapshot& s);
  // The last line; on a terminal, ends the line being rewritten.
  void finish(const ProgressSnapshot& s);

 private:
  void print(const ProgressSnapshot& s, bool last);
  using Clock = std::chrono::steady_clock;
  ProgressMode mode_;
  std::FILE* out_;
  Clock::time_point start_;
  Clock::time_point last_print_;
};

}  // namespace ccdafhir::batch
