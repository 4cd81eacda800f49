// mappings/cdex/submit-attachment.yaml in memory: the values CDex fixes, kept out of the code.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ccdafhir {

struct CdexCoding {
  std::string system, code, display;
};

struct CdexConfig {
  std::string parameters_profile;
  std::vector<std::string> attach_to;
  std::vector<std::string> service_date_required_for;
  std::string attachment_code_system;
  std::string attachment_code_pattern;

  std::string docref_profile;
  std::string docref_status;
  CdexCoding docref_category;
  std::string docref_content_type;
  std::string format_system, format_structured_body, format_non_xml_body;

  std::string signature_bundle_profile;
  CdexCoding signature_type;
  std::string signature_target_format;
  std::string signature_sig_format;
  std::map<std::string, std::string> key_type_by_alg;
  CdexCoding who_identifier_type;

  // Throws Error(kConfig) with file and key when a value is missing.
  static CdexConfig load(const std::string& path);
};

}  // namespace ccdafhir
