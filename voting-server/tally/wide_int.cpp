#include "voting-server/tally/wide_int.h"

#include <algorithm>

namespace yhdessa::tally {
namespace {

struct U256 {
  UInt128 hi;
  UInt128 lo;
};

// Schoolbook multiplication on 64-bit limbs; exact for any two 128-bit unsigned values.
U256 Multiply(UInt128 x, UInt128 y) {
  const UInt128 mask = ~static_cast<uint64_t>(0);
  UInt128 x0 = x & mask, x1 = x >> 64, y0 = y & mask, y1 = y >> 64;
  UInt128 p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
  UInt128 middle = (p00 >> 64) + (p01 & mask) + (p10 & mask);
  U256 r;
  r.lo = (p00 & mask) | (middle << 64);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
  return r;
}

}  // namespace

int CompareProducts(Int128 a, Int128 b, Int128 c, Int128 d) {
  U256 l = Multiply(static_cast<UInt128>(a), static_cast<UInt128>(b));
  U256 r = Multiply(static_cast<UInt128>(c), static_cast<UInt128>(d));
  if (l.hi != r.hi) return l.hi < r.hi ? -1 : 1;
  if (l.lo != r.lo) return l.lo < r.lo ? -1 : 1;
  return 0;
}

std::string ToString(Int128 v) {
  if (v == 0) return "0";
  bool negative = v < 0;
  UInt128 u = negative ? static_cast<UInt128>(-(v + 1)) + 1 : static_cast<UInt128>(v);
  std::string s;
  while (u > 0) {
    s += static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  }
  if (negative) s += '-';
  std::reverse(s.begin(), s.end());
  return s;
}

}  // namespace yhdessa::tally
