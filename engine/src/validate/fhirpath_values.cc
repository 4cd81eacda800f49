#include "validate/fhirpath_values.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

#include "validate/primitives.h"

namespace ccdafhir::fhirpath {

namespace {

const std::set<std::string, std::less<>> kChoiceSuffixes = {"Base64Binary",
                                                            "Boolean",
                                                            "Canonical",
                                                            "Code",
                                                            "Date",
                                                            "DateTime",
                                                            "Decimal",
                                                            "Id",
                                                            "Instant",
                                                            "Integer",
                                                            "Markdown",
                                                            "Oid",
                                                            "PositiveInt",
                                                            "String",
                                                            "Time",
                                                            "UnsignedInt",
                                                            "Uri",
                                                            "Url",
                                                            "Uuid",
                                                            "Address",
                                                            "Age",
                                                            "Annotation",
                                                            "Attachment",
                                                            "CodeableConcept",
                                                            "Coding",
                                                            "ContactPoint",
                                                            "Count",
                                                            "Distance",
                                                            "Duration",
                                                            "HumanName",
                                                            "Identifier",
                                                            "Money",
                                                            "Period",
                                                            "Quantity",
                                                            "Range",
                                                            "Ratio",
                                                            "Reference",
                                                            "SampledData",
                                                            "Signature",
                                                            "Timing",
                                                            "ContactDetail",
                                                            "Contributor",
                                                            "DataRequirement",
                                                            "Expression",
                                                            "ParameterDefinition",
                                                            "RelatedArtifact",
                                                            "TriggerDefinition",
                                                            "UsageContext",
                                                            "Dosage",
                                                            "Meta"};

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  if (std::tolower(static_cast<unsigned char>(a[0])) !=
      std::tolower(static_cast<unsigned char>(b[0])))
    return false;
  return a.substr(1) == b.substr(1);
}

bool is_string_type(std::string_view t) {
  static const std::set<std::string, std::less<>> k = {
      "string",   "code",         "id",   "uri",      "url",     "canonical", "oid",  "uuid",
      "markdown", "base64Binary", "date", "dateTime", "instant", "time",      "xhtml"};
  std::string lower(t);
  if (!lower.empty())
    lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
  return k.count(lower) > 0;
}

// Seconds since 1970 for a full dateTime with a zone; nullopt otherwise.
std::optional<double> epoch_seconds(std::string_view s) {
  if (s.size() < 20 || s[10] != 'T' || !validate::valid_datetime(s)) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v * 10 + (s[at + i] - '0');
    return v;
  };
  int y = num(0, 4), mo = num(5, 2), d = num(8, 2);
  int h = num(11, 2), mi = num(14, 2), se = num(17, 2);
  std::size_t i = 19;
  double frac = 0;
  if (s[i] == '.') {
    double scale = 0.1;
    for (++i; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
      frac += (s[i] - '0') * scale;
      scale /= 10;
    }
  }
  int offset = 0;
  if (s[i] != 'Z') {
    int oh = num(i + 1, 2), om = num(i + 4, 2);
    offset = (oh * 60 + om) * 60 * (s[i] == '-' ? -1 : 1);
  }
  // Days from civil (Howard Hinnant's algorithm).
  y -= mo <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  double days = static_cast<double>(era) * 146097 + doe - 719468;
  return days * 86400 + h * 3600 + mi * 60 + se + frac - offset;
}

bool looks_temporal(std::string_view s) {
  return s.size() >= 4 && std::isdigit(static_cast<unsigned char>(s[0])) &&
         (validate::valid_date(s) || validate::valid_datetime(s));
}

std::optional<int> compare_temporal(std::string_view a, std::string_view b) {
  auto ea = epoch_seconds(a), eb = epoch_seconds(b);
  if (ea && eb) return *ea < *eb ? -1 : (*ea > *eb ? 1 : 0);
  // Partial precision: compare the common date prefix; equal prefixes leave the order unknown
  // unless both strings have the same precision.
  std::size_t n = std::min({a.size(), b.size(), std::size_t{10}});
  int c = a.substr(0, n).compare(b.substr(0, n));
  if (c != 0) return c < 0 ? -1 : 1;
  if (a.size() <= 10 && b.size() <= 10 && a.size() == b.size()) return 0;
  return std::nullopt;
}

double number(const Json& v) {
  return v.get<double>();
}

}  // namespace

bool is_choice_suffix(std::string_view suffix) {
  return kChoiceSuffixes.count(suffix) > 0;
}

std::string resource_type_of(const Json& v) {
  if (v.is_object()) {
    auto it = v.find("resourceType");
    if (it != v.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

bool item_is(const Item& it, const std::string& type) {
  if (!it.type.empty()) {
    if (same_name(it.type, type)) return true;
    // System types of computed values: a System.String is also a FHIR string.
    if (same_name(it.type, "String") && is_string_type(type) && !it.ptr) return true;
    return false;
  }
  const Json& v = it.value();
  if (v.is_string()) return is_string_type(type);
  if (v.is_boolean()) return same_name(type, "boolean");
  if (v.is_number_integer()) return same_name(type, "integer");
  if (v.is_number()) return same_name(type, "decimal");
  return false;
}

std::optional<bool> equal_values(const Item& a, const Item& b) {
  const Json& x = a.value();
  const Json& y = b.value();
  if (x.is_number() && y.is_number()) return number(x) == number(y);
  if (x.is_string() && y.is_string()) {
    const auto& s = x.get_ref<const std::string&>();
    const auto& t = y.get_ref<const std::string&>();
    if (s == t) return true;
    if (looks_temporal(s) && looks_temporal(t)) {
      auto c = compare_temporal(s, t);
      if (!c) return std::nullopt;
      return *c == 0;
    }
    return false;
  }
  return x == y;
}

std::string distinct_key(const Item& it) {
  const Json& v = it.value();
  if (v.is_number()) {
    double d = number(v);
    if (d == 0) d = 0;  // -0 equals 0
    char text[32];
    std::snprintf(text, sizeof text, "n%a", d);
    return text;
  }
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    return looks_temporal(s) ? "t" : "s" + s;
  }
  return std::string("j") + v.type_name();
}

bool equivalent_values(const Item& a, const Item& b) {
  const Json& x = a.value();
  const Json& y = b.value();
  if (x.is_string() && y.is_string()) {
    std::string s = x.get<std::string>(), t = y.get<std::string>();
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s == t;
  }
  return equal_values(a, b).value_or(false);
}

std::optional<int> compare_values(const Item& a, const Item& b) {
  const Json& x = a.value();
  const Json& y = b.value();
  if (x.is_number() && y.is_number()) {
    double p = number(x), q = number(y);
    return p < q ? -1 : (p > q ? 1 : 0);
  }
  if (x.is_string() && y.is_string()) {
    const auto& s = x.get_ref<const std::string&>();
    const auto& t = y.get_ref<const std::string&>();
    if (looks_temporal(s) && looks_temporal(t)) return compare_temporal(s, t);
    int c = s.compare(t);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  // Quantities: compare values when the units agree (or either has none).
  if (x.is_object() && y.is_object() && x.contains("value") && y.contains("value") &&
      x["value"].is_number() && y["value"].is_number()) {
    std::string ux = x.value("code", x.value("unit", std::string()));
    std::string uy = y.value("code", y.value("unit", std::string()));
    if (!ux.empty() && !uy.empty() && ux != uy) return std::nullopt;
    double p = number(x["value"]), q = number(y["value"]);
    return p < q ? -1 : (p > q ? 1 : 0);
  }
  return std::nullopt;
}

Collection arithmetic(const std::string& op, const Item& a, const Item& b) {
  const Json& x = a.value();
  const Json& y = b.value();
  if (op == "+" && x.is_string() && y.is_string())
    return {make_value(x.get<std::string>() + y.get<std::string>(), "String")};
  if (!x.is_number() || !y.is_number()) return {};
  bool ints = x.is_number_integer() && y.is_number_integer();
  if (ints && (op == "+" || op == "-" || op == "*" || op == "div" || op == "mod")) {
    long long p = x.get<long long>(), q = y.get<long long>();
    if ((op == "div" || op == "mod") && q == 0) return {};
    long long r = op == "+"     ? p + q
                  : op == "-"   ? p - q
                  : op == "*"   ? p * q
                  : op == "div" ? p / q
                                : p % q;
    return {make_value(r, "Integer")};
  }
  double p = number(x), q = number(y);
  if (op == "+") return {make_value(p + q, "Decimal")};
  if (op == "-") return {make_value(p - q, "Decimal")};
  if (op == "*") return {make_value(p * q, "Decimal")};
  if (op == "/") return q == 0 ? Collection{} : Collection{make_value(p / q, "Decimal")};
  return {};
}

std::optional<std::string> to_string_value(const Item& it) {
  const Json& v = it.value();
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

}  // namespace ccdafhir::fhirpath
