#include "generator/core/bump_arena.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>

using namespace yhdessa;

namespace {
bool Aligned(const void* p) {
  return reinterpret_cast<uintptr_t>(p) % 16 == 0;
}
}  // namespace

TEST_CASE("bump arena: allocations are aligned, distinct and keep their bytes") {
  BumpArena arena(1024);
  char* a = static_cast<char*>(arena.Allocate(3));
  char* b = static_cast<char*>(arena.Allocate(100));
  char* c = static_cast<char*>(arena.Allocate(5000));  // larger than a block
  CHECK((Aligned(a) && Aligned(b) && Aligned(c)));
  std::memset(a, 'a', 3);
  std::memset(b, 'b', 100);
  std::memset(c, 'c', 5000);
  CHECK(a[2] == 'a');
  CHECK((b[0] == 'b' && b[99] == 'b'));
  CHECK((c[0] == 'c' && c[4999] == 'c'));
}

TEST_CASE("bump arena: zeroed memory is zero again after a reset reuses it") {
  BumpArena arena(1024);
  char* first = static_cast<char*>(arena.AllocateZeroed(10, 8));
  std::memset(first, 0xFF, 80);
  arena.Reset();
  char* again = static_cast<char*>(arena.AllocateZeroed(10, 8));
  CHECK(again == first);  // the kept block is reused from its start
  for (int i = 0; i < 80; ++i) CHECK(again[i] == 0);
}

TEST_CASE("bump arena: the latest allocation grows in place, others move with their bytes") {
  BumpArena arena(1024);
  char* a = static_cast<char*>(arena.Reallocate(nullptr, 16));
  std::memcpy(a, "0123456789abcdef", 16);
  char* grown = static_cast<char*>(arena.Reallocate(a, 64));
  CHECK(grown == a);
  CHECK(std::memcmp(grown, "0123456789abcdef", 16) == 0);
  CHECK(arena.Reallocate(grown, 8) == grown);  // shrinking keeps the pointer

  char* b = static_cast<char*>(arena.Allocate(32));
  std::memcpy(b, "b", 2);
  char* moved = static_cast<char*>(arena.Reallocate(grown, 200));  // not the latest any more
  CHECK(moved != grown);
  CHECK(std::memcmp(moved, "0123456789abcdef", 16) == 0);
  CHECK(std::strcmp(b, "b") == 0);

  char* big = static_cast<char*>(arena.Reallocate(moved, 4096));  // past the block's end
  CHECK(Aligned(big));
  CHECK(std::memcmp(big, "0123456789abcdef", 16) == 0);
}

TEST_CASE("bump arena: a reset gives back blocks beyond the kept budget") {
  BumpArena arena(1024);
  arena.Allocate(BumpArena::kKeptBytes / 2);
  arena.Allocate(BumpArena::kKeptBytes);
  CHECK(arena.BytesHeld() > BumpArena::kKeptBytes);
  arena.Reset();
  CHECK(arena.BytesHeld() <= BumpArena::kKeptBytes);
  CHECK(arena.BytesHeld() > 0);
  CHECK(Aligned(arena.Allocate(1)));
}
