#include "cdex/cdex_config.h"

#include <yaml-cpp/yaml.h>

#include "ccdafhir/error.h"

namespace ccdafhir {

namespace {

class Reader {
 public:
  Reader(const std::string& path, YAML::Node root) : path_(path), root_(std::move(root)) {}

  YAML::Node node(const std::string& dotted) const {
    YAML::Node n = YAML::Clone(root_);
    std::size_t start = 0;
    while (start <= dotted.size()) {
      auto dot = dotted.find('.', start);
      std::string key =
          dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (!n.IsMap() || !n[key]) fail(dotted);
      n = n[key];
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return n;
  }
  std::string text(const std::string& dotted) const {
    YAML::Node n = node(dotted);
    if (!n.IsScalar() || n.Scalar().empty()) fail(dotted);
    return n.Scalar();
  }
  std::vector<std::string> list(const std::string& dotted) const {
    YAML::Node n = node(dotted);
    if (!n.IsSequence() || n.size() == 0) fail(dotted);
    std::vector<std::string> out;
    for (const auto& item : n) out.push_back(item.as<std::string>());
    return out;
  }
  CdexCoding coding(const std::string& dotted, bool with_display) const {
    return {text(dotted + ".system"), text(dotted + ".code"),
            with_display ? text(dotted + ".display") : std::string()};
  }
  std::map<std::string, std::string> map(const std::string& dotted) const {
    YAML::Node n = node(dotted);
    if (!n.IsMap()) fail(dotted);
    std::map<std::string, std::string> out;
    for (const auto& kv : n) out.emplace(kv.first.as<std::string>(), kv.second.as<std::string>());
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& key) const {
    throw Error(ErrorKind::kConfig, path_ + ": '" + key + "' is missing or empty");
  }
  std::string path_;
  YAML::Node root_;
};

}  // namespace

CdexConfig CdexConfig::load(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    throw Error(ErrorKind::kConfig, path + ": " + e.what());
  }
  Reader r(path, root);
  CdexConfig c;
  c.parameters_profile = r.text("parameters.profile");
  c.attach_to = r.list("parameters.attach-to");
  c.service_date_required_for = r.list("parameters.service-date-required-for");
  c.attachment_code_system = r.text("attachment-code.system");
  c.attachment_code_pattern = r.text("attachment-code.pattern");
  c.docref_profile = r.text("document-reference.profile");
  c.docref_status = r.text("document-reference.status");
  c.docref_category = r.coding("document-reference.category", true);
  c.docref_content_type = r.text("document-reference.content-type");
  c.format_system = r.text("document-reference.format-system");
  c.format_structured_body = r.text("document-reference.format-structured-body");
  c.format_non_xml_body = r.text("document-reference.format-non-xml-body");
  c.signature_bundle_profile = r.text("signature.bundle-profile");
  c.signature_type = r.coding("signature.type", true);
  c.signature_target_format = r.text("signature.target-format");
  c.signature_sig_format = r.text("signature.sig-format");
  c.key_type_by_alg = r.map("signature.key-type");
  c.who_identifier_type = r.coding("signature.who-identifier-type", false);
  return c;
}

}  // namespace ccdafhir
