// BumpArena: memory for one short task (one page's Markdown tree), handed out by moving a
// pointer and given back all at once by Reset. Freeing a single allocation does nothing.
//
// Why: cmark-gfm allocates each node, literal and buffer on its own and frees them one by
// one; with the general allocator that was about a twentieth of a full build's
// instructions (calloc, free, realloc and the walk that frees a tree). Memory reused page
// after page also stays in the cache and needs no fresh pages from the kernel.
//
// Contract: allocations are 16-byte aligned; AllocateZeroed returns zeroed memory (also
// after a Reset), Allocate and Reallocate's new bytes are uninitialised. Reallocate takes
// a pointer from this arena (or nullptr) and grows the most recent allocation in place
// when it fits. Reset invalidates every pointer handed out and keeps a few blocks for the
// next task. Allocation never fails softly: out of memory aborts, as cmark-gfm's own
// allocator does. Not thread-safe: one arena per thread.
#pragma once

#include <cstddef>
#include <cstring>
#include <vector>

namespace yhdessa {

class BumpArena {
 public:
  /// `block_size`: bytes asked from malloc at a time (larger requests get a block each).
  explicit BumpArena(size_t block_size = 256 * 1024);
  ~BumpArena();
  BumpArena(const BumpArena&) = delete;
  BumpArena& operator=(const BumpArena&) = delete;

  /// `size` bytes, uninitialised. Inline: cmark-gfm calls it for every node and literal.
  void* Allocate(size_t size) {
    size_t need = kHeader + ((size + (kAlign - 1)) & ~(kAlign - 1));
    if (size - 1 >= kLargest || static_cast<size_t>(end_ - next_) < need) return AllocateSlow(size);
    char* p = next_ + kHeader;
    next_ += need;
    SetSize(p, need - kHeader);
    last_ = p;
    return p;
  }
  /// `count * size` zeroed bytes (calloc's contract; aborts when the product overflows).
  void* AllocateZeroed(size_t count, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) OutOfMemory();
    void* p = Allocate(bytes);
    std::memset(p, 0, bytes);
    return p;
  }
  /// realloc's contract for a pointer from this arena: the first min(old, new) bytes kept.
  void* Reallocate(void* p, size_t size);
  /// Gives back every allocation; keeps up to kKeptBytes of blocks for reuse.
  void Reset();

  /// Bytes of blocks held (for tests).
  size_t BytesHeld() const;

  static constexpr size_t kKeptBytes = 4 * 1024 * 1024;

 private:
  struct Block {
    char* data;
    size_t size;
  };
  // Each allocation is preceded by a header holding its size: Reallocate needs to know
  // how many bytes to copy, and whether the most recent one can grow in place.
  static constexpr size_t kAlign = 16;
  static constexpr size_t kHeader = kAlign;
  static constexpr size_t kLargest = static_cast<size_t>(-1) >> 2;
  static void SetSize(char* p, size_t n) { std::memcpy(p - kHeader, &n, sizeof n); }
  [[noreturn]] static void OutOfMemory();
  void* AllocateSlow(size_t size);
  void NextBlock(size_t need);

  size_t block_size_;
  std::vector<Block> blocks_;
  size_t current_ = 0;  // index in blocks_ of the block being filled
  char* next_ = nullptr;
  char* end_ = nullptr;
  char* last_ = nullptr;  // the most recent allocation (grown in place by Reallocate)
};

}  // namespace yhdessa
