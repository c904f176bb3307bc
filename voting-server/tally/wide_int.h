// Exact integer helpers for the tally engine: 128-bit money and 256-bit product comparison.
//
// MES compares prices that are fractions of large integers (see mes.h for the units). Their
// cross products do not fit in 128 bits on the largest elections, so comparisons of a*b with
// c*d are done on exact 256-bit products. Nothing here rounds; everything is unsigned-safe
// only for non-negative inputs, which is all the engine ever passes.
#pragma once

#include <cstdint>
#include <string>

namespace yhdessa::tally {

// GCC and Clang provide 128-bit integers; `__extension__` keeps -Wpedantic quiet.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

/// Three-way comparison of a*b and c*d for non-negative a, b, c, d: -1, 0 or 1.
int CompareProducts(Int128 a, Int128 b, Int128 c, Int128 d);

/// ceil(a / b) for a >= 0, b > 0.
inline Int128 CeilDiv(Int128 a, Int128 b) {
  return a / b + (a % b != 0 ? 1 : 0);
}

/// a / b rounded to the nearest integer (halves up), for a >= 0, b > 0.
inline Int128 RoundDiv(Int128 a, Int128 b) {
  return (2 * a + b) / (2 * b);
}

/// Decimal text of a 128-bit integer (for messages and tests).
std::string ToString(Int128 v);

}  // namespace yhdessa::tally
