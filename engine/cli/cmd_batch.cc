// ccdafhir batch IN OUT_DIR [--to fhir|ccda] [--jobs N] [--validate] [--ndjson] [--force]
//                           [--now ISO-8601] [--progress auto|off|terminal|lines] [--cda-xsd DIR]
// Without --to each member goes by its kind: *.xml to FHIR, *.json FHIR resources to C-CDA.
// Exit codes: 0 every document converted; 1 the batch ran to its end but some members were
// rejected or converted with errors (the report says which); 2 the batch could not run (bad
// arguments, IN unreadable) or was interrupted (rerun the same command to resume).
#include <cstdlib>
#include <iostream>
#include <memory>
#include <set>

#include "batch/batch.h"
#include "ccdafhir/error.h"
#include "ccdafhir/validate.h"
#include "commands.h"

namespace ccdafhir::cli {

namespace {

unsigned jobs_option(const Args& a) {
  const std::string text = option(a, "--jobs", "0");
  char* end = nullptr;
  const long n = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || n < 0 || n > 1024) {
    throw Error(ErrorKind::kInputRejected, "--jobs needs a whole number from 1 to 1024");
  }
  return static_cast<unsigned>(n);
}

batch::ProgressMode progress_option(const Args& a) {
  const std::string mode = option(a, "--progress", "auto");
  if (mode == "auto") return batch::ProgressMode::kAuto;
  if (mode == "off") return batch::ProgressMode::kOff;
  if (mode == "terminal") return batch::ProgressMode::kTerminal;
  if (mode == "lines") return batch::ProgressMode::kLines;
  throw Error(ErrorKind::kInputRejected, "--progress is auto, off, terminal or lines");
}

// CCDAFHIR_BATCH_STOP_AFTER=N: the tests' interrupt hook (stop after N members, as SIGTERM).
std::uint64_t stop_after_hook() {
  const char* env = std::getenv("CCDAFHIR_BATCH_STOP_AFTER");
  if (!env || !*env) return 0;
  return std::strtoull(env, nullptr, 10);
}

}  // namespace

int cmd_batch(const Args& a) {
  check_known(a,
              {"--to", "--jobs", "--validate", "--cda-xsd", "--ndjson", "--force", "--now",
               "--progress", "--data-dir"},
              kLimitOptions);
  if (a.positional.size() != 2) {
    throw Error(ErrorKind::kInputRejected, "batch takes an input (folder or archive) and OUT_DIR");
  }
  batch::BatchOptions options;
  options.input = a.positional[0];
  options.out_dir = a.positional[1];
  // Without --to each member goes by its kind (README "Batch").
  const std::string to = option(a, "--to", "");
  if (to.empty()) {
    options.direction = batch::Direction::kByKind;
  } else if (to == "fhir") {
    options.direction = batch::Direction::kToFhir;
  } else if (to == "ccda") {
    options.direction = batch::Direction::kToCcda;
  } else {
    throw Error(ErrorKind::kInputRejected, "--to is fhir or ccda");
  }
  // One Validator for all workers: it is immutable once loaded and safe to share. FHIR outputs
  // get the FHIR checks, C-CDA outputs (--to ccda) the XSD and template rules.
  std::unique_ptr<Validator> validator;
  if (flag(a, "--validate")) {
    ValidatorConfig config;
    config.data_dir = option(a, "--data-dir");
    config.cda_xsd_dir = option(a, "--cda-xsd");
    validator = std::make_unique<Validator>(config);
    options.validate = [&validator](std::string_view output, std::string_view source) {
      ValidationResult r = validator->validate(output, ValidateOptions{});
      batch::ValidationCounts counts{r.errors, r.warnings, 0, {}};
      // A FHIR output's errors that come from its C-CDA source: the rules the source fails,
      // as to-fhir --validate reports them (only then: a clean output needs no explaining).
      if (r.errors > 0 && !output.empty() && output.front() == '{') {
        try {
          ValidationResult sp = validator->source_problems(source, ValidateOptions{});
          std::set<std::string> rules;
          for (const Diagnostic& d : sp.diagnostics.items()) rules.insert(d.rule_id);
          counts.source_problems = sp.diagnostics.items().size();
          counts.source_problem_rules.assign(rules.begin(), rules.end());
        } catch (const Error&) {
          // The source converted, so it parses; a time limit hit here leaves the count at 0.
        }
      }
      return counts;
    };
  }
  options.jobs = jobs_option(a);
  options.ndjson = flag(a, "--ndjson");
  options.force = flag(a, "--force");
  options.convert.now = now_option(a);
  options.convert.limits = limits_options(a);  // per document: --max-bytes is per member
  options.progress = progress_option(a);
  options.handle_signals = true;
  options.stop_after = stop_after_hook();

  Engine engine(engine_config(a));
  batch::BatchResult result = batch::run_batch(engine, options);
  std::cout << batch::summary_json(result.totals, result.facts).dump(2) << "\n";
  if (result.facts.interrupted) {
    std::cerr << "ccdafhir: batch interrupted after " << result.totals.members
              << " members; run the same command again to resume\n";
    return kExitRejected;
  }
  if (!result.facts.input_error.empty()) {
    std::cerr << "ccdafhir: rejected: " << result.facts.input_error << "\n";
    return kExitRejected;
  }
  return result.totals.failures() > 0 ? kExitValidationErrors : kExitOk;
}

}  // namespace ccdafhir::cli
