// ContentHash: a fast 64-bit hash of bytes, for build-cache fingerprints: each field's
// bytes hashed with XXH3 (xxHash), the fields' values chained with a multiply-fold mix.
//
// Not a security hash: it only has to tell a changed input from an unchanged one, and a
// 64-bit value makes an accidental collision between two versions of one file
// vanishingly unlikely. Values are fed through typed methods that prefix lengths, so
// ("ab", "c") and ("a", "bc") hash differently. Deterministic across runs and machines of
// the same byte order (the cache is never shared between machines).
#pragma once

#include <cstdint>
#include <string_view>

namespace yhdessa {

class ContentHash {
 public:
  ContentHash& Bytes(std::string_view data);
  ContentHash& U64(uint64_t v);
  ContentHash& I64(int64_t v) { return U64(static_cast<uint64_t>(v)); }
  uint64_t Digest() const;

 private:
  uint64_t state_ = 0x243f6a8885a308d3ULL;
  uint64_t count_ = 0;
};

/// The hash of one string on its own.
uint64_t HashBytes(std::string_view data);

}  // namespace yhdessa
