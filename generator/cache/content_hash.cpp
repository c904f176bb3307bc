#include "generator/cache/content_hash.h"

#include <cstring>

namespace yhdessa {
namespace {

__extension__ typedef unsigned __int128 U128;

constexpr uint64_t kP0 = 0xa0761d6478bd642fULL;
constexpr uint64_t kP1 = 0xe7037ed1a0b428dbULL;
constexpr uint64_t kP2 = 0x8ebc6af09c88c6e3ULL;

// The 64x64->128 multiply folded to 64 bits (as in wyhash): every input bit reaches
// every output bit, and it runs at several bytes per cycle.
inline uint64_t Mix(uint64_t a, uint64_t b) {
  U128 r = static_cast<U128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t Load(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

}  // namespace

ContentHash& ContentHash::U64(uint64_t v) {
  state_ = Mix(v ^ kP0, state_ ^ kP1);
  ++count_;
  return *this;
}

ContentHash& ContentHash::Bytes(std::string_view data) {
  U64(data.size());
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  uint64_t s = state_;
  while (n >= 16) {
    s = Mix(Load(p) ^ kP1, Load(p + 8) ^ s);
    p += 16;
    n -= 16;
  }
  if (n > 0) {
    unsigned char tail[16] = {0};
    std::memcpy(tail, p, n);
    s = Mix(Load(tail) ^ kP2, Load(tail + 8) ^ s);
  }
  state_ = s;
  return *this;
}

uint64_t ContentHash::Digest() const {
  return Mix(state_ ^ kP2, count_ ^ kP0);
}

uint64_t HashBytes(std::string_view data) {
  return ContentHash().Bytes(data).Digest();
}

}  // namespace yhdessa
