// Voting codes: the one-time secret printed on a resident's letter.
//
// A code is 12 random characters plus one check character, written in groups of four:
// `7KQM-4TXR-9HWD-C`. The alphabet has 31 symbols (digits 2-9 and A-Z without I, O and U,
// which are read as 1, 0 and V), so 12 symbols carry 12 * log2(31) = 59.4 bits. 31 is
// prime: the check symbol is the weighted sum (weights 1..12) of the symbols' values mod 31,
// which detects every single mistyped character and every swap of two neighbours.
// Randomness comes from libsodium's CSPRNG only. Pure apart from the CSPRNG.
#pragma once

#include <string>
#include <string_view>

#include "common/voting_code_format.h"

namespace yhdessa::vote {

inline constexpr std::string_view kCodeAlphabet = kVotingCodeAlphabet;
inline constexpr int kCodeDataLength = kVotingCodeDataLength;

/// A fresh code, formatted with dashes ("7KQM-4TXR-9HWD-C").
std::string GenerateVotingCode();

/// The check symbol for `data` (kCodeDataLength symbols of the alphabet).
char CodeCheckSymbol(std::string_view data);

enum class CodeShape {
  kValid,       // 13 alphabet symbols whose check symbol matches
  kEmpty,       // nothing typed
  kMalformed,   // wrong length or a symbol outside the alphabet
  kCheckFails,  // right shape, but a character is mistyped
};

/// Upper-cases and drops spaces and dashes, as residents type codes in many ways.
std::string NormalizeVotingCode(std::string_view typed);

/// Classifies a normalised code.
CodeShape CheckVotingCode(std::string_view normalized);

/// "7KQM4TXR9HWDC" -> "7KQM-4TXR-9HWD-C".
std::string FormatVotingCode(std::string_view normalized);

/// A random receipt id: 16 alphabet symbols in groups of four (79 bits).
std::string GenerateReceipt();

}  // namespace yhdessa::vote
