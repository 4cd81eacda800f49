#include "batch/member_name.h"

#include <cctype>

namespace ccdafhir::batch {

CheckedName check_member_name(std::string_view raw) {
  CheckedName checked;
  auto refuse = [&](const char* why) {
    checked.name.clear();
    checked.problem = why;
    return checked;
  };
  if (raw.empty()) return refuse("the member has an empty name");
  for (unsigned char c : raw) {
    if (c < 0x20 || c == 0x7f) return refuse("the member name holds a control character");
    if (c == '\\') return refuse("the member name holds a backslash (ambiguous path separator)");
  }
  if (raw.front() == '/')
    return refuse("absolute member name: it would be written outside OUT_DIR");
  if (raw.size() >= 2 && std::isalpha(static_cast<unsigned char>(raw[0])) && raw[1] == ':') {
    return refuse("member name with a drive letter: it would be written outside OUT_DIR");
  }
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t slash = raw.find('/', start);
    if (slash == std::string_view::npos) slash = raw.size();
    std::string_view part = raw.substr(start, slash - start);
    if (part == "..") {
      return refuse("path traversal: the member name has a '..' component");
    }
    if (!part.empty() && part != ".") {
      if (!checked.name.empty()) checked.name.push_back('/');
      checked.name.append(part);
    }
    start = slash + 1;
  }
  if (checked.name.empty()) return refuse("the member has an empty name");
  return checked;
}

std::string extension_of(std::string_view name) {
  std::size_t slash = name.rfind('/');
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string ext(base.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string output_name(std::string_view name, std::string_view new_extension) {
  std::size_t slash = name.rfind('/');
  std::size_t base = slash == std::string_view::npos ? 0 : slash + 1;
  std::size_t dot = name.rfind('.');
  std::string out(dot == std::string_view::npos || dot <= base ? name : name.substr(0, dot));
  out.append(new_extension);
  return out;
}

}  // namespace ccdafhir::batch
