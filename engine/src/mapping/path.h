// A compiled path over the CDA DOM: the small XPath subset mapping tables use. Compiled once
// when the tables load; evaluation walks libxml2 nodes directly with no string building.
//
//   union := path ('|' path)*          (alternatives, selected in the order written)
//   path  := ['/'] step ('/' step)*
//   step  := '.' | '..' | 'self::' qname pred* | '*' pred* | qname pred* | '@' qname
//   pred  := '[' digits ']' | '[' cond ']'
//   cond  := and ('or' and)* ;  and := unary ('and' unary)*
//   unary := 'not' '(' cond ')' | '(' cond ')' | path [('=' | '!=') 'literal']
//
// Element names without prefix are in the HL7 v3 namespace; 'sdtc:' is urn:hl7-org:sdtc,
// 'pharm:' urn:ihe:pharm (IHE Pharmacy extensions; forward only: the CDA schema has no such
// elements, so a rule reading one has no reverse) and 'xsi:' the XML Schema instance namespace.
// '@xsi:type' compares without the value's prefix.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ccdafhir {

class PathError : public std::runtime_error {
 public:
  PathError(const std::string& message, std::size_t column)
      : std::runtime_error(message), column_(column) {}
  std::size_t column() const { return column_; }

 private:
  std::size_t column_;
};

struct Condition;

struct PathStep {
  enum class Kind { kSelf, kParent, kChild, kAnyChild, kAttribute };
  Kind kind = Kind::kChild;
  std::string name;
  std::string ns;    // namespace URI; "" means HL7 v3 (or no namespace)
  int position = 0;  // [n], 1-based; 0 = none
  std::vector<std::shared_ptr<const Condition>> predicates;
};

class Path {
 public:
  Path() = default;
  static Path compile(std::string_view text);  // throws PathError

  // Appends every node the path selects from `context` (document order per step).
  void select(const xmlNode* context, std::vector<const xmlNode*>& out) const;
  const xmlNode* first(const xmlNode* context) const;
  bool exists(const xmlNode* context) const { return first(context) != nullptr; }
  const std::string& text() const { return text_; }
  // The compiled form, for the FHIR -> CDA direction that creates what a path selects.
  bool absolute() const { return absolute_; }
  const std::vector<PathStep>& steps() const { return steps_; }
  const std::vector<Path>& alternatives() const { return alternatives_; }
  bool empty() const { return steps_.empty() && !absolute_ && alternatives_.empty(); }
  bool selects_attribute() const {
    if (!alternatives_.empty()) return alternatives_.front().selects_attribute();
    return !steps_.empty() && steps_.back().kind == PathStep::Kind::kAttribute;
  }

 private:
  friend class PathParser;
  bool absolute_ = false;
  std::vector<PathStep> steps_;
  std::vector<Path> alternatives_;  // a union: this path is empty and these are selected
  std::string text_;
  // Calls visit(node) for each node selected, in order, until it returns true (then returns
  // true). No container is built: first(), exists() and comparisons stop at the first match.
  template <class Visit>
  bool visit(const xmlNode* context, Visit& visit) const;
  template <class Visit>
  bool walk(const xmlNode* node, std::size_t step, Visit& visit) const;
  friend struct Condition;
};

struct Condition {
  enum class Kind { kAnd, kOr, kNot, kExists, kEquals, kNotEquals };
  Kind kind = Kind::kExists;
  std::vector<std::shared_ptr<const Condition>> operands;
  Path path;
  std::string literal;
  bool compare_type_local = false;  // the path ends in @xsi:type

  static std::shared_ptr<const Condition> compile(std::string_view text);  // throws PathError
  bool test(const xmlNode* context) const;
};

}  // namespace ccdafhir
