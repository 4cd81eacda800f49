// Values in FHIRPath: equality, ordering (numbers, strings, dates, quantities), type tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "validate/fhirpath.h"

namespace ccdafhir::fhirpath {

// True for the capitalised FHIR type names a choice element's JSON key may end in.
bool is_choice_suffix(std::string_view suffix);
// resourceType of a JSON object, or "".
std::string resource_type_of(const Json& v);
// is(T)/ofType(T): the item's known type, its resourceType, or for untyped primitives the JSON
// kind (a string is a string, code, uri, canonical...).
bool item_is(const Item& it, const std::string& type);

std::optional<bool> equal_values(const Item& a, const Item& b);
// A key that equal values always share (equal_values(a, b) == true implies equal keys): the text
// of a string that is not a date or time, the value of a number; dates and times (equal across
// zones) and structured values each share one key. distinct() and isDistinct() compare only
// within a key, so a Bundle's 50,000 fullUrls cost 50,000 lookups, not 50,000 squared checks.
std::string distinct_key(const Item& it);
bool equivalent_values(const Item& a, const Item& b);
// <0, 0, >0; nullopt when the values are not comparable (different kinds, or dates whose
// precisions make the order unknown).
std::optional<int> compare_values(const Item& a, const Item& b);
Collection arithmetic(const std::string& op, const Item& a, const Item& b);
std::optional<std::string> to_string_value(const Item& it);

}  // namespace ccdafhir::fhirpath
