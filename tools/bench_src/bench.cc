// ccdafhir_bench: throughput and memory of the C-CDA -> FHIR conversion, measured against the
// floor set by libxml2 itself, all in one run on one thread.
//
//   ccdafhir_bench [convert] --corpus DIR [--repeat N] [--max-files K] [--phase NAME] [--list F]
//                            [--only F]
//
// The corpus is read into memory before anything is timed, so file I/O is never measured. The
// phases then run in N rounds (default 3), each round one pass of every phase over every
// document, in this order:
//
//   libxml2 parse only  xmlReadMemory + xmlFreeDoc: what reading the bytes costs at least
//   ccdafhir intake     parse_cda: the hardened parse plus the ClinicalDocument and limit checks
//   ccdafhir to-fhir    Engine::to_fhir: the whole conversion to a serialised FHIR Bundle
//
// Throughput is input bytes (MiB/s) and documents (docs/s) per second of steady_clock time.
// Rounds rather than one phase after the other: on a shared machine the speed of the CPU drifts
// by a third within seconds, and phases run minutes apart measure the drift as much as the code.
// Passes side by side see the same machine, so the to-fhir / parse-only ratio is printed for
// every round, with its median, beside the ratio of the totals.
// Peak RSS (getrusage ru_maxrss) is printed after each phase, and after the first and the last
// to-fhir pass: the two should be about equal, showing that memory does not grow with the number
// of documents converted. --phase to-fhir runs only the conversion (tools/bench --profile uses it
// with callgrind, which collects inside convert_pass only).
//
//   ccdafhir_bench validate --corpus DIR [--repeat N] [--max-files K]
//
// converts every document once (untimed), then times the conversion and the validation of its
// output (hardened JSON parse + FhirValidator: structure, invariants, document rules, profiles)
// and prints validate / to-fhir: the goal is 0.5 or less. Both sides start from the same
// document: to-fhir from the C-CDA bytes to the serialised Bundle, validate from the serialised
// Bundle to its issues (the C-CDA side of validation, XSD and template rules, is not timed).
// --phase validate times only the validation (tools/bench validate --profile: callgrind collects
// inside validate_pass). --outcomes DIR writes each Bundle's OperationOutcome there (untimed,
// one file per document, named after its corpus path), to check that a faster validator
// reports exactly what the previous one did (diff -r).

#include <libxml/parser.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ccdafhir/convert.h"
#include "ccdafhir/error.h"
#include "ccdafhir/options.h"
#include "intake/json_intake.h"
#include "intake/xml_intake.h"
#include "report/outcome.h"
#include "validate/fhir_validator.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr double kMiB = 1024.0 * 1024.0;

// Fixed Bundle.timestamp, so every pass does exactly the same work.
constexpr const char* kNow = "2024-01-01T00:00:00Z";

struct Args {
  fs::path corpus;
  int repeat = 3;
  std::size_t max_files = 0;  // 0: no limit
  std::string phase = "all";  // all | parse | intake | to-fhir
  std::string list_file;      // --list FILE: write the documents' paths there (tools/bench peer)
  std::string only_file;      // --only FILE: measure only the documents listed there
  bool validate = false;      // the validate subcommand
  std::string outcomes_dir;   // validate --outcomes DIR
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "ccdafhir_bench: %s\n"
               "usage: ccdafhir_bench [convert] --corpus DIR [--repeat N] [--max-files K]\n"
               "                      [--phase all|parse|intake|to-fhir] [--list FILE]\n"
               "                      [--only FILE]\n"
               "       ccdafhir_bench validate --corpus DIR [--repeat N] [--max-files K]\n"
               "                      [--phase all|validate] [--outcomes DIR]\n",
               problem.c_str());
  std::exit(64);
}

// Parses a whole decimal number >= minimum, or exits with a usage message.
long parse_count(const std::string& flag, const std::string& text, long minimum) {
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < minimum) {
    usage(flag + " needs a whole number >= " + std::to_string(minimum) + ", not '" + text + "'");
  }
  return value;
}

Args parse_args(int argc, char** argv) {
  Args args;
  int i = 1;
  if (i < argc && std::string_view(argv[i]) == "convert") ++i;  // the default subcommand
  if (i < argc && std::string_view(argv[i]) == "validate") {
    args.validate = true;
    ++i;
  }
  for (; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "-h" || flag == "--help") usage("C-CDA -> FHIR throughput benchmark");
    if (i + 1 >= argc) usage("missing value after " + flag);
    std::string value = argv[++i];
    if (flag == "--corpus") {
      args.corpus = value;
    } else if (flag == "--repeat") {
      args.repeat = static_cast<int>(parse_count(flag, value, 1));
    } else if (flag == "--max-files") {
      args.max_files = static_cast<std::size_t>(parse_count(flag, value, 1));
    } else if (flag == "--phase") {
      if (value != "all" && value != "parse" && value != "intake" && value != "to-fhir" &&
          value != "validate") {
        usage("unknown phase '" + value + "'");
      }
      args.phase = value;
    } else if (flag == "--list") {
      args.list_file = value;
    } else if (flag == "--only") {
      args.only_file = value;
    } else if (flag == "--outcomes") {
      args.outcomes_dir = value;
    } else {
      usage("unknown option " + flag);
    }
  }
  if (args.corpus.empty()) usage("--corpus DIR is required");
  if ((args.phase == "validate") != args.validate && args.phase != "all")
    usage("--phase " + args.phase + " belongs to the " + (args.validate ? "convert" : "validate") +
          " subcommand");
  if (!args.outcomes_dir.empty() && !args.validate) usage("--outcomes needs validate");
  return args;
}

// ---------------------------------------------------------------------------------------------
// Corpus

struct Document {
  std::string path;  // relative to the corpus folder
  std::string bytes;
};

struct Skipped {
  std::string path;
  std::string reason;
};

struct Corpus {
  std::vector<Document> docs;
  std::vector<Skipped> skipped;
  std::size_t total_bytes = 0;
};

// Folders that hold no whole documents: hostile inputs, FHIR sides of pairs, fragments.
bool excluded_folder(const fs::path& dir) {
  const std::string name = dir.filename().string();
  return name == "malformed" || name == "pairs" || name == "hl7-snippets";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(fs::file_size(path), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    throw std::runtime_error("cannot read " + path.string());
  }
  return bytes;
}

// Every *.xml / *.XML under root, sorted, each loaded and checked with the engine's own intake:
// documents it rejects (not well-formed, not a ClinicalDocument, over a limit) are skipped and
// listed. With max_files, stops once that many documents have been accepted.
Corpus load_corpus(const fs::path& root, std::size_t max_files, const std::string& only_file) {
  std::vector<fs::path> paths;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->is_directory() && excluded_folder(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    const std::string ext = it->path().extension().string();
    if (it->is_regular_file() && (ext == ".xml" || ext == ".XML")) paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  if (!only_file.empty()) {
    // Only the listed documents (paths relative to the corpus, one a line).
    std::ifstream list(only_file);
    if (!list) throw std::runtime_error("cannot read " + only_file);
    std::vector<fs::path> listed;
    for (std::string line; std::getline(list, line);) {
      if (!line.empty()) listed.push_back(root / line);
    }
    std::sort(listed.begin(), listed.end());
    paths = std::move(listed);
  }

  Corpus corpus;
  const ccdafhir::Limits limits;
  for (const fs::path& path : paths) {
    if (max_files != 0 && corpus.docs.size() >= max_files) break;
    Document doc{fs::relative(path, root).string(), read_file(path)};
    try {
      ccdafhir::parse_cda(doc.bytes, limits);
    } catch (const ccdafhir::Error& e) {
      corpus.skipped.push_back({doc.path, e.what()});
      continue;
    }
    corpus.total_bytes += doc.bytes.size();
    corpus.docs.push_back(std::move(doc));
  }
  return corpus;
}

// ---------------------------------------------------------------------------------------------
// Measurement

// Peak resident set size of this process so far, in MiB (Linux reports ru_maxrss in KiB).
double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Current resident set size in MiB, from /proc/self/statm (0 where that is not available).
double current_rss_mib() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0;
  long pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0.0;
  return static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / kMiB;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of this thread in seconds. Beside the wall-clock figures it shows whether the machine
// was busy: on a loaded machine wall time grows, CPU time much less.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct PhaseResult {
  std::string name;
  double seconds = 0;                 // steady_clock, all passes together
  double cpu_seconds = 0;             // thread CPU time, all passes together
  std::size_t docs = 0;               // documents processed, all passes
  std::size_t bytes = 0;              // input bytes processed, all passes
  std::size_t failed = 0;             // documents rejected in one pass
  double peak_rss = 0;                // MiB, after the phase
  std::vector<double> round_seconds;  // one entry per round
  double open_round = 0;              // seconds of the round being measured
};

// libxml2 alone, the floor: the DOM parse every conversion starts with, and nothing else.
// XML_PARSE_NONET as in the engine; NOERROR/NOWARNING only keep stderr quiet.
[[gnu::noinline]] std::size_t parse_pass(std::span<const Document> docs) {
  std::size_t failed = 0;
  for (const Document& doc : docs) {
    xmlDocPtr parsed =
        xmlReadMemory(doc.bytes.data(), static_cast<int>(doc.bytes.size()), "input.xml", nullptr,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!parsed) ++failed;
    xmlFreeDoc(parsed);
  }
  return failed;
}

// The engine's intake without conversion: hardened parse, root check, limits, the ID index.
[[gnu::noinline]] std::size_t intake_pass(std::span<const Document> docs) {
  const ccdafhir::Limits limits;
  std::size_t failed = 0;
  for (const Document& doc : docs) {
    try {
      ccdafhir::parse_cda(doc.bytes, limits);
    } catch (const ccdafhir::Error&) {
      ++failed;
    }
  }
  return failed;
}

struct ConvertTally {
  std::size_t failed = 0;
  std::size_t output_bytes = 0;  // serialised Bundles; also keeps the work observable
  std::string first_failure;     // "path: message"
};

// The whole conversion. A document that throws is counted, not fatal.
[[gnu::noinline]] ConvertTally convert_pass(const ccdafhir::Engine& engine,
                                            std::span<const Document> docs,
                                            const ccdafhir::ConvertOptions& options) {
  ConvertTally tally;
  for (const Document& doc : docs) {
    try {
      tally.output_bytes += engine.to_fhir(doc.bytes, options).output.size();
    } catch (const std::exception& e) {
      if (tally.failed++ == 0) tally.first_failure = doc.path + ": " + e.what();
    }
  }
  return tally;
}

// Times pass(docs) and adds it to result. A pass that is one of several making up a round
// (document by document, see interleaved_round) leaves the round's entry open: the caller
// closes it.
template <typename Pass>
void time_docs(PhaseResult& result, std::span<const Document> docs, Pass& pass) {
  const double cpu_start = thread_cpu_seconds();
  const Clock::time_point start = Clock::now();
  const std::size_t failed = pass(docs);
  const double seconds = seconds_since(start);
  result.seconds += seconds;
  result.cpu_seconds += thread_cpu_seconds() - cpu_start;
  result.open_round += seconds;
  result.failed += failed;
  result.docs += docs.size();
  for (const Document& d : docs) result.bytes += d.bytes.size();
}

void close_round(PhaseResult& result) {
  result.round_seconds.push_back(result.open_round);
  result.open_round = 0;
  result.peak_rss = peak_rss_mib();
}

// Times one pass(docs) over the whole corpus; after_pass(round) runs untimed after it.
template <typename Pass, typename AfterPass>
void timed_pass(PhaseResult& result, const Corpus& corpus, int round, Pass& pass,
                AfterPass& after_pass) {
  result.failed = 0;
  time_docs(result, corpus.docs, pass);
  close_round(result);
  after_pass(round);
}

// One round of several phases, document by document: each document goes through every phase
// back to back, each step timed on its own, the order of the phases turning by one from each
// document to the next (so that none always finds the document's bytes in the cache). Rounds
// of whole passes, one phase after the other, measure seconds apart; on a shared machine whose
// speed drifts within seconds their ratio varied from 0.25 to 0.54 in one run.
template <typename Step>
void interleaved_round(const Corpus& corpus, std::vector<std::pair<PhaseResult*, Step>>& phases) {
  for (auto& [result, step] : phases) result->failed = 0;
  for (std::size_t i = 0; i < corpus.docs.size(); ++i) {
    const std::span<const Document> one(&corpus.docs[i], 1);
    for (std::size_t k = 0; k < phases.size(); ++k) {
      auto& [result, step] = phases[(i + k) % phases.size()];
      time_docs(*result, one, step);
    }
  }
  for (auto& [result, step] : phases) close_round(*result);
}

// Runs pass(docs) `repeat` times and totals the time; after_pass(i) runs untimed after pass i.
template <typename Pass, typename AfterPass>
PhaseResult run_phase(const std::string& name, const Corpus& corpus, int repeat, Pass pass,
                      AfterPass after_pass) {
  PhaseResult result;
  result.name = name;
  for (int i = 1; i <= repeat; ++i) timed_pass(result, corpus, i, pass, after_pass);
  return result;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double mib_per_s(const PhaseResult& r) {
  return r.seconds > 0 ? static_cast<double>(r.bytes) / kMiB / r.seconds : 0.0;
}

// Input MiB per second of CPU time: less sensitive to other load on the machine.
double cpu_mib_per_s(const PhaseResult& r) {
  return r.cpu_seconds > 0 ? static_cast<double>(r.bytes) / kMiB / r.cpu_seconds : 0.0;
}

// Share of the wall-clock time this thread was on a CPU, in percent.
double cpu_share(const PhaseResult& r) {
  return r.seconds > 0 ? 100.0 * r.cpu_seconds / r.seconds : 0.0;
}

double docs_per_s(const PhaseResult& r) {
  return r.seconds > 0 ? static_cast<double>(r.docs) / r.seconds : 0.0;
}

void print_header() {
  std::printf("%-20s %9s %9s %9s %11s %6s %13s\n", "phase", "docs/s", "MiB/s", "s/pass",
              "cpu MiB/s", "cpu %", "peak RSS MiB");
}

void print_row(const PhaseResult& r, int repeat) {
  std::printf("%-20s %9.1f %9.2f %9.3f %11.2f %6.0f %13.1f\n", r.name.c_str(), docs_per_s(r),
              mib_per_s(r), r.seconds / repeat, cpu_mib_per_s(r), cpu_share(r), r.peak_rss);
}

struct ValidateTally {
  std::size_t issues = 0;
  std::size_t with_errors = 0;
};

// One validation of every output: the hardened JSON parse and FhirValidator::validate, as
// `ccdafhir validate` does them (without reading the file).
[[gnu::noinline]] ValidateTally validate_pass(const ccdafhir::FhirValidator& validator,
                                              const std::vector<std::string>& outputs) {
  ValidateTally tally;
  const ccdafhir::Limits limits;
  for (const std::string& out : outputs) {
    if (out.empty()) continue;
    ccdafhir::DiagnosticSink sink;
    validator.validate(ccdafhir::parse_json_input(out, limits), ccdafhir::ValidateOptions{}, sink);
    tally.issues += sink.items().size();
    if (sink.has_errors()) ++tally.with_errors;
  }
  return tally;
}

// Each output's OperationOutcome in dir, as `ccdafhir validate --format json` prints it.
void write_outcomes(const std::string& dir, const Corpus& corpus,
                    const ccdafhir::FhirValidator& validator,
                    const std::vector<std::string>& outputs) {
  fs::create_directories(dir);
  const ccdafhir::Limits limits;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].empty()) continue;
    ccdafhir::DiagnosticSink sink;
    validator.validate(ccdafhir::parse_json_input(outputs[i], limits), ccdafhir::ValidateOptions{},
                       sink);
    std::string name = corpus.docs[i].path;
    std::replace(name.begin(), name.end(), '/', '_');
    std::ofstream f(fs::path(dir) / (name + ".outcome.json"), std::ios::binary);
    f << ccdafhir::to_operation_outcome(sink).dump(2) << "\n";
    if (!f) throw std::runtime_error("cannot write into " + dir);
  }
  std::printf("outcomes of %zu Bundles written to %s\n", outputs.size(), dir.c_str());
}

// Validation of each conversion's output, against the conversion itself, by CPU time.
int run_validate(const Args& args, const Corpus& corpus, const ccdafhir::Engine& engine) {
  ccdafhir::ConvertOptions options;
  options.now = kNow;
  std::vector<std::string> outputs;
  for (const Document& doc : corpus.docs) {
    try {
      outputs.push_back(engine.to_fhir(doc.bytes, options).output);
    } catch (const std::exception&) {
      outputs.emplace_back();
    }
  }
  const Clock::time_point load_start = Clock::now();
  const ccdafhir::FhirValidator validator(ccdafhir::default_data_dir() + "/schemas");
  std::printf("validator: loaded in %.3f s\n", seconds_since(load_start));
  auto no_hook = [](int) {};
  ValidateTally tally;
  auto validate = [&](std::span<const Document>) {
    tally = validate_pass(validator, outputs);
    return std::size_t{0};
  };
  std::optional<PhaseResult> c;
  if (args.phase != "validate") {
    auto convert = [&](std::span<const Document> docs) {
      return convert_pass(engine, docs, options).failed;
    };
    c = run_phase("ccdafhir to-fhir", corpus, args.repeat, convert, no_hook);
  }
  PhaseResult v = run_phase("ccdafhir validate", corpus, args.repeat, validate, no_hook);
  print_header();
  if (c) print_row(*c, args.repeat);
  print_row(v, args.repeat);
  std::printf("\nvalidated %zu Bundles: %zu issues, %zu Bundles with errors\n", outputs.size(),
              tally.issues, tally.with_errors);
  if (c) {
    std::printf("validate / to-fhir: %.2f by wall clock, %.2f by CPU time (goal: 0.50 or less)\n",
                v.seconds / c->seconds, v.cpu_seconds / c->cpu_seconds);
  }
  if (!args.outcomes_dir.empty()) write_outcomes(args.outcomes_dir, corpus, validator, outputs);
  return 0;
}

int run(const Args& args) {
  ccdafhir::init_xml_library();
  const bool all = args.phase == "all";

  const Corpus corpus = load_corpus(args.corpus, args.max_files, args.only_file);
  std::printf(
      "corpus: %zu documents, %.1f MiB (skipped %zu not well-formed or not a "
      "ClinicalDocument)\n",
      corpus.docs.size(), static_cast<double>(corpus.total_bytes) / kMiB, corpus.skipped.size());
  for (const Skipped& s : corpus.skipped) {
    std::printf("  skipped %s: %s\n", s.path.c_str(), s.reason.c_str());
  }
  if (corpus.docs.empty()) {
    std::fprintf(stderr, "ccdafhir_bench: no documents under %s\n", args.corpus.c_str());
    return 1;
  }
  if (!args.list_file.empty()) {
    // The documents measured, one path (relative to the corpus) a line, so that another
    // converter can be measured on exactly the same ones.
    std::ofstream list(args.list_file);
    for (const Document& d : corpus.docs) list << d.path << "\n";
    if (!list) throw std::runtime_error("cannot write " + args.list_file);
  }

  // The engine loads and compiles its mapping tables once, outside every timing.
  const Clock::time_point engine_start = Clock::now();
  const ccdafhir::Engine engine;
  std::printf("engine: loaded in %.3f s; corpus and engine in memory: peak RSS %.1f MiB\n",
              seconds_since(engine_start), peak_rss_mib());
  std::printf("repeat: %d %s, each one pass of every phase, single thread\n\n", args.repeat,
              args.repeat == 1 ? "round" : "rounds");
  if (args.validate) return run_validate(args, corpus, engine);

  auto no_hook = [](int) {};
  const bool run_parse = all || args.phase == "parse";
  const bool run_intake = all || args.phase == "intake";
  const bool run_to_fhir = all || args.phase == "to-fhir";

  PhaseResult parse_only;
  parse_only.name = "libxml2 parse only";
  PhaseResult intake;
  intake.name = "ccdafhir intake";
  PhaseResult to_fhir;
  to_fhir.name = "ccdafhir to-fhir";
  ConvertTally tally;
  double peak_first = 0, current_first = 0, peak_last = 0, current_last = 0;
  ccdafhir::ConvertOptions options;
  options.now = kNow;
  using Step = std::function<std::size_t(std::span<const Document>)>;
  std::vector<std::pair<PhaseResult*, Step>> phases;
  if (run_parse) phases.emplace_back(&parse_only, [](auto docs) { return parse_pass(docs); });
  if (run_intake) phases.emplace_back(&intake, [](auto docs) { return intake_pass(docs); });
  if (run_to_fhir) {
    phases.emplace_back(&to_fhir, [&](auto docs) {
      const ConvertTally t = convert_pass(engine, docs, options);
      tally.failed += t.failed;
      tally.output_bytes += t.output_bytes;
      if (tally.first_failure.empty()) tally.first_failure = t.first_failure;
      return t.failed;
    });
  }
  for (int round = 1; round <= args.repeat; ++round) {
    tally = ConvertTally{};
    if (phases.size() == 1) {
      // One phase (tools/bench --profile): whole passes, convert_pass over the corpus at once.
      timed_pass(*phases[0].first, corpus, round, phases[0].second, no_hook);
    } else {
      interleaved_round(corpus, phases);
    }
    if (run_to_fhir) {
      if (round == 1) {
        peak_first = peak_rss_mib();
        current_first = current_rss_mib();
      }
      peak_last = peak_rss_mib();
      current_last = current_rss_mib();
    }
  }
  std::vector<PhaseResult> results;
  if (run_parse) results.push_back(parse_only);
  if (run_intake) results.push_back(intake);
  if (run_to_fhir) results.push_back(to_fhir);

  print_header();
  for (const PhaseResult& r : results) print_row(r, args.repeat);
  std::printf("\n");

  for (const PhaseResult& r : results) {
    if (r.failed != 0)
      std::printf("%s: %zu documents rejected per pass\n", r.name.c_str(), r.failed);
  }
  if (run_to_fhir) {
    if (tally.failed != 0) std::printf("  first: %s\n", tally.first_failure.c_str());
    std::printf("to-fhir output: %.1f MiB of FHIR JSON per pass\n",
                static_cast<double>(tally.output_bytes) / kMiB);
  }
  if (run_parse && run_to_fhir) {
    std::printf("to-fhir / parse-only: %.2f (goal: 0.40 or more, issue 7); by CPU time: %.2f\n",
                mib_per_s(to_fhir) / mib_per_s(parse_only),
                cpu_mib_per_s(to_fhir) / cpu_mib_per_s(parse_only));
    // Per round: parse time over conversion time of the same documents, side by side.
    std::vector<double> ratios;
    std::printf("to-fhir / parse-only by round:");
    for (std::size_t r = 0; r < to_fhir.round_seconds.size(); ++r) {
      ratios.push_back(parse_only.round_seconds[r] / to_fhir.round_seconds[r]);
      std::printf(" %.2f", ratios.back());
    }
    std::printf("; median %.2f\n", median(ratios));
  }
  if (run_to_fhir) {
    std::printf("RSS after 1 pass: %.1f MiB (current %.1f)", peak_first, current_first);
    if (args.repeat > 1) {
      std::printf(", after %d passes: %.1f MiB (current %.1f)", args.repeat, peak_last,
                  current_last);
    }
    std::printf("\n");
  }
  for (const PhaseResult& r : results) {
    if (cpu_share(r) < 90.0) {
      std::printf(
          "note: the machine was busy (%s on a CPU %.0f%% of the time): the wall-clock "
          "figures are low; the CPU-time ones hold better\n",
          r.name.c_str(), cpu_share(r));
      break;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse_args(argc, argv);
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ccdafhir_bench: %s\n", e.what());
    return 1;
  }
}
