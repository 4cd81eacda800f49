#include "intake/xml_arena.h"

#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace ccdafhir {

#if defined(CCDAFHIR_XML_ARENA)

namespace {

// Every block starts with a header holding its requested size (realloc copies that much), and
// every block is 16-byte aligned, as malloc's are.
constexpr std::size_t kHeader = 16;
constexpr std::size_t kFirstChunk = std::size_t{1} << 20;  // 1 MiB
constexpr std::size_t kMaxChunk = std::size_t{16} << 20;
// Chunks kept for the thread's next document (the rest go back to the allocator): a typical
// document fits, so the next one starts without asking the system for memory again.
constexpr std::size_t kRetained = std::size_t{8} << 20;

constexpr std::size_t round_up(std::size_t n) {
  return (n + 15) & ~std::size_t{15};
}

// The allocator libxml2 had before (malloc/realloc/free, unless a program linking the library
// installed its own): everything outside an arena goes there.
xmlFreeFunc g_free = std::free;
xmlMallocFunc g_malloc = std::malloc;
xmlReallocFunc g_realloc = std::realloc;

struct Chunk {
  char* begin;
  char* end;
};

// Trivially destructible, so that it stays valid until the thread is gone: libxml2 frees its
// per-thread state after the thread's C++ destructors have run, through hook_free, which reads
// it. The chunks themselves go back in ArenaRelease's destructor.
struct Arena {
  static constexpr std::size_t kMaxChunks = 48;  // doubling to 16 MiB: far beyond any limit
  Chunk chunks[kMaxChunks];
  std::size_t count;    // chunks made (and not given back)
  std::size_t current;  // chunks[current] is the one being filled
  char* cursor;
  char* limit;
  char* last;   // the header of the most recent block (realloc grows it in place)
  bool active;  // allocations come from here (an Allocating stretch)
  bool in_use;  // an XmlArenaScope holds the arena (its blocks are alive)

  bool owns(const void* p) const {
    const char* q = static_cast<const char*>(p);
    for (std::size_t i = 0; i < count; ++i) {
      if (q >= chunks[i].begin && q < chunks[i].end) return true;
    }
    return false;
  }

  // Moves to the next chunk that can hold `need` bytes, reusing a retained one or making one.
  bool next_chunk(std::size_t need);

  void* allocate(std::size_t n) {
    const std::size_t need = kHeader + round_up(n == 0 ? 1 : n);
    if (need < n) return nullptr;  // overflow
    if (!cursor || static_cast<std::size_t>(limit - cursor) < need) {
      // No room and no chunk left to make: the general allocator takes it (and frees it).
      if (!next_chunk(need)) return g_malloc(n);
    }
    char* header = cursor;
    std::memcpy(header, &n, sizeof n);
    cursor += need;
    last = header;
    return header + kHeader;
  }

  static std::size_t size_of(const void* p) {
    std::size_t n = 0;
    std::memcpy(&n, static_cast<const char*>(p) - kHeader, sizeof n);
    return n;
  }

  void* reallocate(void* p, std::size_t n) {
    char* header = static_cast<char*>(p) - kHeader;
    const std::size_t old = size_of(p);
    if (header == last) {  // the newest block: grow or shrink where it is when it fits
      const std::size_t need = kHeader + round_up(n == 0 ? 1 : n);
      if (need >= n && static_cast<std::size_t>(limit - header) >= need) {
        std::memcpy(header, &n, sizeof n);
        cursor = header + need;
        return p;
      }
    }
    if (n <= old) return p;
    void* q = allocate(n);
    if (q) std::memcpy(q, p, old);
    return q;
  }

  // Drops every block; keeps the first chunks (up to kRetained) for the next document.
  void reset() {
    std::size_t kept = 0, total = 0;
    while (kept < count) {
      total += static_cast<std::size_t>(chunks[kept].end - chunks[kept].begin);
      if (kept > 0 && total > kRetained) break;
      ++kept;
    }
    for (std::size_t i = kept; i < count; ++i) g_free(chunks[i].begin);
    count = kept;
    current = 0;
    cursor = count ? chunks[0].begin : nullptr;
    limit = count ? chunks[0].end : nullptr;
    last = nullptr;
  }

  void release_all() {
    for (std::size_t i = 0; i < count; ++i) g_free(chunks[i].begin);
    count = current = 0;
    cursor = limit = last = nullptr;
  }
};

thread_local Arena t_arena{};

// Gives the thread's chunks back when the thread ends (made on the thread's first chunk).
struct ArenaRelease {
  bool armed = false;
  ~ArenaRelease() { t_arena.release_all(); }
};
thread_local ArenaRelease t_release;

bool Arena::next_chunk(std::size_t need) {
  while (current + 1 < count) {
    ++current;
    if (static_cast<std::size_t>(chunks[current].end - chunks[current].begin) >= need) {
      cursor = chunks[current].begin;
      limit = chunks[current].end;
      return true;
    }
  }
  if (count == kMaxChunks) return false;
  std::size_t size =
      count == 0
          ? kFirstChunk
          : std::min(kMaxChunk,
                     static_cast<std::size_t>(chunks[count - 1].end - chunks[count - 1].begin) * 2);
  size = std::max(size, round_up(need));
  char* mem = static_cast<char*>(g_malloc(size));
  if (!mem) return false;
  t_release.armed = true;
  chunks[count] = {mem, mem + size};
  current = count++;
  cursor = mem;
  limit = mem + size;
  return true;
}

void* hook_malloc(std::size_t n) {
  Arena& a = t_arena;
  return a.active ? a.allocate(n) : g_malloc(n);
}

void* hook_realloc(void* p, std::size_t n) {
  Arena& a = t_arena;
  if (p && a.owns(p)) {
    // An arena block grows in the arena; outside an allocating stretch, it moves out.
    if (a.active) return a.reallocate(p, n);
    void* q = g_malloc(n);
    if (q) std::memcpy(q, p, std::min(n, a.size_of(p)));
    return q;
  }
  if (!p && a.active) return a.allocate(n);
  return g_realloc(p, n);
}

void hook_free(void* p) {
  if (!p) return;
  Arena& a = t_arena;
  if (a.owns(p)) return;  // dropped with the arena
  g_free(p);
}

char* hook_strdup(const char* s) {
  const std::size_t n = std::strlen(s) + 1;
  char* copy = static_cast<char*>(hook_malloc(n));
  if (copy) std::memcpy(copy, s, n);
  return copy;
}

bool g_installed = false;

}  // namespace

void install_xml_arena_hooks() {
  static std::once_flag once;
  std::call_once(once, [] {
    // CCDAFHIR_XML_ARENA=off: libxml2 keeps the allocator it has (to compare, or to rule the
    // arena out when hunting a memory problem).
    if (const char* setting = std::getenv("CCDAFHIR_XML_ARENA");
        setting && (std::strcmp(setting, "off") == 0 || std::strcmp(setting, "0") == 0))
      return;
    xmlStrdupFunc previous_strdup = nullptr;
    if (xmlMemGet(&g_free, &g_malloc, &g_realloc, &previous_strdup) != 0) return;
    g_installed = xmlMemSetup(hook_free, hook_malloc, hook_realloc, hook_strdup) == 0;
  });
}

bool owned_by_xml_arena(const void* p) {
  return p && t_arena.in_use && t_arena.owns(p);
}

XmlArenaScope::XmlArenaScope() {
  if (!g_installed || t_arena.in_use) return;
  t_arena.in_use = true;
  owner_ = true;
}

XmlArenaScope::~XmlArenaScope() {
  if (!owner_) return;
  // The thread's last libxml2 error may hold messages allocated in the arena: cleared while the
  // blocks are still recognised as the arena's.
  xmlResetLastError();
  t_arena.active = false;
  t_arena.reset();
  t_arena.in_use = false;
}

XmlArenaScope::Allocating::Allocating(const XmlArenaScope& scope) {
  if (!scope.owner_ || t_arena.active) return;
  t_arena.active = true;
  on_ = true;
}

XmlArenaScope::Allocating::~Allocating() {
  if (on_) t_arena.active = false;
}

#else  // sanitizer and fuzzing builds: libxml2 keeps its own allocator

void install_xml_arena_hooks() {}
bool owned_by_xml_arena(const void*) {
  return false;
}
XmlArenaScope::XmlArenaScope() = default;
XmlArenaScope::~XmlArenaScope() = default;
XmlArenaScope::Allocating::Allocating(const XmlArenaScope&) {}
XmlArenaScope::Allocating::~Allocating() = default;

#endif

}  // namespace ccdafhir
