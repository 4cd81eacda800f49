#include "batch/sequencer.h"

namespace ccdafhir::batch {

std::size_t outcome_bytes(const MemberOutcome& outcome) {
  std::size_t bytes = outcome.carried_raw.size();
  for (const BulkResource& r : outcome.bulk) bytes += r.type.size() + r.json.size();
  return bytes;
}

Sequencer::Sequencer(std::uint64_t window, std::size_t held_bytes_budget,
                     std::function<void(MemberOutcome&)> emit)
    : window_(window), held_bytes_budget_(held_bytes_budget), emit_(std::move(emit)) {}

void Sequencer::wait_for_room(std::uint64_t seq) {
  std::unique_lock lock(mutex_);
  // The oldest member in flight is never among the waiting ones, so it always finishes and the
  // budget frees up: waiting here cannot deadlock.
  room_.wait(lock, [&] { return seq < next_ + window_ && held_bytes_ <= held_bytes_budget_; });
}

void Sequencer::complete(std::uint64_t seq, MemberOutcome outcome) {
  std::unique_lock lock(mutex_);
  if (seq != next_) {
    held_bytes_ += outcome_bytes(outcome);
    waiting_.emplace(seq, std::move(outcome));
    return;
  }
  emit_(outcome);
  ++next_;
  for (auto it = waiting_.find(next_); it != waiting_.end(); it = waiting_.find(next_)) {
    held_bytes_ -= outcome_bytes(it->second);  // before emit, which may move the resources out
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
