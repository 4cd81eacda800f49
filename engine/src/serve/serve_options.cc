#include "serve/serve_options.h"

#include "ccdafhir/error.h"

namespace ccdafhir::serve {

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

void check_exposure(const ServeOptions& options) {
  auto reject = [](const std::string& why) { throw Error(ErrorKind::kInputRejected, why); };
  if (options.port < 0 || options.port > 65535) reject("--port must be 0..65535");
  if (options.queue == 0) reject("--queue must be at least 1");
  if (options.request_timeout.count() <= 0) reject("--timeout must be positive");
  if (options.tls_cert.empty() != options.tls_key.empty())
    reject("--tls-cert and --tls-key go together");
  bool tls = !options.tls_cert.empty();
  if (!is_loopback(options.host) && !(tls && !options.token.empty())) {
    // Clinical documents travel in these requests: off the loopback interface they need
    // encryption and a caller that proves who it is.
    reject("binding " + options.host +
           " (not loopback) needs both --tls-cert/--tls-key and --token-file");
  }
}

}  // namespace ccdafhir::serve
