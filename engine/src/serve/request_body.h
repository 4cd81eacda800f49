// Request intake: the media type a route accepts, and the body read in pieces up to a byte
// limit and a deadline, so neither a huge nor a slow body holds more than its share.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <string>

namespace ccdafhir::serve {

// The media type of Content-Type without parameters, lower-cased ("" when absent).
std::string media_type(const httplib::Request& req);

// Throws Refused(415) unless the media type is one of `accepted`.
void require_media_type(const httplib::Request& req, std::initializer_list<const char*> accepted);

// The `now` query parameter, checked like --now (a FHIR instant; Refused 400 otherwise); the
// current instant when absent.
std::string now_parameter(const httplib::Request& req);
// A yes/no query parameter: absent or "false" is no, "true" (or no value) is yes; anything
// else is refused as malformed.
bool flag_parameter(const httplib::Request& req, const char* name);

// Reads the whole body; throws Refused(413) as soon as it passes max_bytes and Refused(408)
// when the deadline passes first.
std::string read_body(const httplib::ContentReader& reader, std::size_t max_bytes,
                      std::chrono::steady_clock::time_point deadline);

}  // namespace ccdafhir::serve
