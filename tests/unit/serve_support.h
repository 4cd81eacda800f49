// Shared by the serve suites: the service running in the test on a free loopback port with
// the engine, validator, renderer and CDex reader over this tree and a scratch attachment store,
// raw-socket helpers for what an HTTP client library would hide, and corpus lookups.
#pragma once

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ccdafhir/cdex.h"
#include "ccdafhir/render.h"
#include "ccdafhir/validate.h"
#include "serve/server.h"
#include "test_support.h"

namespace ccdafhir::serve_test {

namespace fs = std::filesystem;
namespace sv = ccdafhir::serve;

inline constexpr const char* kNow = "2000-01-01T00:00:00Z";

sv::ServeOptions quiet_options();

const Validator& validator();
const Renderer& renderer();
const CdexPackager& cdex();

// A fresh attachment store, removed with the server.
struct ScratchStore {
  ScratchStore();
  ~ScratchStore();
  fs::path dir;
  sv::AttachmentStore store;
};

// A server on a free loopback port for the duration of one test.
struct Running {
  explicit Running(sv::ServeOptions o = quiet_options());
  httplib::Client client() const;
  ScratchStore scratch;  // before the server: it outlives it
  sv::Server server;
};

std::string sample();
std::string to_fhir_path();
// What `ccdafhir to-fhir --now kNow` writes for this input, or "" when it rejects the input.
std::string cli_output(const std::string& xml);
bool is_operation_outcome(const std::string& body);

int connect_loopback(int port);
bool send_all(int fd, std::string_view data);
// Reads until the peer closes or `limit` passes; returns what arrived.
std::string read_until_closed(int fd, std::chrono::milliseconds limit, bool* closed = nullptr);
// The request counters are updated by the access-log hook just after the response is written;
// asks again for up to two seconds until the line is there.
bool metrics_show(httplib::Client& c, const std::string& line);
int status_of(const std::string& raw_response);
std::vector<std::string> corpus_documents();

// `ccdafhir serve --port 0 --data-dir SOURCE` plus `args`, as a child process; the constructor
// waits for its "listening on" line. terminate() sends SIGTERM and returns the exit status
// (-1 when it did not exit normally); the whole standard error is in `log` afterwards.
struct ServeProcess {
  explicit ServeProcess(const std::vector<std::string>& args);
  ~ServeProcess();
  int terminate();
  int pid = 0;
  int port = 0;
  std::string log;

 private:
  int err_fd_ = -1;
};

}  // namespace ccdafhir::serve_test
