#include "fragments.h"

#include <set>
#include <string_view>

namespace ccdafhir::mutate {

namespace {

// The name of the first element, skipping the XML declaration, comments and whitespace.
std::string_view first_element(std::string_view xml, std::size_t& at) {
  std::size_t i = 0;
  while (i < xml.size()) {
    i = xml.find('<', i);
    if (i == std::string_view::npos) return {};
    if (xml.substr(i, 4) == "<!--") {
      i = xml.find("-->", i);
      if (i == std::string_view::npos) return {};
      continue;
    }
    if (xml.substr(i, 2) == "<?" || xml.substr(i, 2) == "<!") {
      i = xml.find('>', i);
      if (i == std::string_view::npos) return {};
      continue;
    }
    at = i;
    std::size_t end = xml.find_first_of(" \t\r\n/>", i + 1);
    std::string_view name = xml.substr(i + 1, end - i - 1);
    if (auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    return name;
  }
  return {};
}

}  // namespace

std::string as_document(const std::string& xml) {
  std::size_t at = 0;
  std::string_view name = first_element(xml, at);
  if (name.empty() || name == "ClinicalDocument") return xml;
  static const std::set<std::string_view> statements = {
      "act",       "observation", "substanceAdministration", "procedure",       "encounter",
      "organizer", "supply",      "regionOfInterest",        "observationMedia"};
  std::string open =
      "<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:sdtc=\"urn:hl7-org:sdtc\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      "<templateId root=\"2.16.840.1.113883.10.20.22.1.1\"/><id root=\"1.2.3.4\"/>";
  std::string close = "</ClinicalDocument>";
  if (statements.count(name)) {
    open += "<component><structuredBody><component><section><entry>";
    close = "</entry></section></component></structuredBody></component>" + close;
  } else if (name == "entry") {
    open += "<component><structuredBody><component><section>";
    close = "</section></component></structuredBody></component>" + close;
  } else if (name == "component" || name == "section") {
    open += "<component><structuredBody>";
    close = "</structuredBody></component>" + close;
    if (name == "section") {
      open += "<component>";
      close = "</component>" + close;
    }
  }
  return open + xml.substr(at) + close;
}

}  // namespace ccdafhir::mutate
