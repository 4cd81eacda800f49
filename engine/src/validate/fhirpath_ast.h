// The compiled form of a FHIRPath expression (shared by the parser and the evaluator).
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "util/json.h"
#include "validate/fhirpath.h"

namespace ccdafhir::fhirpath {

enum class NodeKind {
  kLiteral,  // literal: a value; kEmpty: {}
  kEmpty,
  kIdentifier,  // name: a child of each focus item (or the focus itself when it names its type)
  kThis,        // $this
  kIndex,       // $index
  kVariable,    // %name
  kMember,      // lhs.name
  kFunction,    // [lhs.]name(args)
  kIndexer,     // lhs[args[0]]
  kBinary,      // lhs op rhs
  kUnary,       // op lhs (- or +)
};

// The functions the evaluator implements, resolved once when an expression compiles (the
// evaluator switches on this, never compares names).
enum class Fn : unsigned char {
  kNone,
  kExists,
  kEmpty,
  kNot,
  kAll,
  kCount,
  kWhere,
  kSelect,
  kFirst,
  kLast,
  kTail,
  kSkip,
  kTake,
  kHasValue,
  kMatches,
  kStartsWith,
  kEndsWith,
  kContains,
  kLength,
  kSubstring,
  kToString,
  kToInteger,
  kIif,
  kDistinct,
  kIsDistinct,
  kOfType,
  kIs,
  kAs,
  kResolve,
  kChildren,
  kDescendants,
  kTrace,
  kExtension,
  kIntersect,
  kExclude,
  kUnion,
  kCombine,
  kAllTrue,
  kAllFalse,
  kAnyTrue,
  kAnyFalse,
  kUpper,
  kLower,
  kSingle,
  kHtmlChecks,
  kLowBoundary,
  kHighBoundary,
  kIndexOf,
  kReplace,
  kTrim,
  kToDecimal,
  kConvertsToInteger,
  kConvertsToDecimal,
  kGetValue,
};

struct Node {
  NodeKind kind = NodeKind::kLiteral;
  std::string name;   // identifier, variable, function or operator
  Fn fn = Fn::kNone;  // kFunction: which one
  Json literal;
  std::string literal_type;  // "String", "Integer", "Decimal", "Boolean", "Date", "DateTime"
  Item literal_item;         // the literal as an item, made once when the expression compiles
  std::unique_ptr<Node> lhs;
  std::unique_ptr<Node> rhs;
  std::vector<std::unique_ptr<Node>> args;
  std::shared_ptr<const std::regex> regex;  // matches() with a literal pattern, compiled once
};

std::unique_ptr<Node> parse_fhirpath(std::string_view text);
// Fn::kNone for a name the evaluator does not implement.
Fn function_named(std::string_view name);

}  // namespace ccdafhir::fhirpath
