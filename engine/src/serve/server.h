// The HTTP service: httplib's server with the route table, the bounded worker pool, limits,
// authentication, metrics and the access log wired in. The Services it is given are shared by
// every worker thread; they must outlive the Server.
#pragma once

#include <chrono>
#include <memory>
#include <thread>

#include "serve/metrics.h"
#include "serve/routes.h"
#include "serve/serve_options.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace ccdafhir::serve {

class Server {
 public:
  // Checks the options (check_exposure); throws Error(kInputRejected).
  Server(ServeOptions options, Services services);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts accepting on a background thread. Throws Error(kInputRejected) when the
  // address cannot be bound or the TLS certificate or key cannot be loaded.
  void start();
  // The bound port (useful with port 0).
  int port() const { return port_; }
  // Stops accepting new connections; every connection already accepted is served to its end
  // (in-flight requests finish and are answered), then returns. Safe to call more than once.
  void stop();

  Metrics& metrics() { return metrics_; }

 private:
  void install_routes();
  void install_hooks();
  // Starts the request's context (id, route label, deadline); returns how long its connection
  // waited for a worker.
  std::chrono::steady_clock::duration begin_request(const httplib::Request& req,
                                                    httplib::Response& res);

  ServeOptions options_;
  Services services_;
  Metrics metrics_;
  RouteContext context_;
  std::unique_ptr<httplib::Server> http_;
  std::thread listener_;
  int port_ = -1;
};

}  // namespace ccdafhir::serve
