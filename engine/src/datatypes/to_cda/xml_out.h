// Shared by the FHIR -> CDA converters: writing attributes, children and text onto CDA elements,
// reading FHIR JSON defensively, and ConceptMap look-ups through the context.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

#include "datatypes/reverse_context.h"
#include "util/json.h"

namespace ccdafhir::rdt::out {

// The HL7 v3 namespace in scope at el (declared on el when none is).
xmlNs* v3_namespace(xmlNode* el);
// A new child element in the HL7 v3 namespace (also under sdtc: elements).
xmlNode* child(xmlNode* parent, const char* name);
// Sets an attribute (no namespace); the value is escaped on output.
void set(xmlNode* el, const char* name, std::string_view value);
// Appends literal text (escaped on output).
void text(xmlNode* el, std::string_view content);
// Sets xsi:type, qualified with the prefix of the v3 namespace when it has one.
void set_xsi_type(xmlNode* el, std::string_view type);
// True when the element has no attributes and no children.
bool is_bare(const xmlNode* el);

// obj[key] when it is a string, "" otherwise (never asserts on a missing key).
std::string str(const Json& obj, const char* key);
// obj[key] when present, null otherwise.
const Json& member(const Json& obj, const char* key);
// A JSON number as decimal text ("1.5", "200"); "" when it is not a number.
std::string number_text(const Json& number);
// The code a data-absent-reason extension on `element` carries (e.g. Identifier._value), or "".
std::string data_absent_reason(const Json& element);

// code -> target code through the named ConceptMap; "" when unmapped. Reports (information)
// when the map is unknown or the code unmapped, naming `what`.
std::string map_code(ReverseContext& ctx, std::string_view map, std::string_view code,
                     std::string_view what);

}  // namespace ccdafhir::rdt::out
