#include "voting-server/tally/greedy.h"

#include <algorithm>
#include <numeric>

namespace yhdessa::tally {

void GreedyComplete(const Election& e, const std::vector<int64_t>& votes, TieBreak tie_break,
                    bool mark_completion, TallyResult& result) {
  TieOrder tie(e, votes, tie_break);
  std::vector<int> order(e.projects.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (votes[a] != votes[b]) return votes[a] > votes[b];
    return tie.Before(a, b);
  });
  size_t i = 0;
  while (i < order.size()) {
    // A run of equal votes is where the tie-break can matter.
    size_t j = i;
    while (j < order.size() && votes[order[j]] == votes[order[i]]) ++j;
    const int64_t left_at_start = e.budget - result.total_cost;
    std::vector<int> winners, losers, tied;
    for (size_t k = i; k < j; ++k) {
      int p = order[k];
      if (result.projects[p].selected) continue;
      tied.push_back(p);
      if (e.projects[p].cost <= e.budget - result.total_cost) {
        result.projects[p].selected = true;
        result.projects[p].selected_by_completion = mark_completion;
        result.selected.push_back(p);
        result.total_cost += e.projects[p].cost;
        winners.push_back(p);
      } else if (e.projects[p].cost <= left_at_start) {
        losers.push_back(p);  // would have fitted had the tie-break ordered it first
      }
    }
    if (!winners.empty() && !losers.empty()) {
      TieRecord t;
      t.step = static_cast<int>(result.selected.size() - winners.size()) + 1;
      t.tied = tied;
      t.winners = winners;
      t.losers = losers;
      t.reason = tie.Reason(winners.front(), losers.front());
      result.ties.push_back(std::move(t));
    }
    i = j;
  }
}

TallyResult Greedy(const Election& e, TieBreak tie_break) {
  TallyResult result;
  std::vector<int64_t> votes = VoteCounts(e);
  result.projects.resize(e.projects.size());
  for (size_t p = 0; p < e.projects.size(); ++p) result.projects[p].votes = votes[p];
  GreedyComplete(e, votes, tie_break, false, result);
  return result;
}

}  // namespace yhdessa::tally
