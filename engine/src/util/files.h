// File helpers for the command line and batch: whole-file reads and atomic writes (temp file +
// rename), so a partial output never looks finished.
#pragma once

#include <string>
#include <string_view>

namespace ccdafhir {

// Reads a file, or standard input for "-". Throws Error(kIo). Refuses (Error kInputRejected)
// anything larger than max_bytes without reading it all.
std::string read_input(const std::string& path, std::size_t max_bytes);

// Writes atomically; "-" writes to standard output. Throws Error(kIo).
void write_output(const std::string& path, std::string_view data);

}  // namespace ccdafhir
