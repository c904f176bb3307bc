// The shape of a voting code, shared by the voting server (which makes and checks codes)
// and the generator (whose ballot form checks the check symbol as the code is typed).
//
// 12 random symbols and a check symbol: the weighted sum (weights 1..12) of the symbols'
// values (their index in the alphabet) modulo 31. 31 is prime, so every single mistyped
// character and every swap of two neighbours changes the check symbol.
#pragma once

#include <string_view>

namespace yhdessa {

/// Digits 2-9 and A-Z without I, O and U (read as 1, 0 and V): 31 symbols.
inline constexpr std::string_view kVotingCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTVWXYZ";
inline constexpr int kVotingCodeDataLength = 12;
inline constexpr int kVotingCodeLength = kVotingCodeDataLength + 1;

}  // namespace yhdessa
