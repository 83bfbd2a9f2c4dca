#pragma once

// Where cmark-gfm allocates while a thread parses one document: a per-thread bump allocator that
// parse_document hands to cmark and empties when the parse is done. Used only inside markdown/.

#include <cstddef>
#include <memory>
#include <vector>

struct cmark_mem;

namespace planck {

/// A bump allocator, emptied at once when the parse is done. cmark makes tens of thousands of small
/// allocations for a plan and frees them all at the end, which through malloc was a fifth of a large
/// check's instructions. cmark's own arena is one global and not safe on two threads; this one is
/// per thread.
class ParseArena
{
public:
  /// The calling thread's arena.
  static ParseArena& mine();

  /// cmark's allocator over the calling thread's arena, for `cmark_parser_new_with_mem`.
  static cmark_mem* allocator();

  /// Empties the arena; keeps its largest block for the next parse on this thread.
  void reset();

private:
  static constexpr std::size_t k_align = alignof(std::max_align_t);
  static constexpr std::size_t k_header = k_align;   // each allocation's size, before it
  static constexpr std::size_t k_block = std::size_t{256} << 10;

  struct Block
  {
    std::unique_ptr<unsigned char[]> data;
    std::size_t size = 0;
    std::size_t used = 0;
  };

  static std::size_t rounded(std::size_t size) { return (size + k_align - 1) / k_align * k_align; }
  static std::size_t& size_of(void* block)
  {
    return *reinterpret_cast<std::size_t*>(static_cast<unsigned char*>(block) - k_header);
  }

  void* allocate(std::size_t size);
  void* zeroed(std::size_t count, std::size_t size);
  void* resize(void* old, std::size_t size);
  void release(void* block);

  std::vector<Block> m_blocks;
  void* m_last = nullptr;   // the newest allocation, which may grow or shrink in place
};

/// Empties this thread's ParseArena when the parse that used it is over.
struct ArenaScope
{
  ArenaScope() = default;
  ~ArenaScope() { ParseArena::mine().reset(); }
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;
};

} // namespace planck
