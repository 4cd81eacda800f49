#include "batch/member_kind.h"

#include <cstdint>
#include <string>

#include "util/json.h"

namespace ccdafhir::batch {

namespace {

// SAX events only: depth and the last key at depth 1. Returning false from a handler stops
// the parse, which is how a found "resourceType" ends the scan early.
class ResourceTypeFinder : public nlohmann::json_sax<Json> {
 public:
  bool found = false;
  bool malformed = false;

  bool null() override { return value_seen(false); }
  bool boolean(bool) override { return value_seen(false); }
  bool number_integer(number_integer_t) override { return value_seen(false); }
  bool number_unsigned(number_unsigned_t) override { return value_seen(false); }
  bool number_float(number_float_t, const string_t&) override { return value_seen(false); }
  bool string(string_t&) override { return value_seen(true); }
  bool binary(binary_t&) override { return value_seen(false); }
  bool start_object(std::size_t) override {
    if (depth_ == 0) top_is_object_ = true;
    return enter();
  }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(); }
  bool end_array() override { return leave(); }
  bool key(string_t& k) override {
    type_key_ = depth_ == 1 && top_is_object_ && k == "resourceType";
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    malformed = true;
    return false;
  }

 private:
  std::uint32_t depth_ = 0;
  bool top_is_object_ = false;
  bool type_key_ = false;

  bool value_seen(bool is_string) {
    if (type_key_ && is_string) {
      found = true;
      return false;  // enough: stop here
    }
    type_key_ = false;
    return true;
  }
  bool enter() {
    type_key_ = false;
    ++depth_;
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }
};

}  // namespace

JsonKind sniff_json(std::string_view bytes) {
  ResourceTypeFinder finder;
  Json::sax_parse(bytes.begin(), bytes.end(), &finder);
  if (finder.found) return JsonKind::kFhirResource;
  return finder.malformed ? JsonKind::kNotJson : JsonKind::kOtherJson;
}

}  // namespace ccdafhir::batch
