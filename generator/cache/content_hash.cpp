#include "generator/cache/content_hash.h"

// XXH3 from the xxHash library (Debian's libxxhash-dev), inlined: one call per field.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace yhdessa {
namespace {

__extension__ typedef unsigned __int128 U128;

constexpr uint64_t kP0 = 0xa0761d6478bd642fULL;
constexpr uint64_t kP1 = 0xe7037ed1a0b428dbULL;
constexpr uint64_t kP2 = 0x8ebc6af09c88c6e3ULL;

// The 64x64->128 multiply folded to 64 bits (as in wyhash): chains the fields' values so
// that every input bit reaches every output bit.
inline uint64_t Mix(uint64_t a, uint64_t b) {
  U128 r = static_cast<U128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

}  // namespace

ContentHash& ContentHash::U64(uint64_t v) {
  state_ = Mix(v ^ kP0, state_ ^ kP1);
  ++count_;
  return *this;
}

ContentHash& ContentHash::Bytes(std::string_view data) {
  // The length first, so that ("ab", "c") and ("a", "bc") differ; then the bytes' own
  // XXH3 hash, about twice as fast as the multiply chain this replaced.
  U64(data.size());
  return U64(XXH3_64bits(data.data(), data.size()));
}

uint64_t ContentHash::Digest() const {
  return Mix(state_ ^ kP2, count_ ^ kP0);
}

uint64_t HashBytes(std::string_view data) {
  return ContentHash().Bytes(data).Digest();
}

}  // namespace yhdessa
