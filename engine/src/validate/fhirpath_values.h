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
bool equivalent_values(const Item& a, const Item& b);
// <0, 0, >0; nullopt when the values are not comparable (different kinds, or dates whose
// precisions make the order unknown).
std::optional<int> compare_values(const Item& a, const Item& b);
Collection arithmetic(const std::string& op, const Item& a, const Item& b);
std::optional<std::string> to_string_value(const Item& it);

}  // namespace ccdafhir::fhirpath
