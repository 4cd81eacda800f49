// ccdafhir serve [--port N] [--host ADDR] [--jobs N] [--queue N] [--timeout S]
//                [--max-body-bytes N] [--token-file F] [--tls-cert F --tls-key F]
//                [--store DIR] [--cda-xsd DIR] [--quiet]
// Runs until SIGTERM or SIGINT; then stops accepting, lets in-flight requests finish, exits 0.
#include <iostream>

#include "ccdafhir/cdex.h"
#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "ccdafhir/render.h"
#include "ccdafhir/validate.h"
#include "commands.h"
#include "serve/server.h"
#include "serve/shutdown_signal.h"
#include "util/files.h"

namespace ccdafhir::cli {

namespace {

std::size_t count_option(const Args& a, const std::string& name, std::size_t fallback,
                         std::size_t max) {
  std::string text = option(a, name);
  if (text.empty()) return fallback;
  std::size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text[0] == '-' || v > max)
    throw Error(ErrorKind::kInputRejected,
                name + " must be a whole number up to " + std::to_string(max));
  return static_cast<std::size_t>(v);
}

// The token is the file's content without surrounding white space.
std::string read_token(const std::string& path) {
  std::string token = read_input(path, 4096);
  auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!token.empty() && blank(token.back())) token.pop_back();
  std::size_t start = 0;
  while (start < token.size() && blank(token[start])) ++start;
  token.erase(0, start);
  if (token.empty()) throw Error(ErrorKind::kInputRejected, "--token-file is empty");
  return token;
}

}  // namespace

int cmd_serve(const Args& a) {
  check_known(
      a, {"--port", "--host", "--jobs", "--queue", "--timeout", "--max-body-bytes", "--token-file",
          "--tls-cert", "--tls-key", "--data-dir", "--store", "--cda-xsd", "--quiet"});
  if (!a.positional.empty()) throw Error(ErrorKind::kInputRejected, "serve takes no file");
  serve::ServeOptions options;
  options.host = option(a, "--host", options.host);
  options.port = static_cast<int>(count_option(a, "--port", 8080, 65535));
  options.jobs = count_option(a, "--jobs", 0, 1024);
  options.queue = count_option(a, "--queue", options.queue, 100000);
  options.request_timeout = std::chrono::seconds(count_option(a, "--timeout", 30, 3600));
  options.max_body_bytes =
      count_option(a, "--max-body-bytes", options.max_body_bytes, Limits{}.max_input_bytes);
  options.tls_cert = option(a, "--tls-cert");
  options.tls_key = option(a, "--tls-key");
  if (auto f = option(a, "--token-file"); !f.empty()) options.token = read_token(f);
  options.log_requests = !flag(a, "--quiet");
  serve::check_exposure(options);

  // Before any thread exists, so that every thread inherits the blocked signals.
  serve::block_termination_signals();
  // Everything the routes share is loaded once, before the first request.
  Engine engine(engine_config(a));
  ValidatorConfig validator_config;
  validator_config.data_dir = option(a, "--data-dir");
  validator_config.cda_xsd_dir = option(a, "--cda-xsd");
  Validator validator(validator_config);
  Renderer renderer(RenderConfig{option(a, "--data-dir")});
  CdexPackager cdex(option(a, "--data-dir"));
  serve::AttachmentStore store(option(a, "--store", "ccdafhir-attachments"));
  serve::Server server(options, serve::Services{engine, validator, renderer, cdex, store});
  server.start();
  std::cerr << "ccdafhir serve: accepted attachments are stored in " << store.dir() << "\n";
  std::cerr << "ccdafhir serve: listening on " << (options.tls_cert.empty() ? "http" : "https")
            << "://" << options.host << ":" << server.port() << std::endl;
  int sig = serve::wait_for_termination_signal();
  std::cerr << "ccdafhir serve: signal " << sig << ", finishing in-flight requests" << std::endl;
  server.stop();
  std::cerr << "ccdafhir serve: stopped" << std::endl;
  return kExitOk;
}

}  // namespace ccdafhir::cli
