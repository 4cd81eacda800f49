#include "render/bundle_view.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

#include "ccdafhir/error.h"
#include "cda/xml.h"

namespace ccdafhir {

namespace {

constexpr const char* kViewNs = "urn:ccdafhir:view";
constexpr const char* kXhtmlNs = "http://www.w3.org/1999/xhtml";

const xmlChar* x(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

std::string str(const Json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) return {};
  return obj[key].get<std::string>();
}

const Json* member(const Json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key)) return nullptr;
  return &obj[key];
}

// XML 1.0 has no place for C0 controls other than tab, line feed and carriage return; a JSON
// string may hold them (as \u escapes). They are dropped from the view's text.
std::string xml_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') continue;
    out.push_back(c);
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string strings_of(const Json& obj, const char* key) {
  std::vector<std::string> parts;
  if (const Json* a = member(obj, key); a && a->is_array()) {
    for (const Json& v : *a) {
      if (v.is_string()) parts.push_back(cda::normalize_space(v.get<std::string>()));
    }
  }
  return joined(parts, " ");
}

// HumanName in the order the C-CDA page shows a PN: prefix given family suffix; else its text.
std::string human_name(const Json& name) {
  std::string composed =
      joined({strings_of(name, "prefix"), strings_of(name, "given"),
              cda::normalize_space(str(name, "family")), strings_of(name, "suffix")},
             " ");
  return composed.empty() ? cda::normalize_space(str(name, "text")) : composed;
}

std::string first_name(const Json& resource) {
  const Json* names = member(resource, "name");
  if (!names) return {};
  if (names->is_string()) return cda::normalize_space(names->get<std::string>());
  if (names->is_array() && !names->empty()) return human_name((*names)[0]);
  return {};
}

// CodeableConcept: text, else the first coding's display, else its code.
std::string concept_text(const Json* cc) {
  if (!cc || !cc->is_object()) return {};
  if (auto t = cda::normalize_space(str(*cc, "text")); !t.empty()) return t;
  if (const Json* codings = member(*cc, "coding"); codings && codings->is_array()) {
    for (const Json& c : *codings) {
      if (auto d = cda::normalize_space(str(c, "display")); !d.empty()) return d;
    }
    for (const Json& c : *codings) {
      if (auto d = str(c, "code"); !d.empty()) return d;
    }
  }
  return {};
}

std::string without_uri_prefix(std::string s) {
  for (std::string_view p : {"urn:oid:", "urn:uuid:"}) {
    if (s.rfind(p, 0) == 0) return s.substr(p.size());
  }
  return s;
}

// Identifier: value (assigner, else system), as the C-CDA page shows extension (authority).
std::string identifier_text(const Json& id) {
  std::string value = without_uri_prefix(str(id, "value"));
  if (value.empty()) return {};
  std::string by;
  if (const Json* assigner = member(id, "assigner"))
    by = cda::normalize_space(str(*assigner, "display"));
  if (by.empty()) by = without_uri_prefix(str(id, "system"));
  return by.empty() || by == "urn:ietf:rfc:3986" ? value : value + " (" + by + ")";
}

class ViewBuilder {
 public:
  ViewBuilder(const Json& bundle, const Limits& limits) : limits_(limits) {
    if (const Json* entries = member(bundle, "entry"); entries && entries->is_array()) {
      for (const Json& e : *entries) {
        const Json* r = member(e, "resource");
        if (!r || !r->is_object()) continue;
        if (auto url = str(e, "fullUrl"); !url.empty()) by_ref_.emplace(url, r);
        auto type = str(*r, "resourceType");
        auto id = str(*r, "id");
        if (!type.empty() && !id.empty()) by_ref_.emplace(type + "/" + id, r);
      }
    }
    doc_.reset(xmlNewDoc(x("1.0")));
    root_ = xmlNewDocNode(doc_.get(), nullptr, x("document"), nullptr);
    ns_ = xmlNewNs(root_, x(kViewNs), x("view"));
    xmlSetNs(root_, ns_);
    xmlDocSetRootElement(doc_.get(), root_);
  }

  XmlDocPtr build(const Json& composition) {
    std::string type = concept_text(member(composition, "type"));
    std::string title = cda::normalize_space(str(composition, "title"));
    add(root_, "title", title.empty() ? type : title);
    add(root_, "type", type);
    add(root_, "date", display_datetime(str(composition, "date")));
    if (const Json* authors = member(composition, "author"); authors && authors->is_array()) {
      for (const Json& a : *authors) add(root_, "author", party_text(a));
    }
    if (const Json* custodian = member(composition, "custodian")) {
      add(root_, "custodian", party_text(*custodian));
    }
    if (const Json* subject = member(composition, "subject")) patient(*subject);
    if (const Json* sections = member(composition, "section"); sections && sections->is_array()) {
      for (const Json& s : *sections) section(root_, s);
    }
    return std::move(doc_);
  }

 private:
  xmlNodePtr add(xmlNodePtr parent, const char* name, const std::string& text) {
    if (text.empty()) return nullptr;
    return xmlNewTextChild(parent, ns_, x(name), x(xml_text(text).c_str()));
  }

  const Json* resolve(const Json& reference) const {
    auto ref = str(reference, "reference");
    auto it = by_ref_.find(ref);
    return it == by_ref_.end() ? nullptr : it->second;
  }

  // Who a Reference names, as the C-CDA page shows an author: "person, organisation".
  std::string party_text(const Json& reference) const {
    const Json* r = resolve(reference);
    if (!r) return cda::normalize_space(str(reference, "display"));
    std::string type = str(*r, "resourceType");
    if (type == "PractitionerRole") {
      std::string person, org;
      if (const Json* p = member(*r, "practitioner")) person = party_text(*p);
      if (const Json* o = member(*r, "organization")) org = party_text(*o);
      return joined({person, org}, ", ");
    }
    if (type == "Device") {
      if (const Json* names = member(*r, "deviceName");
          names && names->is_array() && !names->empty()) {
        return cda::normalize_space(str((*names)[0], "name"));
      }
      return {};
    }
    return first_name(*r);
  }

  void patient(const Json& subject) {
    const Json* p = resolve(subject);
    xmlNodePtr node = xmlNewChild(root_, ns_, x("patient"), nullptr);
    if (!p) {
      add(node, "name", cda::normalize_space(str(subject, "display")));
      return;
    }
    add(node, "name", first_name(*p));
    add(node, "birth-date", display_datetime(str(*p, "birthDate")));
    std::string gender = str(*p, "gender");
    if (!gender.empty()) {
      gender[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(gender[0])));
      add(node, "sex", gender);
    }
    if (const Json* ids = member(*p, "identifier"); ids && ids->is_array()) {
      for (const Json& id : *ids) add(node, "id", identifier_text(id));
    }
  }

  void section(xmlNodePtr parent, const Json& s) {
    xmlNodePtr node = xmlNewChild(parent, ns_, x("section"), nullptr);
    std::string title = cda::normalize_space(str(s, "title"));
    if (title.empty()) title = concept_text(member(s, "code"));
    add(node, "title", title.empty() ? "Untitled section" : title);
    if (const Json* text = member(s, "text")) narrative(node, str(*text, "div"));
    if (std::string reason = concept_text(member(s, "emptyReason")); !reason.empty()) {
      add(node, "empty-reason", "No information (" + reason + ")");
    }
    if (const Json* subs = member(s, "section"); subs && subs->is_array()) {
      for (const Json& sub : *subs) section(node, sub);
    }
  }

  // The div is XML written by whoever made the Bundle: parsed with the hardened intake. One
  // that does not parse is reported on the page instead of being shown.
  void narrative(xmlNodePtr section_node, const std::string& div) {
    if (cda::is_blank(div)) return;
    XmlDocPtr parsed;
    try {
      parsed = parse_xml_hardened(div, limits_);
    } catch (const Error&) {
      add(section_node, "narrative-note",
          "The narrative of this section is not well-formed XHTML and is not shown.");
      return;
    }
    xmlNodePtr root = xmlDocGetRootElement(parsed.get());
    if (!root || cda::name_of(root) != "div" || cda::ns_of(root) != kXhtmlNs) {
      add(section_node, "narrative-note",
          "The narrative of this section is not an XHTML div and is not shown.");
      return;
    }
    xmlNodePtr holder = xmlNewChild(section_node, ns_, x("narrative"), nullptr);
    xmlAddChild(holder, xmlDocCopyNode(root, doc_.get(), 1));
  }

  const Limits& limits_;
  std::unordered_map<std::string, const Json*> by_ref_;
  XmlDocPtr doc_;
  xmlNodePtr root_ = nullptr;
  xmlNsPtr ns_ = nullptr;
};

}  // namespace

std::string display_datetime(std::string_view v) {
  if (v.size() < 4) return std::string(v);
  std::string out(v.substr(0, 10));  // YYYY, YYYY-MM or YYYY-MM-DD
  if (v.size() < 16 || v[10] != 'T') return out;
  out += " " + std::string(v.substr(11, 5));
  std::size_t zone = v.find_first_of("Z+-", 16);
  if (zone == std::string_view::npos) return out;
  if (v[zone] == 'Z') return out + " +0000";
  std::string z(v.substr(zone));
  z.erase(std::remove(z.begin(), z.end(), ':'), z.end());
  return out + " " + z;
}

XmlDocPtr bundle_to_view(const Json& bundle, const Limits& limits) {
  if (!bundle.is_object() || str(bundle, "resourceType") != "Bundle") {
    throw Error(ErrorKind::kInputRejected, "not a FHIR Bundle (resourceType is not 'Bundle')");
  }
  if (str(bundle, "type") != "document") {
    throw Error(ErrorKind::kInputRejected, "Bundle.type is not 'document'");
  }
  const Json* entries = member(bundle, "entry");
  const Json* first = entries && entries->is_array() && !entries->empty()
                          ? member((*entries)[0], "resource")
                          : nullptr;
  if (!first || str(*first, "resourceType") != "Composition") {
    throw Error(ErrorKind::kInputRejected, "the Bundle's first entry is not a Composition");
  }
  return ViewBuilder(bundle, limits).build(*first);
}

}  // namespace ccdafhir
