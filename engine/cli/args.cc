#include "args.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "ccdafhir/error.h"
#include "util/clock.h"

namespace ccdafhir::cli {

namespace {

// Options that take a value; everything else starting with '-' (except "-") is a flag.
bool takes_value(const std::string& name) {
  static const char* names[] = {"-o",
                                "--report",
                                "--trace",
                                "--now",
                                "--profile",
                                "--to",
                                "--jobs",
                                "--port",
                                "--data-dir",
                                "--cda-xsd",
                                "--format",
                                "--host",
                                "--store",
                                "--tracking-id",
                                "--payer",
                                "--provider",
                                "--member",
                                "--service-date",
                                "--code",
                                "--sign",
                                "--key",
                                "--bundle",
                                "--token-file",
                                "--max-seconds",
                                "--progress",
                                "--tls-cert",
                                "--tls-key",
                                "--queue",
                                "--timeout",
                                "--max-body-bytes",
                                "--organization",
                                "--attach-to",
                                "--line-item",
                                "--cert",
                                "--as"};
  for (const char* n : names) {
    if (name == n) return true;
  }
  for (const char* n : kLimitOptions) {
    if (name == n) return true;
  }
  return false;
}

// A positive whole number: digits only, no sign, no overflow.
std::size_t whole_number(const std::string& name, const std::string& text) {
  std::size_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v == 0) {
    throw Error(ErrorKind::kInputRejected, name + " must be a positive whole number");
  }
  return v;
}

}  // namespace

Limits limits_options(const Args& a) {
  Limits limits;
  if (auto v = option(a, "--max-bytes"); !v.empty())
    limits.max_input_bytes = whole_number("--max-bytes", v);
  if (auto v = option(a, "--max-depth"); !v.empty()) {
    std::size_t depth = whole_number("--max-depth", v);
    // libxml2 refuses deeper XML itself unless XML_PARSE_HUGE, which would also lift its text
    // caps: 256 is the most this option can mean.
    if (depth > 256) {
      throw Error(ErrorKind::kInputRejected,
                  "--max-depth must be at most 256 (the XML parser's own cap)");
    }
    limits.max_depth = static_cast<int>(depth);
  }
  if (auto v = option(a, "--max-entries"); !v.empty())
    limits.max_entries = whole_number("--max-entries", v);
  if (auto v = option(a, "--max-seconds"); !v.empty()) {
    char* end = nullptr;
    double seconds = std::strtod(v.c_str(), &end);
    if (end != v.c_str() + v.size() || !std::isfinite(seconds) || seconds <= 0) {
      throw Error(ErrorKind::kInputRejected, "--max-seconds must be a positive number of seconds");
    }
    limits.max_seconds = seconds;
  }
  return limits;
}

Args parse_args(int argc, char** argv, int first) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s.size() > 1 && s[0] == '-') {
      auto eq = s.find('=');
      if (s.rfind("--", 0) == 0 && eq != std::string::npos) {
        a.options[s.substr(0, eq)] = s.substr(eq + 1);
        continue;
      }
      if (takes_value(s)) {
        if (i + 1 >= argc) throw Error(ErrorKind::kInputRejected, "option " + s + " needs a value");
        a.options[s] = argv[++i];
      } else {
        a.flags.push_back(s);
      }
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

std::string option(const Args& a, const std::string& name, const std::string& fallback) {
  auto it = a.options.find(name);
  return it == a.options.end() ? fallback : it->second;
}

bool flag(const Args& a, const std::string& name) {
  for (const auto& f : a.flags) {
    if (f == name) return true;
  }
  return false;
}

void check_known(const Args& a, std::initializer_list<const char*> allowed,
                 std::initializer_list<const char*> also_allowed) {
  auto known = [&](const std::string& name) {
    for (const char* n : allowed) {
      if (name == n) return true;
    }
    for (const char* n : also_allowed) {
      if (name == n) return true;
    }
    return false;
  };
  for (const auto& [k, v] : a.options) {
    if (!known(k)) throw Error(ErrorKind::kInputRejected, "unknown option " + k);
  }
  for (const auto& f : a.flags) {
    if (!known(f)) throw Error(ErrorKind::kInputRejected, "unknown option " + f);
  }
}

EngineConfig engine_config(const Args& a) {
  EngineConfig c;
  c.data_dir = option(a, "--data-dir");
  return c;
}

std::string now_option(const Args& a) {
  std::string now = option(a, "--now");
  if (now.empty()) return current_instant();
  if (!is_fhir_instant(now)) {
    throw Error(
        ErrorKind::kInputRejected,
        "--now must be an instant such as 2026-01-31T12:00:00Z (date, time, seconds and zone)");
  }
  return now;
}

}  // namespace ccdafhir::cli
