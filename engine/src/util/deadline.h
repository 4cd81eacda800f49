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
  // max_seconds <= 0: no limit (tick() never reads the clock). `work` names what is timed in
  // the message ("conversion", "validation").
  explicit Deadline(double max_seconds, const char* work = "conversion");

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
  const char* work_;
  std::chrono::steady_clock::time_point end_;
  std::uint32_t ticks_ = 0;
};

// The deadline of the work running on this thread, for checks many calls deep that have no
// parameter to carry one (the validator's structure, invariant, profile and template checks
// are small classes built per document). While a scope lives, tick_current_deadline() ticks
// its deadline; without one it does nothing. Scopes nest (the inner one wins until it ends).
class DeadlineScope {
 public:
  explicit DeadlineScope(Deadline& deadline);
  ~DeadlineScope();
  DeadlineScope(const DeadlineScope&) = delete;
  DeadlineScope& operator=(const DeadlineScope&) = delete;

 private:
  Deadline* previous_;
};

void tick_current_deadline(const char* stage);
// Reads the clock now (when a scope is active).
void check_current_deadline(const char* stage);

}  // namespace ccdafhir
