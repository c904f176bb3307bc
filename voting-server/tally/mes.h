// The Method of Equal Shares (Peters & Skowron; equalshares.net) with cost utilities.
//
// Every voter gets an equal share of the budget. A project c costing C is affordable at
// price q when its supporters can pay for it with each supporter i paying min(b_i, q * w_i)
// (b_i: what i has left, w_i: i's points for c, 1 on approval ballots). With cost utilities
// the project bought next is the one with the lowest rho = q / C (equalshares.net's
// "highest effective vote count" C / q). Supporters then pay; MES stops when no project is
// affordable. Projects of cost 0 or without supporters are never bought (as on
// equalshares.net); mes-add1's greedy completion can still add them.
//
// Exactness. All money is an integer in sub-units of 1/(n * 1000) cent, n = number of
// voters, so every voter's share B/n is a whole number of sub-units and costs are exact.
// Prices q are exact fractions and compared exactly (256-bit cross products, wide_int.h), so
// which project wins and which ties occur are decided exactly. A voter paying the fraction q
// pays it rounded up to the next sub-unit (never more than they have, as budgets are whole
// sub-units), so each purchase may collect up to n sub-units = 0.001 cent more than its cost.
//
// MesEngine precomputes voter groups (voter_groups.h) and per-project supporter lists once;
// Run() may then be called for many per-voter shares (mes-add1 does so).
#pragma once

#include <cstdint>
#include <vector>

#include "voting-server/tally/election.h"
#include "voting-server/tally/mes_trace.h"
#include "voting-server/tally/tally_result.h"
#include "voting-server/tally/tie_break.h"
#include "voting-server/tally/voter_groups.h"
#include "voting-server/tally/wide_int.h"

namespace yhdessa::tally {

/// MES with each voter's share = budget / number of voters. Election must pass Validate().
TallyResult Mes(const Election& e, TieBreak tie_break);

class MesEngine {
 public:
  /// Sub-units per cent is n * kSubunitsPerCentPerVoter.
  static constexpr int64_t kSubunitsPerCentPerVoter = 1000;

  MesEngine(const Election& e, TieBreak tie_break);

  /// One MES run; `share` is each voter's starting money in sub-units. Without `explain`
  /// the MesExplanation of unselected projects is left empty (saves a pass; mes-add1).
  /// `above`, if given, is the trace of a run of this engine at a share >= `share`: its
  /// prices are lower bounds that spare recomputations (mes_trace.h); the result is the
  /// same as without it. `record`, if given, receives this run's trace.
  TallyResult Run(Int128 share, bool explain = true, const MesTrace* above = nullptr,
                  MesTrace* record = nullptr);

  /// True only if every run at a share between those of the two recorded runs (low <= high)
  /// buys the same projects in the same order as both (mes_trace.h); false when not proven.
  bool SameRunsBetween(const MesTrace& low, const MesTrace& high) const;

  /// Share that splits the election's budget equally (exactly budget / n).
  Int128 EqualShare() const;
  /// Share of `cents` per voter.
  Int128 ShareOfCents(int64_t cents) const;
  /// Sub-units per cent.
  Int128 SubunitsPerCent() const { return subunits_per_cent_; }
  int64_t voters() const { return voters_; }
  const std::vector<int64_t>& votes() const { return votes_; }

 private:
  struct Supporter {
    int group;
    int64_t points;  // per voter of the group
    int64_t count;   // voters in the group
  };
  using Price = MesPrice;  // exact price at the current budgets
  /// Exact price of `project` at the current budgets into `price`, false if unaffordable.
  /// On entry `price` must hold a lower bound of that price (the stale one: prices only
  /// rise during a run) or be all zero but q_den.
  bool ComputePrice(int project, Price& price);
  bool ComputeOnePointPrice(int project, Price& price);
  bool ComputeOnePointPriceNarrow(int project, Price& price);
  int ComparePrice(const Price& a, const Price& b) const;

  const Election& e_;
  TieBreak tie_break_;
  std::vector<int64_t> votes_;
  std::vector<VoterGroup> groups_;
  std::vector<std::vector<Supporter>> supporters_;  // per project
  std::vector<int64_t> supporter_count_;            // voters, per project
  std::vector<Int128> total_weight_;                // sum of count * points, per project
  std::vector<char> one_point_each_;                // every supporter gives 1 point
  std::vector<std::vector<int>> neighbours_;        // projects sharing a supporter
  std::vector<Int128> cost_;                        // sub-units, per project
  int64_t voters_ = 0;
  Int128 subunits_per_cent_ = 1;
  std::vector<Int128> budget_;  // per group, per voter of the group
  // When every sum of budgets fits in int64 (narrow_, decided per run), the budgets are
  // kept in budget64_ instead, and one-point prices and payments go over a compact
  // supporter list: the same integers, half the memory and a third of the arithmetic.
  struct NarrowSupporter {
    int32_t group;
    int32_t count;
  };
  std::vector<std::vector<NarrowSupporter>> narrow_supporters_;  // one-point projects
  std::vector<int64_t> budget64_;                                // budget_, when narrow_
  Int128 max_cost_ = 0;
  bool narrow_ = false;  // budgets live in budget64_ (budget_ is stale) during this run
  Int128 Budget(int group) const { return narrow_ ? budget64_[group] : budget_[group]; }
  void SetBudget(int group, Int128 b) {
    if (narrow_) {
      budget64_[group] = static_cast<int64_t>(b);
    } else {
      budget_[group] = b;
    }
  }
  std::vector<int> scratch_;  // ComputePrice's working list
};

}  // namespace yhdessa::tally
