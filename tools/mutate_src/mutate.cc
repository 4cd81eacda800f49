// ccdafhir_mutate: the mutation sweep. Corpus documents get random structural mutations
// (mutator.h) and each mutant is converted in-process with a time limit. The contract checked:
// every mutant ends in a ConversionResult or Error(kInputRejected) (the CLI's exit 0/1 or 2);
// any other exception is a bug, and so is a conversion that runs past the time limit (the
// cooperative deadline must have stopped it) or hangs (a watchdog aborts the run).
//
//   ccdafhir_mutate [--seed S] [--count N] [--max-seconds T] [--max-bytes B] [--findings DIR]
//                   [--only INDEX] FILE|DIR...
//
// Mutant i mutates document i % D (documents sorted by path; folders are searched for *.xml;
// fragments are wrapped in a minimal ClinicalDocument first, see fragments.h),
// from (seed, i) alone: --only i reproduces one mutant, and --findings writes each failing
// mutant there as mutant-SEED-INDEX.xml. Prints the outcome distribution; exits 1 on any bug.
#include <libxml/parser.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "fragments.h"
#include "mutator.h"

namespace fs = std::filesystem;
using namespace ccdafhir;

namespace {

struct Settings {
  std::uint64_t seed = 1;
  std::uint64_t count = 1000;
  double max_seconds = 10;
  std::size_t max_bytes = 4u << 20;  // documents larger than this are not mutated (speed)
  std::string findings;
  long long only = -1;
  std::vector<std::string> inputs;
};

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: ccdafhir_mutate [--seed S] [--count N] [--max-seconds T] [--max-bytes B]"
               " [--findings DIR] [--only INDEX] FILE|DIR...\n");
  std::exit(64);
}

Settings parse(int argc, char** argv) {
  Settings s;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (a == "--seed") {
      s.seed = std::stoull(value());
    } else if (a == "--count") {
      s.count = std::stoull(value());
    } else if (a == "--max-seconds") {
      s.max_seconds = std::stod(value());
    } else if (a == "--max-bytes") {
      s.max_bytes = std::stoull(value());
    } else if (a == "--findings") {
      s.findings = value();
    } else if (a == "--only") {
      s.only = std::stoll(value());
    } else if (!a.empty() && a[0] == '-') {
      usage();
    } else {
      s.inputs.push_back(a);
    }
  }
  if (s.inputs.empty() || s.max_seconds <= 0) usage();
  return s;
}

std::vector<fs::path> documents(const Settings& s) {
  std::vector<fs::path> files;
  for (const auto& in : s.inputs) {
    if (fs::is_directory(in)) {
      for (const auto& e : fs::recursive_directory_iterator(in)) {
        std::string ext = e.path().extension().string();
        if (e.is_regular_file() && (ext == ".xml" || ext == ".XML") &&
            e.file_size() <= s.max_bytes) {
          files.push_back(e.path());
        }
      }
    } else if (fs::is_regular_file(in)) {
      files.emplace_back(in);
    } else {
      std::fprintf(stderr, "ccdafhir_mutate: %s does not exist\n", in.c_str());
      std::exit(64);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A rejection reason with its numbers blanked, so reasons group by kind ("line N").
std::string reason_kind(std::string reason) {
  std::string out;
  for (std::size_t i = 0; i < reason.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(reason[i]))) {
      if (out.empty() || out.back() != 'N') out.push_back('N');
    } else {
      out.push_back(reason[i]);
    }
  }
  if (out.size() > 90) out.resize(90);
  return out;
}

// Aborts the process when one conversion runs far past its limit: a hang the cooperative
// deadline did not catch. The message names the mutant so --only reproduces it.
class Watchdog {
 public:
  explicit Watchdog(double limit_seconds) : limit_(limit_seconds * 3 + 5) {
    thread_ = std::thread([this] { watch(); });
  }
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void start(std::uint64_t index) {
    std::lock_guard<std::mutex> lock(mutex_);
    index_ = index;
    started_ = std::chrono::steady_clock::now();
    running_ = true;
  }
  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    running_ = false;
  }

 private:
  void watch() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!done_) {
      cv_.wait_for(lock, std::chrono::milliseconds(200));
      if (running_ &&
          std::chrono::steady_clock::now() - started_ > std::chrono::duration<double>(limit_)) {
        std::fprintf(stderr, "HANG: mutant %llu ran over %.0f s; reproduce with --only %llu\n",
                     static_cast<unsigned long long>(index_), limit_,
                     static_cast<unsigned long long>(index_));
        std::abort();
      }
    }
  }
  double limit_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  bool running_ = false;
  std::uint64_t index_ = 0;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

int main(int argc, char** argv) {
  Settings s = parse(argc, argv);
  std::vector<fs::path> files = documents(s);
  if (files.empty()) {
    std::fprintf(stderr, "ccdafhir_mutate: no documents in the inputs\n");
    return 64;
  }
  xmlInitParser();
  Engine engine;
  std::vector<std::unique_ptr<mutate::Mutator>> mutators(files.size());
  ConvertOptions options;
  options.now = "2000-01-01T00:00:00Z";
  options.collect_trace = false;
  options.limits.max_seconds = s.max_seconds;

  std::map<std::string, std::size_t> outcomes, rejections, ops;
  std::size_t bugs = 0, over_time = 0, with_errors = 0;
  double slowest = 0;
  std::uint64_t first = s.only >= 0 ? static_cast<std::uint64_t>(s.only) : 0;
  std::uint64_t last = s.only >= 0 ? first + 1 : s.count;
  auto started = std::chrono::steady_clock::now();
  Watchdog watchdog(s.max_seconds);
  for (std::uint64_t i = first; i < last; ++i) {
    std::size_t d = i % files.size();
    if (!mutators[d])
      mutators[d] = std::make_unique<mutate::Mutator>(mutate::as_document(read(files[d])));
    std::vector<mutate::Op> applied;
    std::string bytes = mutators[d]->mutant(s.seed, i, applied);
    for (mutate::Op op : applied) ++ops[mutate::op_name(op)];
    std::string bug;
    auto t0 = std::chrono::steady_clock::now();
    watchdog.start(i);
    try {
      ConversionResult r = engine.to_fhir(bytes, options);
      ++outcomes["converted"];
      for (const auto& diag : r.diagnostics.items()) {
        if (diag.severity == Severity::kError || diag.severity == Severity::kFatal) {
          ++with_errors;
          break;
        }
      }
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::kInputRejected) {
        ++outcomes["rejected"];
        ++rejections[reason_kind(e.what())];
      } else {
        bug = std::string("Error kind ") + std::to_string(static_cast<int>(e.kind())) + ": " +
              e.what();
      }
    } catch (const std::exception& e) {
      bug = std::string("exception: ") + e.what();
    }
    watchdog.stop();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    slowest = std::max(slowest, seconds);
    // The deadline is cooperative: a little past the limit is the check's stride, not a hang.
    if (bug.empty() && seconds > s.max_seconds * 1.5 + 1) {
      bug = "ran " + std::to_string(seconds) + " s, past the time limit";
      ++over_time;
    }
    if (!bug.empty()) {
      ++bugs;
      ++outcomes["bug"];
      std::fprintf(stderr, "BUG: mutant %llu of %s (", static_cast<unsigned long long>(i),
                   files[d].c_str());
      for (mutate::Op op : applied) std::fprintf(stderr, " %s", mutate::op_name(op));
      std::fprintf(stderr, " ): %s\n", bug.c_str());
      if (!s.findings.empty()) {
        fs::create_directories(s.findings);
        std::ofstream(fs::path(s.findings) /
                          ("mutant-" + std::to_string(s.seed) + "-" + std::to_string(i) + ".xml"),
                      std::ios::binary)
            << bytes;
      }
    }
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uint64_t n = last - first;
  std::printf(
      "mutants: %llu from %zu documents, seed %llu, %.1f s (%.0f mutants/s), slowest %.3f s\n",
      static_cast<unsigned long long>(n), files.size(), static_cast<unsigned long long>(s.seed),
      total, n / std::max(total, 1e-9), slowest);
  for (const char* k : {"converted", "rejected", "bug"}) {
    std::printf("  %-10s %zu\n", k, outcomes[k]);
  }
  std::printf("  converted with error diagnostics: %zu; over the time limit: %zu\n", with_errors,
              over_time);
  std::printf("operations applied:\n");
  for (const auto& [k, v] : ops) std::printf("  %-18s %zu\n", k.c_str(), v);
  std::vector<std::pair<std::size_t, std::string>> top;
  for (const auto& [k, v] : rejections) top.emplace_back(v, k);
  std::sort(top.rbegin(), top.rend());
  std::printf("rejection reasons (most frequent first):\n");
  for (std::size_t i = 0; i < top.size() && i < 15; ++i) {
    std::printf("  %6zu  %s\n", top[i].first, top[i].second.c_str());
  }
  return bugs == 0 ? 0 : 1;
}
