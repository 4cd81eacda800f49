#include "validate/structure_defs.h"

#include <fstream>
#include <sstream>

#include "ccdafhir/error.h"
#include "util/json.h"

namespace ccdafhir::validate {

namespace {

Error config(const std::string& file, const std::string& what) {
  return Error(ErrorKind::kConfig, file + ": " + what);
}

ElementDef element(const std::string& path, const Json& j) {
  ElementDef e;
  e.path = path;
  auto dot = path.rfind('.');
  e.name = dot == std::string::npos ? path : path.substr(dot + 1);
  e.min = j.value("min", 0);
  std::string max = j.value("max", std::string("*"));
  e.max = max == "*" ? -1 : std::stoi(max);
  if (j.contains("types")) e.types = j["types"].get<std::vector<std::string>>();
  if (j.contains("ref")) e.content_ref = j["ref"].get<std::string>();
  if (j.contains("targets")) e.targets = j["targets"].get<std::vector<std::string>>();
  if (j.contains("codes")) {
    for (const auto& c : j["codes"]) e.codes.insert(c.get<std::string>());
    e.valueset = j.value("valueSet", std::string());
  }
  if (e.name.size() > 3 && e.name.compare(e.name.size() - 3, 3, "[x]") == 0) {
    e.choice = true;
    e.choice_prefix = e.name.substr(0, e.name.size() - 3);
  }
  return e;
}

}  // namespace

StructureDefs::StructureDefs(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config(file, "cannot read the FHIR structure definitions");
  std::stringstream ss;
  ss << in.rdbuf();
  Json root;
  try {
    root = Json::parse(ss.str());
  } catch (const std::exception& e) {
    throw config(file, std::string("not valid JSON: ") + e.what());
  }
  if (!root.contains("types") || !root.contains("primitives"))
    throw config(file, "expected 'types' and 'primitives'");
  if (root.contains("provenance"))
    fhir_version_ = root["provenance"].value("fhirVersion", std::string());
  try {
    for (const auto& [name, p] : root["primitives"].items()) {
      primitives_[name] = {p.value("json", std::string("string")), p.value("regex", std::string())};
    }
    for (const auto& [name, t] : root["types"].items()) {
      TypeDef& td = types_[name];
      td.name = name;
      td.kind = t.value("kind", std::string());
      td.base = t.value("base", std::string());
      for (const auto& [path, e] : t["elements"].items())
        td.elements.emplace(path, element(path, e));
      // Children in definition order: the file lists elements in snapshot order.
      for (const auto& [path, e] : t["elements"].items()) {
        (void)e;
        auto dot = path.rfind('.');
        std::string parent = dot == std::string::npos ? "" : path.substr(0, dot);
        td.children[parent].push_back(&td.elements.at(path));
      }
      if (t.contains("constraints")) {
        for (const auto& c : t["constraints"]) {
          td.constraints.push_back({c.value("key", std::string()), c.value("path", std::string()),
                                    c.value("severity", std::string("error")),
                                    c.value("human", std::string()),
                                    c.value("expression", std::string())});
        }
      }
    }
    for (const auto& [name, td] : types_) type_index_.emplace(name, &td);
    for (const auto& [name, pd] : primitives_) primitive_index_.emplace(name, &pd);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw config(file, std::string("malformed definitions: ") + e.what());
  }
}

const TypeDef* StructureDefs::type(const std::string& name) const {
  auto it = type_index_.find(name);
  return it == type_index_.end() ? nullptr : it->second;
}

const PrimitiveDef* StructureDefs::primitive(const std::string& name) const {
  auto it = primitive_index_.find(name);
  return it == primitive_index_.end() ? nullptr : it->second;
}

bool StructureDefs::is_resource(const std::string& name) const {
  const TypeDef* t = type(name);
  return t && t->kind == "resource" && name != "Resource" && name != "DomainResource";
}

}  // namespace ccdafhir::validate
