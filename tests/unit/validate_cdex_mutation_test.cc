// The CDex part of the mutation suite: the IG's own $submit-attachment Parameters and Task
// examples (../shared/spec/cdex-ig/examples), each checked against the profile it follows, must
// validate without errors; each single violation of what those profiles require (a required
// parameter or part missing, a fixed value changed) must be flagged as an error at its FHIRPath.
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "test_support.h"
#include "validate_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

constexpr double kMinimumFlagged = 0.95;
const std::string kCdex = "http://hl7.org/fhir/us/davinci-cdex/StructureDefinition/";

struct Original {
  std::string name;
  Json resource;
};

// The examples name no profile: the one each follows is set from its type and Task.code
// (attachment-request-* or data-request-*), as a sender claiming CDex conformance would.
std::string profile_for(const Json& r) {
  std::string type = r.value("resourceType", std::string());
  if (type == "Parameters") return kCdex + "cdex-parameters-submit-attachment";
  if (type != "Task" || !r.contains("code")) return {};
  for (const Json& c : r["code"].value("coding", Json::array())) {
    std::string code = c.value("code", std::string());
    if (code.rfind("attachment-request", 0) == 0) return kCdex + "cdex-task-attachment-request";
    if (code.rfind("data-request", 0) == 0) return kCdex + "cdex-task-data-request";
  }
  return {};
}

const std::vector<Original>& originals() {
  static const std::vector<Original> out = [] {
    std::vector<Original> list;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(test::shared_dir() / "spec/cdex-ig/examples")) {
      std::string name = e.path().filename().string();
      if (name.rfind("cdex-parameters-example", 0) == 0 || name.rfind("cdex-task-example", 0) == 0)
        files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      Json r = Json::parse(test::read_file(f));
      std::string profile = profile_for(r);
      if (profile.empty()) continue;
      r["meta"]["profile"] = Json::array({profile});
      list.push_back({f.filename().string(), std::move(r)});
    }
    return list;
  }();
  return out;
}

struct Mutation {
  std::string name;
  // Changes the resource and returns where the error is expected (that path or below it);
  // nullopt when the resource has nothing to mutate.
  std::function<std::optional<std::string>(Json&)> apply;
};

bool is_task_of(const Json& r, const std::string& profile) {
  return r.value("resourceType", std::string()) == "Task" && profile_for(r) == kCdex + profile;
}

// Removes the $submit-attachment parameter `name`.
Mutation drop_parameter(const std::string& name) {
  return {"Parameters without " + name, [name](Json& r) -> std::optional<std::string> {
            if (r.value("resourceType", std::string()) != "Parameters") return std::nullopt;
            Json& ps = r["parameter"];
            std::size_t before = ps.size();
            for (std::size_t i = ps.size(); i-- > 0;) {
              if (ps[i].value("name", std::string()) == name) ps.erase(i);
            }
            if (ps.size() == before) return std::nullopt;
            return std::string("Parameters");
          }};
}

// Removes the part `name` from every Attachment parameter.
Mutation drop_attachment_part(const std::string& name) {
  return {"Attachment without its " + name + " part",
          [name](Json& r) -> std::optional<std::string> {
            if (r.value("resourceType", std::string()) != "Parameters") return std::nullopt;
            bool changed = false;
            std::optional<std::string> at;
            Json& ps = r["parameter"];
            for (std::size_t i = 0; i < ps.size(); ++i) {
              if (ps[i].value("name", std::string()) != "Attachment" || !ps[i].contains("part"))
                continue;
              Json& parts = ps[i]["part"];
              for (std::size_t j = parts.size(); j-- > 0;) {
                if (parts[j].value("name", std::string()) == name) {
                  parts.erase(j);
                  changed = true;
                }
              }
              if (!at) at = "Parameters.parameter[" + std::to_string(i) + "]";
            }
            if (!changed) return std::nullopt;
            return at;
          }};
}

// Sets the value of parameter `name` (its value[x] replaced by `key`: `value`).
Mutation change_parameter(const std::string& what, const std::string& name, const std::string& key,
                          Json value) {
  return {what, [=](Json& r) -> std::optional<std::string> {
            if (r.value("resourceType", std::string()) != "Parameters") return std::nullopt;
            Json& ps = r["parameter"];
            for (std::size_t i = 0; i < ps.size(); ++i) {
              if (ps[i].value("name", std::string()) != name) continue;
              Json p = Json{{"name", name}, {key, value}};
              ps[i] = p;
              return "Parameters.parameter[" + std::to_string(i) + "]";
            }
            return std::nullopt;
          }};
}

// A Task of `profile` with `key` removed.
Mutation drop_task(const std::string& profile, const std::string& key) {
  return {profile + " without " + key, [=](Json& r) -> std::optional<std::string> {
            if (!is_task_of(r, profile) || !r.contains(key)) return std::nullopt;
            r.erase(key);
            return std::string("Task");
          }};
}

// A Task of `profile` with `key` set to `value`.
Mutation set_task(const std::string& profile, const std::string& key, Json value,
                  const std::string& why) {
  return {profile + " " + key + ": " + why, [=](Json& r) -> std::optional<std::string> {
            if (!is_task_of(r, profile) || !r.contains(key)) return std::nullopt;
            r[key] = value;
            return std::string("Task");
          }};
}

// A Task of `profile` whose contained resource of `type` is removed.
Mutation drop_contained(const std::string& profile, const std::string& type) {
  return {profile + " without its contained " + type, [=](Json& r) -> std::optional<std::string> {
            if (!is_task_of(r, profile) || !r.contains("contained")) return std::nullopt;
            Json& c = r["contained"];
            std::size_t before = c.size();
            for (std::size_t i = c.size(); i-- > 0;) {
              if (c[i].value("resourceType", std::string()) == type) c.erase(i);
            }
            if (c.size() == before) return std::nullopt;
            return std::string("Task");
          }};
}

// An attachment request whose inputs of `code` (AttachmentsNeeded or QuestionnaireContext,
// PASTempCodes) are removed: cdex-4 / cdex-5 and the input slices.
Mutation drop_inputs(const std::string& code) {
  return {"attachment request without its " + code + " inputs",
          [code](Json& r) -> std::optional<std::string> {
            if (!is_task_of(r, "cdex-task-attachment-request") || !r.contains("input"))
              return std::nullopt;
            Json& in = r["input"];
            std::size_t before = in.size();
            for (std::size_t i = in.size(); i-- > 0;) {
              for (const Json& c : in[i]["type"].value("coding", Json::array())) {
                if (c.value("code", std::string()) == code) {
                  in.erase(i);
                  break;
                }
              }
            }
            if (in.size() == before) return std::nullopt;
            return std::string("Task");
          }};
}

std::vector<Mutation> mutations() {
  const std::string att = "cdex-task-attachment-request", data = "cdex-task-data-request";
  std::vector<Mutation> m = {
      drop_parameter("TrackingId"),
      drop_parameter("AttachTo"),
      drop_parameter("MemberId"),
      drop_parameter("Attachment"),
      drop_attachment_part("Content"),
      change_parameter("AttachTo not a claim-use code", "AttachTo", "valueCode", "referral"),
      change_parameter("TrackingId not an Identifier", "TrackingId", "valueString", "x"),
      change_parameter("MemberId without a value", "MemberId", "extension",
                       Json::array({Json{{"url", "http://example.org/x"}, {"valueString", "x"}}})),
      {"Parameters without ProviderId and OrganizationId",
       [](Json& r) -> std::optional<std::string> {
         if (r.value("resourceType", std::string()) != "Parameters") return std::nullopt;
         Json& ps = r["parameter"];
         std::size_t before = ps.size();
         for (std::size_t i = ps.size(); i-- > 0;) {
           std::string n = ps[i].value("name", std::string());
           if (n == "ProviderId" || n == "OrganizationId") ps.erase(i);
         }
         if (ps.size() == before) return std::nullopt;
         return std::string("Parameters");
       }},
      {"Parameters with an unknown parameter",
       [](Json& r) -> std::optional<std::string> {
         if (r.value("resourceType", std::string()) != "Parameters") return std::nullopt;
         r["parameter"].push_back(Json{{"name", "Unexpected"}, {"valueString", "x"}});
         return "Parameters.parameter[" + std::to_string(r["parameter"].size() - 1) + "]";
       }},
  };
  for (const std::string& p : {att, data}) {
    for (const char* key : {"code", "for", "requester", "owner", "identifier", "intent"})
      m.push_back(drop_task(p, key));
    m.push_back(set_task(p, "intent", "proposal", "not the fixed order"));
    m.push_back(drop_contained(p, "Patient"));
  }
  m.push_back(drop_task(att, "reasonCode"));
  m.push_back(drop_task(att, "reasonReference"));
  m.push_back(drop_task(att, "input"));
  m.push_back(drop_inputs("attachments-needed"));
  m.push_back(drop_inputs("questionnaire-context"));
  m.push_back(drop_contained(att, "PractitionerRole"));
  m.push_back(drop_task(data, "input"));
  return m;
}

bool flagged_at(const DiagnosticSink& out, const std::string& path) {
  for (const auto& d : out.items()) {
    if (d.severity != Severity::kError && d.severity != Severity::kFatal) continue;
    const std::string& p = d.fhir_path;
    if (p == path || (p.size() > path.size() && p.compare(0, path.size(), path) == 0 &&
                      (p[path.size()] == '.' || p[path.size()] == '[')))
      return true;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(validate)

BOOST_AUTO_TEST_CASE(cdex_examples_validate_and_their_violations_are_flagged) {
  test::require_shared();
  BOOST_REQUIRE_GE(originals().size(), 30u);
  std::size_t applied = 0, flagged = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> per_mutation;
  auto list = mutations();
  for (const Original& o : originals()) {
    DiagnosticSink clean = test::validate_fhir(o.resource);
    BOOST_TEST(test::error_count(clean) == 0u, o.name << ":\n" << test::describe(clean));
    for (const Mutation& m : list) {
      Json r = o.resource;
      std::optional<std::string> at = m.apply(r);
      if (!at) continue;
      ++applied;
      auto& pm = per_mutation[m.name];
      ++pm.second;
      DiagnosticSink out = test::validate_fhir(r);
      if (flagged_at(out, *at)) {
        ++pm.first;
        ++flagged;
      } else {
        BOOST_TEST_MESSAGE("missed: " << o.name << ": " << m.name << " (expected at " << *at
                                      << ")\n"
                                      << test::describe(out));
      }
    }
  }
  std::size_t distinct = 0;
  for (const auto& [name, counts] : per_mutation) {
    if (counts.second > 0) ++distinct;
    if (counts.first < counts.second)
      std::cout << "  cdex mutation '" << name << "': " << counts.first << "/" << counts.second
                << " flagged\n";
  }
  double fraction = applied ? static_cast<double>(flagged) / static_cast<double>(applied) : 0;
  std::cout << "cdex mutation suite: " << originals().size() << " examples x " << distinct
            << " distinct violations: " << flagged << "/" << applied
            << " flagged as errors at the right FHIRPath (" << fraction * 100 << "%)\n";
  BOOST_TEST(distinct >= 25u);
  BOOST_TEST(fraction >= kMinimumFlagged);
}

BOOST_AUTO_TEST_SUITE_END()
