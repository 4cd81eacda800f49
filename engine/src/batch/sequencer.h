// Workers finish members in any order; the report is written in input order. The sequencer
// holds finished members until every earlier one is done, then hands them on. It also bounds
// the members in flight (read, queued, converting or waiting here) and the bytes the waiting
// ones hold, which bounds memory whatever the size of the batch.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

#include "batch/member_outcome.h"

namespace ccdafhir::batch {

class Sequencer {
 public:
  // emit runs under the sequencer's lock, once per member, in sequence order. At most `window`
  // members are in flight, and no new one is let in while the finished ones waiting for an
  // earlier member hold more than `held_bytes_budget` bytes (their --ndjson resources).
  Sequencer(std::uint64_t window, std::size_t held_bytes_budget,
            std::function<void(MemberOutcome&)> emit);
  // Blocks until member `seq` may be read.
  void wait_for_room(std::uint64_t seq);
  // Member `seq` is finished (seq counts from 0, each exactly once).
  void complete(std::uint64_t seq, MemberOutcome outcome);
  std::uint64_t emitted() const;

 private:
  const std::uint64_t window_;
  const std::size_t held_bytes_budget_;
  std::function<void(MemberOutcome&)> emit_;
  mutable std::mutex mutex_;
  std::condition_variable room_;
  std::map<std::uint64_t, MemberOutcome> waiting_;
  std::size_t held_bytes_ = 0;  // outcome_bytes() of waiting_
  std::uint64_t next_ = 0;
};

// The bytes an outcome holds beyond its fixed size: what waiting costs.
std::size_t outcome_bytes(const MemberOutcome& outcome);

}  // namespace ccdafhir::batch
