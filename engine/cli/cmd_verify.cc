// ccdafhir verify FILE [--key PUB.pem]
// Exit 0: every signature (and attachment hash) checks; 1: one does not; 2: input rejected
// (not JSON, no signature, unusable key).
#include <iostream>

#include "ccdafhir/cdex.h"
#include "ccdafhir/error.h"
#include "commands.h"
#include "util/files.h"

namespace ccdafhir::cli {

int cmd_verify(const Args& a) {
  check_known(a, {"--key"});
  if (a.positional.size() != 1) throw Error(ErrorKind::kInputRejected, "verify takes one file");
  Limits limits;
  std::string input = read_input(a.positional[0], limits.max_input_bytes);
  std::string key;
  if (auto k = option(a, "--key"); !k.empty()) key = read_input(k, 1u << 20);
  VerifyResult result = verify_signatures(input, key, limits);
  if (result.status == SignatureStatus::kValid) {
    std::cout << "valid: " << result.signatures_checked << " signature(s), "
              << result.attachments_checked << " attachment hash(es)\n";
    return kExitOk;
  }
  std::cout << "invalid: " << result.reason << "\n";
  return kExitValidationErrors;
}

}  // namespace ccdafhir::cli
