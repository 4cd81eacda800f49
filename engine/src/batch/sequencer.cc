#include "batch/sequencer.h"

namespace ccdafhir::batch {

Sequencer::Sequencer(std::uint64_t window, std::function<void(MemberOutcome&)> emit)
    : window_(window), emit_(std::move(emit)) {}

void Sequencer::wait_for_room(std::uint64_t seq) {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [&] { return seq < next_ + window_; });
}

void Sequencer::complete(std::uint64_t seq, MemberOutcome outcome) {
  std::unique_lock lock(mutex_);
  if (seq != next_) {
    waiting_.emplace(seq, std::move(outcome));
    return;
  }
  emit_(outcome);
  ++next_;
  for (auto it = waiting_.find(next_); it != waiting_.end(); it = waiting_.find(next_)) {
    emit_(it->second);
    waiting_.erase(it);
    ++next_;
  }
  room_.notify_all();
}

std::uint64_t Sequencer::emitted() const {
  std::lock_guard lock(mutex_);
  return next_;
}

}  // namespace ccdafhir::batch
