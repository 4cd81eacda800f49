// II -> Identifier, per mappingGuidance.md "CDA id -> FHIR Identifier with Example Mapping":
//  root known (CodeSystems)        + extension -> system = its URI,            value = extension
//  root unknown OID                + extension -> system = urn:oid:<root>,     value = extension
//  root UUID                       + extension -> system = urn:uuid:<lower>,   value = extension
//  root 2.16.840.1.113883.4.873    + extension -> extension split at its last '/' (URL) or ':'
//                                                 (URN) into system and value
//  root OID only                               -> system urn:ietf:rfc:3986, value urn:oid:<root>
//  root UUID only                              -> system urn:ietf:rfc:3986, value urn:uuid:<lower>
//  extension only                              -> value only
//  nullFlavor (or nothing) without root        -> null (the caller decides on data-absent-reason)
//  nullFlavor + root, no extension              -> system = the root's URI, _value =
//                                                 data-absent-reason from the nullFlavor
// Choices where the guidance is terse:
//  - root known + no extension (e.g. an NPI with no number): footnote 1 says never to send a
//    known system's OID as the value, and "a FHIR Identifier may be created using a
//    data-absent-reason extension ... on the Identifier.value element": system + _value with
//    data-absent-reason (from the nullFlavor, "unknown" when there is none), with a warning when
//    there was no nullFlavor;
//  - @assigningAuthorityName -> assigner.display;
//  - a root that is neither OID, UUID nor URI is reported; the extension is kept, the system
//    carries data-absent-reason (unknown): the source names a namespace FHIR cannot express.
#include <string>
#include <string_view>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

constexpr std::string_view kUriOid = "2.16.840.1.113883.4.873";
constexpr const char* kUriSystem = "urn:ietf:rfc:3986";
constexpr const char* kDarUrl = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
  }
  return true;
}

bool is_oid(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = '.';
  for (char c : s) {
    if (c == '.' ? prev == '.' : (c < '0' || c > '9')) return false;
    prev = c;
  }
  return true;
}

bool is_uri(std::string_view s) {
  return s.substr(0, 4) == "urn:" || s.substr(0, 5) == "http:" || s.substr(0, 6) == "https:";
}

Json dar_extension(std::string_view null_flavor) {
  std::string reason = data_absent_reason(null_flavor);
  if (reason.empty()) reason = "unknown";
  return Json{{"extension", Json::array({Json{{"url", kDarUrl}, {"valueCode", reason}}})}};
}

}  // namespace

Json identifier(const xmlNode* ii, DatatypeContext& ctx) {
  if (!ii) return nullptr;
  std::string_view root = trim(cda::attr(ii, "root"));
  std::string_view extension = trim(cda::attr(ii, "extension"));
  std::string_view null_flavor = cda::attr(ii, "nullFlavor");
  Json id = Json::object();

  if (root.empty()) {
    if (extension.empty()) return nullptr;
    id["value"] = std::string(extension);
  } else if (!is_oid(root) && !is_uuid(root) && !is_uri(root)) {
    if (extension.empty()) {
      ctx.report(Severity::kWarning, IssueCode::kInvalid, ii,
                 "id/@root is neither an OID nor a UUID and there is no @extension: the "
                 "identifier is left out");
      return nullptr;
    }
    // The namespace the root was meant to name is unknown: Identifier.system carries
    // data-absent-reason (profiles such as US Core and bdl-9 require a system).
    ctx.report(Severity::kWarning, IssueCode::kInvalid, ii,
               "id/@root is neither an OID nor a UUID (CDA II.root): Identifier.system is "
               "written as data-absent-reason");
    id["_system"] = dar_extension("");
    id["value"] = std::string(extension);
  } else if (!extension.empty()) {
    if (root == kUriOid) {
      // The reverse of the FHIR -> CDA concatenation: split off the value.
      std::size_t cut = std::string_view::npos;
      if (extension.substr(0, 5) == "http:" || extension.substr(0, 6) == "https:") {
        cut = extension.rfind('/');
        if (cut != std::string_view::npos && cut > 0 && extension[cut - 1] == '/') {
          cut = std::string_view::npos;  // "http://host" has no path to split
        }
      } else if (extension.substr(0, 4) == "urn:") {
        cut = extension.rfind(':');
        if (cut <= 3) cut = std::string_view::npos;
      }
      if (cut != std::string_view::npos && cut + 1 < extension.size()) {
        id["system"] = std::string(extension.substr(0, cut));
        id["value"] = std::string(extension.substr(cut + 1));
      } else {
        id["system"] = kUriSystem;
        id["value"] = std::string(extension);
      }
    } else {
      id["system"] = ctx.systems.uri_for(root);
      id["value"] = std::string(extension);
    }
  } else if (ctx.systems.knows_oid(root)) {
    // Known identifier system without a value (mappingGuidance.md note 1 and the paragraph on
    // nullFlavor): data-absent-reason on Identifier.value.
    if (null_flavor.empty()) {
      ctx.report(Severity::kWarning, IssueCode::kRequired, ii,
                 "id/@root names a known identifier system but there is no @extension");
    }
    id["system"] = ctx.systems.uri_for(root);
    id["_value"] = dar_extension(null_flavor);
  } else if (!null_flavor.empty() && !is_uri(root)) {
    // A root with a nullFlavor and no extension (<id nullFlavor="UNK" root="..."/>): "id's
    // populated with a nullFlavor cannot be used as a globally unique identifier"
    // (supportingguidance.md), so the root is not the identifier's value; as for a known system
    // without a value (mappingGuidance.md), it is the system and data-absent-reason is on
    // Identifier.value. Backwards that is the same root and nullFlavor again.
    id["system"] = ctx.systems.uri_for(root);
    id["_value"] = dar_extension(null_flavor);
  } else if (is_uri(root)) {
    id["system"] = kUriSystem;
    id["value"] = std::string(root);
  } else {
    id["system"] = kUriSystem;
    id["value"] = ctx.systems.uri_for(root);  // urn:oid:<root> or urn:uuid:<lower>
  }

  std::string_view authority = trim(cda::attr(ii, "assigningAuthorityName"));
  if (!authority.empty()) id["assigner"] = Json{{"display", std::string(authority)}};
  return id;
}

}  // namespace ccdafhir::dt
