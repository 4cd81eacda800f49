// The attachment store behind POST /$submit-attachment: complete version folders or none, keyed
// by tracking id, never overwritten: identical resubmissions are recognised, open tracking ids
// get versions, closed ones refuse (409).
#include <atomic>
#include <set>
#include <thread>

#include "ccdafhir/error.h"
#include "serve/attachment_store.h"
#include "serve/refusal.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace ccdafhir;
namespace sv = ccdafhir::serve;  // "serve" alone is the suite name

namespace {

std::string submission_in(const std::string& version_dir) {
  return test::read_file(fs::path(version_dir) / sv::kSubmissionFile);
}

fs::path fresh_dir(const std::string& name) {
  fs::path d =
      fs::temp_directory_path() / ("ccdafhir-store-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(serve)

BOOST_AUTO_TEST_CASE(store_versions_open_tracking_ids_and_refuses_after_final) {
  fs::path dir = fresh_dir("versions");
  sv::AttachmentStore store(dir.string());
  const std::string sys = "http://example.org/claims", id = "ACN-1";

  sv::StoredSubmission first =
      store.put(sys, id, "{\"a\":1}", false, {{"attachment-1.bundle.json", "{\"b\":1}"}});
  BOOST_TEST(first.version == 1);
  BOOST_TEST(!first.already_stored);
  BOOST_TEST(submission_in(first.path) == "{\"a\":1}");
  BOOST_TEST(test::read_file(fs::path(first.path) / "attachment-1.bundle.json") == "{\"b\":1}");

  sv::StoredSubmission again = store.put(sys, id, "{\"a\":1}", false);
  BOOST_TEST(again.already_stored);
  BOOST_TEST(again.version == 1);

  sv::StoredSubmission second = store.put(sys, id, "{\"a\":2}", true);
  BOOST_TEST(second.version == 2);
  BOOST_TEST(second.path.find("-final") != std::string::npos);
  BOOST_TEST(fs::exists(fs::path(first.path) / "attachment-1.bundle.json"));  // untouched

  // Identical to a stored version: still recognised after the tracking id closed.
  BOOST_TEST(store.put(sys, id, "{\"a\":1}", false).already_stored);
  try {
    store.put(sys, id, "{\"a\":3}", true);
    BOOST_ERROR("a different submission after the final one must be refused");
  } catch (const sv::Refused& e) {
    BOOST_TEST(e.refusal.status == 409);
  }
  BOOST_TEST(store.versions(sys, id).size() == 2u);
  BOOST_TEST(submission_in(store.versions(sys, id)[0]) == "{\"a\":1}");
  BOOST_CHECK_THROW(store.put(sys, "x", "{}", true, {{"../escape", "x"}}), Error);

  // Another system with the same value is another tracking id.
  BOOST_TEST(store.put("urn:other", id, "{\"a\":3}", true).version == 1);
  // Nothing half-written is left behind.
  BOOST_TEST(fs::is_empty(dir / ".incoming"));
  // What a process killed mid-write leaves in .incoming is cleared by the next one.
  fs::create_directories(dir / ".incoming" / "half-written");
  sv::AttachmentStore reopened(dir.string());
  BOOST_TEST(fs::is_empty(dir / ".incoming"));
  BOOST_TEST(reopened.versions(sys, id).size() == 2u);
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(store_keeps_every_concurrent_submission) {
  fs::path dir = fresh_dir("concurrent");
  sv::AttachmentStore store(dir.string());
  constexpr int kThreads = 8, kEach = 10;
  std::atomic<int> stored{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < kEach; ++k) {
        std::string content =
            "{\"thread\":" + std::to_string(t) + ",\"k\":" + std::to_string(k) + "}";
        if (!store.put("urn:s", "shared", content, false).already_stored) ++stored;
      }
    });
  }
  for (auto& th : threads) th.join();
  BOOST_TEST(stored.load() == kThreads * kEach);
  auto versions = store.versions("urn:s", "shared");
  BOOST_TEST(versions.size() == static_cast<std::size_t>(kThreads * kEach));
  std::set<std::string> contents;
  for (const auto& v : versions) contents.insert(submission_in(v));
  BOOST_TEST(contents.size() == versions.size());
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
