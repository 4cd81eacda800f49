// CDA R2 datatypes -> FHIR R4 datatypes, following C-CDA on FHIR mappingGuidance.md.
// Each function takes the CDA element carrying the datatype (e.g. <id>, <code>, <effectiveTime>)
// and returns the FHIR JSON value, or null when the element holds nothing that maps (absent
// element, nullFlavor without content, ...). Nothing here throws on bad data.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

#include "datatypes/context.h"
#include "util/json.h"

namespace ccdafhir::dt {

// II -> Identifier. root OID -> system via CodeSystems (urn:oid:...), UUID root ->
// urn:ietf:rfc:3986 with value urn:uuid:..., root-only -> system urn:ietf:rfc:3986 + value
// urn:oid:<root>, extension -> value. nullFlavor-only -> null.
Json identifier(const xmlNode* ii, DatatypeContext& ctx);

// CD/CE/CV/CO -> CodeableConcept: coding[0] from code/codeSystem/displayName, translations
// appended, text from originalText (its reference resolved through the narrative index).
// A nullFlavor code with translations keeps the translations. null when nothing at all.
Json codeable_concept(const xmlNode* cd, DatatypeContext& ctx);
// CD -> Coding (no translations, no text); null if no code.
Json coding(const xmlNode* cd, DatatypeContext& ctx);
// CS / @code -> code string.
Json code(const xmlNode* cs, DatatypeContext& ctx);

enum class TimeTarget { kDate, kDateTime, kInstant };
// TS string -> FHIR date/dateTime/instant string, keeping precision and zone. A time without
// zone is reduced to the date (warning) because FHIR dateTime with a time needs an offset.
// Returns "" when the input cannot be read (reported).
std::string ts_string(std::string_view hl7_ts, TimeTarget target, DatatypeContext& ctx,
                      const xmlNode* where);
// TS element (@value) -> date/dateTime/instant JSON string, null if absent/nullFlavor.
Json datetime(const xmlNode* ts, TimeTarget target, DatatypeContext& ctx);
// IVL_TS -> Period (low/high; a lone @value or center -> start). null if empty.
Json period(const xmlNode* ivl_ts, DatatypeContext& ctx);

// PQ -> Quantity (value decimal kept as written, unit, system UCUM + code when unit is UCUM).
Json quantity(const xmlNode* pq, DatatypeContext& ctx);
// IVL_PQ -> Range (low/high quantities).
Json range(const xmlNode* ivl_pq, DatatypeContext& ctx);
// RTO (numerator/denominator PQ or INT) -> Ratio.
Json ratio(const xmlNode* rto, DatatypeContext& ctx);

// AD -> Address (use via CF-AddressUse, line from streetAddressLine, city, state, postalCode,
// country, district from county, period from useablePeriod).
Json address(const xmlNode* ad, DatatypeContext& ctx);
// TEL -> ContactPoint (tel:/mailto:/fax:/http: prefixes -> system, use via CF-TelecomUse).
Json contact_point(const xmlNode* tel, DatatypeContext& ctx);
// PN/EN -> HumanName (given, family, prefix, suffix, use, text for unstructured names).
Json human_name(const xmlNode* pn, DatatypeContext& ctx);
// ON/EN -> string (organization name).
Json organization_name(const xmlNode* on, DatatypeContext& ctx);

// ST/ED -> string: text content, or the narrative text a <reference value="#id"/> points to.
Json text(const xmlNode* ed, DatatypeContext& ctx);
// ED -> Attachment (contentType from mediaType, data for B64, text otherwise).
Json attachment(const xmlNode* ed, DatatypeContext& ctx);

// BL -> boolean, INT -> integer, REAL -> decimal (as JSON numbers; null if unreadable).
Json boolean(const xmlNode* bl, DatatypeContext& ctx);
Json integer(const xmlNode* i, DatatypeContext& ctx);
Json decimal(const xmlNode* r, DatatypeContext& ctx);

// A typed value (observation/value with xsi:type) -> FHIR value[x]. Sets `suffix` to the
// choice type name ("Quantity", "CodeableConcept", "String", "Range", "Ratio", "Integer",
// "Boolean", "DateTime", "Period") and returns the value; null when nothing maps.
Json value(const xmlNode* any, std::string& suffix, DatatypeContext& ctx);

// TS or IVL_TS -> dateTime or Period, picking the smaller: a lone @value (or low == high) is a
// dateTime ("DateTime"), otherwise a Period ("Period").
Json effective(const xmlNode* time, std::string& suffix, DatatypeContext& ctx);

// PIVL_TS / EIVL_TS (and a plain IVL_TS bound) -> Timing.repeat.
Json timing(const xmlNode* gts, DatatypeContext& ctx);

// nullFlavor code -> data-absent-reason code (CF-NullFlavorDataAbsentReason); "" if none.
std::string data_absent_reason(std::string_view null_flavor);

}  // namespace ccdafhir::dt
