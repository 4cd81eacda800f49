// The batch sequencer: members finished out of order are reported in input order; the window
// and the byte budget hold the reader back until the oldest member is done, and no longer.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "batch/sequencer.h"

using namespace ccdafhir::batch;

namespace {

MemberOutcome named(const std::string& name, std::size_t bulk_bytes = 0) {
  MemberOutcome outcome;
  outcome.line.name = name;
  if (bulk_bytes > 0) outcome.bulk.push_back(BulkResource{"", std::string(bulk_bytes, 'x')});
  return outcome;
}

// Runs wait_for_room(seq) on a thread; released() says whether it has returned.
class Waiter {
 public:
  Waiter(Sequencer& sequencer, std::uint64_t seq)
      : thread_([this, &sequencer, seq] {
          sequencer.wait_for_room(seq);
          released_ = true;
        }) {}
  ~Waiter() { thread_.join(); }
  // Whether the wait is still on after giving the thread time to get past it if it could.
  bool still_waiting() {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return !released_;
  }

 private:
  std::atomic<bool> released_{false};
  std::thread thread_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(batch)

BOOST_AUTO_TEST_CASE(sequencer_reports_in_input_order) {
  std::vector<std::string> order;
  Sequencer sequencer(16, 1 << 20, [&](MemberOutcome& o) { order.push_back(o.line.name); });
  sequencer.complete(2, named("c"));
  sequencer.complete(1, named("b"));
  BOOST_TEST(order.empty());
  sequencer.complete(0, named("a"));
  sequencer.complete(3, named("d"));
  BOOST_TEST(order == (std::vector<std::string>{"a", "b", "c", "d"}),
             boost::test_tools::per_element());
  BOOST_TEST(sequencer.emitted() == 4u);
}

BOOST_AUTO_TEST_CASE(sequencer_window_waits_for_the_oldest_member) {
  Sequencer sequencer(3, 1 << 20, [](MemberOutcome&) {});
  sequencer.wait_for_room(2);  // 0, 1 and 2 fit in a window of three
  sequencer.complete(1, named("b"));
  sequencer.complete(2, named("c"));
  {
    Waiter waiter(sequencer, 3);  // 0 is still converting
    BOOST_TEST(waiter.still_waiting());
    sequencer.complete(0, named("a"));
  }  // joins: the wait ended once 0 was done
  BOOST_TEST(sequencer.emitted() == 3u);
}

BOOST_AUTO_TEST_CASE(sequencer_byte_budget_holds_the_reader_back) {
  std::size_t emitted_bytes = 0;
  Sequencer sequencer(100, 1000, [&](MemberOutcome& o) { emitted_bytes += outcome_bytes(o); });
  sequencer.complete(1, named("b", 600));
  sequencer.wait_for_room(2);  // 600 held: within the budget
  sequencer.complete(2, named("c", 600));
  {
    Waiter waiter(sequencer, 3);  // 1,200 held while 0 converts
    BOOST_TEST(waiter.still_waiting());
    sequencer.complete(0, named("a"));
  }
  BOOST_TEST(emitted_bytes == 1200u);
  sequencer.wait_for_room(3);  // nothing held any more
}

BOOST_AUTO_TEST_SUITE_END()
