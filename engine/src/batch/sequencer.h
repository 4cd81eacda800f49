// Workers finish members in any order; the report is written in input order. The sequencer
// holds finished members until every earlier one is done, then hands them on. It also bounds
// the members in flight (read, queued, converting or waiting here), which bounds memory
// whatever the size of the batch.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

#include "batch/member_outcome.h"

namespace ccdafhir::batch {

class Sequencer {
 public:
  // emit runs under the sequencer's lock, once per member, in sequence order.
  Sequencer(std::uint64_t window, std::function<void(MemberOutcome&)> emit);
  // Blocks until member `seq` may be read: fewer than `window` members are in flight.
  void wait_for_room(std::uint64_t seq);
  // Member `seq` is finished (seq counts from 0, each exactly once).
  void complete(std::uint64_t seq, MemberOutcome outcome);
  std::uint64_t emitted() const;

 private:
  const std::uint64_t window_;
  std::function<void(MemberOutcome&)> emit_;
  mutable std::mutex mutex_;
  std::condition_variable room_;
  std::map<std::uint64_t, MemberOutcome> waiting_;
  std::uint64_t next_ = 0;
};

}  // namespace ccdafhir::batch
