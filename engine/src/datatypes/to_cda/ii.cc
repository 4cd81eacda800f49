// Identifier -> II, per mappingGuidance.md "FHIR Identifier -> CDA id with Example Mapping":
//  system with a known OID (CodeSystems)    -> root = OID,  extension = value
//  system urn:oid:X                          -> root = X,    extension = value
//  system urn:uuid:x                         -> root = X (upper case, CDA UUIDs are upper case)
//  system urn:ietf:rfc:3986, value urn:oid:X -> root = X only ("use OID as root")
//  system urn:ietf:rfc:3986, value urn:uuid: -> root = UUID only
//  system another URL / URN, no OID          -> root 2.16.840.1.113883.4.873 (the OID of
//                                               urn:ietf:rfc:3986), extension = system + "/" +
//                                               value (URL) or system + ":" + value (URN)
//  value only                                -> extension only ("only set value" in the reverse
//                                               table), reported (information)
// Choices where the guidance is terse:
//  - a system with a data-absent-reason on value and no value (how the forward direction writes
//    "an unknown NPI") -> root + nullFlavor from FC-DataAbsentReasonNullFlavor;
//  - a urn:ietf:rfc:3986 value that is neither urn:oid nor urn:uuid (a URL used as an id) ->
//    root 2.16.840.1.113883.4.873 + extension = the URL;
//  - an OID that is not digits-and-dots, or a system that is not a URI, is reported and nothing
//    is written (a root cannot carry a nullFlavor and guessing one would invent an identity);
//  - assigner.display -> assigningAuthorityName; use, type and period have no II counterpart
//    (type and period are reported, information).
#include <string>
#include <string_view>

#include "datatypes/to_cda.h"
#include "datatypes/to_cda/xml_out.h"

namespace ccdafhir::rdt {

namespace {

constexpr std::string_view kUriSystem = "urn:ietf:rfc:3986";
constexpr std::string_view kUriOid = "2.16.840.1.113883.4.873";

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
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

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool is_url(std::string_view s) {
  return starts_with(s, "http://") || starts_with(s, "https://");
}

// A urn:oid:/urn:uuid: URI -> the UID it names ("" when it names none).
std::string uid_of(std::string_view uri) {
  if (starts_with(uri, "urn:oid:") && is_oid(uri.substr(8))) return std::string(uri.substr(8));
  if (starts_with(uri, "urn:uuid:") && is_uuid(uri.substr(9))) return upper(uri.substr(9));
  return {};
}

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

bool ii(const Json& identifier, xmlNode* el, ReverseContext& ctx) {
  if (!identifier.is_object()) return false;
  std::string system = trim(out::str(identifier, "system"));
  std::string value = trim(out::str(identifier, "value"));
  std::string root, extension, null_flavor;

  if (system.empty() || system == kUriSystem) {
    if (value.empty()) return false;
    if (std::string uid = uid_of(value); !uid.empty()) {
      root = uid;
    } else if (system == kUriSystem) {
      root = kUriOid;
      extension = value;
    } else {
      extension = value;
      ctx.report(Severity::kInformation, IssueCode::kInformational,
                 "Identifier has no system; the id has an extension but no root");
    }
  } else {
    root = uid_of(system);
    if (root.empty()) root = ctx.systems.oid_for(system);
    if (!root.empty() && !is_oid(root) && !is_uuid(root)) {
      ctx.report(Severity::kWarning, IssueCode::kInvalid,
                 "Identifier.system names an OID that is not valid; the id is left out");
      return false;
    }
    if (!root.empty()) {
      extension = value;
    } else if (is_url(system) || starts_with(system, "urn:")) {
      if (value.empty()) {
        ctx.report(Severity::kWarning, IssueCode::kRequired,
                   "Identifier.system has no OID and there is no value to concatenate it with");
        return false;
      }
      root = kUriOid;
      bool urn = starts_with(system, "urn:");
      bool joined = urn ? system.back() == ':' : system.back() == '/';
      extension = system + (joined ? "" : urn ? ":" : "/") + value;
    } else {
      ctx.report(Severity::kWarning, IssueCode::kInvalid,
                 "Identifier.system is not a URI; the id is left out");
      return false;
    }
    if (extension.empty()) {
      std::string reason = out::data_absent_reason(out::member(identifier, "_value"));
      if (ctx.maps) {
        null_flavor = null_flavor_for(reason, *ctx.maps);
      } else {
        null_flavor = "NI";
      }
    }
  }

  if (!root.empty()) out::set(el, "root", root);
  if (!extension.empty()) out::set(el, "extension", extension);
  if (!null_flavor.empty()) out::set(el, "nullFlavor", null_flavor);
  std::string authority = trim(out::str(out::member(identifier, "assigner"), "display"));
  if (!authority.empty()) out::set(el, "assigningAuthorityName", authority);
  if (identifier.contains("type") || identifier.contains("period")) {
    ctx.report(Severity::kInformation, IssueCode::kNotSupported,
               "Identifier.type/period have no place in a CDA id; left out");
  }
  return true;
}

}  // namespace ccdafhir::rdt
