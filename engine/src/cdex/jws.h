// JWS compact serialisation with a detached payload (RFC 7515 appendix F), the form CDex puts
// in Signature.data, over OpenSSL: RS256 for RSA keys, ES256 for P-256 keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ccdafhir {

std::string base64_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);
// Throws Error(kInputRejected) for characters outside the alphabet or a bad length.
std::string base64_decode(std::string_view text);
std::string base64url_decode(std::string_view text);

struct SigningKey {
  std::string private_key_pem;
  // The signer's certificate chain, signer first (x5c). Each as DER bytes.
  std::vector<std::string> certificates_der;
  std::string subject_common_name;  // of the first certificate, "" if none
};

// Reads a PEM file's private key and the certificates in it or in `cert_pem` (either may hold
// them). Throws Error(kInputRejected) naming what is missing: no private key, no certificate
// (x5c is required by CDex), or a key type other than RSA and EC P-256.
SigningKey read_signing_key(const std::string& key_pem, const std::string& cert_pem);

// "header..signature": the JWS over base64url(payload) with the protected header given as JSON
// text (the caller canonicalises it). `alg` comes from the key: RS256 or ES256.
std::string jws_sign_detached(const std::string& header_json, std::string_view payload,
                              const SigningKey& key);
std::string jws_algorithm_for(const SigningKey& key);

struct JwsParts {
  std::string header_json;  // decoded protected header
  std::string encoded_header;
  std::string signature;  // raw signature bytes
};
// Splits a detached compact JWS; throws Error(kInputRejected) when it is not one.
JwsParts jws_split_detached(std::string_view compact);

// Verifies a detached JWS against the payload with a public key: `public_pem` holds a public key
// or a certificate (PEM); when empty, `certificate_der` (the first x5c entry) gives the key.
// false when the signature does not match; throws Error(kInputRejected) for an unusable key.
bool jws_verify_detached(const JwsParts& jws, const std::string& alg, std::string_view payload,
                         const std::string& public_pem, const std::string& certificate_der);

}  // namespace ccdafhir
