// What the service knows about the request a thread is serving: its id, route label and clock.
// httplib serves one connection per thread and one request at a time on it, so the state lives
// in a thread_local set by the pre-routing hook and read by handlers and the request log.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ccdafhir::serve {

struct RequestContext {
  using Clock = std::chrono::steady_clock;
  bool active = false;  // false: httplib refused the request before routing (bad request line)
  std::uint64_t id = 0;
  std::string route = "other";  // a label from the route table, never the raw path
  Clock::time_point start{};
  Clock::time_point deadline{};
  Clock::duration queue_wait{};  // how long the connection waited for a worker
};

RequestContext& current_request();

}  // namespace ccdafhir::serve
