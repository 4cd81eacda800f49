#include "mapping/path.h"

#include <cstring>

#include "cda/xml.h"

namespace ccdafhir {

class PathParser {
 public:
  explicit PathParser(std::string_view text) : s_(text) {}

  Path parse_path_only() {
    Path p = parse_union();
    skip_ws();
    if (pos_ != s_.size()) fail("unexpected character");
    return p;
  }

  std::shared_ptr<const Condition> parse_condition_only() {
    auto c = parse_or();
    skip_ws();
    if (pos_ != s_.size()) fail("unexpected character");
    return c;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    throw PathError(what + " at column " + std::to_string(pos_ + 1), pos_ + 1);
  }
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  bool peek(char c) {
    skip_ws();
    return pos_ < s_.size() && s_[pos_] == c;
  }
  bool accept(std::string_view token) {
    skip_ws();
    if (s_.substr(pos_, token.size()) == token) {
      pos_ += token.size();
      return true;
    }
    return false;
  }
  // A keyword must not be followed by a name character ("not(" vs "notes").
  bool accept_keyword(std::string_view word) {
    skip_ws();
    if (s_.substr(pos_, word.size()) != word) return false;
    std::size_t after = pos_ + word.size();
    if (after < s_.size() && is_name_char(s_[after])) return false;
    pos_ = after;
    return true;
  }
  static bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  static bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  }
  std::string parse_ncname() {
    if (pos_ >= s_.size() || !is_name_start(s_[pos_])) fail("expected a name");
    std::size_t start = pos_;
    while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }
  std::string ns_for_prefix(const std::string& prefix) {
    if (prefix == "sdtc") return cda::kSdtcNs;
    if (prefix == "pharm") return "urn:ihe:pharm";
    if (prefix == "xsi") return cda::kXsiNs;
    if (prefix == "hl7" || prefix == "cda" || prefix == "v3") return "";
    fail("unknown namespace prefix '" + prefix + "'");
  }
  void parse_qname(PathStep& step) {
    std::string first = parse_ncname();
    if (pos_ < s_.size() && s_[pos_] == ':') {
      ++pos_;
      step.ns = ns_for_prefix(first);
      step.name = parse_ncname();
    } else {
      step.name = first;
    }
  }

  Path parse_union() {
    std::size_t start = pos_;
    Path first = parse_path();
    skip_ws();
    if (pos_ >= s_.size() || s_[pos_] != '|') return first;
    Path u;
    u.alternatives_.push_back(std::move(first));
    while (accept("|")) u.alternatives_.push_back(parse_path());
    u.text_ = std::string(s_.substr(start, pos_ - start));
    return u;
  }

  Path parse_path() {
    Path p;
    std::size_t start = pos_;
    skip_ws();
    start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '/') {
      p.absolute_ = true;
      ++pos_;
    }
    bool need_step = true;
    while (need_step) {
      PathStep step;
      if (accept("self::")) {
        // self::name tests the context element's own name (self::procedure, self::sdtc:x).
        step.kind = PathStep::Kind::kSelf;
        parse_qname(step);
      } else if (accept("..")) {
        step.kind = PathStep::Kind::kParent;
      } else if (pos_ < s_.size() && s_[pos_] == '.') {
        ++pos_;
        step.kind = PathStep::Kind::kSelf;
      } else if (pos_ < s_.size() && s_[pos_] == '@') {
        ++pos_;
        step.kind = PathStep::Kind::kAttribute;
        parse_qname(step);
      } else if (pos_ < s_.size() && s_[pos_] == '*') {
        ++pos_;
        step.kind = PathStep::Kind::kAnyChild;
      } else {
        step.kind = PathStep::Kind::kChild;
        parse_qname(step);
      }
      while (pos_ < s_.size() && s_[pos_] == '[') {
        if (step.kind == PathStep::Kind::kAttribute) fail("predicate on an attribute");
        ++pos_;
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
          int n = 0;
          while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
            n = n * 10 + (s_[pos_] - '0');
            ++pos_;
          }
          if (n == 0) fail("positions start at 1");
          step.position = n;
        } else {
          step.predicates.push_back(parse_or());
        }
        if (!accept("]")) fail("expected ']'");
      }
      bool was_attribute = step.kind == PathStep::Kind::kAttribute;
      p.steps_.push_back(std::move(step));
      if (pos_ < s_.size() && s_[pos_] == '/') {
        if (was_attribute) fail("an attribute has no children");
        ++pos_;
      } else {
        need_step = false;
      }
    }
    p.text_ = std::string(s_.substr(start, pos_ - start));
    return p;
  }

  std::shared_ptr<const Condition> parse_or() {
    auto left = parse_and();
    while (accept_keyword("or")) {
      auto c = std::make_shared<Condition>();
      c->kind = Condition::Kind::kOr;
      c->operands = {left, parse_and()};
      left = c;
    }
    return left;
  }
  std::shared_ptr<const Condition> parse_and() {
    auto left = parse_unary();
    while (accept_keyword("and")) {
      auto c = std::make_shared<Condition>();
      c->kind = Condition::Kind::kAnd;
      c->operands = {left, parse_unary()};
      left = c;
    }
    return left;
  }
  std::shared_ptr<const Condition> parse_unary() {
    skip_ws();
    if (accept_keyword("not")) {
      if (!accept("(")) fail("expected '(' after not");
      auto c = std::make_shared<Condition>();
      c->kind = Condition::Kind::kNot;
      c->operands = {parse_or()};
      if (!accept(")")) fail("expected ')'");
      return c;
    }
    if (accept("(")) {
      auto inner = parse_or();
      if (!accept(")")) fail("expected ')'");
      return inner;
    }
    auto c = std::make_shared<Condition>();
    c->path = parse_union();
    if (accept("!=")) {
      c->kind = Condition::Kind::kNotEquals;
      c->literal = parse_literal();
    } else if (accept("=")) {
      c->kind = Condition::Kind::kEquals;
      c->literal = parse_literal();
    } else {
      c->kind = Condition::Kind::kExists;
    }
    if (c->path.selects_attribute() && c->path.text().size() >= 9 &&
        c->path.text().compare(c->path.text().size() - 9, 9, "@xsi:type") == 0) {
      c->compare_type_local = true;
    }
    return c;
  }
  std::string parse_literal() {
    skip_ws();
    if (pos_ >= s_.size() || (s_[pos_] != '\'' && s_[pos_] != '"'))
      fail("expected a quoted literal");
    char quote = s_[pos_++];
    std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != quote) ++pos_;
    if (pos_ >= s_.size()) fail("unterminated literal");
    std::string lit(s_.substr(start, pos_ - start));
    ++pos_;
    return lit;
  }
};

Path Path::compile(std::string_view text) {
  return PathParser(text).parse_path_only();
}

std::shared_ptr<const Condition> Condition::compile(std::string_view text) {
  return PathParser(text).parse_condition_only();
}

namespace {

// The matching helpers run for every child a step looks at (a million times a corpus pass):
// inlined, the call costs more than the test.
[[gnu::always_inline]] inline bool in_hl7_namespace(const xmlNs* ns) {
  return ns == nullptr || std::strcmp(reinterpret_cast<const char*>(ns->href), cda::kHl7Ns) == 0;
}

[[gnu::always_inline]] inline bool name_matches(const xmlNode* n, const std::string& name) {
  // Most children a step looks at have another name: the first byte settles it without a call.
  const char* a = reinterpret_cast<const char*>(n->name);
  return a[0] == name[0] && std::strcmp(a, name.c_str()) == 0;
}

[[gnu::always_inline]] inline bool element_named(const xmlNode* n, const PathStep& step) {
  if (n->type != XML_ELEMENT_NODE || !name_matches(n, step.name)) return false;
  if (step.ns.empty()) return in_hl7_namespace(n->ns);
  return n->ns && std::strcmp(reinterpret_cast<const char*>(n->ns->href), step.ns.c_str()) == 0;
}

[[gnu::always_inline]] inline bool element_matches(const xmlNode* n, const PathStep& step) {
  if (n->type != XML_ELEMENT_NODE) return false;
  // '*' means any CDA element: children from foreign namespaces are not clinical statements.
  if (step.kind == PathStep::Kind::kAnyChild) return in_hl7_namespace(n->ns);
  return element_named(n, step);
}

bool predicates_hold(const xmlNode* n, const PathStep& step) {
  for (const auto& p : step.predicates) {
    if (!p->test(n)) return false;
  }
  return true;
}

const xmlNode* find_attribute(const xmlNode* n, const PathStep& step) {
  if (n->type != XML_ELEMENT_NODE) return nullptr;
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), step.name.c_str()) != 0) continue;
    const char* href = a->ns ? reinterpret_cast<const char*>(a->ns->href) : "";
    if (step.ns.empty() ? a->ns == nullptr : std::strcmp(href, step.ns.c_str()) == 0) {
      return reinterpret_cast<const xmlNode*>(a);
    }
  }
  return nullptr;
}

}  // namespace

template <class Visit>
bool Path::walk(const xmlNode* node, std::size_t index, Visit& visit) const {
  if (index == steps_.size()) return visit(node);
  const PathStep& step = steps_[index];
  switch (step.kind) {
    case PathStep::Kind::kSelf:
      if (!step.name.empty() && !element_named(node, step)) return false;
      return predicates_hold(node, step) && walk(node, index + 1, visit);
    case PathStep::Kind::kParent:
      return node->parent && node->parent->type == XML_ELEMENT_NODE &&
             predicates_hold(node->parent, step) && walk(node->parent, index + 1, visit);
    case PathStep::Kind::kAttribute: {
      const xmlNode* a = find_attribute(node, step);
      return a && walk(a, index + 1, visit);
    }
    case PathStep::Kind::kChild:
    case PathStep::Kind::kAnyChild: {
      int seen = 0;
      for (const xmlNode* c = node->children; c; c = c->next) {
        if (!element_matches(c, step) || !predicates_hold(c, step)) continue;
        ++seen;
        if (step.position && seen != step.position) continue;
        if (walk(c, index + 1, visit)) return true;
        if (step.position) return false;
      }
      return false;
    }
  }
  return false;
}

template <class Visit>
bool Path::visit(const xmlNode* context, Visit& visit) const {
  if (!context) return false;
  if (!alternatives_.empty()) {
    for (const Path& p : alternatives_) {
      if (p.visit(context, visit)) return true;
    }
    return false;
  }
  if (!absolute_) return walk(context, 0, visit);
  const xmlNode* root = xmlDocGetRootElement(context->doc);
  if (!root) return false;
  // '/ClinicalDocument/...': the first step names the root element itself.
  if (steps_.empty()) return visit(root);
  const PathStep& first = steps_[0];
  if (!element_matches(root, first) || !predicates_hold(root, first)) return false;
  return walk(root, 1, visit);
}

void Path::select(const xmlNode* context, std::vector<const xmlNode*>& out) const {
  auto collect = [&out](const xmlNode* n) {
    out.push_back(n);
    return false;
  };
  visit(context, collect);
}

const xmlNode* Path::first(const xmlNode* context) const {
  const xmlNode* found = nullptr;
  auto take = [&found](const xmlNode* n) {
    found = n;
    return true;
  };
  visit(context, take);
  return found;
}

bool Condition::test(const xmlNode* context) const {
  switch (kind) {
    case Kind::kAnd:
      return operands[0]->test(context) && operands[1]->test(context);
    case Kind::kOr:
      return operands[0]->test(context) || operands[1]->test(context);
    case Kind::kNot:
      return !operands[0]->test(context);
    case Kind::kExists:
      return path.exists(context);
    case Kind::kEquals:
    case Kind::kNotEquals: {
      bool any_node = false;
      std::string copy;
      auto equal = [&](const xmlNode* n) {
        any_node = true;
        // An attribute's value is read in place; anything else is its string value.
        std::string_view view;
        const xmlNode* text = n->type == XML_ATTRIBUTE_NODE ? n->children : nullptr;
        if (text && text->type == XML_TEXT_NODE && text->next == nullptr && text->content) {
          view = cda::as_view(text->content);
        } else if (n->type == XML_ATTRIBUTE_NODE && !text) {
          view = {};
        } else {
          copy = cda::string_value(n);
          view = copy;
        }
        if (compare_type_local) {
          auto colon = view.find(':');
          if (colon != std::string_view::npos) view = view.substr(colon + 1);
        }
        return view == literal;  // the first equal node settles it
      };
      const bool any_equal = path.visit(context, equal);
      // XPath semantics: != is true only when some node exists and none equals.
      return kind == Kind::kEquals ? any_equal : (any_node && !any_equal);
    }
  }
  return false;
}

}  // namespace ccdafhir
