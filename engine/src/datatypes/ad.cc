// AD -> Address (mappingGuidance.md "CDA addr -> FHIR address"). @use through ConceptMap
// CF-AddressUse (spec/ccda-on-fhir-ig/maps/ConceptMap-CF-AddressUse.xml):
//   H, HP, HV -> home; WP, DIR, PUB -> work; TMP -> temp; BAD -> old; CONF, PHYS, PST unmatched.
// OLD (v3 "no longer in use") is not in the map; it is mapped to old as the obvious equivalent.
// PHYS/PST are unmatched for Address.use but are exactly Address.type physical/postal (both ->
// "both"). Choices where the guidance is silent:
//  - several @use codes: the first one that maps gives use; unmatched codes are reported (info);
//  - county -> district (FHIR's definition of district names the county);
//  - without streetAddressLine, the street parts (houseNumber, streetName, unitID, ...) are joined
//    with spaces, in document order, into one line; other parts (careOf, censusTract, precinct...)
//    are not mapped (reported, info);
//  - an addr with no part elements, only text, is an unstructured address -> text;
//  - the first city/state/postalCode/country/county wins.
#include <string>
#include <string_view>
#include <vector>

#include "cda/xml.h"
#include "datatypes/datatypes.h"

namespace ccdafhir::dt {

namespace {

std::string_view address_use(std::string_view code) {
  if (code == "H" || code == "HP" || code == "HV") return "home";
  if (code == "WP" || code == "DIR" || code == "PUB") return "work";
  if (code == "TMP") return "temp";
  if (code == "BAD" || code == "OLD") return "old";
  return {};
}

bool is_street_part(std::string_view name) {
  static constexpr std::string_view kParts[] = {"houseNumber",
                                                "houseNumberNumeric",
                                                "buildingNumberSuffix",
                                                "direction",
                                                "streetName",
                                                "streetNameBase",
                                                "streetNameType",
                                                "unitType",
                                                "unitID",
                                                "postBox",
                                                "deliveryAddressLine",
                                                "additionalLocator",
                                                "deliveryInstallationType",
                                                "deliveryInstallationArea",
                                                "deliveryInstallationQualifier",
                                                "deliveryMode",
                                                "deliveryModeIdentifier"};
  for (std::string_view p : kParts) {
    if (p == name) return true;
  }
  return false;
}

}  // namespace

Json address(const xmlNode* ad, DatatypeContext& ctx) {
  if (!ad) return nullptr;
  std::string use;
  bool physical = false, postal = false, unmatched = false;
  for (std::string_view code : cda::tokens(cda::attr(ad, "use"))) {
    if (code == "PHYS") {
      physical = true;
    } else if (code == "PST") {
      postal = true;
    } else if (std::string_view mapped = address_use(code); !mapped.empty()) {
      if (use.empty()) use = std::string(mapped);
    } else {
      unmatched = true;
    }
  }
  if (unmatched) {
    ctx.report(Severity::kInformation, IssueCode::kCodeInvalid, ad,
               "addr/@use has a code with no FHIR address use (CF-AddressUse)");
  }

  Json lines = Json::array();
  std::string street, city, district, state, postal_code, country;
  bool structured = false, unsupported = false;
  for (const xmlNode* c = ad->children; c; c = c->next) {
    if (!cda::is_element(c)) continue;
    std::string_view name = cda::name_of(c);
    if (name == "useablePeriod") continue;
    structured = true;
    std::string v = cda::normalize_space(cda::string_value(c));
    if (name == "delimiter") continue;
    if (name == "streetAddressLine") {
      if (!v.empty()) lines.push_back(v);
    } else if (name == "city") {
      if (city.empty()) city = v;
    } else if (name == "state") {
      if (state.empty()) state = v;
    } else if (name == "postalCode") {
      if (postal_code.empty()) postal_code = v;
    } else if (name == "country") {
      if (country.empty()) country = v;
    } else if (name == "county") {
      if (district.empty()) district = v;
    } else if (is_street_part(name)) {
      if (!v.empty()) street += (street.empty() ? "" : " ") + v;
    } else {
      unsupported = true;
    }
  }
  if (lines.empty() && !street.empty()) lines.push_back(street);
  if (unsupported) {
    ctx.report(Severity::kInformation, IssueCode::kNotSupported, ad,
               "addr has address parts that are not mapped to Address");
  }

  Json a = Json::object();
  put_if(a, "use", use);
  put_if(a, "type", physical && postal ? "both" : physical ? "physical" : postal ? "postal" : "");
  if (!structured) put_if(a, "text", cda::normalized_own_text(ad));
  put_if(a, "line", std::move(lines));
  put_if(a, "city", city);
  put_if(a, "district", district);
  put_if(a, "state", state);
  put_if(a, "postalCode", postal_code);
  put_if(a, "country", country);
  bool has_content = a.contains("text") || a.contains("line") || a.contains("city") ||
                     a.contains("district") || a.contains("state") || a.contains("postalCode") ||
                     a.contains("country");
  if (!has_content) return nullptr;
  put_if(a, "period", period(cda::child(ad, "useablePeriod"), ctx));
  return a;
}

}  // namespace ccdafhir::dt
