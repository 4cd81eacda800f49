// The batch: one reader (this thread) walks the input and reads members; workers convert them;
// the sequencer writes report lines in input order. Memory is bounded by the sequencer's window
// (members in flight), not by the size of the input.
#include "batch/batch.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include "batch/bulk_writer.h"
#include "batch/input_source.h"
#include "batch/interrupt.h"
#include "batch/member_converter.h"
#include "batch/member_name.h"
#include "batch/resume_index.h"
#include "batch/sequencer.h"
#include "batch/work_queue.h"
#include "ccdafhir/error.h"
#include "util/files.h"

namespace ccdafhir::batch {

namespace fs = std::filesystem;

namespace {

unsigned worker_count(unsigned requested) {
  if (requested > 0) return requested;
  unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

// The direction a member with this extension goes, or nullopt when it is no document in the
// batch's direction. Without --to, each member goes by its kind.
std::optional<Direction> member_direction(const std::string& extension, Direction batch) {
  const bool xml = extension == ".xml";
  const bool json = extension == ".json";
  if (batch == Direction::kToFhir) return xml ? std::optional(Direction::kToFhir) : std::nullopt;
  if (batch == Direction::kToCcda) return json ? std::optional(Direction::kToCcda) : std::nullopt;
  if (xml) return Direction::kToFhir;
  if (json) return Direction::kToCcda;
  return std::nullopt;
}
const char* output_extension(Direction d) {
  return d == Direction::kToFhir ? ".json" : ".xml";
}

std::string skip_reason(const std::string& extension, Direction direction) {
  const std::string what = direction == Direction::kToFhir   ? "C-CDA XML"
                           : direction == Direction::kToCcda ? "FHIR JSON"
                                                             : "C-CDA XML or FHIR JSON";
  if (extension.empty()) return "not " + what + ": the name has no extension";
  return "not " + what + ": " + extension + " file";
}

const char* direction_name(Direction d) {
  switch (d) {
    case Direction::kToFhir:
      return "fhir";
    case Direction::kToCcda:
      return "ccda";
    case Direction::kByKind:
      break;
  }
  return "by-kind";
}

// Names the batch's own files take in OUT_DIR; a member whose output would land there is
// refused rather than overwriting them.
bool reserved_output(const std::string& output) {
  return output == kSummaryFile || output == kReportFile ||
         output.rfind(std::string(kBulkFolder) + "/", 0) == 0;
}

ReportLine line_for(const std::string& name, MemberStatus status, std::string reason,
                    std::int64_t size) {
  ReportLine line;
  line.name = name;
  line.status = status;
  line.reason = std::move(reason);
  line.bytes = size > 0 ? static_cast<std::uint64_t>(size) : 0;
  return line;
}

// The report, written as report.ndjson.partial and renamed into place when the batch ends,
// interrupted or not: a report.ndjson is always one this or an earlier run finished writing.
class ReportWriter {
 public:
  explicit ReportWriter(const fs::path& out_dir)
      : final_(out_dir / kReportFile),
        partial_(out_dir / (std::string(kReportFile) + ".partial")),
        out_(partial_, std::ios::binary | std::ios::trunc) {
    if (!out_) throw Error(ErrorKind::kIo, partial_.string() + ": cannot open for writing");
  }
  void write(const std::string& line) {
    out_.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
  void commit() {
    out_.close();
    if (!out_) throw Error(ErrorKind::kIo, partial_.string() + ": write failed");
    std::error_code ec;
    fs::rename(partial_, final_, ec);
    if (ec) throw Error(ErrorKind::kIo, final_.string() + ": " + ec.message());
  }

 private:
  fs::path final_;
  fs::path partial_;
  std::ofstream out_;
};

}  // namespace

BatchResult run_batch(const Engine& engine, const BatchOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path out_dir = options.out_dir;
  {
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (!fs::is_directory(out_dir, ec)) {
      throw Error(ErrorKind::kIo, options.out_dir + ": cannot create the output folder");
    }
  }
  std::unique_ptr<InputSource> source = open_input(options.input, options.out_dir);

  BatchResult result;
  RunFacts& facts = result.facts;
  facts.input = options.input;
  facts.input_kind = source->kind();
  facts.direction = direction_name(options.direction);
  facts.jobs = worker_count(options.jobs);
  facts.validate = static_cast<bool>(options.validate);
  facts.ndjson = options.ndjson && options.direction != Direction::kToCcda;

  // The earlier report is read before this run's replaces it.
  ResumeIndex resume_none;
  std::unique_ptr<ResumeIndex> resume;
  if (!options.force) resume = std::make_unique<ResumeIndex>(out_dir / kReportFile);
  const ResumeIndex& earlier = resume ? *resume : resume_none;

  ReportWriter report(out_dir);
  std::optional<BulkWriter> bulk;
  if (facts.ndjson) bulk.emplace(out_dir / kBulkFolder);

  Progress progress(options.progress);
  Totals& totals = result.totals;
  ProgressSnapshot snapshot;
  snapshot.total = source->member_count();
  snapshot.source_total = source->bytes_total();

  std::string write_error;  // the first failure to write a bulk file
  auto emit = [&](MemberOutcome& outcome) {
    const bool resumed = !outcome.carried_raw.empty();
    report.write(resumed ? outcome.carried_raw : to_ndjson(outcome.line));
    totals.add(outcome.line, resumed);
    if (bulk && write_error.empty()) {
      try {
        bulk->append(outcome.bulk);
      } catch (const Error& e) {
        write_error = e.what();  // emit runs on a worker: the reader reports it at the end
      }
    }
    snapshot.done = totals.members;
    snapshot.documents =
        totals.converted + totals.converted_with_errors + totals.rejected - totals.resumed;
    snapshot.failures = totals.failures();
    snapshot.bytes = totals.bytes_this_run;
    progress.update(snapshot);
  };
  // Input memory is bounded by the queue: two members per worker queued, one converting on
  // each, one being read. Finished members wait in the sequencer for any earlier one still
  // converting, which can be a document a hundred times the size of its neighbours; a window
  // of a few members per worker made the other workers idle behind it (--jobs 2 scaled 1.5x on
  // the corpus). A waiting member costs its report line, a few hundred bytes, plus its --ndjson
  // resources, which the byte budget bounds.
  constexpr std::uint64_t kWindowPerWorker = 256;
  constexpr std::size_t kHeldBytesBudget = std::size_t{64} << 20;
  Sequencer sequencer(kWindowPerWorker * facts.jobs + 2, kHeldBytesBudget, emit);
  WorkQueue<MemberJob> queue(2 * std::size_t{facts.jobs});
  MemberConverter converter(engine, options, earlier, out_dir);

  std::vector<std::thread> workers;
  for (unsigned i = 0; i < facts.jobs; ++i) {
    workers.emplace_back([&] {
      while (auto job = queue.pop()) {
        const std::uint64_t seq = job->seq;
        sequencer.complete(seq, converter.convert(*job));
      }
    });
  }

  std::optional<InterruptHandlers> handlers;
  if (options.handle_signals) {
    clear_interrupt();
    handlers.emplace();
  }

  const std::size_t max_bytes = options.convert.limits.max_input_bytes;
  const std::string over_limit =
      "over the input size limit of " + std::to_string(max_bytes) + " bytes";
  std::unordered_set<std::uint64_t> outputs_seen;  // hashes of output names: duplicates refused
  std::uint64_t seq = 0;
  try {
    MemberHeader header;
    std::string bytes;
    while (source->next(header)) {
      if ((options.stop_after != 0 && seq == options.stop_after) ||
          (options.handle_signals && interrupt_requested())) {
        facts.interrupted = true;
        break;
      }
      sequencer.wait_for_room(seq);
      snapshot.source_consumed = source->bytes_consumed();
      const std::uint64_t this_seq = seq++;
      auto finish = [&](MemberStatus status, std::string reason) {
        MemberOutcome outcome;
        outcome.line = line_for(header.name, status, std::move(reason), header.size);
        sequencer.complete(this_seq, std::move(outcome));
      };
      CheckedName checked = check_member_name(header.name);
      if (!checked.problem.empty()) {
        finish(MemberStatus::kRejected, checked.problem);
        continue;
      }
      if (!header.regular) {
        finish(MemberStatus::kSkipped, "not a regular file (a link or a device)");
        continue;
      }
      const std::string extension = extension_of(checked.name);
      const std::optional<Direction> direction = member_direction(extension, options.direction);
      if (!direction) {
        finish(MemberStatus::kSkipped, skip_reason(extension, options.direction));
        continue;
      }
      std::string output = output_name(checked.name, output_extension(*direction));
      if (reserved_output(output)) {
        finish(MemberStatus::kRejected,
               "its output " + output + " would replace the batch's own file");
        continue;
      }
      if (!outputs_seen.insert(std::hash<std::string>{}(output)).second) {
        finish(MemberStatus::kRejected,
               "its output " + output + " is already taken by an earlier member");
        continue;
      }
      if (header.size > 0 && static_cast<std::uint64_t>(header.size) > max_bytes) {
        finish(MemberStatus::kRejected, over_limit);
        continue;
      }
      try {
        if (!source->read(bytes, max_bytes)) {
          finish(MemberStatus::kRejected, over_limit);
          continue;
        }
      } catch (const Error& e) {
        finish(MemberStatus::kRejected, e.what());
        continue;
      }
      queue.push(MemberJob{this_seq, header.name, std::move(output), std::move(bytes), *direction,
                           options.direction == Direction::kByKind});
      bytes = std::string();
    }
  } catch (const Error& e) {
    facts.input_error = e.what();
  }
  queue.close();
  for (std::thread& w : workers) w.join();
  handlers.reset();

  report.commit();
  if (bulk) {
    if (facts.interrupted || !facts.input_error.empty() || !write_error.empty()) {
      bulk->abandon();
    } else {
      bulk->commit();
    }
  }
  facts.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  write_output((out_dir / kSummaryFile).string(), summary_json(totals, facts).dump(2) + "\n");
  snapshot.source_consumed = source->bytes_consumed();
  progress.finish(snapshot);
  if (!write_error.empty()) throw Error(ErrorKind::kIo, write_error);
  return result;
}

}  // namespace ccdafhir::batch
