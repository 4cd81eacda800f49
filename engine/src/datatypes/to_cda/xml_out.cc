#include "datatypes/to_cda/xml_out.h"

#include <cmath>
#include <cstdio>

#include "cda/xml.h"

namespace ccdafhir::rdt::out {

namespace {
const xmlChar* x(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

const Json& null_json() {
  static const Json kNull;
  return kNull;
}
}  // namespace

// Datatype content is HL7 v3 even under an SDTC element (sdtc:raceCode is an hl7:CE, so its
// originalText and translation are v3 elements): the v3 namespace in scope, declared on the
// parent when nothing in scope declares it.
xmlNs* v3_namespace(xmlNode* el) {
  if (el->ns && cda::as_view(el->ns->href) == cda::kHl7Ns) return el->ns;
  if (xmlNs* ns = xmlSearchNsByHref(el->doc, el, x(cda::kHl7Ns))) return ns;
  return xmlNewNs(el, x(cda::kHl7Ns), nullptr);
}

xmlNode* child(xmlNode* parent, const char* name) {
  return xmlNewChild(parent, v3_namespace(parent), x(name), nullptr);
}

void set(xmlNode* el, const char* name, std::string_view value) {
  std::string v(value);
  xmlSetProp(el, x(name), x(v.c_str()));
}

void text(xmlNode* el, std::string_view content) {
  xmlNodeAddContentLen(el, reinterpret_cast<const xmlChar*>(content.data()),
                       static_cast<int>(content.size()));
}

void set_xsi_type(xmlNode* el, std::string_view type) {
  xmlNs* xsi = xmlSearchNsByHref(el->doc, el, x(cda::kXsiNs));
  if (!xsi) xsi = xmlNewNs(el, x(cda::kXsiNs), x("xsi"));
  // The datatype names are v3 names whatever the element's own namespace.
  std::string qualified;
  xmlNs* v3 = v3_namespace(el);
  if (v3->prefix) qualified = std::string(cda::as_view(v3->prefix)) + ":";
  qualified += type;
  xmlSetNsProp(el, xsi, x("type"), x(qualified.c_str()));
}

bool is_bare(const xmlNode* el) {
  return el->properties == nullptr && el->children == nullptr;
}

std::string str(const Json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

const Json& member(const Json& obj, const char* key) {
  if (!obj.is_object()) return null_json();
  auto it = obj.find(key);
  return it == obj.end() ? null_json() : *it;
}

std::string number_text(const Json& number) {
  if (!number.is_number()) return {};
  if (number.is_number_float()) {
    double d = number.get<double>();
    if (!std::isfinite(d)) return {};
  }
  // nlohmann prints the shortest text that reads back to the same double.
  return number.dump();
}

std::string data_absent_reason(const Json& element) {
  const Json& extensions = member(element, "extension");
  if (!extensions.is_array()) return {};
  for (const Json& e : extensions) {
    if (str(e, "url") == "http://hl7.org/fhir/StructureDefinition/data-absent-reason") {
      return str(e, "valueCode");
    }
  }
  return {};
}

std::string map_code(ReverseContext& ctx, std::string_view map, std::string_view code,
                     std::string_view what) {
  if (code.empty()) return {};
  const ConceptMap* cm = ctx.maps ? ctx.maps->find(map) : nullptr;
  if (!cm) {
    ctx.report(Severity::kWarning, IssueCode::kNotSupported,
               std::string(what) + " left out: ConceptMap " + std::string(map) + " is not loaded");
    return {};
  }
  auto target = cm->translate(code);
  if (!target || target->code.empty()) {
    ctx.report(Severity::kInformation, IssueCode::kCodeInvalid,
               std::string(what) + " has a code with no CDA equivalent (" + std::string(map) +
                   "); left out");
    return {};
  }
  return target->code;
}

}  // namespace ccdafhir::rdt::out
