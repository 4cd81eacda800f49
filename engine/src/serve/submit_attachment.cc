#include "serve/submit_attachment.h"

#include <set>
#include <tuple>

#include "ccdafhir/error.h"

namespace ccdafhir::serve {

namespace {

Diagnostic issue(Severity severity, IssueCode code, const std::string& fhir_path,
                 const std::string& rule_id, const std::string& message) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.fhir_path = fhir_path;
  d.rule_id = rule_id;
  d.message = message;
  return d;
}

// The media types under which a DocumentReference carries a C-CDA document inline.
bool is_cda_media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  return type == "application/xml" || type == "text/xml" || type == "application/hl7-v3+xml";
}

// Issues of a resource validated on its own, with their paths rewritten to where the resource
// sits in the Parameters ("Bundle.entry[3]..." -> "Parameters.parameter[6].part[1].resource
// .entry[3]..."), so every expression of the answer points into the body that was sent.
class IssueCollector {
 public:
  explicit IssueCollector(DiagnosticSink& out) : out_(out) {
    for (const Diagnostic& d : out.items()) seen_.insert(key(d));
  }

  void add(Diagnostic d) {
    if (seen_.insert(key(d)).second) out_.add(std::move(d));
  }

  void add_relocated(const DiagnosticSink& issues, const std::string& resource_type,
                     const std::string& where) {
    for (Diagnostic d : issues.items()) {
      if (d.fhir_path.rfind(resource_type, 0) == 0)
        d.fhir_path = where + d.fhir_path.substr(resource_type.size());
      else if (d.fhir_path.empty())
        d.fhir_path = where;
      add(std::move(d));
    }
  }

 private:
  static std::tuple<std::string, std::string, std::string> key(const Diagnostic& d) {
    return {d.fhir_path, d.rule_id, d.message};
  }
  DiagnosticSink& out_;
  std::set<std::tuple<std::string, std::string, std::string>> seen_;
};

std::size_t errors_in(const DiagnosticSink& sink) {
  std::size_t n = 0;
  for (const Diagnostic& d : sink.items()) {
    if (d.severity == Severity::kError || d.severity == Severity::kFatal) ++n;
  }
  return n;
}

}  // namespace

SubmitAnswer submit_attachment(const Services& services, Metrics& metrics, std::string_view body,
                               const std::string& now, const Limits& limits) {
  SubmitAnswer answer;
  // 1. The Parameters against the CDex profile, whatever its meta.profile says (base structure
  //    of everything it holds, nested resources included). Not JSON: Error(kInputRejected).
  ValidateOptions check;
  check.profile = services.cdex.parameters_profile();
  check.limits = limits;
  answer.issues = services.validator.validate_fhir(body, check).diagnostics;
  if (errors_in(answer.issues) > 0) {
    answer.status = 422;
    return answer;
  }

  // 2. What the profile cannot say: the operation's own rules.
  Submission submission;
  try {
    submission = services.cdex.read_submission(body, limits);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kInputRejected) throw;
    answer.issues.add(issue(Severity::kError, IssueCode::kBusinessRule, "Parameters",
                            "submit-attachment/operation", e.what()));
    answer.status = 422;
    return answer;
  }

  // 3. Each attachment: its resource against its own profiles, then its content.
  IssueCollector issues(answer.issues);
  std::vector<DerivedFile> derived;
  for (std::size_t i = 0; i < submission.attachments.size(); ++i) {
    const SubmittedAttachment& a = submission.attachments[i];
    ValidateOptions own;
    own.limits = limits;
    issues.add_relocated(services.validator.validate_fhir(a.resource, own).diagnostics,
                         a.resource_type, a.fhir_path);
    if (a.resource_type == "DocumentReference" && is_cda_media_type(a.content_type) &&
        !a.data.empty()) {
      const std::string where = a.fhir_path + ".content[0].attachment.data";
      try {
        ConvertOptions options;
        options.now = now;
        options.collect_trace = false;
        options.limits = limits;
        ConversionResult converted = services.engine.to_fhir(a.data, options);
        metrics.converted("to-fhir");
        std::string name = "attachment-" + std::to_string(i + 1) + ".bundle.json";
        issues.add(issue(Severity::kInformation, IssueCode::kInformational, where,
                         "submit-attachment/converted",
                         "the C-CDA document was converted to a FHIR document Bundle (" + name +
                             "; the conversion reported " +
                             std::to_string(errors_in(converted.diagnostics)) + " error(s))"));
        derived.push_back({name, std::move(converted.output)});
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::kInputRejected) throw;
        issues.add(issue(Severity::kError, IssueCode::kInvalid, where,
                         "submit-attachment/cda-rejected",
                         std::string("the attached C-CDA document was rejected: ") + e.what()));
      }
    } else if (a.resource_type == "DocumentReference") {
      issues.add(issue(Severity::kInformation, IssueCode::kInformational,
                       a.fhir_path + ".content[0].attachment", "submit-attachment/not-converted",
                       "stored as received: the attachment is not an inline C-CDA document"));
    }
  }

  // 4. Signatures and attachment hashes, where the sender put them.
  VerifyResult integrity;
  try {
    integrity = verify_integrity(body, limits);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kInputRejected) throw;
    integrity.status = SignatureStatus::kInvalid;
    integrity.reason = std::string("a signature cannot be read: ") + e.what();
  }
  if (integrity.status == SignatureStatus::kInvalid) {
    issues.add(issue(Severity::kError, IssueCode::kInvalid, "Parameters",
                     "submit-attachment/integrity", integrity.reason));
  } else if (integrity.signatures_checked > 0) {
    issues.add(issue(Severity::kInformation, IssueCode::kInformational, "Parameters",
                     "submit-attachment/signature",
                     std::to_string(integrity.signatures_checked) + " signature(s) verified"));
  }

  if (errors_in(answer.issues) > 0) {
    answer.status = 422;
    return answer;
  }

  // 5. Stored before the answer: a 200 means the submission is on the disk, complete.
  StoredSubmission stored = services.store.put(
      submission.tracking_id.system, submission.tracking_id.value, body, submission.final, derived);
  issues.add(issue(
      Severity::kInformation, IssueCode::kInformational, "Parameters.parameter",
      "submit-attachment/stored",
      stored.already_stored
          ? "this submission was already stored as version " + std::to_string(stored.version) +
                " of its tracking id; nothing was added"
          : "accepted: stored as version " + std::to_string(stored.version) +
                " of its tracking id" + (submission.final ? " (final)" : " (more may follow)")));
  answer.status = 200;
  return answer;
}

}  // namespace ccdafhir::serve
