// The corpus sweep: every well-formed document of ../shared/corpus converts (exit 0 in CLI
// terms), twice with identical bytes, and every Bundle passes the independent checker
// ../shared/tools/check-output. Prints the mapped-entry fraction per source folder and fails
// below the bar.
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

// Issue 4 asks for 97% of section/entry elements mapped; the bar only ever goes up.
constexpr double kMinimumMappedFraction = 0.97;

struct Doc {
  std::string path;
  std::string folder;
};

std::vector<Doc> well_formed_documents() {
  std::ifstream index(test::shared_dir() / "corpus" / "index.tsv");
  BOOST_REQUIRE_MESSAGE(index, "corpus/index.tsv missing");
  std::vector<Doc> docs;
  std::string line;
  std::getline(index, line);  // header
  while (std::getline(index, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (cols.size() < 6 || cols[5] != "y") continue;
    // Group by the vendor column of index.tsv (the EHR or example group), within its source folder.
    std::string vendor =
        cols.size() > 6 && !cols[6].empty() && cols[6] != "-" ? cols[6] : "(unnamed)";
    docs.push_back({cols[0], cols[0].substr(0, cols[0].find('/')) + " / " + vendor});
  }
  return docs;
}

std::string flat_name(const std::string& path) {
  std::string s = path;
  for (char& c : s) {
    if (c == '/') c = '_';
  }
  return s + ".json";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(corpus)

BOOST_AUTO_TEST_CASE(
    every_well_formed_document_converts_deterministically_and_passes_check_output) {
  test::require_shared();
  auto docs = well_formed_documents();
  BOOST_REQUIRE_GT(docs.size(), 500u);
  fs::path out_dir = fs::temp_directory_path() / ("ccdafhir-corpus-" + std::to_string(::getpid()));
  fs::remove_all(out_dir);
  fs::create_directories(out_dir);
  std::map<std::string, std::pair<std::size_t, std::size_t>> per_folder;  // mapped, total
  std::size_t converted = 0;
  for (const auto& d : docs) {
    std::string input = test::read_file(test::shared_dir() / "corpus" / d.path);
    try {
      ConversionResult first = test::engine().to_fhir(input, test::fixed_options());
      ConversionResult second = test::engine().to_fhir(input, test::fixed_options());
      BOOST_CHECK_MESSAGE(first.output == second.output, d.path << ": two runs differ");
      std::ofstream(out_dir / flat_name(d.path), std::ios::binary) << first.output;
      auto& f = per_folder[d.folder];
      f.first += first.entries_mapped;
      f.second += first.entries_mapped + first.entries_dropped;
      ++converted;
    } catch (const std::exception& e) {
      BOOST_ERROR(d.path << ": conversion failed: " << e.what());
    }
  }
  BOOST_TEST(converted == docs.size());
  std::size_t mapped = 0, total = 0;
  std::cout << "mapped section entries per corpus folder / vendor:\n";
  for (const auto& [folder, counts] : per_folder) {
    mapped += counts.first;
    total += counts.second;
    double pct = counts.second ? 100.0 * counts.first / counts.second : 100.0;
    std::cout << "  " << std::left << std::setw(48) << folder << std::right << std::setw(7)
              << counts.first << " / " << std::setw(7) << counts.second << "  " << std::fixed
              << std::setprecision(1) << pct << "%\n";
  }
  double fraction = total ? static_cast<double>(mapped) / total : 1.0;
  std::cout << "  total " << mapped << " / " << total << " = " << std::setprecision(2)
            << 100 * fraction << "%\n";
  BOOST_TEST(fraction >= kMinimumMappedFraction);

  fs::path checker = test::shared_dir() / "tools" / "check-output";
  fs::path report = out_dir / "check-output.txt";
  std::string cmd =
      "'" + checker.string() + "' '" + out_dir.string() + "' > '" + report.string() + "' 2>&1";
  int rc = std::system(cmd.c_str());
  std::string text = test::read_file(report);
  auto last = text.rfind("passed,");
  std::cout << "check-output: "
            << (last == std::string::npos ? text : text.substr(text.rfind('\n', last) + 1));
  BOOST_TEST_MESSAGE(text.substr(0, 4000));
  BOOST_CHECK_MESSAGE(rc == 0, "check-output rejected some Bundles:\n" << text.substr(0, 6000));
  if (rc == 0) fs::remove_all(out_dir);
}

BOOST_AUTO_TEST_SUITE_END()
