#include "cdex/jws.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include "ccdafhir/error.h"

namespace ccdafhir {

namespace {

[[noreturn]] void reject(const std::string& why) {
  throw Error(ErrorKind::kInputRejected, why);
}

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* c) const { X509_free(c); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct SigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

BioPtr memory_bio(std::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c, bool url) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == (url ? '-' : '+')) return 62;
  if (c == (url ? '_' : '/')) return 63;
  return -1;
}

std::string decode(std::string_view text, bool url) {
  if (!url) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  }
  if (text.size() % 4 == 1) reject("base64 text has an impossible length");
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = sextet(c, url);
    if (v < 0)
      reject(std::string(url ? "base64url" : "base64") +
             " text has a character outside its alphabet");
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::string der_of(X509* cert) {
  unsigned char* der = nullptr;
  int len = i2d_X509(cert, &der);
  if (len <= 0) reject("certificate cannot be encoded");
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::string common_name(X509* cert) {
  X509_NAME* name = X509_get_subject_name(cert);
  char buf[256] = {0};
  if (X509_NAME_get_text_by_NID(name, NID_commonName, buf, sizeof buf) <= 0) return {};
  return buf;
}

void read_certificates(const std::string& pem, SigningKey& key) {
  if (pem.empty()) return;
  BioPtr bio = memory_bio(pem);
  while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    X509Ptr cert(c);
    if (key.certificates_der.empty()) key.subject_common_name = common_name(cert.get());
    key.certificates_der.push_back(der_of(cert.get()));
  }
}

PkeyPtr private_key(const std::string& pem) {
  BioPtr bio = memory_bio(pem);
  PkeyPtr k(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!k) reject("the signing key file holds no (unencrypted) PEM private key");
  return k;
}

std::string algorithm_of(EVP_PKEY* k) {
  if (EVP_PKEY_base_id(k) == EVP_PKEY_RSA) return "RS256";
  if (EVP_PKEY_base_id(k) == EVP_PKEY_EC) {
    char group[64] = {0};
    std::size_t len = 0;
    if (EVP_PKEY_get_group_name(k, group, sizeof group, &len) == 1 &&
        std::string_view(group) == "prime256v1") {
      return "ES256";
    }
  }
  reject("signing key is neither RSA nor EC P-256 (CDex uses RS256, or ES256)");
}

// JWS ES256 signatures are r || s, 32 bytes each; OpenSSL speaks DER.
std::string ecdsa_der_to_raw(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<ECDSA_SIG, SigFree> sig(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) throw Error(ErrorKind::kInternal, "ECDSA signature cannot be decoded");
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  return raw;
}

std::string ecdsa_raw_to_der(const std::string& raw) {
  if (raw.size() != 64) return {};
  std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
  const auto* u = reinterpret_cast<const unsigned char*>(raw.data());
  ECDSA_SIG_set0(sig.get(), BN_bin2bn(u, 32, nullptr), BN_bin2bn(u + 32, 32, nullptr));
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

PkeyPtr public_key(const std::string& pem, const std::string& cert_der) {
  if (!pem.empty()) {
    BioPtr bio = memory_bio(pem);
    if (EVP_PKEY* k = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)) return PkeyPtr(k);
    BioPtr again = memory_bio(pem);
    X509Ptr cert(PEM_read_bio_X509(again.get(), nullptr, nullptr, nullptr));
    if (!cert) reject("the key file holds neither a PEM public key nor a PEM certificate");
    return PkeyPtr(X509_get_pubkey(cert.get()));
  }
  const auto* p = reinterpret_cast<const unsigned char*>(cert_der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(cert_der.size())));
  if (!cert) reject("the JWS header's first x5c entry is not a DER certificate");
  return PkeyPtr(X509_get_pubkey(cert.get()));
}

}  // namespace

std::string base64_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto byte = [&](std::size_t j) {
    return static_cast<unsigned>(static_cast<unsigned char>(in[j]));
  };
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    for (int s : {18, 12, 6, 0}) out += kAlphabet[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = byte(i) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned v = (byte(i) << 16) | (byte(i + 1) << 8);
    for (int s : {18, 12, 6}) out += kAlphabet[(v >> s) & 63];
    out += '=';
  }
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string s = base64_encode(bytes);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char& c : s) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return s;
}

std::string base64_decode(std::string_view text) {
  return decode(text, false);
}
std::string base64url_decode(std::string_view text) {
  return decode(text, true);
}

SigningKey read_signing_key(const std::string& key_pem, const std::string& cert_pem) {
  SigningKey key;
  key.private_key_pem = key_pem;
  algorithm_of(private_key(key_pem).get());  // checks the key now, before anything is built
  read_certificates(key_pem, key);
  if (key.certificates_der.empty()) read_certificates(cert_pem, key);
  if (key.certificates_der.empty()) {
    reject("no signer certificate: CDex requires x5c (give it with --cert or in the key file)");
  }
  return key;
}

std::string jws_algorithm_for(const SigningKey& key) {
  return algorithm_of(private_key(key.private_key_pem).get());
}

std::string jws_sign_detached(const std::string& header_json, std::string_view payload,
                              const SigningKey& key) {
  PkeyPtr k = private_key(key.private_key_pem);
  std::string alg = algorithm_of(k.get());
  std::string encoded_header = base64url_encode(header_json);
  std::string input = encoded_header + "." + base64url_encode(payload);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, k.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size()) != 1) {
    throw Error(ErrorKind::kInternal, "OpenSSL could not start the signature");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    throw Error(ErrorKind::kInternal, "OpenSSL could not sign");
  }
  sig.resize(len);
  if (alg == "ES256") sig = ecdsa_der_to_raw(sig);
  return encoded_header + ".." + base64url_encode(sig);
}

JwsParts jws_split_detached(std::string_view compact) {
  auto first = compact.find('.');
  auto second = first == std::string_view::npos ? first : compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos) {
    reject("Signature.data is not a compact JWS (header.payload.signature)");
  }
  if (second != first + 1) reject("the JWS payload is not detached");
  JwsParts parts;
  parts.encoded_header = std::string(compact.substr(0, first));
  parts.header_json = base64url_decode(parts.encoded_header);
  parts.signature = base64url_decode(compact.substr(second + 1));
  return parts;
}

bool jws_verify_detached(const JwsParts& jws, const std::string& alg, std::string_view payload,
                         const std::string& public_pem, const std::string& certificate_der) {
  PkeyPtr k = public_key(public_pem, certificate_der);
  if (!k) reject("no usable public key");
  std::string expected_alg = algorithm_of(k.get());
  if (alg != expected_alg) return false;  // a header naming another algorithm is not ours to try
  std::string sig = jws.signature;
  if (alg == "ES256") {
    sig = ecdsa_raw_to_der(sig);
    if (sig.empty()) return false;
  }
  std::string input = jws.encoded_header + "." + base64url_encode(payload);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, k.get()) != 1) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

}  // namespace ccdafhir
