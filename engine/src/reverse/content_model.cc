#include "reverse/content_model.h"

#include <fstream>
#include <sstream>

#include "ccdafhir/error.h"

namespace ccdafhir {

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, '\t')) out.push_back(cell);
  if (!line.empty() && line.back() == '\t') out.emplace_back();
  return out;
}

}  // namespace

const SchemaChild* SchemaType::child(std::string_view ns, std::string_view name) const {
  for (const auto& c : children) {
    if (c.name == name && c.ns == ns) return &c;
  }
  return nullptr;
}

bool CdaContentModel::is_structural(std::string_view type_name) {
  return type_name.rfind("POCD_MT000040.", 0) == 0 || type_name.rfind("sdtc:", 0) == 0;
}

const SchemaType* CdaContentModel::type(std::string_view name) const {
  auto it = types_.find(std::string(name));
  return it == types_.end() ? nullptr : &it->second;
}

CdaContentModel CdaContentModel::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::kConfig, path + ": cannot read the CDA content model");
  CdaContentModel s;
  std::string line;
  int n = 0;
  auto bad = [&](const std::string& what) {
    throw Error(ErrorKind::kConfig, path + ":" + std::to_string(n) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto cells = split_tabs(line);
    if (cells[0] == "root") {
      if (cells.size() != 3) bad("a root row has 3 cells");
      s.root_type_ = cells[2];
    } else if (cells[0] == "child") {
      if (cells.size() != 8) bad("a child row has 8 cells");
      SchemaType& t = s.types_[cells[1]];
      SchemaChild c;
      c.ns = cells[2];
      c.name = cells[3];
      c.type = cells[4];
      try {
        c.min = std::stoi(cells[5]);
        c.max = cells[6] == "*" ? -1 : std::stoi(cells[6]);
      } catch (const std::exception&) {
        bad("minOccurs/maxOccurs must be numbers or *");
      }
      c.choice = cells[7] == "-" ? "" : cells[7];
      c.index = t.children.size();
      t.children.push_back(std::move(c));
    } else if (cells[0] == "attr") {
      if (cells.size() != 5) bad("an attr row has 5 cells");
      s.types_[cells[1]].attributes.push_back(
          SchemaAttribute{cells[2], cells[3] == "required", cells[4]});
    } else {
      bad("unknown row kind '" + cells[0] + "'");
    }
  }
  if (s.root_type_.empty() || !s.type(s.root_type_)) bad("no root type");
  return s;
}

}  // namespace ccdafhir
