// FHIR R4 datatypes -> CDA R2 datatypes, following C-CDA on FHIR mappingGuidance.md (the
// "FHIR ... -> CDA ..." tables) and the FC-* ConceptMaps. The reverse of datatypes.h.
//
// Every converter writes ONTO an element the caller has already created in the urn:hl7-org:v3
// namespace (<id>, <code>, <effectiveTime>, <value>, ...): it sets attributes and appends
// children in the HL7 v3 namespace (also under an sdtc: element, whose datatype content is v3).
// It returns true when it wrote something, false when the FHIR value held nothing that maps
// (then the element is untouched and the caller decides on a nullFlavor). Nothing here throws on
// bad data: problems are reported through the context.
//
// xsi:type is written with the xsi namespace declared on the document root (the document
// builder declares xmlns:xsi on ClinicalDocument); when no ancestor declares it, it is declared
// on the element itself.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

#include "datatypes/reverse_context.h"
#include "mapping/conceptmap.h"
#include "util/json.h"

namespace ccdafhir::rdt {

// Identifier -> II (mappingGuidance.md "FHIR Identifier -> CDA id"): system urn:oid:X -> root X;
// urn:uuid:x -> root X (upper case); system urn:ietf:rfc:3986 with a urn:oid:/urn:uuid: value ->
// root only; a system with a known OID -> that root + extension; any other URI system -> root
// 2.16.840.1.113883.4.873 with extension system + "/" or ":" + value (the guidance's
// concatenation). A value without system -> extension only. A system with only a
// data-absent-reason on value -> root + nullFlavor. assigner.display -> assigningAuthorityName.
bool ii(const Json& identifier, xmlNode* el, ReverseContext& ctx);

// CodeableConcept or Coding -> CD: the first coding with a code and a system that has an OID ->
// code/codeSystem/codeSystemVersion/displayName, the other codings -> translation, text ->
// originalText. No primary code but translations or text -> nullFlavor="OTH" (the guidance's
// "use OTH and put the source data in translation").
bool cd(const Json& codeable_concept_or_coding, xmlNode* el, ReverseContext& ctx);
// code (a string) -> @code.
bool cs(const Json& code, xmlNode* el, ReverseContext& ctx);

// date/dateTime/instant -> TS @value, keeping the precision and the zone offset ("Z" -> +0000).
bool ts(const Json& fhir_date, xmlNode* el, ReverseContext& ctx);
// The TS string for a FHIR date/dateTime/instant; "" when it is not one (not reported).
std::string ts_value(std::string_view fhir_date);
// Period -> IVL_TS low/high.
bool ivl_ts(const Json& period, xmlNode* el, ReverseContext& ctx);

// Quantity -> PQ: UCUM code -> @unit; other units -> nullFlavor="OTH" with a translation carrying
// value, code/codeSystem and the unit as originalText (mappingGuidance.md "CDA <-> FHIR Quantity").
bool pq(const Json& quantity, xmlNode* el, ReverseContext& ctx);
// Range -> IVL_PQ low/high.
bool ivl_pq(const Json& range, xmlNode* el, ReverseContext& ctx);
// Ratio -> RTO numerator/denominator (as PQ).
bool rto(const Json& ratio, xmlNode* el, ReverseContext& ctx);

// Timing.repeat -> PIVL_TS (frequency/period/periodUnit) or EIVL_TS (when/offset), setting
// xsi:type and operator="A" (the frequency is intersected with the first effectiveTime).
// boundsPeriod / event belong to the first effectiveTime: the caller writes them with ivl_ts/ts.
bool timing(const Json& timing, xmlNode* el, ReverseContext& ctx);

// Address -> AD (use through FC-AddressUse, type physical/postal -> PHYS/PST).
bool ad(const Json& address, xmlNode* el, ReverseContext& ctx);
// ContactPoint -> TEL (scheme through FC-TelecomType, use through FC-TelecomUse, pager -> PG).
bool tel(const Json& contact_point, xmlNode* el, ReverseContext& ctx);
// HumanName -> PN (use through FC-NameUse).
bool pn(const Json& human_name, xmlNode* el, ReverseContext& ctx);
// string -> ON (text content).
bool on(const Json& name, xmlNode* el, ReverseContext& ctx);

// Attachment -> ED: contentType -> mediaType, language, data -> B64 content, url -> reference.
bool ed(const Json& attachment, xmlNode* el, ReverseContext& ctx);
// string (or markdown) -> ST text content.
bool st(const Json& text, xmlNode* el, ReverseContext& ctx);

// boolean -> BL, integer -> INT, decimal -> REAL (@value).
bool bl(const Json& boolean, xmlNode* el, ReverseContext& ctx);
bool int_(const Json& integer, xmlNode* el, ReverseContext& ctx);
bool real(const Json& decimal, xmlNode* el, ReverseContext& ctx);

// value[x] -> typed ANY: `suffix` is the choice type name ("Quantity", "CodeableConcept",
// "Coding", "String", "Range", "Ratio", "Integer", "Boolean", "DateTime", "Period", "Decimal",
// "Attachment"); sets xsi:type (PQ, IVL_PQ, CD, ST, RTO_PQ_PQ, INT, BL, TS, IVL_TS, REAL, ED). A
// Quantity with a comparator becomes IVL_PQ with one bound (the reverse of the guidance's
// "Ranges of Physical Quantities").
bool value(const Json& value, std::string_view suffix, xmlNode* el, ReverseContext& ctx);

// data-absent-reason code -> nullFlavor through FC-DataAbsentReasonNullFlavor; "NI" (no
// information, the most general nullFlavor) for an empty or unmapped code.
std::string null_flavor_for(std::string_view data_absent_reason, const ConceptMaps& maps);

}  // namespace ccdafhir::rdt
