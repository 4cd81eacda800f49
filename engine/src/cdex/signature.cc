#include "cdex/signature.h"

#include "ccdafhir/error.h"
#include "cdex/jcs.h"

namespace ccdafhir {

std::string signed_form(const Json& bundle) {
  Json copy = bundle;
  // signatures.md: "The id, meta, and signature elements on the root Bundle resource SHALL be
  // removed before canonicalization."
  for (const char* key : {"id", "meta", "signature"}) copy.erase(key);
  return jcs_canonicalize(copy);
}

void sign_bundle(Json& bundle, const SigningKey& key, const CdexConfig& config,
                 const std::string& when, const CdexIdentifier& signer) {
  if (key.subject_common_name.empty()) {
    throw Error(ErrorKind::kInputRejected,
                "the signer certificate has no subject common name for Signature.who.display");
  }
  std::string alg = jws_algorithm_for(key);
  Json header = Json::object();
  header["alg"] = alg;
  if (auto kty = config.key_type_by_alg.find(alg); kty != config.key_type_by_alg.end()) {
    header["kty"] = kty->second;
  }
  Json x5c = Json::array();
  for (const std::string& der : key.certificates_der) x5c.push_back(base64_encode(der));
  header["x5c"] = x5c;
  header["sigT"] = when;  // CDex 3.0.0: SHALL equal Signature.when

  std::string jws = jws_sign_detached(jcs_canonicalize(header), signed_form(bundle), key);

  Json type = Json::object();
  type["system"] = config.signature_type.system;
  type["code"] = config.signature_type.code;
  type["display"] = config.signature_type.display;
  Json who = Json::object();
  if (!signer.empty()) {
    Json id = Json::object();
    id["type"] = Json{{"coding", Json::array({Json{{"system", config.who_identifier_type.system},
                                                   {"code", config.who_identifier_type.code}}})}};
    if (!signer.system.empty()) id["system"] = signer.system;
    id["value"] = signer.value;
    who["identifier"] = id;
  }
  who["display"] = key.subject_common_name;
  Json signature = Json::object();
  signature["type"] = Json::array({type});
  signature["when"] = when;
  signature["who"] = who;
  signature["targetFormat"] = config.signature_target_format;
  signature["sigFormat"] = config.signature_sig_format;
  signature["data"] = base64_encode(jws);
  bundle["signature"] = signature;

  if (!bundle.contains("meta") || !bundle["meta"].is_object()) bundle["meta"] = Json::object();
  Json& meta = bundle["meta"];
  if (!meta.contains("profile") || !meta["profile"].is_array()) meta["profile"] = Json::array();
  meta["profile"].push_back(config.signature_bundle_profile);
}

}  // namespace ccdafhir
