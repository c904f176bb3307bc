#include "voting-server/tally/tie_break.h"

namespace yhdessa::tally {

std::optional<TieBreak> ParseTieBreak(const std::string& name) {
  if (name == "default") return TieBreak::kDefault;
  if (name == "id") return TieBreak::kId;
  return std::nullopt;
}

const char* TieBreakName(TieBreak t) {
  return t == TieBreak::kId ? "id" : "default";
}

bool TieOrder::Before(int a, int b) const {
  if (mode_ == TieBreak::kDefault) {
    if (e_.projects[a].cost != e_.projects[b].cost) {
      return e_.projects[a].cost < e_.projects[b].cost;
    }
    if (votes_[a] != votes_[b]) return votes_[a] > votes_[b];
  }
  if (e_.projects[a].id != e_.projects[b].id) return e_.projects[a].id < e_.projects[b].id;
  return a < b;
}

std::string TieOrder::Reason(int a, int b) const {
  if (mode_ == TieBreak::kDefault) {
    if (e_.projects[a].cost != e_.projects[b].cost) return "lower cost";
    if (votes_[a] != votes_[b]) return "more votes";
  }
  return "id";
}

}  // namespace yhdessa::tally
