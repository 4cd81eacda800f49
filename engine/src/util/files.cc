#include "util/files.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "ccdafhir/error.h"

namespace ccdafhir {

std::string read_input(const std::string& path, std::size_t max_bytes) {
  std::string data;
  auto too_big = [&] {
    return Error(ErrorKind::kInputRejected,
                 "input is over the size limit of " + std::to_string(max_bytes) + " bytes");
  };
  if (path == "-") {
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
      data.append(buf, n);
      if (data.size() > max_bytes) throw too_big();
    }
    return data;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(ErrorKind::kIo, path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, path + ": cannot open for reading");
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes) throw too_big();
  if (!ec) data.reserve(size);
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.append(buf, static_cast<std::size_t>(in.gcount()));
    if (data.size() > max_bytes) throw too_big();
  }
  return data;
}

void write_output(const std::string& path, std::string_view data) {
  if (path == "-") {
    std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    if (!std::cout) throw Error(ErrorKind::kIo, "cannot write to standard output");
    return;
  }
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorKind::kIo, path + ": cannot open for writing");
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw Error(ErrorKind::kIo, path + ": write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw Error(ErrorKind::kIo, path + ": cannot rename into place: " + ec.message());
  }
}

}  // namespace ccdafhir
