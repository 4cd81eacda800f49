// The CDex signature on a FHIR Bundle (signatures.md, "Digital Signature Rules"): JWS with a
// detached payload over the RFC 8785 form of the Bundle without id, meta and signature, put
// base64-encoded in Bundle.signature.data.
#pragma once

#include <string>

#include "ccdafhir/cdex.h"
#include "cdex/cdex_config.h"
#include "cdex/jws.h"
#include "util/json.h"

namespace ccdafhir {

// The bytes a Bundle's signature covers.
std::string signed_form(const Json& bundle);

// Adds Bundle.signature (and the CDex Signature Bundle profile to meta.profile, which the
// signature does not cover). `signer` names who signs (Signature.who.identifier); its display
// is the certificate's subject common name.
void sign_bundle(Json& bundle, const SigningKey& key, const CdexConfig& config,
                 const std::string& when, const CdexIdentifier& signer);

}  // namespace ccdafhir
