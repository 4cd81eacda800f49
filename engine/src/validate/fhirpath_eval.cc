// FHIRPath evaluation over nlohmann JSON (FHIR's JSON form): collections of instance nodes.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "validate/fhirpath_ast.h"
#include "validate/fhirpath_values.h"

namespace ccdafhir::fhirpath {

Item make_item(const Json& node, std::string type) {
  Item i;
  i.ptr = &node;
  i.type = std::move(type);
  return i;
}

Item make_value(Json value, std::string type) {
  Item i;
  i.own = std::make_shared<const Json>(std::move(value));
  i.type = std::move(type);
  return i;
}

namespace {

struct Scope {
  const Environment& env;
  const Item* self = nullptr;  // $this
  long long index = 0;         // $index
};

Collection eval(const Node& n, const Collection& focus, const Scope& s);

Collection boolean(bool b) {
  static const Item kTrue = make_value(true, "Boolean");
  static const Item kFalse = make_value(false, "Boolean");
  return {b ? kTrue : kFalse};
}

// The children of one item named `name`, choice elements included (valueQuantity for value).
void children_named(const Item& it, const std::string& name, Collection& out) {
  const Json& v = it.value();
  if (!v.is_object()) return;
  auto push = [&](const Json& child, const std::string& type) {
    if (child.is_array()) {
      for (const Json& c : child) {
        if (!c.is_null()) out.push_back(make_item(c, type));
      }
    } else if (!child.is_null()) {
      out.push_back(make_item(child, child.is_object() && child.contains("resourceType")
                                         ? child["resourceType"].get<std::string>()
                                         : type));
    }
  };
  // One pass over the keys: the key itself wins wherever it is; else the first choice
  // ("valueQuantity" for value); else a primitive that has only extensions (a
  // data-absent-reason, say), JSON "_name" or "_valueDateTime": the element exists without a
  // value (FHIR R4 JSON, "Representing primitive elements").
  const Json* choice = nullptr;
  std::string_view choice_type;
  const Json* ext = nullptr;
  std::string_view ext_type;
  for (auto kv = v.begin(); kv != v.end(); ++kv) {
    std::string_view key = kv.key();
    bool underscore = !key.empty() && key[0] == '_';
    if (underscore) key.remove_prefix(1);
    if (key.size() < name.size() || key.compare(0, name.size(), name) != 0) continue;
    std::string_view suffix = key.substr(name.size());
    if (!underscore && suffix.empty()) {
      push(kv.value(), "");
      return;
    }
    if (!suffix.empty() && !is_choice_suffix(suffix)) continue;
    if (!underscore) {
      if (!choice) {
        choice = &kv.value();
        choice_type = suffix;
      }
    } else if (!ext) {
      ext = &kv.value();
      ext_type = suffix;
    }
  }
  if (choice) {
    push(*choice, std::string(choice_type));
    return;
  }
  if (ext) push(*ext, std::string(ext_type));
}

void all_children(const Item& it, Collection& out) {
  const Json& v = it.value();
  if (!v.is_object()) return;
  for (auto kv = v.begin(); kv != v.end(); ++kv) {
    if (kv.key() == "resourceType" || kv.key()[0] == '_') continue;
    if (kv.value().is_array()) {
      for (const Json& c : kv.value()) {
        if (!c.is_null()) out.push_back(make_item(c, resource_type_of(c)));
      }
    } else {
      out.push_back(make_item(kv.value(), resource_type_of(kv.value())));
    }
  }
}

std::optional<bool> truth(const Collection& c) {
  if (c.empty()) return std::nullopt;
  if (c.size() == 1 && c[0].value().is_boolean()) return c[0].value().get<bool>();
  return true;
}

std::optional<std::string> single_string(const Collection& c) {
  if (c.size() != 1 || !c[0].value().is_string()) return std::nullopt;
  return c[0].value().get<std::string>();
}

template <typename Keep>  // bool(const Item&, const Collection&)
Collection per_item(const Node& arg, const Collection& focus, const Scope& s, Keep keep) {
  Collection out;
  long long i = 0;
  for (const Item& it : focus) {
    Scope inner{s.env, &it, i++};
    Collection r = eval(arg, {it}, inner);
    if (keep(it, r)) out.push_back(it);
  }
  return out;
}

void descendants(const Item& it, Collection& out) {
  Collection kids;
  all_children(it, kids);
  for (const Item& k : kids) {
    out.push_back(k);
    descendants(k, out);
  }
}

// First occurrences in order. Each item is compared only with the kept items of its
// distinct_key: linear for strings and numbers instead of quadratic (bdl-7 over a large Bundle).
Collection distinct(const Collection& c) {
  Collection out;
  std::unordered_map<std::string, std::vector<std::size_t>> kept;
  for (const Item& it : c) {
    std::vector<std::size_t>& same_key = kept[distinct_key(it)];
    bool dup = std::any_of(same_key.begin(), same_key.end(),
                           [&](std::size_t k) { return equal_values(out[k], it) == true; });
    if (dup) continue;
    same_key.push_back(out.size());
    out.push_back(it);
  }
  return out;
}

// focus: the function's input; context: what the arguments are evaluated against (the caller's
// $this, or the expression's focus at that point).
Collection function(const Node& n, const Collection& focus, const Collection& context,
                    const Scope& s) {
  // The function was resolved when the expression compiled: each test is one comparison.
  const Fn f = n.fn;
  auto outer_arg = [&](std::size_t k) { return eval(*n.args.at(k), context, s); };
  if (f == Fn::kExists) {
    if (n.args.empty()) return boolean(!focus.empty());
    return boolean(!per_item(*n.args[0], focus, s, [](const Item&, const Collection& r) {
                      return truth(r) == true;
                    }).empty());
  }
  if (f == Fn::kEmpty) return boolean(focus.empty());
  if (f == Fn::kNot) {
    auto t = truth(focus);
    return t ? boolean(!*t) : Collection{};
  }
  if (f == Fn::kAll) {
    return boolean(per_item(*n.args.at(0), focus, s, [](const Item&, const Collection& r) {
                     return truth(r) != true;
                   }).empty());
  }
  if (f == Fn::kCount) return {make_value(static_cast<long long>(focus.size()), "Integer")};
  if (f == Fn::kWhere) {
    return per_item(*n.args.at(0), focus, s,
                    [](const Item&, const Collection& r) { return truth(r) == true; });
  }
  if (f == Fn::kSelect) {
    Collection out;
    long long i = 0;
    for (const Item& it : focus) {
      Scope inner{s.env, &it, i++};
      Collection r = eval(*n.args.at(0), {it}, inner);
      out.insert(out.end(), r.begin(), r.end());
    }
    return out;
  }
  if (f == Fn::kFirst) return focus.empty() ? Collection{} : Collection{focus.front()};
  if (f == Fn::kLast) return focus.empty() ? Collection{} : Collection{focus.back()};
  if (f == Fn::kSingle) return focus.size() == 1 ? focus : Collection{};
  if (f == Fn::kTail)
    return focus.size() < 2 ? Collection{} : Collection(focus.begin() + 1, focus.end());
  if (f == Fn::kSkip || f == Fn::kTake) {
    Collection k = outer_arg(0);
    if (k.size() != 1 || !k[0].value().is_number_integer()) return {};
    auto m = static_cast<std::size_t>(std::max<long long>(0, k[0].value().get<long long>()));
    m = std::min(m, focus.size());
    if (f == Fn::kSkip) return Collection(focus.begin() + static_cast<long>(m), focus.end());
    return Collection(focus.begin(), focus.begin() + static_cast<long>(m));
  }
  if (f == Fn::kHasValue) {
    return boolean(focus.size() == 1 && focus[0].value().is_primitive() &&
                   !focus[0].value().is_null());
  }
  if (f == Fn::kTrace) return focus;
  if (f == Fn::kHtmlChecks) return boolean(true);  // narrative XHTML is checked natively
  if (f == Fn::kDistinct) return distinct(focus);
  if (f == Fn::kIsDistinct) return boolean(distinct(focus).size() == focus.size());
  if (f == Fn::kUnion || f == Fn::kCombine) {
    Collection other = outer_arg(0);
    Collection all = focus;
    all.insert(all.end(), other.begin(), other.end());
    return f == Fn::kUnion ? distinct(all) : all;
  }
  if (f == Fn::kIntersect || f == Fn::kExclude) {
    Collection other = outer_arg(0);
    Collection out;
    for (const Item& it : focus) {
      bool in = std::any_of(other.begin(), other.end(),
                            [&](const Item& o) { return equal_values(o, it) == true; });
      if (in == (f == Fn::kIntersect)) out.push_back(it);
    }
    return f == Fn::kIntersect ? distinct(out) : out;
  }
  if (f == Fn::kAllTrue || f == Fn::kAllFalse || f == Fn::kAnyTrue || f == Fn::kAnyFalse) {
    bool want = f == Fn::kAllTrue || f == Fn::kAnyTrue;
    bool any = f == Fn::kAnyTrue || f == Fn::kAnyFalse;
    bool result = !any;
    for (const Item& it : focus) {
      bool is = it.value().is_boolean() && it.value().get<bool>() == want;
      if (any && is) result = true;
      if (!any && !is) result = false;
    }
    return boolean(result);
  }
  if (f == Fn::kIif) {
    // The criterion and both branches read the input (member.resolve().iif(empty(), ...)).
    Scope on_input{s.env, nullptr, s.index};
    auto c = truth(eval(*n.args.at(0), focus, on_input));
    if (c == true) return eval(*n.args.at(1), focus, on_input);
    if (n.args.size() > 2) return eval(*n.args[2], focus, on_input);
    return {};
  }
  if (f == Fn::kOfType || f == Fn::kIs || f == Fn::kAs) {
    const std::string& type = n.args.at(0)->name;
    Collection out;
    for (const Item& it : focus) {
      if (item_is(it, type)) out.push_back(it);
    }
    if (f == Fn::kIs) return focus.size() == 1 ? boolean(!out.empty()) : Collection{};
    return out;
  }
  if (f == Fn::kChildren) {
    Collection out;
    for (const Item& it : focus) all_children(it, out);
    return out;
  }
  if (f == Fn::kDescendants) {
    Collection out;
    for (const Item& it : focus) descendants(it, out);
    return out;
  }
  if (f == Fn::kExtension) {
    auto url = single_string(outer_arg(0));
    Collection out;
    if (!url) return out;
    for (const Item& it : focus) {
      Collection ext;
      children_named(it, "extension", ext);
      for (const Item& e : ext) {
        const Json& ev = e.value();
        if (ev.is_object() && ev.value("url", std::string()) == *url) out.push_back(e);
      }
    }
    return out;
  }
  if (f == Fn::kResolve) {
    Collection out;
    if (!s.env.resolver) return out;
    for (const Item& it : focus) {
      const Json& v = it.value();
      const Json* ref = nullptr;
      if (v.is_string()) {
        ref = &v;
      } else if (v.is_object() && v.contains("reference") && v["reference"].is_string()) {
        ref = &v["reference"];
      }
      if (!ref) continue;
      if (const Json* target =
              s.env.resolver->resolve(ref->get_ref<const std::string&>(), s.env.resource)) {
        out.push_back(make_item(*target, resource_type_of(*target)));
      }
    }
    return out;
  }
  // String functions: on a single string input.
  if (focus.size() > 1) throw std::runtime_error(n.name + "() on a collection of several items");
  if (focus.empty()) return {};
  const Json& v = focus[0].value();
  if (f == Fn::kToString) {
    auto str = to_string_value(focus[0]);
    return str ? Collection{make_value(*str, "String")} : Collection{};
  }
  if (f == Fn::kToInteger || f == Fn::kConvertsToInteger) {
    std::optional<long long> r;
    if (v.is_number_integer()) r = v.get<long long>();
    if (v.is_boolean()) r = v.get<bool>() ? 1 : 0;
    if (v.is_string()) {
      const std::string& str = v.get_ref<const std::string&>();
      std::size_t i = (!str.empty() && (str[0] == '-' || str[0] == '+')) ? 1 : 0;
      if (i < str.size() && std::all_of(str.begin() + static_cast<long>(i), str.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
          }))
        r = std::stoll(str);
    }
    if (f == Fn::kConvertsToInteger) return boolean(r.has_value());
    return r ? Collection{make_value(*r, "Integer")} : Collection{};
  }
  if (f == Fn::kToDecimal || f == Fn::kConvertsToDecimal) {
    std::optional<double> r;
    if (v.is_number()) r = v.get<double>();
    if (v.is_string()) {
      try {
        std::size_t used = 0;
        double d = std::stod(v.get<std::string>(), &used);
        if (used == v.get_ref<const std::string&>().size()) r = d;
      } catch (const std::exception&) {
      }
    }
    if (f == Fn::kConvertsToDecimal) return boolean(r.has_value());
    return r ? Collection{make_value(*r, "Decimal")} : Collection{};
  }
  if (f == Fn::kGetValue) return v.is_primitive() ? focus : Collection{};
  if (!v.is_string()) return {};
  const std::string& str = v.get_ref<const std::string&>();
  if (f == Fn::kLength) return {make_value(static_cast<long long>(str.size()), "Integer")};
  if (f == Fn::kUpper || f == Fn::kLower) {
    std::string r = str;
    for (char& c : r) {
      c = static_cast<char>(f == Fn::kUpper ? std::toupper(static_cast<unsigned char>(c))
                                            : std::tolower(static_cast<unsigned char>(c)));
    }
    return {make_value(r, "String")};
  }
  if (f == Fn::kTrim) {
    auto b = str.find_first_not_of(" \t\r\n");
    auto e = str.find_last_not_of(" \t\r\n");
    return {make_value(b == std::string::npos ? "" : str.substr(b, e - b + 1), "String")};
  }
  if (f == Fn::kMatches) {
    if (n.regex) return boolean(std::regex_search(str, *n.regex));
    auto re = single_string(outer_arg(0));
    if (!re) return {};
    try {
      return boolean(std::regex_search(str, std::regex(*re)));
    } catch (const std::regex_error&) {
      return {};
    }
  }
  auto sarg = single_string(outer_arg(0));
  if (f == Fn::kStartsWith)
    return sarg ? boolean(str.compare(0, sarg->size(), *sarg) == 0) : Collection{};
  if (f == Fn::kEndsWith) {
    return sarg ? boolean(str.size() >= sarg->size() &&
                          str.compare(str.size() - sarg->size(), sarg->size(), *sarg) == 0)
                : Collection{};
  }
  if (f == Fn::kContains)
    return sarg ? boolean(str.find(*sarg) != std::string::npos) : Collection{};
  if (f == Fn::kIndexOf) {
    if (!sarg) return {};
    auto pos = str.find(*sarg);
    return {make_value(pos == std::string::npos ? -1LL : static_cast<long long>(pos), "Integer")};
  }
  if (f == Fn::kReplace) {
    auto with = single_string(outer_arg(1));
    if (!sarg || !with || sarg->empty()) return {};
    std::string r;
    for (std::size_t i = 0; i < str.size();) {
      if (str.compare(i, sarg->size(), *sarg) == 0) {
        r += *with;
        i += sarg->size();
      } else {
        r += str[i++];
      }
    }
    return {make_value(r, "String")};
  }
  if (f == Fn::kSubstring) {
    Collection a = outer_arg(0);
    if (a.size() != 1 || !a[0].value().is_number_integer()) return {};
    long long start = a[0].value().get<long long>();
    if (start < 0 || start >= static_cast<long long>(str.size())) return {};
    std::size_t len = std::string::npos;
    if (n.args.size() > 1) {
      Collection l = outer_arg(1);
      if (l.size() == 1 && l[0].value().is_number_integer())
        len = static_cast<std::size_t>(std::max<long long>(0, l[0].value().get<long long>()));
    }
    return {make_value(str.substr(static_cast<std::size_t>(start), len), "String")};
  }
  if (f == Fn::kLowBoundary || f == Fn::kHighBoundary) return focus;
  throw std::runtime_error("function " + n.name + "() is not implemented");
}

Collection binary(const Node& n, const Collection& focus, const Scope& s) {
  std::string_view op = n.name;
  if (op == "and" || op == "or" || op == "xor" || op == "implies") {
    auto l = truth(eval(*n.lhs, focus, s));
    if (op == "and" && l == false) return boolean(false);
    if (op == "or" && l == true) return boolean(true);
    if (op == "implies" && l == false) return boolean(true);
    auto r = truth(eval(*n.rhs, focus, s));
    if (op == "and") {
      if (r == false) return boolean(false);
      if (l == true && r == true) return boolean(true);
      return {};
    }
    if (op == "or") {
      if (r == true) return boolean(true);
      if (l == false && r == false) return boolean(false);
      return {};
    }
    if (op == "xor") {
      if (!l || !r) return {};
      return boolean(*l != *r);
    }
    // implies: l is true or empty
    if (r == true) return boolean(true);
    if (l == true) return r ? boolean(false) : Collection{};
    return {};
  }
  if (op == "is" || op == "as") {
    Collection l = eval(*n.lhs, focus, s);
    if (l.size() != 1) return {};
    bool match = item_is(l[0], n.rhs->name);
    if (op == "is") return boolean(match);
    return match ? l : Collection{};
  }
  Collection l = eval(*n.lhs, focus, s);
  Collection r = eval(*n.rhs, focus, s);
  if (op == "|") {
    Collection all = l;
    all.insert(all.end(), r.begin(), r.end());
    return distinct(all);
  }
  if (op == "in" || op == "contains") {
    const Collection& needle = op == "in" ? l : r;
    const Collection& hay = op == "in" ? r : l;
    if (needle.empty()) return {};
    if (needle.size() > 1) return {};
    bool found = std::any_of(hay.begin(), hay.end(),
                             [&](const Item& h) { return equal_values(h, needle[0]) == true; });
    return boolean(found);
  }
  if (op == "&") {
    std::string a = l.size() == 1 ? to_string_value(l[0]).value_or("") : "";
    std::string b = r.size() == 1 ? to_string_value(r[0]).value_or("") : "";
    return {make_value(a + b, "String")};
  }
  if (op == "=" || op == "!=") {
    if (l.empty() || r.empty()) return {};
    if (l.size() != r.size()) return boolean(op == "!=");
    std::optional<bool> all = true;
    for (std::size_t i = 0; i < l.size(); ++i) {
      auto e = equal_values(l[i], r[i]);
      if (!e) {
        all = std::nullopt;
        break;
      }
      if (!*e) {
        all = false;
        break;
      }
    }
    if (!all) return {};
    return boolean(op == "=" ? *all : !*all);
  }
  if (op == "~" || op == "!~") {
    bool eq = l.size() == r.size();
    for (std::size_t i = 0; eq && i < l.size(); ++i) eq = equivalent_values(l[i], r[i]);
    return boolean(op == "~" ? eq : !eq);
  }
  if (l.size() != 1 || r.size() != 1) return {};
  if (op == "<" || op == ">" || op == "<=" || op == ">=") {
    auto c = compare_values(l[0], r[0]);
    if (!c) return {};
    if (op == "<") return boolean(*c < 0);
    if (op == ">") return boolean(*c > 0);
    if (op == "<=") return boolean(*c <= 0);
    return boolean(*c >= 0);
  }
  return arithmetic(n.name, l[0], r[0]);
}

Collection eval(const Node& n, const Collection& focus, const Scope& s) {
  switch (n.kind) {
    case NodeKind::kLiteral:
      return {n.literal_item};
    case NodeKind::kEmpty:
      return {};
    case NodeKind::kThis:
      return s.self ? Collection{*s.self} : focus;
    case NodeKind::kIndex:
      return {make_value(s.index, "Integer")};
    case NodeKind::kVariable: {
      if (n.name == "ucum") return {make_value("http://unitsofmeasure.org", "String")};
      if (n.name == "sct") return {make_value("http://snomed.info/sct", "String")};
      if (n.name == "loinc") return {make_value("http://loinc.org", "String")};
      if (n.name == "context") return focus;
      const Json* r = n.name == "resource" ? s.env.resource : s.env.root_resource;
      if (!r) return {};
      return {make_item(*r, resource_type_of(*r))};
    }
    case NodeKind::kIdentifier: {
      Collection out;
      for (const Item& it : focus) {
        // A leading type name ("Task.code") names the focus itself.
        const Json& v = it.value();
        if (v.is_object()) {
          auto rt = v.find("resourceType");
          if (rt != v.end() && rt->is_string() && rt->get_ref<const std::string&>() == n.name) {
            out.push_back(it);
            continue;
          }
        }
        children_named(it, n.name, out);
      }
      return out;
    }
    case NodeKind::kMember: {
      Collection base = eval(*n.lhs, focus, s);
      Collection out;
      for (const Item& it : base) children_named(it, n.name, out);
      return out;
    }
    case NodeKind::kFunction: {
      // The context is $this inside where()/select()/all()..., else the focus; the input the
      // left-hand side's result, else the context. Neither is copied when it is the focus.
      Collection self;
      if (s.self) self.push_back(*s.self);
      const Collection& context = s.self ? self : focus;
      if (!n.lhs) return function(n, context, context, s);
      return function(n, eval(*n.lhs, focus, s), context, s);
    }
    case NodeKind::kIndexer: {
      Collection base = eval(*n.lhs, focus, s);
      Collection idx = eval(*n.args[0], s.self ? Collection{*s.self} : focus, s);
      if (idx.size() != 1 || !idx[0].value().is_number_integer()) return {};
      long long k = idx[0].value().get<long long>();
      if (k < 0 || k >= static_cast<long long>(base.size())) return {};
      return {base[static_cast<std::size_t>(k)]};
    }
    case NodeKind::kBinary:
      return binary(n, focus, s);
    case NodeKind::kUnary: {
      Collection v = eval(*n.lhs, focus, s);
      if (n.name == "+" || v.size() != 1) return v;
      const Json& x = v[0].value();
      if (x.is_number_integer()) return {make_value(-x.get<long long>(), "Integer")};
      if (x.is_number()) return {make_value(-x.get<double>(), "Decimal")};
      return {};
    }
  }
  return {};
}

}  // namespace

Expression Expression::compile(std::string_view text) {
  Expression e;
  e.root_ = std::shared_ptr<const Node>(parse_fhirpath(text).release());
  e.text_ = std::string(text);
  return e;
}

Collection Expression::evaluate(const Item& focus, const Environment& env) const {
  Scope s{env, nullptr, 0};
  return eval(*root_, {focus}, s);
}

std::optional<bool> Expression::evaluate_boolean(const Item& focus, const Environment& env) const {
  return truth(evaluate(focus, env));
}

}  // namespace ccdafhir::fhirpath
