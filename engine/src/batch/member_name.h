// Member names are hostile: an archive can name "../../etc/x" or "/etc/x". A member's output
// goes under OUT_DIR at its own relative name, so a name that would leave OUT_DIR is refused.
#pragma once

#include <string>
#include <string_view>

namespace ccdafhir::batch {

struct CheckedName {
  std::string name;     // normalised: '/'-separated, no "." components, no leading "./"
  std::string problem;  // why the name is refused; empty when it is safe
};

// Refuses absolute names ("/x", "C:x", "\\server\x"), ".." components, backslashes (whose
// meaning as a separator depends on the tool that made the archive), control characters and
// empty names.
CheckedName check_member_name(std::string_view raw);

// The member's extension, lower case, with its dot (".xml"); "" when it has none.
std::string extension_of(std::string_view name);

// The output name: the member's name with its extension replaced by `new_extension`.
std::string output_name(std::string_view name, std::string_view new_extension);

}  // namespace ccdafhir::batch
