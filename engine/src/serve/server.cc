#include "serve/server.h"

#include <httplib.h>

#include <atomic>
#include <functional>
#include <iostream>
#include <limits>
#include <optional>

#include <sys/socket.h>

#include "ccdafhir/error.h"
#include "serve/refusal.h"
#include "serve/request_context.h"
#include "serve/request_log.h"
#include "serve/worker_pool.h"

namespace ccdafhir::serve {

namespace {

using httplib::ContentReader;
using httplib::Request;
using httplib::Response;

struct RouteInfo {
  const char* method;
  const char* path;
  const char* label;
};

// Every route the service answers. Labels name routes in metrics and the log.
const RouteInfo kRoutes[] = {
    {"POST", "/to-fhir", "to-fhir"},
    {"POST", "/to-ccda", "to-ccda"},
    {"POST", "/validate", "validate"},
    {"POST", "/render", "render"},
    {"POST", "/$submit-attachment", "submit-attachment"},
    {"GET", "/health", "health"},
    {"GET", "/metrics", "metrics"},
};

const RouteInfo* find_route(const std::string& path) {
  for (const RouteInfo& r : kRoutes) {
    if (path == r.path) return &r;
  }
  return nullptr;
}

std::atomic<std::uint64_t> g_next_request_id{1};

// The Content-Length the client declared: 0 when absent, UINT64_MAX when too long to be real,
// nullopt when it is not a number at all.
std::optional<std::uint64_t> declared_length(const Request& req) {
  if (!req.has_header("Content-Length")) return 0;
  std::string v = req.get_header_value("Content-Length");
  if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  if (v.size() > 19) return std::numeric_limits<std::uint64_t>::max();
  return std::stoull(v);
}

// Constant-time comparison, so the time to refuse does not reveal how much of a token matched.
bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  return diff == 0;
}

}  // namespace

Server::Server(ServeOptions options, Services services)
    : options_(std::move(options)), services_(services), context_{services_, options_, metrics_} {
  check_exposure(options_);
  if (options_.jobs == 0) options_.jobs = std::max(1u, std::thread::hardware_concurrency());
}

Server::~Server() {
  stop();
}

void Server::start() {
  if (!options_.tls_cert.empty()) {
    auto tls =
        std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(), options_.tls_key.c_str());
    if (!tls->is_valid())
      throw Error(ErrorKind::kInputRejected, "cannot load the TLS certificate or private key");
    http_ = std::move(tls);
  } else {
    http_ = std::make_unique<httplib::Server>();
  }
  const std::size_t jobs = options_.jobs;
  const std::size_t queue = options_.queue;
  http_->new_task_queue = [jobs, queue] { return new WorkerPool(jobs, queue); };
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.request_timeout);
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(options_.request_timeout - seconds);
  http_->set_read_timeout(seconds.count(), micros.count());
  http_->set_write_timeout(seconds.count(), micros.count());
  // An idle keep-alive connection holds a worker; keep that short.
  http_->set_keep_alive_timeout(2);
  http_->set_keep_alive_max_count(100);
  http_->set_payload_max_length(options_.max_body_bytes);
  install_hooks();
  install_routes();

  // httplib's own socket options add SO_REUSEPORT, which would let a second server on the same
  // port share (and silently split) the traffic; address reuse alone is what a restart needs.
  // The callback also hands over the listening socket, for the backlog below.
  int listening_socket = -1;
  http_->set_socket_options([&listening_socket](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listening_socket = sock;
  });
  if (options_.port == 0) {
    port_ = http_->bind_to_any_port(options_.host);
  } else {
    port_ = http_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ < 0) {
    throw Error(ErrorKind::kInputRejected,
                "cannot listen on " + options_.host + ":" + std::to_string(options_.port));
  }
  // The library listens with a backlog of 5: a burst of clients beyond the first few then waits
  // for SYN retransmissions (1 s, 3 s, 7 s, ...) and times out writing its request. Listening again
  // on the bound socket only enlarges the accept queue, to what the kernel allows.
  if (listening_socket >= 0) ::listen(listening_socket, SOMAXCONN);
  listener_ = std::thread([this] { http_->listen_after_bind(); });
  // stop() only works on a running server: wait until the accept loop has started.
  while (!http_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void Server::stop() {
  if (!http_) return;
  if (http_->is_running()) http_->stop();
  if (listener_.joinable()) listener_.join();  // returns once the pool has drained
}

std::chrono::steady_clock::duration Server::begin_request(const httplib::Request& req,
                                                          httplib::Response& res) {
  RequestContext& rc = current_request();
  if (rc.active) return rc.queue_wait;  // the Expect: 100-continue hook came first
  rc.active = true;
  rc.id = g_next_request_id++;
  const RouteInfo* route = find_route(req.path);
  rc.route = route ? route->label : "other";
  rc.start = RequestContext::Clock::now();
  rc.queue_wait = WorkerPool::take_queue_wait();
  rc.deadline = rc.start + options_.request_timeout - rc.queue_wait;
  res.set_header("X-Request-Id", std::to_string(rc.id));
  return rc.queue_wait;
}

void Server::install_hooks() {
  // Before routing and before any of the body is read: identify, then refuse early what can be
  // refused from the head alone.
  http_->set_pre_routing_handler([this](const Request& req, Response& res) {
    auto waited = begin_request(req, res);

    auto refuse = [&](const Refusal& r) {
      metrics_.rejected(r.reason);
      write_refusal(res, r);
      return httplib::Server::HandlerResponse::Handled;
    };
    if (WorkerPool::current_connection_overloaded())
      return refuse(overloaded("every worker is busy and the queue is full; retry later"));
    if (waited > options_.request_timeout)
      return refuse(overloaded("the request waited longer than the time limit for a worker"));
    if (!options_.token.empty() && !(req.method == "GET" && req.path == "/health")) {
      std::string auth = req.get_header_value("Authorization");
      const std::string prefix = "Bearer ";
      if (auth.rfind(prefix, 0) != 0 || !same_secret(auth.substr(prefix.size()), options_.token))
        return refuse(unauthorized());
    }
    auto length = declared_length(req);
    if (!length) return refuse(malformed("Content-Length is not a number"));
    if (*length > options_.max_body_bytes) return refuse(too_large(options_.max_body_bytes));
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // A client sending "Expect: 100-continue" learns of a refusal before sending the body.
  http_->set_expect_100_continue_handler([this](const Request& req, Response& res) {
    begin_request(req, res);
    if (declared_length(req).value_or(0) > options_.max_body_bytes) {
      metrics_.rejected("too-large");
      write_refusal(res, too_large(options_.max_body_bytes));
      return 413;
    }
    return 100;
  });

  // Answers httplib produces itself (no route, bad request line, ...) get an OperationOutcome.
  http_->set_error_handler(
      httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
        // Called for every status >= 400, also those our handlers already answered.
        if (!res.body.empty() || res.content_length_ > 0)
          return httplib::Server::HandlerResponse::Unhandled;
        Refusal r;
        const RouteInfo* route = find_route(req.path);
        if (res.status == 404 && route) {
          r = method_not_allowed(route->method);
          res.set_header("Allow", route->method);
        } else if (res.status == 404) {
          r = not_found();
        } else if (res.status == 413) {
          r = too_large(options_.max_body_bytes);
        } else if (res.status >= 500) {
          r = internal_error();
        } else {
          r = malformed("the request could not be parsed as HTTP");
          r.status = res.status;
        }
        metrics_.rejected(r.reason);
        write_refusal(res, r);
        return httplib::Server::HandlerResponse::Handled;
      }));

  http_->set_exception_handler([this](const Request&, Response& res, std::exception_ptr) {
    metrics_.rejected("internal");
    write_refusal(res, internal_error());
  });

  http_->set_logger([this](const Request& req, const Response& res) {
    RequestContext& rc = current_request();
    double seconds = 0;
    if (rc.active) {
      seconds = std::chrono::duration<double>(RequestContext::Clock::now() - rc.start).count();
    }
    std::string route = rc.active ? rc.route : "other";
    metrics_.request(route, res.status, seconds);
    if (options_.log_requests) {
      // Routes read their bodies in pieces (req.body stays empty): the declared length counts.
      std::size_t in = req.body.empty() ? static_cast<std::size_t>(declared_length(req).value_or(0))
                                        : req.body.size();
      std::size_t out = res.body.empty() ? res.content_length_ : res.body.size();
      write_log_line(
          LogLine{rc.active ? rc.id : 0, req.method, route, res.status, in, out, seconds * 1000});
    }
    rc = RequestContext{};
  });
}

void Server::install_routes() {
  // Handlers throw Refused for refusals and Error(kInputRejected) for input the engine refused;
  // both become OperationOutcome answers here, with the reason counted.
  auto guarded = [this](auto handler) {
    return [this, handler](const Request& req, Response& res, const ContentReader& reader) {
      try {
        handler(context_, req, res, reader);
      } catch (const Refused& e) {
        metrics_.rejected(e.refusal.reason);
        write_refusal(res, e.refusal);
      } catch (const Error& e) {
        Refusal r = e.kind() == ErrorKind::kInputRejected ? malformed(e.what()) : internal_error();
        if (r.status == 500) std::cerr << "ccdafhir serve: internal error: " << e.what() << "\n";
        metrics_.rejected(r.reason);
        write_refusal(res, r);
      }
    };
  };
  http_->Post("/to-fhir", guarded(handle_to_fhir));
  http_->Post("/to-ccda", guarded(handle_to_ccda));
  http_->Post("/validate", guarded(handle_validate));
  http_->Post("/render", guarded(handle_render));
  // httplib's patterns are regular expressions: the '$' of the operation name is escaped.
  http_->Post("/\\$submit-attachment", guarded(handle_submit_attachment));
  http_->Get("/health",
             [this](const Request& req, Response& res) { handle_health(context_, req, res); });
  http_->Get("/metrics",
             [this](const Request& req, Response& res) { handle_metrics(context_, req, res); });
}

}  // namespace ccdafhir::serve
