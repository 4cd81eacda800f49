#include "serve/request_body.h"

#include <cctype>

#include "serve/refusal.h"
#include "util/clock.h"

namespace ccdafhir::serve {

std::string media_type(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

void require_media_type(const httplib::Request& req, std::initializer_list<const char*> accepted) {
  std::string type = media_type(req);
  std::string expected;
  for (const char* a : accepted) {
    if (type == a) return;
    expected += expected.empty() ? a : std::string(" or ") + a;
  }
  throw Refused(unsupported_media_type(expected));
}

std::string now_parameter(const httplib::Request& req) {
  if (!req.has_param("now")) return current_instant();
  std::string now = req.get_param_value("now");
  if (!is_fhir_instant(now))
    throw Refused(
        malformed("query parameter 'now' must be a FHIR instant, such as "
                  "2026-01-31T12:00:00Z"));
  return now;
}

bool flag_parameter(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return false;
  std::string value = req.get_param_value(name);
  if (value.empty() || value == "true") return true;
  if (value == "false") return false;
  throw Refused(malformed(std::string("query parameter '") + name + "' is true or false"));
}

std::string read_body(const httplib::ContentReader& reader, std::size_t max_bytes,
                      std::chrono::steady_clock::time_point deadline) {
  std::string body;
  bool too_large = false;
  bool late = false;
  bool complete = reader([&](const char* data, std::size_t length) {
    if (body.size() + length > max_bytes) {
      too_large = true;
      return false;  // stop reading: the rest is never taken off the socket
    }
    if (std::chrono::steady_clock::now() > deadline) {
      late = true;
      return false;
    }
    body.append(data, length);
    return true;
  });
  if (too_large) throw Refused(serve::too_large(max_bytes));
  if (late) throw Refused(request_timeout());
  if (!complete) throw Refused(malformed("the request body could not be read completely"));
  return body;
}

}  // namespace ccdafhir::serve
