#include "util/sha1.h"

#include <openssl/evp.h>

#include <new>

namespace ccdafhir {

namespace {

// OpenSSL's SHA-1 uses the CPU's SHA instructions where there are some: several times faster
// than portable code on whole documents (batch hashes every member). The algorithm is fetched
// once (a fetch per call takes a lock shared by all threads); each thread keeps one context.
const EVP_MD* sha1_algorithm() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  if (!md) throw std::bad_alloc();
  return md;
}

struct ContextHolder {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~ContextHolder() { EVP_MD_CTX_free(ctx); }
};

}  // namespace

std::array<std::uint8_t, 20> sha1(std::string_view data) {
  thread_local ContextHolder holder;
  std::array<std::uint8_t, 20> out{};
  unsigned int length = 0;
  if (!holder.ctx || EVP_DigestInit_ex2(holder.ctx, sha1_algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(holder.ctx, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(holder.ctx, out.data(), &length) != 1 || length != out.size()) {
    throw std::bad_alloc();  // OpenSSL fails here only when it cannot allocate
  }
  return out;
}

}  // namespace ccdafhir
