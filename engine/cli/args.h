// Command-line argument parsing shared by every subcommand.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "ccdafhir/convert.h"

namespace ccdafhir::cli {

constexpr int kExitOk = 0;
constexpr int kExitValidationErrors = 1;
constexpr int kExitRejected = 2;
constexpr int kExitBug = 3;

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // options that take a value
  std::vector<std::string> flags;              // options without a value
};

// Options named in takes_value() consume the next argument; "--name=value" works for any option.
Args parse_args(int argc, char** argv, int first);

std::string option(const Args& a, const std::string& name, const std::string& fallback = "");
bool flag(const Args& a, const std::string& name);

// Throws Error(kInputRejected) naming the first option not in `allowed`.
void check_known(const Args& a, std::initializer_list<const char*> allowed,
                 std::initializer_list<const char*> also_allowed = {});

EngineConfig engine_config(const Args& a);

// --max-bytes, --max-depth, --max-entries, --max-seconds over the default Limits; a value that
// is not a positive number is refused (Error kInputRejected naming the option).
Limits limits_options(const Args& a);
// The options limits_options() reads: commands that take them pass this to check_known().
inline constexpr std::initializer_list<const char*> kLimitOptions = {
    "--max-bytes", "--max-depth", "--max-entries", "--max-seconds"};

// --now, checked to be a FHIR instant; the clock when absent.
std::string now_option(const Args& a);

}  // namespace ccdafhir::cli
