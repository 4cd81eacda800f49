// Da Vinci CDex attachments: a C-CDA document (and optionally its FHIR document Bundle) wrapped
// as a $submit-attachment Parameters resource or as a DocumentReference, the CDex signature on
// an attached Bundle (JWS, detached payload, RFC 8785 canonical JSON), its verification, and
// the reading of a received submission. Everything the packager writes that the spec fixes
// (profiles, code systems, codes) comes from mappings/cdex/submit-attachment.yaml.
// A CdexPackager is immutable after construction and may be shared by any number of threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ccdafhir/options.h"

namespace ccdafhir {

struct CdexIdentifier {
  std::string system;  // may be empty (CDex: SHOULD be populated)
  std::string value;
  bool empty() const { return value.empty(); }
};

// "system|value", or a bare value without a system. Throws Error(kInputRejected) when the
// value is empty.
CdexIdentifier parse_identifier(std::string_view text);

struct PackageRequest {
  std::string cda_xml;      // the C-CDA bytes: attached exactly as they are (base64)
  std::string bundle_json;  // optional: the document as a FHIR Bundle (a second Attachment)
  CdexIdentifier tracking_id, payer_id, organization_id, provider_id, member_id;  // empty: absent
  std::string attach_to = "claim";  // claim | preauthorization
  std::string service_date;         // YYYY-MM-DD; required when attach_to is claim
  std::string code;                 // LOINC attachment code (Attachment.Code)
  std::vector<std::string> line_items;
  std::string now = "1970-01-01T00:00:00Z";  // FHIR instant: DocumentReference.date, Signature.when
  std::string signing_key_pem;               // optional: sign the Bundle (needs bundle_json)
  std::string signing_cert_pem;  // the signer's certificate(s) for x5c; may be in the key PEM
  Limits limits;
};

// What a service needs from a received $submit-attachment body.
struct SubmittedAttachment {
  std::vector<std::string> line_items;
  std::string code;           // the first Code.coding.code, "" if none
  std::string resource_type;  // of Content: DocumentReference, Bundle, ...
  std::string content_type;   // a DocumentReference's attachment contentType ("" otherwise)
  std::string data;           // the decoded inline attachment (C-CDA XML), or Content's JSON
  std::string resource;       // Content's JSON (the resource itself)
  std::string fhir_path;      // of the Content resource: Parameters.parameter[7].part[3].resource
};

struct Submission {
  CdexIdentifier tracking_id;
  std::string attach_to;
  CdexIdentifier member_id;
  std::vector<SubmittedAttachment> attachments;
  bool final = true;  // the Final parameter; CDex: omitted means true
};

class CdexPackagerImpl;

class CdexPackager {
 public:
  // Reads data_dir/mappings/cdex/submit-attachment.yaml (empty: default_data_dir()); throws
  // Error(kConfig) naming the file and key when it is broken.
  explicit CdexPackager(const std::string& data_dir = {});
  ~CdexPackager();
  CdexPackager(const CdexPackager&) = delete;
  CdexPackager& operator=(const CdexPackager&) = delete;

  // The CDex Parameters Submit Attachment resource (JSON, one line, newline-terminated).
  // Throws Error(kInputRejected) naming the first missing or malformed input.
  std::string submit_attachment(const PackageRequest& request) const;
  // The US Core DocumentReference alone, for the DocumentReference query pattern.
  std::string document_reference(const PackageRequest& request) const;

  // The parts of a received $submit-attachment body a service acts on, with the operation's
  // own rules checked (the ones its profile cannot state: ProviderId or OrganizationId; a
  // ServiceDate to the day for the AttachTo values the data file lists; one Content per
  // Attachment). Throws Error(kInputRejected) naming the parameter that is missing or malformed.
  Submission read_submission(std::string_view parameters_json, const Limits& limits) const;

  // The canonical URL of the CDex Parameters Submit Attachment profile (from the data file).
  const std::string& parameters_profile() const;

 private:
  std::unique_ptr<CdexPackagerImpl> impl_;
};

enum class SignatureStatus { kValid, kInvalid };

struct VerifyResult {
  SignatureStatus status = SignatureStatus::kInvalid;
  std::size_t signatures_checked = 0;
  std::size_t attachments_checked = 0;  // DocumentReference attachments whose hash was checked
  std::string reason;                   // why it is invalid (no patient values)
};

// Checks every signed Bundle in the input (a Bundle, or a Parameters or other resource holding
// Bundles) and the SHA-1 hash of every inline DocumentReference attachment that has one.
// public_key_pem: a PEM public key or certificate; empty: each signature's first x5c
// certificate. Throws Error(kInputRejected) when the input is not JSON or holds no signature.
VerifyResult verify_signatures(std::string_view json, const std::string& public_key_pem,
                               const Limits& limits);

// The same checks for a receiver that does not require a signature: every signed Bundle (key
// from its x5c) and every hashed inline attachment; kValid when there is nothing to check.
// Throws Error(kInputRejected) when the input is not JSON or a signature is unreadable.
VerifyResult verify_integrity(std::string_view json, const Limits& limits);

}  // namespace ccdafhir
