// The FHIRPath of the element being checked, built on the stack as a walk descends (one node
// per step, pointing at its parent) and turned into text only when an issue is reported: a
// valid instance costs no path strings at all.
#pragma once

#include <string>
#include <string_view>

namespace ccdafhir::validate {

struct IssuePath {
  const IssuePath* up = nullptr;
  std::string_view step;     // the element name, or the whole text of a root ("Bundle")
  std::string_view of_type;  // a choice's type: step.ofType(of_type)
  long index = -1;           // step[index]

  static IssuePath root(std::string_view text) { return IssuePath{nullptr, text, {}, -1}; }
  IssuePath with(std::string_view name, std::string_view type = {}) const {
    return IssuePath{this, name, type, -1};
  }
  IssuePath at(std::size_t i) const {
    IssuePath p = *this;
    p.index = static_cast<long>(i);
    return p;
  }

  std::string text() const {
    std::string out;
    append(out);
    return out;
  }
  void append(std::string& out) const {
    if (up) {
      up->append(out);
      if (!step.empty()) out += '.';
    }
    out += step;
    if (!of_type.empty()) {
      out += ".ofType(";
      out += of_type;
      out += ')';
    }
    if (index >= 0) {
      out += '[';
      out += std::to_string(index);
      out += ']';
    }
  }
};

}  // namespace ccdafhir::validate
