// FHIRPath parser: tokens, then precedence climbing over the grammar's operator levels.
#include <cctype>
#include <map>
#include <stdexcept>

#include "validate/fhirpath_ast.h"

namespace ccdafhir::fhirpath {

namespace {

enum class Tok { kEnd, kIdent, kString, kNumber, kDate, kVariable, kSpecial, kOp };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  std::size_t column = 0;
};

// Functions the evaluator implements; anything else is refused when the expression compiles.
const std::map<std::string, Fn, std::less<>> kFunctions = {
    {"exists", Fn::kExists},
    {"empty", Fn::kEmpty},
    {"not", Fn::kNot},
    {"all", Fn::kAll},
    {"count", Fn::kCount},
    {"where", Fn::kWhere},
    {"select", Fn::kSelect},
    {"first", Fn::kFirst},
    {"last", Fn::kLast},
    {"tail", Fn::kTail},
    {"skip", Fn::kSkip},
    {"take", Fn::kTake},
    {"hasValue", Fn::kHasValue},
    {"matches", Fn::kMatches},
    {"startsWith", Fn::kStartsWith},
    {"endsWith", Fn::kEndsWith},
    {"contains", Fn::kContains},
    {"length", Fn::kLength},
    {"substring", Fn::kSubstring},
    {"toString", Fn::kToString},
    {"toInteger", Fn::kToInteger},
    {"iif", Fn::kIif},
    {"distinct", Fn::kDistinct},
    {"isDistinct", Fn::kIsDistinct},
    {"ofType", Fn::kOfType},
    {"is", Fn::kIs},
    {"as", Fn::kAs},
    {"resolve", Fn::kResolve},
    {"children", Fn::kChildren},
    {"descendants", Fn::kDescendants},
    {"trace", Fn::kTrace},
    {"extension", Fn::kExtension},
    {"intersect", Fn::kIntersect},
    {"exclude", Fn::kExclude},
    {"union", Fn::kUnion},
    {"combine", Fn::kCombine},
    {"allTrue", Fn::kAllTrue},
    {"allFalse", Fn::kAllFalse},
    {"anyTrue", Fn::kAnyTrue},
    {"anyFalse", Fn::kAnyFalse},
    {"upper", Fn::kUpper},
    {"lower", Fn::kLower},
    {"single", Fn::kSingle},
    {"htmlChecks", Fn::kHtmlChecks},
    {"lowBoundary", Fn::kLowBoundary},
    {"highBoundary", Fn::kHighBoundary},
    {"indexOf", Fn::kIndexOf},
    {"replace", Fn::kReplace},
    {"trim", Fn::kTrim},
    {"toDecimal", Fn::kToDecimal},
    {"convertsToInteger", Fn::kConvertsToInteger},
    {"convertsToDecimal", Fn::kConvertsToDecimal},
    {"getValue", Fn::kGetValue},
};

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skip_space();
      Token t;
      t.column = i_ + 1;
      if (i_ >= s_.size()) {
        out.push_back(t);
        return out;
      }
      char c = s_[i_];
      if (ident_start(c)) {
        std::size_t b = i_;
        while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
        t.kind = Tok::kIdent;
        t.text = std::string(s_.substr(b, i_ - b));
      } else if (c == '`') {
        std::size_t e = s_.find('`', i_ + 1);
        if (e == std::string_view::npos) fail(t.column, "unterminated `name`");
        t.kind = Tok::kIdent;
        t.text = std::string(s_.substr(i_ + 1, e - i_ - 1));
        i_ = e + 1;
      } else if (c == '\'') {
        t.kind = Tok::kString;
        t.text = string_literal();
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        std::size_t b = i_;
        while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        if (i_ + 1 < s_.size() && s_[i_] == '.' &&
            std::isdigit(static_cast<unsigned char>(s_[i_ + 1]))) {
          ++i_;
          while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        }
        t.kind = Tok::kNumber;
        t.text = std::string(s_.substr(b, i_ - b));
      } else if (c == '@') {
        std::size_t b = ++i_;
        while (i_ < s_.size() &&
               (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' ||
                s_[i_] == ':' || s_[i_] == '.' || s_[i_] == '+' || s_[i_] == 'T' || s_[i_] == 'Z'))
          ++i_;
        t.kind = Tok::kDate;
        t.text = std::string(s_.substr(b, i_ - b));
      } else if (c == '%') {
        ++i_;
        if (i_ < s_.size() && s_[i_] == '\'') {
          t.text = string_literal();
        } else {
          std::size_t b = i_;
          while (i_ < s_.size() && (ident_char(s_[i_]) || s_[i_] == '-')) ++i_;
          t.text = std::string(s_.substr(b, i_ - b));
        }
        t.kind = Tok::kVariable;
      } else if (c == '$') {
        std::size_t b = ++i_;
        while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
        t.kind = Tok::kSpecial;
        t.text = std::string(s_.substr(b, i_ - b));
      } else {
        static const char* kOps[] = {"!=", "!~", "<=", ">=", "=", "~", "<", ">", "|", "&", "+",
                                     "-",  "*",  "/",  ".",  ",", "(", ")", "[", "]", "{", "}"};
        bool found = false;
        for (const char* op : kOps) {
          std::string_view o(op);
          if (s_.substr(i_, o.size()) == o) {
            t.kind = Tok::kOp;
            t.text = std::string(o);
            i_ += o.size();
            found = true;
            break;
          }
        }
        if (!found) fail(t.column, std::string("unexpected character '") + c + "'");
      }
      out.push_back(t);
    }
  }

  [[noreturn]] static void fail(std::size_t column, const std::string& what) {
    throw std::invalid_argument("column " + std::to_string(column) + ": " + what);
  }

 private:
  void skip_space() {
    for (;;) {
      while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
      if (s_.substr(i_, 2) == "//") {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (s_.substr(i_, 2) == "/*") {
        auto e = s_.find("*/", i_ + 2);
        i_ = e == std::string_view::npos ? s_.size() : e + 2;
      } else {
        return;
      }
    }
  }

  std::string string_literal() {
    std::size_t start = i_ + 1;
    std::string out;
    ++i_;
    while (i_ < s_.size() && s_[i_] != '\'') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
        char e = s_[++i_];
        switch (e) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          default:
            out += e;
        }
        ++i_;
        continue;
      }
      out += s_[i_++];
    }
    if (i_ >= s_.size()) fail(start, "unterminated string");
    ++i_;
    return out;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// Binary operator levels, loosest first; each level is left-associative.
const std::vector<std::vector<std::string>> kLevels = {{"implies"},
                                                       {"or", "xor"},
                                                       {"and"},
                                                       {"in", "contains"},
                                                       {"=", "~", "!=", "!~"},
                                                       {"<=", "<", ">", ">="},
                                                       {"|"},
                                                       {"is", "as"},
                                                       {"+", "-", "&"},
                                                       {"*", "/", "div", "mod"}};

class Parser {
 public:
  explicit Parser(std::vector<Token> toks) : t_(std::move(toks)) {}

  std::unique_ptr<Node> parse_all() {
    auto n = binary(0);
    if (peek().kind != Tok::kEnd) Lexer::fail(peek().column, "unexpected '" + peek().text + "'");
    return n;
  }

 private:
  const Token& peek() const { return t_[p_]; }
  bool is_op(const char* op) const {
    return (peek().kind == Tok::kOp || peek().kind == Tok::kIdent) && peek().text == op;
  }
  void expect(const char* op) {
    if (!(peek().kind == Tok::kOp && peek().text == op))
      Lexer::fail(peek().column, std::string("expected '") + op + "'");
    ++p_;
  }

  std::unique_ptr<Node> binary(std::size_t level) {
    if (level == kLevels.size()) return unary();
    auto lhs = binary(level + 1);
    for (;;) {
      const Token& tk = peek();
      bool matched = false;
      for (const auto& op : kLevels[level]) {
        bool word = std::isalpha(static_cast<unsigned char>(op[0]));
        if ((word ? tk.kind == Tok::kIdent : tk.kind == Tok::kOp) && tk.text == op) {
          matched = true;
          break;
        }
      }
      if (!matched) return lhs;
      std::string op = tk.text;
      ++p_;
      auto n = std::make_unique<Node>();
      n->kind = NodeKind::kBinary;
      n->name = op;
      n->lhs = std::move(lhs);
      if (op == "is" || op == "as") {
        n->rhs = type_specifier();
      } else {
        n->rhs = binary(level + 1);
      }
      lhs = std::move(n);
    }
  }

  std::unique_ptr<Node> type_specifier() {
    if (peek().kind != Tok::kIdent) Lexer::fail(peek().column, "expected a type name");
    auto n = std::make_unique<Node>();
    n->kind = NodeKind::kIdentifier;
    n->name = t_[p_++].text;
    while (is_op(".") && t_[p_ + 1].kind == Tok::kIdent) {  // FHIR.Patient, System.String
      p_ += 1;
      n->name = t_[p_++].text;
    }
    return n;
  }

  std::unique_ptr<Node> unary() {
    if (peek().kind == Tok::kOp && (peek().text == "-" || peek().text == "+")) {
      std::string op = t_[p_++].text;
      auto n = std::make_unique<Node>();
      n->kind = NodeKind::kUnary;
      n->name = op;
      n->lhs = unary();
      return n;
    }
    return postfix(primary());
  }

  std::unique_ptr<Node> postfix(std::unique_ptr<Node> n) {
    for (;;) {
      if (is_op(".")) {
        ++p_;
        if (peek().kind != Tok::kIdent) Lexer::fail(peek().column, "expected a name after '.'");
        Token name = t_[p_++];
        if (is_op("(")) {
          auto f = function(name);
          f->lhs = std::move(n);
          n = std::move(f);
        } else {
          auto m = std::make_unique<Node>();
          m->kind = NodeKind::kMember;
          m->name = name.text;
          m->lhs = std::move(n);
          n = std::move(m);
        }
      } else if (is_op("[")) {
        ++p_;
        auto idx = std::make_unique<Node>();
        idx->kind = NodeKind::kIndexer;
        idx->lhs = std::move(n);
        idx->args.push_back(binary(0));
        expect("]");
        n = std::move(idx);
      } else {
        return n;
      }
    }
  }

  std::unique_ptr<Node> function(const Token& name) {
    Fn fn = function_named(name.text);
    if (fn == Fn::kNone) Lexer::fail(name.column, "unsupported function " + name.text + "()");
    auto f = std::make_unique<Node>();
    f->kind = NodeKind::kFunction;
    f->name = name.text;
    f->fn = fn;
    expect("(");
    if (!is_op(")")) {
      for (;;) {
        if (f->name == "ofType" || f->name == "is" || f->name == "as") {
          f->args.push_back(type_specifier());
        } else {
          f->args.push_back(binary(0));
        }
        if (!is_op(",")) break;
        ++p_;
      }
    }
    expect(")");
    if (f->name == "matches" && !f->args.empty() && f->args[0]->kind == NodeKind::kLiteral &&
        f->args[0]->literal.is_string()) {
      try {
        f->regex = std::make_shared<const std::regex>(f->args[0]->literal.get<std::string>(),
                                                      std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        Lexer::fail(name.column, "matches(): invalid regular expression");
      }
    }
    return f;
  }

  std::unique_ptr<Node> primary() {
    Token tk = peek();
    auto n = std::make_unique<Node>();
    switch (tk.kind) {
      case Tok::kString:
        ++p_;
        n->literal = tk.text;
        n->literal_type = "String";
        return n;
      case Tok::kNumber:
        ++p_;
        if (tk.text.find('.') != std::string::npos) {
          n->literal = std::stod(tk.text);
          n->literal_type = "Decimal";
        } else {
          n->literal = std::stoll(tk.text);
          n->literal_type = "Integer";
        }
        return n;
      case Tok::kDate:
        ++p_;
        n->literal = tk.text;
        n->literal_type = tk.text.find('T') != std::string::npos ? "DateTime" : "Date";
        return n;
      case Tok::kVariable:
        ++p_;
        n->kind = NodeKind::kVariable;
        n->name = tk.text;
        if (n->name != "resource" && n->name != "rootResource" && n->name != "context" &&
            n->name != "ucum" && n->name != "sct" && n->name != "loinc")
          Lexer::fail(tk.column, "unknown variable %" + tk.text);
        return n;
      case Tok::kSpecial:
        ++p_;
        if (tk.text == "this") {
          n->kind = NodeKind::kThis;
        } else if (tk.text == "index") {
          n->kind = NodeKind::kIndex;
        } else {
          Lexer::fail(tk.column, "unsupported $" + tk.text);
        }
        return n;
      case Tok::kIdent:
        ++p_;
        if (tk.text == "true" || tk.text == "false") {
          n->literal = tk.text == "true";
          n->literal_type = "Boolean";
          return n;
        }
        if (is_op("(")) return function(tk);
        n->kind = NodeKind::kIdentifier;
        n->name = tk.text;
        return n;
      case Tok::kOp:
        if (tk.text == "(") {
          ++p_;
          auto inner = binary(0);
          expect(")");
          return inner;
        }
        if (tk.text == "{") {
          ++p_;
          expect("}");
          n->kind = NodeKind::kEmpty;
          return n;
        }
        break;
      case Tok::kEnd:
        break;
    }
    Lexer::fail(tk.column,
                tk.kind == Tok::kEnd ? "unexpected end" : "unexpected '" + tk.text + "'");
  }

  std::vector<Token> t_;
  std::size_t p_ = 0;
};

}  // namespace

namespace {

// Literals become items once, so evaluating one shares its value instead of copying it.
void make_literal_items(Node& n) {
  if (n.kind == NodeKind::kLiteral) n.literal_item = make_value(n.literal, n.literal_type);
  if (n.lhs) make_literal_items(*n.lhs);
  if (n.rhs) make_literal_items(*n.rhs);
  for (auto& a : n.args) make_literal_items(*a);
}

}  // namespace

std::unique_ptr<Node> parse_fhirpath(std::string_view text) {
  auto root = Parser(Lexer(text).run()).parse_all();
  make_literal_items(*root);
  return root;
}

Fn function_named(std::string_view name) {
  auto it = kFunctions.find(name);
  return it == kFunctions.end() ? Fn::kNone : it->second;
}

}  // namespace ccdafhir::fhirpath
