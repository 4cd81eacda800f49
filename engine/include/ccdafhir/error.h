// Process failures: the input could not be read, or the engine could not start (for example a
// mapping table is invalid). Data problems are Diagnostics instead.
#pragma once

#include <stdexcept>
#include <string>

namespace ccdafhir {

enum class ErrorKind {
  kInputRejected,  // hostile, malformed or over-limit input: exit code 2
  kConfig,         // mapping tables, code systems, stylesheets: the installation is broken
  kIo,             // files could not be read or written
  kInternal,       // a bug
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace ccdafhir
