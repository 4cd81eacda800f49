// CodeSystems: TSV loading, OID <-> URI (mappingGuidance.md "Mapping OID <-> URI").
#include <boost/test/unit_test.hpp>
#include "ccdafhir_build_paths.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ccdafhir/error.h"
#include "datatypes/codesystems.h"

using namespace ccdafhir;

namespace {

// A TSV file in the temp directory, removed afterwards.
class TempTsv {
 public:
  explicit TempTsv(const std::string& content) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() / ("ccdafhir-dt-" + std::to_string(::getpid()) +
                                                       "-" + std::to_string(++counter) + ".tsv"))
                .string();
    std::ofstream(path_) << content;
  }
  ~TempTsv() { std::filesystem::remove(path_); }
  TempTsv(const TempTsv&) = delete;
  TempTsv& operator=(const TempTsv&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The message of the Error(kConfig) load() throws, or "" if it does not throw.
std::string load_error(const std::string& content, std::string* path = nullptr) {
  TempTsv f(content);
  if (path) *path = f.path();
  try {
    CodeSystems::load(f.path());
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kConfig));
    return e.what();
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(codesystems_load_reads_comments_header_and_rows) {
  TempTsv f(
      "# generated\n# second comment\noid\turi\tname\n"
      "2.16.840.1.113883.6.1\thttp://loinc.org\tLOINC\n"
      "\n"
      "2.16.840.1.113883.6.96\thttp://snomed.info/sct\tSNOMED CT\r\n"
      "# trailing comment\n"
      "2.16.840.1.113883.6.999\thttp://example.org/x\t\n");
  CodeSystems cs = CodeSystems::load(f.path());
  BOOST_TEST(cs.size() == 3u);
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.6.1") == "http://loinc.org");
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.6.96") == "http://snomed.info/sct");
  BOOST_TEST(cs.oid_for("http://snomed.info/sct") == "2.16.840.1.113883.6.96");
  BOOST_TEST(cs.knows_oid("2.16.840.1.113883.6.999"));
}

BOOST_AUTO_TEST_CASE(codesystems_load_rejects_bad_tables_naming_file_and_line) {
  std::string path;
  std::string msg = load_error("oid\turi\tname\n1.2.3\thttp://a\tA\n1.2.3\thttp://b\tB\n", &path);
  BOOST_TEST(msg.rfind(path + ":3: ", 0) == 0u, msg);
  BOOST_TEST(msg.find("duplicate") != std::string::npos, msg);

  msg = load_error("# c\noid\turi\tname\n1.2.3\thttp://a\n", &path);
  BOOST_TEST(msg.rfind(path + ":3: ", 0) == 0u, msg);

  msg = load_error("oid\turi\tname\n1.2.3\thttp://a\tA\textra\n", &path);
  BOOST_TEST(msg.rfind(path + ":2: ", 0) == 0u, msg);

  msg = load_error("oid\turi\tname\nnot-an-oid\thttp://a\tA\n", &path);
  BOOST_TEST(msg.rfind(path + ":2: ", 0) == 0u, msg);

  msg = load_error("oid\turi\tname\n1.2.3\t\tA\n", &path);
  BOOST_TEST(msg.rfind(path + ":2: ", 0) == 0u, msg);

  msg = load_error("uri\toid\tname\n", &path);
  BOOST_TEST(msg.rfind(path + ":1: ", 0) == 0u, msg);

  msg = load_error("# only comments\n", &path);
  BOOST_TEST(!msg.empty());

  try {
    CodeSystems::load("/nonexistent/ccdafhir/codesystems.tsv");
    BOOST_TEST(false, "load of a missing file must throw");
  } catch (const Error& e) {
    BOOST_TEST((e.kind() == ErrorKind::kConfig));
  }
}

BOOST_AUTO_TEST_CASE(codesystems_uri_for_known_unknown_uuid_and_uri) {
  CodeSystems cs;
  cs.add("2.16.840.1.113883.6.1", "http://loinc.org");
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.6.1") == "http://loinc.org");
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.4.123456789") ==
             "urn:oid:2.16.840.1.113883.4.123456789");
  BOOST_TEST(cs.uri_for("67265ED2-35BB-43F8-B9DE-91C5935625E0") ==
             "urn:uuid:67265ed2-35bb-43f8-b9de-91c5935625e0");
  BOOST_TEST(cs.uri_for("urn:ietf:rfc:3986") == "urn:ietf:rfc:3986");
  BOOST_TEST(cs.uri_for("http://example.org/cs") == "http://example.org/cs");
  BOOST_TEST(cs.uri_for("https://example.org/cs") == "https://example.org/cs");
  BOOST_TEST(cs.uri_for("").empty());
}

BOOST_AUTO_TEST_CASE(codesystems_oid_for_is_the_reverse) {
  CodeSystems cs;
  cs.add("2.16.840.1.113883.6.1", "http://loinc.org");
  cs.add("2.16.840.1.113883.4.1", "http://hl7.org/fhir/sid/us-ssn");
  BOOST_TEST(cs.oid_for("http://loinc.org") == "2.16.840.1.113883.6.1");
  BOOST_TEST(cs.oid_for("http://hl7.org/fhir/sid/us-ssn") == "2.16.840.1.113883.4.1");
  BOOST_TEST(cs.oid_for("urn:oid:2.16.840.1.113883.4.500") == "2.16.840.1.113883.4.500");
  BOOST_TEST(cs.oid_for("urn:uuid:67265ed2-35bb-43f8-b9de-91c5935625e0") ==
             "67265ED2-35BB-43F8-B9DE-91C5935625E0");
  BOOST_TEST(cs.oid_for("http://www.myOrg.com/patients").empty());
  // A second OID for the same URI does not take over the reverse mapping.
  cs.add("2.16.840.1.113883.6.1.1", "http://loinc.org");
  BOOST_TEST(cs.oid_for("http://loinc.org") == "2.16.840.1.113883.6.1");
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.6.1.1") == "http://loinc.org");
}

BOOST_AUTO_TEST_CASE(codesystems_repository_table_has_the_core_systems) {
  const std::string path = std::string(CCDAFHIR_SOURCE_DIR) + "/mappings/codesystems.tsv";
  if (!std::filesystem::exists(path)) {
    BOOST_TEST_MESSAGE("mappings/codesystems.tsv not present; skipped");
    return;
  }
  CodeSystems cs = CodeSystems::load(path);
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.6.1") == "http://loinc.org");
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.6.96") == "http://snomed.info/sct");
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.6.88") == "http://www.nlm.nih.gov/research/umls/rxnorm");
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.12.292") == "http://hl7.org/fhir/sid/cvx");
  BOOST_TEST(cs.uri_for("2.16.840.1.113883.4.6") == "http://hl7.org/fhir/sid/us-npi");
  BOOST_TEST(cs.oid_for("http://loinc.org") == "2.16.840.1.113883.6.1");
}

BOOST_AUTO_TEST_SUITE_END()
