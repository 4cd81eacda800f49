// The mutation suite: our own to-fhir output of corpus documents (the golden cases, converted
// here with the Engine) must validate without errors, and each single known violation applied
// to them must be flagged at the right FHIRPath. Also: whatever ../shared/tools/check-output
// rejects among these Bundles, our validator rejects too.
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include "ccdafhir_build_paths.h"

#include "test_support.h"
#include "validate_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

// Bundle.timestamp must not precede Composition.date (clindoc-timestamp-ge-compoDate): convert
// with a clock later than every corpus document, not the golden files' 2000-01-01.
Json convert_now(const std::string& xml) {
  ConvertOptions options = test::fixed_options();
  options.now = "2099-01-01T00:00:00Z";
  return Json::parse(test::engine().to_fhir(xml, options).output);
}

constexpr double kMinimumFlagged = 0.95;

struct Case {
  std::string name;
  Json bundle;
};

// The golden cases: every document type, a dozen EHR vendors.
const std::vector<Case>& originals() {
  static const std::vector<Case> cases = [] {
    std::vector<Case> out;
    std::ifstream in(std::string(CCDAFHIR_SOURCE_DIR) + "/tests/golden/cases.tsv");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#' || line.rfind("name\t", 0) == 0) continue;
      auto tab = line.find('\t');
      std::string xml = test::read_file(test::shared_dir() / "corpus" / line.substr(tab + 1));
      out.push_back({line.substr(0, tab), convert_now(xml)});
    }
    return out;
  }();
  return cases;
}

// Where a mutation expects to be flagged: an exact FHIRPath, or anything below it.
struct Expect {
  std::string path;
  bool exact = false;
};

struct Mutation {
  std::string name;
  // Changes the Bundle; nullopt when the Bundle has nothing to mutate.
  std::function<std::optional<Expect>(Json&)> apply;
};

std::string entry_path(std::size_t i) {
  return "Bundle.entry[" + std::to_string(i) + "].resource";
}

// The first entry holding a resource of `type` (and passing `when`), or -1.
long find_entry(const Json& b, const std::string& type,
                const std::function<bool(const Json&)>& when = nullptr) {
  const Json& entries = b["entry"];
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Json& r = entries[i]["resource"];
    if (r.value("resourceType", std::string()) == type && (!when || when(r)))
      return static_cast<long>(i);
  }
  return -1;
}

Json& res(Json& b, long i) {
  return b["entry"][static_cast<std::size_t>(i)]["resource"];
}

// Mutation on the first resource of a type having `key`: fn changes it, returns the subpath.
Mutation on_where(const std::string& name, const std::string& type,
                  std::function<bool(const Json&)> when, std::function<std::string(Json&)> fn,
                  bool exact = false) {
  return {name, [=](Json& b) -> std::optional<Expect> {
            long i = find_entry(b, type, when);
            if (i < 0) return std::nullopt;
            std::string sub = fn(res(b, i));
            return Expect{entry_path(static_cast<std::size_t>(i)) + sub, exact};
          }};
}

Mutation on(const std::string& name, const std::string& type, const std::string& key,
            std::function<std::string(Json&)> fn, bool exact = false) {
  return {name, [=](Json& b) -> std::optional<Expect> {
            long i =
                find_entry(b, type, [&](const Json& r) { return key.empty() || r.contains(key); });
            if (i < 0) return std::nullopt;
            std::string sub = fn(res(b, i));
            return Expect{entry_path(static_cast<std::size_t>(i)) + sub, exact};
          }};
}

Mutation drop(const std::string& type, const std::string& key) {
  return on("drop " + type + "." + key, type, key, [key](Json& r) {
    r.erase(key);
    return "." + key;
  });
}

Mutation set(const std::string& type, const std::string& key, Json value, const std::string& why) {
  return on(type + "." + key + ": " + why, type, key, [key, value](Json& r) {
    r[key] = value;
    return "." + key;
  });
}

// The first section (depth first) of the Composition passing `when`.
Json* find_section(Json& list, const std::function<bool(const Json&)>& when, std::string& path) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string p = path + ".section[" + std::to_string(i) + "]";
    if (when(list[i])) {
      path = p;
      return &list[i];
    }
  }
  return nullptr;
}

Mutation section(const std::string& name, const std::function<bool(const Json&)>& when,
                 std::function<std::string(Json&)> fn, bool exact = false) {
  return {name, [=](Json& b) -> std::optional<Expect> {
            Json& comp = res(b, 0);
            if (!comp.contains("section")) return std::nullopt;
            std::string path = entry_path(0);
            Json* s = find_section(comp["section"], when, path);
            if (!s) return std::nullopt;
            return Expect{path + fn(*s), exact};
          }};
}

bool has_entries(const Json& s) {
  return s.contains("entry");
}

std::vector<Mutation> mutations() {
  std::vector<Mutation> m;
  // Bundle
  m.push_back({"drop Bundle.identifier", [](Json& b) -> std::optional<Expect> {
                 b.erase("identifier");
                 return Expect{"Bundle.identifier"};
               }});
  m.push_back({"drop Bundle.identifier.system", [](Json& b) -> std::optional<Expect> {
                 b["identifier"].erase("system");
                 return Expect{"Bundle.identifier.system"};
               }});
  m.push_back({"drop Bundle.timestamp", [](Json& b) -> std::optional<Expect> {
                 b.erase("timestamp");
                 return Expect{"Bundle.timestamp"};
               }});
  m.push_back({"Bundle.timestamp without zone", [](Json& b) -> std::optional<Expect> {
                 b["timestamp"] = "2020-01-01T10:00:00";
                 return Expect{"Bundle.timestamp"};
               }});
  m.push_back(
      {"Bundle.timestamp earlier than Composition.date", [](Json& b) -> std::optional<Expect> {
         b["timestamp"] = "1900-01-01T00:00:00Z";
         return Expect{"Bundle", true};
       }});
  m.push_back({"Composition not first", [](Json& b) -> std::optional<Expect> {
                 std::swap(b["entry"][0], b["entry"][1]);
                 return Expect{"Bundle.entry[0]"};
               }});
  m.push_back({"duplicate fullUrl", [](Json& b) -> std::optional<Expect> {
                 b["entry"][2]["fullUrl"] = b["entry"][1]["fullUrl"];
                 return Expect{"Bundle.entry[2].fullUrl"};
               }});
  m.push_back({"drop an entry's fullUrl", [](Json& b) -> std::optional<Expect> {
                 b["entry"][1].erase("fullUrl");
                 return Expect{"Bundle.entry[1].fullUrl"};
               }});
  m.push_back({"entry.request in a document", [](Json& b) -> std::optional<Expect> {
                 b["entry"][1]["request"] = Json{{"method", "POST"}, {"url", "Patient"}};
                 return Expect{"Bundle.entry[1].request"};
               }});
  m.push_back({"Bundle.total in a document", [](Json& b) -> std::optional<Expect> {
                 b["total"] = 3;
                 return Expect{"Bundle.total"};
               }});
  m.push_back({"unknown Bundle element", [](Json& b) -> std::optional<Expect> {
                 b["entries"] = Json::array({1});
                 return Expect{"Bundle.entries"};
               }});
  // Composition
  m.push_back(on("break Composition.subject reference", "Composition", "subject", [](Json& r) {
    r["subject"]["reference"] = "urn:uuid:00000000-0000-5000-8000-000000000000";
    return ".subject.reference";
  }));
  m.push_back(drop("Composition", "subject"));
  m.push_back(drop("Composition", "status"));
  m.push_back(set("Composition", "status", "done", "not in the required value set"));
  m.push_back(set("Composition", "date", "2020-01-01T10:00", "dateTime without seconds"));
  m.push_back(drop("Composition", "type"));
  m.push_back(drop("Composition", "title"));
  m.push_back(set("Composition", "title", "", "empty string"));
  m.push_back(set("Composition", "title", " Leading", "leading whitespace"));
  m.push_back(drop("Composition", "author"));
  m.push_back(set("Composition", "author", Json::array(), "empty array"));
  m.push_back(drop("Composition", "custodian"));
  m.push_back(drop("Composition", "identifier"));
  m.push_back(drop("Composition", "language"));
  m.push_back(
      set("Composition", "confidentiality", "N", "confidentiality is 0..0 in US Realm Header"));
  m.push_back(on("break Composition.author reference", "Composition", "author", [](Json& r) {
    r["author"][0]["reference"] = "urn:uuid:00000000-0000-5000-8000-000000000001";
    return ".author[0].reference";
  }));
  m.push_back(section("break a section entry reference", has_entries, [](Json& s) {
    s["entry"][0]["reference"] = "urn:uuid:00000000-0000-5000-8000-000000000002";
    return ".entry[0].reference";
  }));
  m.push_back(section(
      "drop section title", [](const Json&) { return true; },
      [](Json& s) {
        s.erase("title");
        return ".title";
      }));
  m.push_back(section(
      "drop section code", [](const Json&) { return true; },
      [](Json& s) {
        s.erase("code");
        return ".code";
      }));
  m.push_back(section(
      "empty section without emptyReason", [](const Json&) { return true; },
      [](Json& s) {
        s.erase("text");
        s.erase("entry");
        s.erase("emptyReason");
        s.erase("section");
        return "";
      }));
  m.push_back(section("emptyReason beside entries", has_entries, [](Json& s) {
    s["emptyReason"] = Json{
        {"coding",
         Json::array({Json{{"system", "http://terminology.hl7.org/CodeSystem/list-empty-reason"},
                           {"code", "unavailable"}}})}};
    return "";
  }));
  m.push_back(section(
      "narrative div without the XHTML namespace", [](const Json& s) { return s.contains("text"); },
      [](Json& s) {
        s["text"]["div"] = "<div>no namespace</div>";
        return ".text.div";
      }));
  m.push_back(section(
      "narrative status not a code", [](const Json& s) { return s.contains("text"); },
      [](Json& s) {
        s["text"]["status"] = "made up";
        return ".text.status";
      }));
  // Patient
  m.push_back(drop("Patient", "identifier"));
  m.push_back(on("drop Patient.identifier.system", "Patient", "identifier", [](Json& r) {
    r["identifier"][0].erase("system");
    return ".identifier[0].system";
  }));
  m.push_back(drop("Patient", "name"));
  m.push_back(drop("Patient", "gender"));
  m.push_back(set("Patient", "gender", "M", "not in the required value set"));
  m.push_back(set("Patient", "birthDate", "19700101", "not a FHIR date"));
  m.push_back(set("Patient", "id", "has space", "not a FHIR id"));
  m.push_back(set("Patient", "active", "true", "a string where a boolean belongs"));
  m.push_back(on("Patient.name as an object", "Patient", "name", [](Json& r) {
    r["name"] = r["name"][0];
    return ".name";
  }));
  m.push_back(on("empty Patient.name", "Patient", "name", [](Json& r) {
    r["name"][0] = Json::object();
    return ".name[0]";
  }));
  m.push_back(on("Patient.gender null", "Patient", "gender", [](Json& r) {
    r["gender"] = nullptr;
    return ".gender";
  }));
  m.push_back(on("unknown Patient element", "Patient", "", [](Json& r) {
    r["favouriteColour"] = "blue";
    return ".favouriteColour";
  }));
  m.push_back(on("extension with value and extensions", "Patient", "", [](Json& r) {
    r["extension"] =
        Json::array({Json{{"url", "http://example.org/x"},
                          {"valueString", "a"},
                          {"extension", Json::array({Json{{"url", "y"}, {"valueString", "b"}}})}}});
    return ".extension[0]";
  }));
  m.push_back(on("extension without url", "Patient", "", [](Json& r) {
    r["extension"] = Json::array({Json{{"valueString", "a"}}});
    return ".extension[0].url";
  }));
  // Conditions
  m.push_back(drop("Condition", "code"));
  m.push_back(drop("Condition", "category"));
  m.push_back(drop("Condition", "subject"));
  m.push_back(on_where(
      "Condition.clinicalStatus not in its value set", "Condition",
      [](const Json& r) {
        return r.contains("clinicalStatus") && r["clinicalStatus"].contains("coding");
      },
      [](Json& r) {
        r["clinicalStatus"]["coding"][0]["code"] = "bogus";
        return ".clinicalStatus";
      }));
  m.push_back(on("Condition.category wrong code system", "Condition", "category", [](Json& r) {
    for (Json& c : r["category"])
      for (Json& coding : c["coding"])
        coding["system"] = "http://example.org/not-condition-category";
    return ".category";
  }));
  m.push_back(on("Condition.subject points at a Practitioner", "Condition", "subject", [](Json& r) {
    (void)r;
    return std::string("#practitioner");
  }));
  m.push_back(
      on("Condition.onsetDateTime not a dateTime", "Condition", "onsetDateTime", [](Json& r) {
        r["onsetDateTime"] = "2012-02-30T";
        return ".onset.ofType(dateTime)";
      }));
  // Allergies
  m.push_back(drop("AllergyIntolerance", "patient"));
  m.push_back(on_where(
      "AllergyIntolerance.clinicalStatus wrong code", "AllergyIntolerance",
      [](const Json& r) {
        return r.contains("clinicalStatus") && r["clinicalStatus"].contains("coding");
      },
      [](Json& r) {
        r["clinicalStatus"]["coding"][0]["code"] = "gone";
        return ".clinicalStatus";
      }));
  m.push_back(
      on("AllergyIntolerance.criticality not a code", "AllergyIntolerance", "", [](Json& r) {
        r["criticality"] = "very";
        return ".criticality";
      }));
  // Observations
  m.push_back(drop("Observation", "status"));
  m.push_back(set("Observation", "status", "done", "not in the required value set"));
  m.push_back(drop("Observation", "code"));
  m.push_back(drop("Observation", "category"));
  m.push_back(
      on("Observation value as a string number", "Observation", "valueQuantity", [](Json& r) {
        r["valueQuantity"]["value"] = "12";
        return ".value.ofType(Quantity).value";
      }));
  m.push_back(
      on("Observation.effectiveDateTime bad", "Observation", "effectiveDateTime", [](Json& r) {
        r["effectiveDateTime"] = "2020-02-01 10:00";
        return ".effective.ofType(dateTime)";
      }));
  m.push_back(on(
      "Observation with value and dataAbsentReason", "Observation", "valueQuantity",
      [](Json& r) {
        r["dataAbsentReason"] = Json{
            {"coding", Json::array({Json{
                           {"system", "http://terminology.hl7.org/CodeSystem/data-absent-reason"},
                           {"code", "unknown"}}})}};
        return "";
      },
      true));
  m.push_back(on("Quantity code without system", "Observation", "valueQuantity", [](Json& r) {
    r["valueQuantity"].erase("system");
    r["valueQuantity"]["code"] = "mg";
    return ".value.ofType(Quantity)";
  }));
  m.push_back(on("Observation with two value types", "Observation", "valueQuantity", [](Json& r) {
    r["valueString"] = "x";
    return "";
  }));
  m.push_back(on("Observation.subject to nowhere", "Observation", "subject", [](Json& r) {
    r["subject"]["reference"] = "urn:uuid:00000000-0000-5000-8000-000000000003";
    return ".subject.reference";
  }));
  // Participants
  m.push_back(drop("Practitioner", "name"));
  m.push_back(drop("Practitioner", "identifier"));
  m.push_back(drop("Organization", "name"));
  m.push_back(on("Organization.telecom system not a code", "Organization", "telecom", [](Json& r) {
    r["telecom"][0]["system"] = "carrier pigeon";
    return ".telecom[0].system";
  }));
  // Clinical statements
  m.push_back(drop("Encounter", "status"));
  m.push_back(drop("Encounter", "class"));
  m.push_back(on("Encounter.period ends before it starts", "Encounter", "period", [](Json& r) {
    r["period"] = Json{{"start", "2020-01-02T00:00:00Z"}, {"end", "2020-01-01T00:00:00Z"}};
    return ".period";
  }));
  m.push_back(set("Procedure", "status", "finished", "not in the required value set"));
  m.push_back(drop("Procedure", "code"));
  m.push_back(drop("Procedure", "subject"));
  m.push_back(drop("Immunization", "vaccineCode"));
  m.push_back(drop("Immunization", "status"));
  m.push_back(on("drop Immunization.occurrence", "Immunization", "occurrenceDateTime", [](Json& r) {
    r.erase("occurrenceDateTime");
    return ".occurrence";
  }));
  m.push_back(drop("MedicationRequest", "intent"));
  m.push_back(drop("MedicationRequest", "subject"));
  m.push_back(drop("Provenance", "recorded"));
  m.push_back(drop("Provenance", "target"));
  m.push_back(on("Provenance.agent without who", "Provenance", "agent", [](Json& r) {
    r["agent"][0].erase("who");
    return ".agent[0].who";
  }));
  return m;
}

// Resolves the "#practitioner" placeholder: points the reference at a Practitioner entry.
std::optional<Expect> finish(Json& b, std::optional<Expect> e) {
  if (!e) return e;
  auto hash = e->path.find("#practitioner");
  if (hash == std::string::npos) return e;
  long p = find_entry(b, "Practitioner");
  if (p < 0) return std::nullopt;
  std::string at = e->path.substr(0, hash);  // Bundle.entry[i].resource
  std::size_t i = std::stoul(at.substr(at.find('[') + 1));
  b["entry"][i]["resource"]["subject"]["reference"] =
      b["entry"][static_cast<std::size_t>(p)]["fullUrl"];
  return Expect{at + ".subject.reference"};
}

bool flagged_at(const DiagnosticSink& out, const std::set<std::string>& before, const Expect& e) {
  for (const auto& d : out.items()) {
    if (d.severity == Severity::kInformation) continue;
    if (before.count(d.fhir_path + "|" + d.rule_id)) continue;
    const std::string& p = d.fhir_path;
    if (p == e.path) return true;
    if (!e.exact && p.size() > e.path.size() && p.compare(0, e.path.size(), e.path) == 0 &&
        (p[e.path.size()] == '.' || p[e.path.size()] == '['))
      return true;
  }
  return false;
}

std::set<std::string> issue_keys(const DiagnosticSink& out) {
  std::set<std::string> keys;
  for (const auto& d : out.items()) keys.insert(d.fhir_path + "|" + d.rule_id);
  return keys;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(validate)

// Base R4 and the document-Bundle rules (the Clinical Document Bundle profile forced, so no
// resource profile runs): no errors. Against every profile: the count is printed, see
// validate_corpus for the bar.
BOOST_AUTO_TEST_CASE(our_own_output_of_the_golden_cases_has_no_base_or_document_errors) {
  test::require_shared();
  BOOST_REQUIRE_GE(originals().size(), 20u);
  std::size_t clean = 0;
  for (const Case& c : originals()) {
    DiagnosticSink base = test::validate_fhir(c.bundle, "clinical-document-bundle");
    BOOST_TEST(test::error_count(base) == 0u, c.name << ":\n" << test::describe(base));
    std::size_t profile_errors = test::error_count(test::validate_fhir(c.bundle));
    if (profile_errors == 0) ++clean;
    std::cout << "  " << c.name << ": " << profile_errors << " profile errors\n";
  }
  std::cout << "golden cases without profile errors: " << clean << "/" << originals().size()
            << "\n";
}

BOOST_AUTO_TEST_CASE(single_known_violations_are_flagged_at_their_fhirpath) {
  test::require_shared();
  auto list = mutations();
  BOOST_REQUIRE_GE(list.size(), 60u);
  std::size_t applied = 0, flagged = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> per_mutation;
  std::vector<std::string> misses;
  for (const Case& c : originals()) {
    std::set<std::string> before = issue_keys(test::validate_fhir(c.bundle));
    for (const Mutation& m : list) {
      Json b = c.bundle;
      std::optional<Expect> e = finish(b, m.apply(b));
      if (!e) continue;
      ++applied;
      auto& pm = per_mutation[m.name];
      ++pm.second;
      DiagnosticSink out = test::validate_fhir(b);
      if (flagged_at(out, before, *e)) {
        ++flagged;
        ++pm.first;
      } else if (misses.size() < 40) {
        misses.push_back(c.name + ": " + m.name + " (expected at " + e->path + ")\n" +
                         test::describe(out));
      }
    }
  }
  std::size_t distinct = 0;
  for (const auto& [name, counts] : per_mutation) {
    if (counts.second > 0) ++distinct;
    if (counts.first < counts.second)
      std::cout << "  mutation '" << name << "': " << counts.first << "/" << counts.second
                << " flagged\n";
  }
  double fraction = applied ? static_cast<double>(flagged) / static_cast<double>(applied) : 0;
  std::cout << "mutation suite: " << originals().size() << " Bundles x " << distinct
            << " distinct violations: " << flagged << "/" << applied
            << " flagged at the right FHIRPath (" << fraction * 100 << "%)\n";
  for (const auto& miss : misses) BOOST_TEST_MESSAGE("missed: " << miss);
  BOOST_TEST(distinct >= 60u);
  BOOST_TEST(fraction >= kMinimumFlagged);
}

BOOST_AUTO_TEST_CASE(whatever_check_output_rejects_we_reject) {
  test::require_shared();
  fs::path dir = fs::temp_directory_path() / ("ccdafhir-agree-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // One Bundle a document, and every mutation of the first three documents.
  std::map<std::string, std::size_t> our_errors;
  std::map<std::string, std::string> label;
  auto write = [&](const std::string& name, const Json& b, const std::string& what) {
    std::string file = (dir / (name + ".json")).string();
    std::ofstream(file, std::ios::binary) << b.dump(1);
    our_errors[file] = test::error_count(test::validate_fhir(b));
    label[file] = what;
  };
  auto list = mutations();
  for (std::size_t k = 0; k < originals().size(); ++k) {
    const Case& c = originals()[k];
    write(c.name, c.bundle, "unmutated");
    if (k >= 3) continue;
    for (std::size_t j = 0; j < list.size(); ++j) {
      Json b = c.bundle;
      if (!finish(b, list[j].apply(b))) continue;
      write(c.name + "-m" + std::to_string(j), b, list[j].name);
    }
  }
  fs::path report = dir / "check-output.report";
  std::string cmd = "python3 " + (test::shared_dir() / "tools" / "check-output").string() +
                    " --json " + report.string() + " " + dir.string() + " > /dev/null";
  int rc = std::system(cmd.c_str());
  BOOST_REQUIRE_MESSAGE(fs::exists(report), "check-output did not run (" << rc << ")");
  Json verdict = Json::parse(test::read_file(report));
  std::size_t rejected = 0, agreed = 0;
  for (const auto& [file, errors] : verdict.items()) {
    if (errors.empty()) continue;
    ++rejected;
    bool ours = our_errors.count(file) && our_errors[file] > 0;
    if (ours) ++agreed;
    BOOST_TEST(ours, file << " (" << label[file]
                          << ") is rejected by check-output but not by us: " << errors.dump());
  }
  std::cout << "check-output rejected " << rejected << " of " << verdict.size()
            << " Bundles; ours rejects " << agreed << " of those\n";
  BOOST_TEST(rejected > 0u);
  fs::remove_all(dir);
}

// CDex $submit-attachment states in prose (OperationDefinition comment) that a ProviderId or an
// OrganizationId parameter SHALL be present; the profile carries it as an invariant.
BOOST_AUTO_TEST_CASE(cdex_submit_attachment_needs_provider_or_organization) {
  const std::string profile =
      "http://hl7.org/fhir/us/davinci-cdex/StructureDefinition/cdex-parameters-submit-attachment";
  auto parameters = [&](const char* who) {
    Json p = Json::parse(R"({"resourceType": "Parameters", "parameter": [
      {"name": "TrackingId", "valueIdentifier": {"system": "http://example.org/t", "value": "1"}},
      {"name": "MemberId", "valueIdentifier": {"system": "http://example.org/m", "value": "2"}}]})");
    p["meta"]["profile"] = Json::array({profile});
    if (who)
      p["parameter"].push_back(Json{
          {"name", who},
          {"valueIdentifier", {{"system", "http://hl7.org/fhir/sid/us-npi"}, {"value", "1"}}}});
    return p;
  };
  auto flagged = [](const DiagnosticSink& out) {
    for (const auto& d : out.items()) {
      if (d.rule_id == "cdex-submit-provider-or-organization" && d.fhir_path == "Parameters" &&
          d.severity == Severity::kError)
        return true;
    }
    return false;
  };
  BOOST_TEST(flagged(test::validate_fhir(parameters(nullptr))));
  BOOST_TEST(!flagged(test::validate_fhir(parameters("ProviderId"))));
  BOOST_TEST(!flagged(test::validate_fhir(parameters("OrganizationId"))));
}

BOOST_AUTO_TEST_SUITE_END()
