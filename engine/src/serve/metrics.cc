#include "serve/metrics.h"

#include <cstdio>

namespace ccdafhir::serve {

void Metrics::request(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Latency& l = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++l.buckets[i];
      break;
    }
  }
  ++l.count;
  l.sum += seconds;
}

void Metrics::converted(const std::string& direction) {
  std::lock_guard lock(mutex_);
  ++converted_[direction];
}

void Metrics::rejected(const std::string& reason) {
  std::lock_guard lock(mutex_);
  ++rejected_[reason];
}

namespace {
std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

std::string Metrics::prometheus_text() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out +=
      "# HELP ccdafhir_http_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE ccdafhir_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out += "ccdafhir_http_requests_total{route=\"" + key.first + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP ccdafhir_http_request_duration_seconds Time from request head to response, by "
      "route.\n"
      "# TYPE ccdafhir_http_request_duration_seconds histogram\n";
  for (const auto& [route, l] : latency_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += l.buckets[i];
      out += "ccdafhir_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"" +
             number(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "ccdafhir_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"+Inf\"} " +
           std::to_string(l.count) + "\n";
    out += "ccdafhir_http_request_duration_seconds_sum{route=\"" + route + "\"} " + number(l.sum) +
           "\n";
    out += "ccdafhir_http_request_duration_seconds_count{route=\"" + route + "\"} " +
           std::to_string(l.count) + "\n";
  }
  out +=
      "# HELP ccdafhir_documents_converted_total Documents converted successfully, by "
      "direction.\n"
      "# TYPE ccdafhir_documents_converted_total counter\n";
  for (const auto& [direction, n] : converted_) {
    out += "ccdafhir_documents_converted_total{direction=\"" + direction + "\"} " +
           std::to_string(n) + "\n";
  }
  out +=
      "# HELP ccdafhir_rejections_total Requests refused, by reason.\n"
      "# TYPE ccdafhir_rejections_total counter\n";
  for (const auto& [reason, n] : rejected_) {
    out += "ccdafhir_rejections_total{reason=\"" + reason + "\"} " + std::to_string(n) + "\n";
  }
  return out;
}

}  // namespace ccdafhir::serve
