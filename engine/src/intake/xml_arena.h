// A per-thread bump allocator for libxml2 and libxslt while one document is converted.
//
// A conversion builds and drops hundreds of thousands of small libxml2 blocks (the parsed
// document's nodes, attributes and text; the narrative transform's result tree; XPath node sets)
// that all die together when the document is done. Freed one by one through the general
// allocator, the source document alone cost as much as a sixth of the parse; inside an arena
// every allocation is a pointer bump, the blocks of one document sit next to each other (the
// rules' walks over the tree touch fewer cache lines), and the whole lot is dropped at once.
//
// install_xml_arena_hooks() routes libxml2's allocator (xmlMemSetup) through the hooks, once per
// process, before libxml2 allocates anything of its own. While an XmlArenaScope is alive on a
// thread, that thread's libxml2 allocations come from its arena and frees of arena blocks do
// nothing; outside a scope, and for blocks that were not allocated from the arena, the hooks
// are plain malloc/realloc/free. Nothing libxml2 allocates inside a scope may outlive it: the
// scope is meant for Engine::to_fhir, whose results are strings and JSON only. Documents
// allocated in the arena are not freed node by node (owned_by_xml_arena lets XmlDocDeleter skip
// them).
//
// Builds with sanitizers or fuzzing leave the hooks out (CCDAFHIR_XML_ARENA undefined), so that
// AddressSanitizer sees every libxml2 block on its own.
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
