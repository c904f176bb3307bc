// Money as integer cents: the only way amounts enter and leave the tally engine.
//
// Budgets and costs in Pabulib files are decimal numbers ("400000.0", "1607513.56"). They are
// parsed exactly into integer cents, so no binary floating point ever touches an amount that
// decides a winner. More than two non-zero decimals is refused rather than rounded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yhdessa::tally {

/// Parses a non-negative decimal ("12", "12.5", "12.50", "12.000") into cents; nullopt if the
/// text is not such a number, has more than two non-zero decimals, or does not fit.
std::optional<int64_t> ParseCents(std::string_view text);

/// Shortest exact decimal for cents: 120000 -> "1200", 150 -> "1.5", 5 -> "0.05".
std::string FormatCents(int64_t cents);

/// Parses a non-negative integer (vote counts, points, lengths); nullopt otherwise.
std::optional<int64_t> ParseCount(std::string_view text);

}  // namespace yhdessa::tally
