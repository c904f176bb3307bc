#include "generator/core/bump_arena.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace yhdessa {
namespace {

size_t RoundUp(size_t n) {
  return (n + 15) & ~static_cast<size_t>(15);
}

size_t SizeOf(const void* p) {
  size_t n;
  std::memcpy(&n, static_cast<const char*>(p) - 16, sizeof n);
  return n;
}

}  // namespace

BumpArena::BumpArena(size_t block_size) : block_size_(RoundUp(block_size)) {}

BumpArena::~BumpArena() {
  for (const Block& b : blocks_) std::free(b.data);
}

void BumpArena::NextBlock(size_t need) {
  // Blocks kept from before a Reset are used in order when they are large enough.
  while (current_ + 1 < blocks_.size()) {
    ++current_;
    if (blocks_[current_].size >= need) {
      next_ = blocks_[current_].data;
      end_ = next_ + blocks_[current_].size;
      return;
    }
  }
  size_t size = need > block_size_ ? need : block_size_;
  // aligned_alloc: malloc promises only alignof(max_align_t), 16 on x86-64 but not everywhere.
  char* data = static_cast<char*>(std::aligned_alloc(kAlign, size));
  if (!data) OutOfMemory();
  blocks_.push_back({data, size});
  current_ = blocks_.size() - 1;
  next_ = data;
  end_ = data + size;
}

void BumpArena::OutOfMemory() {
  std::fputs("yhdessa: out of memory\n", stderr);
  std::abort();
}

void* BumpArena::AllocateSlow(size_t size) {
  if (size > kLargest) OutOfMemory();
  if (size == 0) size = 1;  // a distinct pointer, as malloc gives
  size_t need = kHeader + RoundUp(size);
  if (static_cast<size_t>(end_ - next_) < need) NextBlock(need);
  char* p = next_ + kHeader;
  next_ += need;
  SetSize(p, need - kHeader);
  last_ = p;
  return p;
}

void* BumpArena::Reallocate(void* p, size_t size) {
  if (!p) return Allocate(size);
  size_t old = SizeOf(p);
  if (size <= old) return p;
  if (p == last_ && size <= old + static_cast<size_t>(end_ - next_)) {
    size_t grown = RoundUp(size);
    next_ += grown - old;
    SetSize(static_cast<char*>(p), grown);
    return p;
  }
  void* q = Allocate(size);
  std::memcpy(q, p, old);
  return q;
}

void BumpArena::Reset() {
  // Keep blocks from the first on while they fit the budget; a page that needed more
  // (a huge body) gives its extra blocks back to the allocator.
  size_t kept = 0, n = 0;
  while (n < blocks_.size() && kept + blocks_[n].size <= kKeptBytes) kept += blocks_[n++].size;
  for (size_t k = n; k < blocks_.size(); ++k) std::free(blocks_[k].data);
  blocks_.resize(n);
  current_ = 0;
  last_ = nullptr;
  if (blocks_.empty()) {
    next_ = end_ = nullptr;
  } else {
    next_ = blocks_[0].data;
    end_ = next_ + blocks_[0].size;
  }
}

size_t BumpArena::BytesHeld() const {
  size_t n = 0;
  for (const Block& b : blocks_) n += b.size;
  return n;
}

}  // namespace yhdessa
