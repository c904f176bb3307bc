#include "voting-server/tally/money.h"

#include <limits>

namespace yhdessa::tally {

std::optional<int64_t> ParseCents(std::string_view text) {
  if (text.empty()) return std::nullopt;
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() && frac.empty()) return std::nullopt;
  if (dot != std::string_view::npos && frac.empty() && whole.empty()) return std::nullopt;
  int64_t value = 0;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / 1000;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > kMax) return std::nullopt;
  }
  int64_t cents = 0;
  for (size_t i = 0; i < frac.size(); ++i) {
    char c = frac[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (i < 2) {
      cents += (c - '0') * (i == 0 ? 10 : 1);
    } else if (c != '0') {
      return std::nullopt;  // sub-cent amounts would need rounding: refuse instead
    }
  }
  return value * 100 + cents;
}

std::string FormatCents(int64_t cents) {
  std::string s = std::to_string(cents / 100);
  int64_t rest = cents % 100;
  if (rest != 0) {
    s += '.';
    s += static_cast<char>('0' + rest / 10);
    if (rest % 10 != 0) s += static_cast<char>('0' + rest % 10);
  }
  return s;
}

std::optional<int64_t> ParseCount(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > std::numeric_limits<int64_t>::max() / 100) return std::nullopt;
  }
  return value;
}

}  // namespace yhdessa::tally
