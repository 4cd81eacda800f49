// verify_signatures: every signed Bundle and every hashed inline attachment in a resource.
#include "ccdafhir/cdex.h"
#include "ccdafhir/error.h"
#include "cdex/jws.h"
#include "cdex/signature.h"
#include "intake/json_intake.h"
#include "util/sha1.h"

namespace ccdafhir {

namespace {

std::string text_member(const Json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) return {};
  return obj[key].get<std::string>();
}

class Verifier {
 public:
  Verifier(const std::string& public_pem, const Limits& limits)
      : public_pem_(public_pem), limits_(limits) {}

  void walk(const Json& v, const std::string& path) {
    if (v.is_array()) {
      for (std::size_t i = 0; i < v.size(); ++i) walk(v[i], path + "[" + std::to_string(i) + "]");
      return;
    }
    if (!v.is_object()) return;
    std::string type = text_member(v, "resourceType");
    if (type == "Bundle" && v.contains("signature"))
      check_bundle(v, path.empty() ? "Bundle" : path);
    if (type == "DocumentReference")
      check_attachments(v, path.empty() ? "DocumentReference" : path);
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() == "signature") continue;
      walk(it.value(), path.empty() ? it.key() : path + "." + it.key());
    }
  }

  VerifyResult result;

 private:
  void invalid(const std::string& why) {
    if (result.reason.empty()) result.reason = why;
  }

  void check_bundle(const Json& bundle, const std::string& path) {
    const Json& sig = bundle["signature"];
    std::string data = text_member(sig, "data");
    if (data.empty()) throw Error(ErrorKind::kInputRejected, path + ".signature.data is missing");
    ++result.signatures_checked;
    JwsParts jws = jws_split_detached(base64_decode(data));
    Json header = parse_json_input(jws.header_json, limits_);
    std::string alg = text_member(header, "alg");
    if (alg.empty()) throw Error(ErrorKind::kInputRejected, path + ": the JWS header has no alg");
    std::string cert;
    if (header.contains("x5c") && header["x5c"].is_array() && !header["x5c"].empty() &&
        header["x5c"][0].is_string()) {
      cert = base64_decode(header["x5c"][0].get<std::string>());
    }
    if (public_pem_.empty() && cert.empty()) {
      throw Error(ErrorKind::kInputRejected, path + ": no key given and the JWS header has no x5c");
    }
    if (!jws_verify_detached(jws, alg, signed_form(bundle), public_pem_, cert)) {
      invalid(path + ".signature does not match the Bundle");
      return;
    }
    std::string sig_t = text_member(header, "sigT");
    if (!sig_t.empty() && sig_t != text_member(sig, "when")) {
      invalid(path + ".signature.when differs from the JWS header's sigT");
    }
  }

  void check_attachments(const Json& docref, const std::string& path) {
    if (!docref.contains("content") || !docref["content"].is_array()) return;
    const Json& content = docref["content"];
    for (std::size_t i = 0; i < content.size(); ++i) {
      if (!content[i].is_object() || !content[i].contains("attachment")) continue;
      const Json& a = content[i]["attachment"];
      std::string data = text_member(a, "data");
      std::string hash = text_member(a, "hash");
      if (data.empty() || hash.empty()) continue;
      ++result.attachments_checked;
      auto digest = sha1(base64_decode(data));
      std::string actual = base64_encode(
          std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
      if (actual != hash) {
        invalid(path + ".content[" + std::to_string(i) +
                "].attachment.hash does not match its data");
      }
    }
  }

  const std::string& public_pem_;
  const Limits& limits_;
};

}  // namespace

VerifyResult verify_integrity(std::string_view json, const Limits& limits) {
  Json doc = parse_json_input(json, limits);
  const std::string no_key;  // each signature's own x5c (the Verifier keeps a reference)
  Verifier v(no_key, limits);
  v.walk(doc, "");
  v.result.status = v.result.reason.empty() ? SignatureStatus::kValid : SignatureStatus::kInvalid;
  return v.result;
}

VerifyResult verify_signatures(std::string_view json, const std::string& public_key_pem,
                               const Limits& limits) {
  Json doc = parse_json_input(json, limits);
  Verifier v(public_key_pem, limits);
  v.walk(doc, "");
  if (v.result.signatures_checked == 0) {
    throw Error(ErrorKind::kInputRejected, "no signed Bundle found (no Bundle.signature)");
  }
  v.result.status = v.result.reason.empty() ? SignatureStatus::kValid : SignatureStatus::kInvalid;
  return v.result;
}

}  // namespace ccdafhir
