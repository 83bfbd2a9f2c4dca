#include "planck/markdown/parse_arena.hpp"

#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace planck {

ParseArena& ParseArena::mine()
{
  thread_local ParseArena arena;
  return arena;
}

cmark_mem* ParseArena::allocator()
{
  static cmark_mem mem{[](std::size_t count, std::size_t size) { return mine().zeroed(count, size); },
                       [](void* old, std::size_t size) { return mine().resize(old, size); },
                       [](void* block) { mine().release(block); }};
  return &mem;
}

void ParseArena::reset()
{
  if (m_blocks.size() > 1) {
    auto largest = std::max_element(m_blocks.begin(), m_blocks.end(),
                                    [](const Block& a, const Block& b) { return a.size < b.size; });
    Block keep = std::move(*largest);
    m_blocks.clear();
    m_blocks.push_back(std::move(keep));
  }
  if (!m_blocks.empty()) {
    m_blocks.back().used = 0;
  }
  m_last = nullptr;
}

void* ParseArena::allocate(std::size_t size)
{
  if (size > std::numeric_limits<std::size_t>::max() / 2) {
    std::abort();   // cmark aborts on a failed allocation as well
  }
  const std::size_t need = k_header + rounded(size);
  if (m_blocks.empty() || m_blocks.back().size - m_blocks.back().used < need) {
    Block block;
    block.size = std::max(k_block, need);
    block.data = std::make_unique_for_overwrite<unsigned char[]>(block.size);   // zeroed where asked
    m_blocks.push_back(std::move(block));
  }
  Block& block = m_blocks.back();
  unsigned char* start = block.data.get() + block.used + k_header;
  block.used += need;
  m_last = start;
  size_of(start) = size;
  return start;
}

void* ParseArena::zeroed(std::size_t count, std::size_t size)
{
  if (size != 0 && count > (std::numeric_limits<std::size_t>::max() - k_block) / size) {
    std::abort();   // cmark aborts on a failed allocation as well
  }
  void* block = allocate(count * size);
  std::memset(block, 0, count * size);
  return block;
}

void* ParseArena::resize(void* old, std::size_t size)
{
  if (old == nullptr) {
    return allocate(size);
  }
  const std::size_t old_size = size_of(old);
  // The newest allocation grows in place while its block has room: how cmark's buffers grow.
  if (old == m_last) {
    Block& block = m_blocks.back();
    const std::size_t start = static_cast<std::size_t>(static_cast<unsigned char*>(old) - block.data.get());
    if (start + rounded(size) <= block.size) {
      block.used = start + rounded(size);
      size_of(old) = size;
      return old;
    }
  }
  void* fresh = allocate(size);
  std::memcpy(fresh, old, std::min(old_size, size));
  return fresh;
}

void ParseArena::release(void* block)
{
  // Only the newest allocation gives its room back; the rest goes with the whole arena.
  if (block != nullptr && block == m_last) {
    Block& last = m_blocks.back();
    last.used = static_cast<std::size_t>(static_cast<unsigned char*>(block) - last.data.get()) - k_header;
    m_last = nullptr;
  }
}

} // namespace planck
