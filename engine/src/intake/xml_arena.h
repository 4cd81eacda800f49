// A per-thread bump allocator for the libxml2 document a conversion parses.
//
// A parsed C-CDA document is hundreds of thousands of small libxml2 blocks (nodes, attributes,
// text) that all die together when the conversion is done. Freed one by one through the general
// allocator, they cost as much as a sixth of the parse; from an arena every allocation is a
// pointer bump, the blocks of one document sit next to each other, and the whole lot is dropped
// at once.
//
// install_xml_arena_hooks() routes libxml2's allocator (xmlMemSetup) through the hooks, once per
// process, before libxml2 allocates anything of its own. Allocations come from the calling
// thread's arena only inside an XmlArenaScope::Allocating stretch; everywhere else (and for every
// block not allocated in the arena) the hooks pass through to the allocator libxml2 had. Frees of
// arena blocks are no-ops. Nothing allocated inside a stretch may outlive its XmlArenaScope:
// Engine::to_fhir parses inside one and returns strings and JSON only. Documents in the arena are
// not freed node by node (owned_by_xml_arena lets XmlDocDeleter skip them).
//
// Builds with sanitizers or fuzzing leave the hooks out (CCDAFHIR_XML_ARENA undefined), so that
// AddressSanitizer sees every libxml2 block on its own; CCDAFHIR_XML_ARENA=off in the environment
// leaves them out at run time.
#pragma once

#include <cstddef>

namespace ccdafhir {

// Installs the allocator hooks (idempotent, thread-safe; a no-op without CCDAFHIR_XML_ARENA).
void install_xml_arena_hooks();

// True when `p` lies in the arena of the calling thread's XmlArenaScope.
bool owned_by_xml_arena(const void* p);

// Holds the calling thread's arena for one conversion: every block allocated in it lives until
// the scope ends, when all are dropped at once. Allocations come from the arena only inside an
// Allocating stretch (the parse of the document, whose nodes all live as long as the
// conversion); elsewhere libxml2's short-lived blocks (XPath node sets, transform buffers) keep
// being freed and reused by the general allocator, which keeps them in cache. Frees of arena
// blocks are no-ops at any time. Scopes do not nest: an inner one is inert.
class XmlArenaScope {
 public:
  XmlArenaScope();
  ~XmlArenaScope();
  XmlArenaScope(const XmlArenaScope&) = delete;
  XmlArenaScope& operator=(const XmlArenaScope&) = delete;

  class Allocating {
   public:
    explicit Allocating(const XmlArenaScope& scope);
    ~Allocating();
    Allocating(const Allocating&) = delete;
    Allocating& operator=(const Allocating&) = delete;

   private:
    bool on_ = false;
  };

 private:
  bool owner_ = false;
};

}  // namespace ccdafhir
