// A per-document time budget checked cooperatively: the work loop calls tick() at each unit of
// work (a rule application, an entry), and every kStride ticks the steady clock is read, so the
// check costs a counter increment almost always. Over budget, tick() throws
// Error(kInputRejected) naming the limit and the stage, never a patient value.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ccdafhir {

class Deadline {
 public:
  // max_seconds <= 0: no limit (tick() never reads the clock).
  explicit Deadline(double max_seconds);

  void tick(const char* stage) {
    if (!enabled_ || ++ticks_ % kStride != 0) return;
    check(stage);
  }
  // Reads the clock now; throws when the budget is spent.
  void check(const char* stage) const;
  bool enabled() const { return enabled_; }

 private:
  static constexpr std::uint32_t kStride = 256;
  bool enabled_;
  double max_seconds_;
  std::chrono::steady_clock::time_point end_;
  std::uint32_t ticks_ = 0;
};

}  // namespace ccdafhir
