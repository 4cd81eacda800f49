// The per-thread libxml2 arena (intake/xml_arena.h): blocks come from it only inside an
// Allocating stretch, survive until the scope ends, grow in place, and conversions give the same
// bytes with it as without, on one thread and on several.
#include <libxml/xmlmemory.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "ccdafhir_build_paths.h"
#include "intake/xml_arena.h"
#include "intake/xml_intake.h"
#include "test_support.h"

using namespace ccdafhir;

BOOST_AUTO_TEST_SUITE(intake)

#if defined(CCDAFHIR_XML_ARENA_TESTS)

BOOST_AUTO_TEST_CASE(arena_blocks_live_for_the_scope_and_grow_in_place) {
  init_xml_library();
  if (const char* setting = std::getenv("CCDAFHIR_XML_ARENA");
      setting && (std::string(setting) == "off" || std::string(setting) == "0")) {
    BOOST_TEST_MESSAGE("CCDAFHIR_XML_ARENA=off: the arena is not installed, nothing to check");
    return;
  }
  void* outside = xmlMalloc(32);
  BOOST_CHECK(!owned_by_xml_arena(outside));
  {
    XmlArenaScope scope;
    void* before = xmlMalloc(16);
    BOOST_CHECK(!owned_by_xml_arena(before));  // not allocating yet
    char* block = nullptr;
    {
      XmlArenaScope::Allocating allocating(scope);
      block = static_cast<char*>(xmlMalloc(10));
      BOOST_REQUIRE(block);
      BOOST_CHECK(owned_by_xml_arena(block));
      BOOST_CHECK_EQUAL(reinterpret_cast<std::uintptr_t>(block) % 16, 0u);
      std::memcpy(block, "0123456789", 10);
      // The newest block grows where it is; its bytes stay.
      char* grown = static_cast<char*>(xmlRealloc(block, 4000));
      BOOST_CHECK(grown == block);
      BOOST_CHECK(std::memcmp(grown, "0123456789", 10) == 0);
      char* other = static_cast<char*>(xmlMalloc(8));
      BOOST_CHECK(owned_by_xml_arena(other));
      // An older block moves when it grows, with its bytes.
      char* moved = static_cast<char*>(xmlRealloc(grown, 8000));
      BOOST_CHECK(moved != grown);
      BOOST_CHECK(std::memcmp(moved, "0123456789", 10) == 0);
      block = moved;
      // Larger than a chunk: a chunk of its own.
      void* big = xmlMalloc(std::size_t{3} << 20);
      BOOST_CHECK(owned_by_xml_arena(big));
      xmlFree(big);  // a no-op
      char* copy = xmlMemStrdup("kept");
      BOOST_CHECK(owned_by_xml_arena(copy));
      BOOST_CHECK_EQUAL(std::string(copy), "kept");
    }
    // Outside the stretch: new blocks are the general allocator's, arena blocks still live.
    void* after = xmlMalloc(16);
    BOOST_CHECK(!owned_by_xml_arena(after));
    BOOST_CHECK(std::memcmp(block, "0123456789", 10) == 0);
    // An arena block that grows now moves out of the arena.
    char* out = static_cast<char*>(xmlRealloc(block, 9000));
    BOOST_CHECK(!owned_by_xml_arena(out));
    BOOST_CHECK(std::memcmp(out, "0123456789", 10) == 0);
    xmlFree(out);
    xmlFree(after);
    xmlFree(before);
    {
      XmlArenaScope inner;  // scopes do not nest: this one is inert
      XmlArenaScope::Allocating allocating(inner);
      void* p = xmlMalloc(8);
      BOOST_CHECK(!owned_by_xml_arena(p));
      xmlFree(p);
    }
  }
  xmlFree(outside);
}

#endif

BOOST_AUTO_TEST_CASE(conversions_are_the_same_on_many_threads_and_after_other_libxml2_work) {
  const std::string xml =
      test::read_file(std::string(CCDAFHIR_SOURCE_DIR) + "/samples/ccd-synthetic.xml");
  const Engine& engine = test::engine();
  const ConvertOptions options = test::fixed_options();
  const std::string first = engine.to_fhir(xml, options).output;
  // libxml2 used outside a conversion on the same thread, between two conversions.
  XmlDocPtr other = parse_xml_hardened("<a><b>text</b></a>", Limits{});
  BOOST_CHECK_EQUAL(engine.to_fhir(xml, options).output, first);
  BOOST_CHECK(xmlDocGetRootElement(other.get()) != nullptr);
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < outputs.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) outputs[t] = engine.to_fhir(xml, options).output;
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& out : outputs) BOOST_CHECK(out == first);
  // A rejected document leaves the thread's arena usable.
  BOOST_CHECK_THROW(engine.to_fhir("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><open>", options),
                    Error);
  BOOST_CHECK_EQUAL(engine.to_fhir(xml, options).output, first);
}

BOOST_AUTO_TEST_SUITE_END()
