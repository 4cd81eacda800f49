// Shared helpers for the test suites: one Engine for the whole run, fixture conversion, access
// to ../shared (with a clear message when it is absent) and small JSON lookups.
#pragma once

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <functional>
#include <string>

#include "ccdafhir/convert.h"
#include "util/json.h"

namespace ccdafhir::test {

// The engine over this source tree's mappings/ and xslt/ (loaded once).
const Engine& engine();

// Fixed options: the clock is pinned so outputs are comparable byte for byte.
ConvertOptions fixed_options();

std::string read_file(const std::filesystem::path& p);

// ../shared, as configured by CMake. Tests that need it call require_shared() first.
std::filesystem::path shared_dir();
void require_shared();

// Converts a C-CDA string; the result's output parsed back.
Json convert_xml(const std::string& xml, ConversionResult* result = nullptr);
// Wraps entry XML (one <entry> element's content) in a minimal C-CDA document with one section.
std::string wrap_entry(const std::string& entry_xml, const std::string& section_code = "11450-4");

// All resources of a type in a Bundle, in Bundle order.
std::vector<Json> resources_of(const Json& bundle, const std::string& type);
// The single resource of a type in a Bundle (fails the test when there are none or several).
Json only(const Json& bundle, const std::string& type);
// True when a CodeableConcept holds a coding with this system and code.
bool has_coding(const Json& codeable_concept, const std::string& system, const std::string& code);
// True when meta.profile lists this URL.
bool has_profile(const Json& resource, const std::string& url);

// Resolves a Reference ("urn:uuid:...") inside the Bundle; null Json when it does not resolve.
Json resolve(const Json& bundle, const Json& reference);

}  // namespace ccdafhir::test
