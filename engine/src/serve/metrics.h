// Counters the service exposes on GET /metrics in the Prometheus text format (version 0.0.4).
// Labels come from closed sets (route names, status codes, reasons chosen in code), never from
// request content, so the number of series stays bounded and no patient value can leak.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace ccdafhir::serve {

class Metrics {
 public:
  // One finished request: its route label ("to-fhir", ..., "other"), HTTP status, duration.
  void request(const std::string& route, int status, double seconds);
  // One document converted successfully ("to-fhir" or "to-ccda").
  void converted(const std::string& direction);
  // One request refused, by reason ("too-large", "media-type", "malformed", "overloaded", ...).
  void rejected(const std::string& reason);

  std::string prometheus_text() const;

  // Upper bounds of the latency histogram buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 12> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,    2.5,   5,    10,  30};

 private:
  struct Latency {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative counts
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Latency> latency_;
  std::map<std::string, std::uint64_t> converted_;
  std::map<std::string, std::uint64_t> rejected_;
};

}  // namespace ccdafhir::serve
