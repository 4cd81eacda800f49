#include "serve_support.h"
#include "ccdafhir_build_paths.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "ccdafhir/error.h"

namespace ccdafhir::serve_test {

using namespace std::chrono_literals;

sv::ServeOptions quiet_options() {
  sv::ServeOptions o;
  o.port = 0;
  o.jobs = 4;
  o.log_requests = false;
  return o;
}

const Validator& validator() {
  static const Validator v(ValidatorConfig{CCDAFHIR_SOURCE_DIR, ""});
  return v;
}
const Renderer& renderer() {
  static const Renderer r(RenderConfig{CCDAFHIR_SOURCE_DIR});
  return r;
}
const CdexPackager& cdex() {
  static const CdexPackager p(CCDAFHIR_SOURCE_DIR);
  return p;
}

namespace {
std::atomic<int> g_stores{0};
}  // namespace

ScratchStore::ScratchStore()
    : dir(fs::temp_directory_path() / ("ccdafhir-serve-store-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(++g_stores))),
      store((fs::remove_all(dir), dir.string())) {}

ScratchStore::~ScratchStore() {
  fs::remove_all(dir);
}

Running::Running(sv::ServeOptions o)
    : server(std::move(o),
             sv::Services{test::engine(), validator(), renderer(), cdex(), scratch.store}) {
  server.start();
}

httplib::Client Running::client() const {
  httplib::Client c("127.0.0.1", server.port());
  // Generous: the tests judge answers, not latency, and run beside other suites on few cores.
  c.set_read_timeout(60, 0);
  c.set_write_timeout(60, 0);
  return c;
}

std::string sample() {
  return test::read_file(fs::path(CCDAFHIR_SOURCE_DIR) / "samples" / "ccd-synthetic.xml");
}

std::string to_fhir_path() {
  return std::string("/to-fhir?now=") + kNow;
}

// What `ccdafhir to-fhir --now kNow` writes for this input, or "" when it rejects the input.
std::string cli_output(const std::string& xml) {
  ConvertOptions options;
  options.now = kNow;
  try {
    return test::engine().to_fhir(xml, options).output;
  } catch (const Error& e) {
    BOOST_REQUIRE(e.kind() == ErrorKind::kInputRejected);
    return "";
  }
}

bool is_operation_outcome(const std::string& body) {
  Json j = Json::parse(body, nullptr, false);
  return j.is_object() && j.value("resourceType", "") == "OperationOutcome" &&
         j.contains("issue") && !j["issue"].empty();
}

// --- raw sockets, for what an HTTP client library would hide ---

int connect_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  BOOST_REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  BOOST_REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads until the peer closes or `limit` passes; returns what arrived.
std::string read_until_closed(int fd, std::chrono::milliseconds limit, bool* closed) {
  std::string out;
  auto end = std::chrono::steady_clock::now() + limit;
  if (closed) *closed = false;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        end - std::chrono::steady_clock::now());
    if (left.count() <= 0) return out;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return out;
    char buf[8192];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      if (closed) *closed = true;
      return out;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}

// The request counters and the histogram are updated by the access-log hook, which httplib runs
// just after the response is written: a client can ask for /metrics before that. Asks again for
// up to two seconds until the line is there.
bool metrics_show(httplib::Client& c, const std::string& line) {
  auto give_up = std::chrono::steady_clock::now() + 2s;
  do {
    auto m = c.Get("/metrics");
    if (m && m->body.find(line) != std::string::npos) return true;
    std::this_thread::sleep_for(20ms);
  } while (std::chrono::steady_clock::now() < give_up);
  return false;
}

int status_of(const std::string& raw_response) {
  if (raw_response.rfind("HTTP/1.1 ", 0) != 0 || raw_response.size() < 12) return -1;
  return std::stoi(raw_response.substr(9, 3));
}

std::vector<std::string> corpus_documents() {
  std::ifstream index(test::shared_dir() / "corpus" / "index.tsv");
  BOOST_REQUIRE_MESSAGE(index, "corpus/index.tsv missing");
  std::vector<std::string> paths;
  std::string line;
  std::getline(index, line);  // header
  while (std::getline(index, line)) paths.push_back(line.substr(0, line.find('\t')));
  return paths;
}

ServeProcess::ServeProcess(const std::vector<std::string>& args) {
  int err_pipe[2];
  BOOST_REQUIRE(::pipe(err_pipe) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  std::vector<std::string> all = {CCDAFHIR_BINARY, "serve", "--port", "0",
                                  std::string("--data-dir=") + CCDAFHIR_SOURCE_DIR};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  BOOST_REQUIRE(posix_spawn(&child, CCDAFHIR_BINARY, &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(err_pipe[1]);
  pid = child;
  err_fd_ = err_pipe[0];
  // "ccdafhir serve: listening on http://127.0.0.1:PORT"
  auto give_up = std::chrono::steady_clock::now() + 30s;
  while (port == 0 && std::chrono::steady_clock::now() < give_up) {
    pollfd p{err_fd_, POLLIN, 0};
    if (::poll(&p, 1, 1000) <= 0) continue;
    char buf[512];
    ssize_t n = ::read(err_fd_, buf, sizeof buf);
    if (n <= 0) break;
    log.append(buf, static_cast<std::size_t>(n));
    auto at = log.find("listening on http://127.0.0.1:");
    auto eol = log.find('\n', at);
    if (at != std::string::npos && eol != std::string::npos)
      port = std::stoi(log.substr(at + 30, eol - at - 30));
  }
  BOOST_REQUIRE_MESSAGE(port > 0, "no listening line: " << log);
}

int ServeProcess::terminate() {
  if (pid == 0) return -1;
  BOOST_TEST(::kill(pid, SIGTERM) == 0);
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  pid = 0;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(err_fd_, buf, sizeof buf)) > 0) log.append(buf, static_cast<std::size_t>(n));
  ::close(err_fd_);
  err_fd_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ServeProcess::~ServeProcess() {
  if (pid != 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  if (err_fd_ >= 0) ::close(err_fd_);
}

}  // namespace ccdafhir::serve_test
