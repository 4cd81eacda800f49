#include "validate/document_rules.h"

#include <unordered_map>

#include "validate/issue_path.h"
#include "validate/issues.h"

namespace ccdafhir::validate {

namespace {

bool has(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && !is_empty_value(*it);
}

bool external(const std::string& ref) {
  return ref.compare(0, 7, "http://") == 0 || ref.compare(0, 8, "https://") == 0;
}

// Walks a resource for Reference objects (any object with a string "reference"). The path is
// made into text only for a reference that does not resolve.
void references_in(const Json& node, const IssuePath& path, const Json& resource,
                   const BundleIndex& index, DiagnosticSink& out) {
  if (node.is_object()) {
    for (auto kv = node.begin(); kv != node.end(); ++kv) {
      const std::string& key = kv.key();
      IssuePath p = path.with(key);
      std::string empty_key;  // "" as a key: its path ends in a bare '.'
      if (key.empty()) {
        empty_key = path.text() + ".";
        p = IssuePath::root(empty_key);
      }
      if (std::string_view(key) == "reference" && kv.value().is_string()) {
        const std::string& ref = kv.value().get_ref<const std::string&>();
        if (ref.empty() || ref[0] == '#') continue;  // contained: ref-1
        if (index.resolve(ref, &resource)) continue;
        if (external(ref)) {
          report(out, Severity::kWarning, IssueCode::kNotFound, p.text(),
                 "document/reference-resolves", "an absolute reference points outside the Bundle");
        } else {
          report(out, Severity::kError, IssueCode::kNotFound, p.text(),
                 "document/reference-resolves",
                 "the reference does not resolve to an entry of the Bundle");
        }
        continue;
      }
      // Nested resources (contained, resource) resolve their own references the same way.
      references_in(kv.value(), p, resource, index, out);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      // An array directly in an array (not FHIR, but JSON) gets a second index: x[0][1].
      IssuePath p = path.index < 0 ? path.at(i) : IssuePath{&path, {}, {}, static_cast<long>(i)};
      references_in(node[i], p, resource, index, out);
    }
  }
}

void sections(const Json& list, const std::string& path, DiagnosticSink& out) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& s = list[i];
    if (!s.is_object()) continue;
    std::string p = path + "[" + std::to_string(i) + "]";
    if (!has(s, "title")) {
      report(out, Severity::kError, IssueCode::kRequired, p + ".title", "document/section-title",
             "a document section needs a title");
    }
    if (!has(s, "code")) {
      report(out, Severity::kError, IssueCode::kRequired, p + ".code", "document/section-code",
             "a C-CDA on FHIR section needs a code");
    }
    if (!has(s, "text") && !has(s, "entry") && !has(s, "section") && !has(s, "emptyReason")) {
      report(out, Severity::kError, IssueCode::kRequired, p, "document/section-content",
             "a section needs text, entries, sub-sections or an emptyReason");
    }
    if (!has(s, "entry") && !has(s, "section") && !has(s, "emptyReason")) {
      report(out, Severity::kWarning, IssueCode::kRequired, p + ".emptyReason",
             "document/section-empty-reason",
             "a section without entries should say why in emptyReason");
    }
    if (has(s, "section") && s["section"].is_array()) sections(s["section"], p + ".section", out);
  }
}

}  // namespace

void check_references(const Json& root, const BundleIndex& index, DiagnosticSink& out) {
  std::string rt = root.value("resourceType", std::string());
  if (rt == "Bundle" && root.contains("entry") && root["entry"].is_array()) {
    const Json& entries = root["entry"];
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const Json& e = entries[i];
      if (!e.is_object() || !e.contains("resource")) continue;
      std::string path = "Bundle.entry[" + std::to_string(i) + "].resource";
      references_in(e["resource"], IssuePath::root(path), e["resource"], index, out);
    }
    return;
  }
  references_in(root, IssuePath::root(rt), root, index, out);
}

void check_document_bundle(const Json& bundle, const BundleIndex& index, DiagnosticSink& out) {
  if (!bundle.contains("entry") || !bundle["entry"].is_array() || bundle["entry"].empty()) {
    report(out, Severity::kError, IssueCode::kRequired, "Bundle.entry",
           "document/composition-first", "a document Bundle needs entries, the Composition first");
    return;
  }
  const Json& entries = bundle["entry"];
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Json& e = entries[i];
    std::string p = "Bundle.entry[" + std::to_string(i) + "]";
    if (!e.is_object()) continue;
    if (!e.contains("fullUrl") || !e["fullUrl"].is_string()) {
      report(out, Severity::kError, IssueCode::kRequired, p + ".fullUrl", "document/fullurl",
             "every entry of a document needs a fullUrl");
      continue;
    }
    auto [it, fresh] = seen.emplace(e["fullUrl"].get<std::string>(), i);
    if (!fresh) {
      report(out, Severity::kError, IssueCode::kDuplicate, p + ".fullUrl", "bdl-7",
             "fullUrl duplicates that of entry[" + std::to_string(it->second) + "]");
    }
  }
  check_references(bundle, index, out);
  const Json& first = entries[0];
  if (!first.is_object() || !first.contains("resource") || !first["resource"].is_object() ||
      first["resource"].value("resourceType", std::string()) != "Composition") {
    report(out, Severity::kError, IssueCode::kStructure, "Bundle.entry[0].resource", "bdl-11",
           "the first entry of a document must be its Composition");
    return;
  }
  const Json& comp = first["resource"];
  if (!has(comp, "subject")) {
    report(out, Severity::kError, IssueCode::kRequired, "Bundle.entry[0].resource.subject",
           "document/composition-subject", "the Composition of a document needs a subject");
  }
  if (comp.contains("section") && comp["section"].is_array())
    sections(comp["section"], "Bundle.entry[0].resource.section", out);
}

}  // namespace ccdafhir::validate
