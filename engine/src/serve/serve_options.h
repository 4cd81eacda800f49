// What `ccdafhir serve` is configured with. Defaults are safe: loopback only, bounded body,
// bounded pool and queue, a deadline per request.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "ccdafhir/options.h"

namespace ccdafhir::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (Server::port() says which)
  // Worker threads, each serving one connection at a time. 0: one per core.
  std::size_t jobs = 0;
  // Accepted connections waiting for a worker; beyond this a request is answered 503.
  std::size_t queue = 128;
  // Largest request body. A larger Content-Length is refused before a byte of the body is read;
  // a chunked body is cut off as soon as it passes the limit.
  std::size_t max_body_bytes = Limits{}.max_input_bytes;
  // Deadline for one request: waiting in the queue plus reading its body. Also the socket
  // read/write timeout, so a client that stalls mid-request frees its worker.
  std::chrono::milliseconds request_timeout{30000};
  // Bearer token every request but GET /health must present; empty: no authentication.
  std::string token;
  // PEM certificate chain and private key; both empty: plain HTTP.
  std::string tls_cert;
  std::string tls_key;
  // One line per request on standard error (id, route, status, sizes, milliseconds).
  bool log_requests = true;
};

// Refuses (Error kInputRejected) options that would expose the service: an address other than
// loopback needs both TLS and a token; TLS needs both files; numbers must be in range.
void check_exposure(const ServeOptions& options);

bool is_loopback(const std::string& host);

}  // namespace ccdafhir::serve
