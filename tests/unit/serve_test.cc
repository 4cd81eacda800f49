// The HTTP service (`ccdafhir serve`) as a client sees it: the server runs in the test on a free
// loopback port; corpus documents converted over HTTP are byte-identical to the engine's (the
// CLI's) output; refusals carry the right status before the body is read; 50 concurrent clients
// all succeed; overload answers 503; stopping lets in-flight requests finish; the binary stops
// cleanly on SIGTERM.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ccdafhir_build_paths.h"

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "ccdafhir/error.h"
#include "serve_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;
using namespace ccdafhir::serve_test;
namespace sv = ccdafhir::serve;  // "serve" alone is the suite name
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(serve)

BOOST_AUTO_TEST_CASE(health_and_metrics_answer) {
  Running r;
  auto c = r.client();
  auto health = c.Get("/health");
  BOOST_REQUIRE(health);
  BOOST_TEST(health->status == 200);
  BOOST_TEST(Json::parse(health->body)["status"] == "ok");
  BOOST_TEST(health->has_header("X-Request-Id"));
  auto converted = c.Post(to_fhir_path().c_str(), sample(), "application/xml");
  BOOST_REQUIRE(converted);
  BOOST_TEST(converted->status == 200);
  BOOST_TEST(metrics_show(c, "ccdafhir_http_requests_total{route=\"health\",status=\"200\"} 1"));
  BOOST_TEST(metrics_show(c, "ccdafhir_documents_converted_total{direction=\"to-fhir\"} 1"));
  BOOST_TEST(metrics_show(
      c, "ccdafhir_http_request_duration_seconds_bucket{route=\"to-fhir\",le=\"+Inf\"} 1"));
  BOOST_TEST(metrics_show(c, "# TYPE ccdafhir_http_request_duration_seconds histogram"));
}

BOOST_AUTO_TEST_CASE(every_corpus_document_over_http_equals_the_cli_output_byte_for_byte) {
  test::require_shared();
  std::vector<std::string> docs = corpus_documents();
  BOOST_REQUIRE_GT(docs.size(), 500u);
  Running r;
  std::atomic<std::size_t> next{0}, same{0}, rejected_both{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  auto work = [&] {
    // A fresh connection per request: between two requests this thread converts the next
    // document itself, which under ASan on a loaded machine outlasts the server's two-second
    // keep-alive, and a request racing the server's close of an idle connection gets no answer.
    auto c = r.client();
    for (std::size_t i; (i = next++) < docs.size();) {
      std::string xml = test::read_file(test::shared_dir() / "corpus" / docs[i]);
      std::string expected = cli_output(xml);
      auto res = c.Post(to_fhir_path().c_str(), xml, "application/xml");
      std::string problem;
      if (!res) {
        problem = "no response";
      } else if (expected.empty()) {
        if (res->status == 400 && is_operation_outcome(res->body)) {
          ++rejected_both;
        } else {
          problem = "the CLI rejects it but HTTP answered " + std::to_string(res->status);
        }
      } else if (res->status != 200) {
        problem = "HTTP " + std::to_string(res->status);
      } else if (res->body != expected) {
        problem = "bytes differ from the CLI output";
      } else {
        ++same;
      }
      if (!problem.empty()) {
        std::lock_guard lock(failures_mutex);
        failures.push_back(docs[i] + ": " + problem);
      }
    }
  };
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) clients.emplace_back(work);
  for (auto& t : clients) t.join();
  for (const auto& f : failures) BOOST_ERROR(f);
  BOOST_TEST_MESSAGE("corpus over HTTP: " << same << " identical to the CLI, " << rejected_both
                                          << " rejected by both, of " << docs.size());
  BOOST_TEST(same + rejected_both == docs.size());
  BOOST_TEST(same >= 584u);
}

BOOST_AUTO_TEST_CASE(to_ccda_over_http_equals_the_cli_output_for_every_golden_bundle) {
  Running r;
  auto c = r.client();
  std::size_t compared = 0;
  for (const auto& entry :
       fs::directory_iterator(fs::path(CCDAFHIR_SOURCE_DIR) / "tests" / "golden")) {
    if (entry.path().string().find(".bundle.json") == std::string::npos) continue;
    std::string bundle = test::read_file(entry.path());
    ConvertOptions options;
    options.now = kNow;
    std::string expected = test::engine().to_ccda(bundle, options).output;
    auto res =
        c.Post((std::string("/to-ccda?now=") + kNow).c_str(), bundle, "application/fhir+json");
    BOOST_REQUIRE(res);
    BOOST_CHECK_MESSAGE(res->status == 200, entry.path().filename() << ": " << res->status);
    BOOST_CHECK_MESSAGE(res->body == expected, entry.path().filename() << ": bytes differ");
    BOOST_TEST(res->get_header_value("Content-Type") == "application/xml");
    ++compared;
  }
  BOOST_TEST(compared >= 20u);
  BOOST_TEST(c.Post("/to-ccda", "{}", "application/xml")->status == 415);
  auto bad = c.Post("/to-ccda", "{\"resourceType\": ", "application/fhir+json");
  BOOST_TEST(bad->status == 400);
  BOOST_TEST(is_operation_outcome(bad->body));
  auto m = c.Get("/metrics");
  BOOST_TEST(m->body.find("ccdafhir_documents_converted_total{direction=\"to-ccda\"} " +
                          std::to_string(compared)) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_and_hostile_inputs_get_the_right_status) {
  test::require_shared();
  Running r;
  auto c = r.client();
  // Every file of corpus/malformed is refused as 400 with an OperationOutcome, like exit 2.
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(test::shared_dir() / "corpus" / "malformed")) {
    if (entry.path().extension() != ".xml") continue;
    ++files;
    auto res = c.Post(to_fhir_path().c_str(), test::read_file(entry.path()), "application/xml");
    BOOST_REQUIRE(res);
    BOOST_CHECK_MESSAGE(res->status == 400, entry.path().filename() << ": " << res->status);
    BOOST_CHECK_MESSAGE(is_operation_outcome(res->body), entry.path().filename());
  }
  BOOST_TEST(files >= 10u);

  auto status = [&](const httplib::Result& res) { return res ? res->status : -1; };
  BOOST_TEST(status(c.Post("/to-fhir", sample(), "application/json")) == 415);
  BOOST_TEST(status(c.Post("/to-fhir", sample(), "")) == 415);
  BOOST_TEST(status(c.Post("/to-fhir", sample(), "application/xml; charset=utf-8")) == 200);
  BOOST_TEST(status(c.Post("/to-fhir?now=yesterday", sample(), "application/xml")) == 400);
  BOOST_TEST(status(c.Post("/to-fhir", "not xml at all", "application/xml")) == 400);
  auto get = c.Get("/to-fhir");
  BOOST_TEST(status(get) == 405);
  BOOST_TEST(get->get_header_value("Allow") == "POST");
  auto missing = c.Get("/no-such-route");
  BOOST_TEST(status(missing) == 404);
  BOOST_TEST(is_operation_outcome(missing->body));

  // A Content-Length that is not a number.
  int fd = connect_loopback(r.server.port());
  send_all(fd,
           "POST /to-fhir HTTP/1.1\r\nHost: t\r\nContent-Type: application/xml\r\n"
           "Content-Length: 12abc\r\n\r\n");
  BOOST_TEST(status_of(read_until_closed(fd, 2s)) == 400);
  ::close(fd);

  auto m = c.Get("/metrics");
  BOOST_TEST(m->body.find("ccdafhir_rejections_total{reason=\"media-type\"} 2") !=
             std::string::npos);
  BOOST_TEST(m->body.find("ccdafhir_rejections_total{reason=\"method\"} 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fifty_concurrent_clients_all_succeed) {
  sv::ServeOptions o = quiet_options();
  o.jobs = 4;
  o.queue = 64;
  Running r(o);
  const std::string xml = sample();
  const std::string expected = cli_output(xml);
  constexpr int kClients = 50;
  constexpr int kRequestsEach = 4;
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&] {
      auto c = r.client();
      for (int k = 0; k < kRequestsEach; ++k) {
        auto res = c.Post(to_fhir_path().c_str(), xml, "application/xml");
        (res && res->status == 200 && res->body == expected ? ok : failed)++;
      }
    });
  }
  for (auto& t : clients) t.join();
  BOOST_TEST(failed.load() == 0);
  BOOST_TEST(ok.load() == kClients * kRequestsEach);
}

BOOST_AUTO_TEST_CASE(a_second_server_cannot_share_the_port) {
  // Without SO_REUSEPORT the kernel refuses the second bind instead of splitting connections
  // between two servers, so a mistaken second instance fails at start with a reason.
  Running first(quiet_options());
  sv::ServeOptions o = quiet_options();
  o.port = first.server.port();
  sv::Server second(
      o, sv::Services{test::engine(), validator(), renderer(), cdex(), first.scratch.store});
  BOOST_CHECK_EXCEPTION(second.start(), ccdafhir::Error, [](const ccdafhir::Error& e) {
    return std::string(e.what()).find("cannot listen on") != std::string::npos;
  });
  auto res = first.client().Get("/health");
  BOOST_TEST((res && res->status == 200));
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_refused_without_being_read) {
  sv::ServeOptions o = quiet_options();
  o.max_body_bytes = 1 << 20;
  Running r(o);
  // Declares 1 GiB, sends 64 KiB: the 413 arrives at once and the server closes the connection,
  // so it neither waited for the rest nor tried to read it as a next request.
  int fd = connect_loopback(r.server.port());
  send_all(fd,
           "POST /to-fhir HTTP/1.1\r\nHost: t\r\nContent-Type: application/xml\r\n"
           "Content-Length: 1073741824\r\n\r\n");
  send_all(fd, std::string(64 * 1024, 'a'));
  auto start = std::chrono::steady_clock::now();
  bool closed = false;
  std::string answer = read_until_closed(fd, 5s, &closed);
  auto took = std::chrono::steady_clock::now() - start;
  ::close(fd);
  BOOST_TEST(status_of(answer) == 413);
  BOOST_TEST(answer.find("\"too-long\"") != std::string::npos);
  BOOST_TEST(closed);
  BOOST_TEST(took < 2s);

  // Chunked (no length declared): cut off as soon as the count passes the limit.
  fd = connect_loopback(r.server.port());
  send_all(fd,
           "POST /to-fhir HTTP/1.1\r\nHost: t\r\nContent-Type: application/xml\r\n"
           "Transfer-Encoding: chunked\r\n\r\n");
  std::string chunk = "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
  int sent = 0;
  while (sent < 64 && send_all(fd, chunk)) ++sent;  // 4 MiB at most; the server stops earlier
  answer = read_until_closed(fd, 5s, &closed);
  ::close(fd);
  BOOST_TEST(status_of(answer) == 413);

  // Expect: 100-continue gets the refusal instead of the go-ahead.
  fd = connect_loopback(r.server.port());
  send_all(fd,
           "POST /to-fhir HTTP/1.1\r\nHost: t\r\nContent-Type: application/xml\r\n"
           "Content-Length: 2000000\r\nExpect: 100-continue\r\n\r\n");
  answer = read_until_closed(fd, 2s);
  ::close(fd);
  BOOST_TEST(status_of(answer) == 413);

  auto m = r.client().Get("/metrics");
  BOOST_TEST(m->body.find("ccdafhir_rejections_total{reason=\"too-large\"} 3") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_body_arriving_too_slowly_is_refused_with_408) {
  sv::ServeOptions o = quiet_options();
  o.request_timeout = 600ms;
  Running r(o);
  int fd = connect_loopback(r.server.port());
  send_all(fd,
           "POST /to-fhir HTTP/1.1\r\nHost: t\r\nContent-Type: application/xml\r\n"
           "Content-Length: 100\r\n\r\n");
  // One byte every 150 ms: each read succeeds, the request as a whole is late.
  for (int i = 0; i < 8; ++i) {
    if (!send_all(fd, "<")) break;
    std::this_thread::sleep_for(150ms);
  }
  std::string answer = read_until_closed(fd, 3s);
  ::close(fd);
  BOOST_TEST(status_of(answer) == 408);
}

BOOST_AUTO_TEST_CASE(a_full_pool_and_queue_answer_503_and_recover) {
  sv::ServeOptions o = quiet_options();
  o.jobs = 1;
  o.queue = 1;
  o.request_timeout = 3s;
  Running r(o);
  // A holds the only worker (its request head never completes); B waits in the queue.
  int a = connect_loopback(r.server.port());
  send_all(a, "GET /health HTTP/1.1\r\nHost: t\r\n");
  std::this_thread::sleep_for(100ms);
  int b = connect_loopback(r.server.port());
  std::this_thread::sleep_for(100ms);
  int c = connect_loopback(r.server.port());
  send_all(c, "GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string answer = read_until_closed(c, 2s);
  ::close(c);
  BOOST_TEST(status_of(answer) == 503);
  BOOST_TEST(answer.find("Retry-After: 1") != std::string::npos);
  BOOST_TEST(answer.find("\"throttled\"") != std::string::npos);
  ::close(a);
  ::close(b);
  // Once they are gone the service answers again.
  std::this_thread::sleep_for(200ms);
  auto health = r.client().Get("/health");
  BOOST_REQUIRE(health);
  BOOST_TEST(health->status == 200);
}

BOOST_AUTO_TEST_CASE(a_bearer_token_is_required_when_configured) {
  sv::ServeOptions o = quiet_options();
  o.token = "s3cret-token";
  Running r(o);
  auto c = r.client();
  BOOST_TEST(c.Get("/health")->status == 200);  // health checks need no credentials
  auto none = c.Post("/to-fhir", sample(), "application/xml");
  BOOST_TEST(none->status == 401);
  BOOST_TEST(none->get_header_value("WWW-Authenticate") == "Bearer");
  c.set_bearer_token_auth("wrong-token!");
  BOOST_TEST(c.Post("/to-fhir", sample(), "application/xml")->status == 401);
  BOOST_TEST(c.Get("/metrics")->status == 401);
  c.set_bearer_token_auth("s3cret-token");
  BOOST_TEST(c.Post("/to-fhir", sample(), "application/xml")->status == 200);
}

BOOST_AUTO_TEST_CASE(exposure_beyond_loopback_needs_tls_and_a_token) {
  sv::ServeOptions o = quiet_options();
  o.host = "0.0.0.0";
  BOOST_CHECK_THROW(sv::check_exposure(o), Error);
  o.token = "t";
  BOOST_CHECK_THROW(sv::check_exposure(o), Error);
  o.tls_cert = "cert.pem";
  BOOST_CHECK_THROW(sv::check_exposure(o), Error);  // a certificate without its key
  o.tls_key = "key.pem";
  BOOST_CHECK_NO_THROW(sv::check_exposure(o));
  o.host = "127.0.0.1";
  o.token.clear();
  o.tls_cert.clear();
  o.tls_key.clear();
  BOOST_CHECK_NO_THROW(sv::check_exposure(o));
  BOOST_CHECK_THROW(Running{[] {
                      auto x = quiet_options();
                      x.tls_cert = "/nonexistent/cert.pem";
                      x.tls_key = "/nonexistent/key.pem";
                      return x;
                    }()},
                    Error);
}

BOOST_AUTO_TEST_CASE(tls_serves_with_a_certificate) {
  fs::path dir = fs::temp_directory_path() / ("ccdafhir-tls-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
      "-keyout '" +
      (dir / "key.pem").string() + "' -out '" + (dir / "cert.pem").string() + "' > /dev/null 2>&1";
  BOOST_REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "openssl could not make a certificate");
  sv::ServeOptions o = quiet_options();
  o.tls_cert = (dir / "cert.pem").string();
  o.tls_key = (dir / "key.pem").string();
  Running r(o);
  httplib::SSLClient c("127.0.0.1", r.server.port());
  c.enable_server_certificate_verification(false);  // self-signed, made just now
  auto res = c.Post(to_fhir_path().c_str(), sample(), "application/xml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  BOOST_TEST((res->body == cli_output(sample())));
  // Plain HTTP to the TLS port gets no answer.
  httplib::Client plain("127.0.0.1", r.server.port());
  plain.set_read_timeout(2, 0);
  auto p = plain.Get("/health");
  BOOST_TEST((!p || p->status != 200));
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(stopping_under_load_finishes_every_accepted_request) {
  sv::ServeOptions o = quiet_options();
  o.jobs = 2;
  o.queue = 64;
  auto r = std::make_unique<Running>(o);
  const std::string xml = sample();
  const std::string expected = cli_output(xml);
  std::atomic<bool> stopped{false};
  std::atomic<int> complete{0}, wrong{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&] {
      auto c = r->client();
      while (!stopped) {
        auto res = c.Post(to_fhir_path().c_str(), xml, "application/xml");
        if (!res) continue;  // refused at connect after the stop: never accepted
        // Whatever got an answer got a whole one: in-flight requests are finished, not cut.
        (res->status == 200 && res->body == expected ? complete : wrong)++;
      }
    });
  }
  std::this_thread::sleep_for(500ms);
  r->server.stop();  // what SIGTERM triggers in `ccdafhir serve`
  stopped = true;
  for (auto& t : clients) t.join();
  BOOST_TEST(wrong.load() == 0);
  BOOST_TEST(complete.load() > 0);
  // Nothing listens any more.
  httplib::Client late("127.0.0.1", r->server.port());
  late.set_connection_timeout(1, 0);
  BOOST_TEST(!late.Get("/health"));
}

BOOST_AUTO_TEST_CASE(the_binary_stops_cleanly_on_sigterm) {
  ScratchStore scratch;
  ServeProcess process({"--jobs", "2", "--store", scratch.dir.string()});
  httplib::Client c("127.0.0.1", process.port);
  auto res = c.Post(to_fhir_path().c_str(), sample(), "application/xml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  BOOST_TEST(process.terminate() == 0);
  BOOST_TEST(process.log.find("ccdafhir serve: stopped") != std::string::npos);
  // The access log has the request, and nothing of the document.
  BOOST_TEST(process.log.find("POST to-fhir status=200") != std::string::npos);
  BOOST_TEST(process.log.find("ClinicalDocument") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
