#include "voting-server/tally/mes_add1.h"

#include "voting-server/tally/greedy.h"
#include "voting-server/tally/mes.h"

namespace yhdessa::tally {

bool IsExhaustive(const Election& e, const TallyResult& r) {
  const int64_t left = e.budget - r.total_cost;
  for (size_t p = 0; p < e.projects.size(); ++p) {
    if (!r.projects[p].selected && e.projects[p].cost <= left) return false;
  }
  return true;
}

TallyResult MesAdd1(const Election& e, TieBreak tie_break) {
  constexpr int64_t kUnit = 100;  // one currency unit, in cents
  MesEngine engine(e, tie_break);
  TallyResult current = engine.Run(engine.EqualShare(), false);
  int runs = 1;
  const int64_t n = engine.voters();
  int64_t share = n > 0 ? e.budget / n / kUnit * kUnit : 0;
  int64_t kept_share = n > 0 ? e.budget / n : 0;
  bool kept_first_run = true;  // its share is exactly budget / n; kept_share shows it rounded
  int64_t all_costs = 0;
  for (const Project& p : e.projects) all_costs += p.cost;
  while (n > 0 && !IsExhaustive(e, current) && share < all_costs) {
    share += kUnit;
    TallyResult next = engine.Run(engine.ShareOfCents(share), false);
    ++runs;
    if (next.total_cost > e.budget) break;
    current = std::move(next);
    kept_share = share;
    kept_first_run = false;
  }
  // Run the kept share once more for the explanations (same share, same outcome).
  current = engine.Run(kept_first_run ? engine.EqualShare() : engine.ShareOfCents(kept_share));
  GreedyComplete(e, engine.votes(), tie_break, true, current);
  current.share_cents = kept_share;
  current.mes_runs = runs;
  return current;
}

}  // namespace yhdessa::tally
