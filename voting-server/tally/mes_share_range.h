// Proof that MES buys the same projects at every share in a range: what lets mes-add1 skip.
//
// mes-add1 (mes_add1.h) reruns MES once per currency unit of share, and on Budapest that is
// hundreds of thousands of runs whose outcome rarely changes. SameOutcome(lo, hi) answers,
// soundly, "does MesEngine::Run select the same projects, in the same order, for every share
// in [lo, hi]?"; a `true` lets the loop jump over the whole range. `false` only means "not
// proven" (the loop then goes on one unit at a time), so it may be conservative, never wrong.
//
// Why it is sound. Follow MES at share lo step by step. For a fixed trace (the same project
// bought at each step, with the same set S of supporters paying all they have left) every
// budget is affine in the share e: the bought project's price q = (C - sum_S b) / W_S is
// affine and partial payers pay q * points. Every comparison that made the trace is then an
// affine inequality in e, and an affine inequality that holds at both ends of [lo, hi] holds
// in between. The comparisons checked at both ends, with the sets taken from the run at lo:
//   - the winner's set S: b_i * W_S < num * points_i exactly for i in S (this makes q the
//     true price, since it then solves sum_i min(b_i, q * points_i) = C);
//   - every other live project p: a lower bound of its price, q_p >= (C_p - sum_S' b) / W_S'
//     for any set S' (here: p's own set at lo), stays above the winner's price; prices only
//     rise during a run, so a bound from an earlier step stays valid; projects identical to
//     the winner (same cost, same supporters) are equal to it at every share and lose on
//     the same fixed tie-break, so they need no check;
//   - a project unaffordable at lo (its supporters have less than its cost) stays so.
// The engine rounds each payment up to a whole sub-unit, so its budgets are the affine ones
// plus an error. Along the trace a bound E_i on that error is carried per voter group (a
// payment is off by at most 1 plus points_i * (the error in num) / W_S), and every
// inequality is required with a margin of twice the error it can carry, at both ends. Then
// the exact affine quantity clears the error bound over the whole range, and the rounded one
// keeps its sign. Exact ties are proven only when nothing rounded enters them and the
// (share-independent) tie-break lets the winner go first, or between identical projects.
//
// SameOutcomeByBounds proves the same another way, which tolerates changing sets S: an
// interval per group holds its budget over the whole range; the winner's price is at most
// its price at the low ends and every other project's at least its price at the high ends
// (prices fall as budgets rise); the winner's supporters then pay between the two.
#pragma once

#include <cstdint>
#include <vector>

#include "voting-server/tally/election.h"
#include "voting-server/tally/tie_break.h"
#include "voting-server/tally/voter_groups.h"
#include "voting-server/tally/wide_int.h"

namespace yhdessa::tally {

class MesShareRange {
 public:
  /// Same units as MesEngine (mes.h): shares in sub-units of 1/(n * 1000) cent.
  MesShareRange(const Election& e, TieBreak tie_break);

  /// True only if MesEngine::Run buys the projects `order` in that order at every share in
  /// [lo, hi], where `order` is what it buys at lo (lo <= hi). May return false when that
  /// holds but cannot be proven.
  bool SameOutcome(Int128 lo, Int128 hi, const std::vector<int>& order);

  /// The same question answered another way (see the top of this file): with an interval
  /// per voter group that holds its budget at every share in the range.
  bool SameOutcomeByBounds(Int128 lo, Int128 hi, const std::vector<int>& order);

 private:
  struct Supporter {
    int group;
    int64_t points;
    int64_t count;
  };
  // The exact MES price of `project` at budgets `b`: sets full_[k] for the supporters who
  // pay all they have, num = cost minus their money, weight = points of the others.
  bool Price(int project, const std::vector<Int128>& b, std::vector<char>& full, Int128& num,
             Int128& weight) const;
  // cost - sum over the supporters marked in `full` of their money at budgets `b`.
  Int128 Num(int project, const std::vector<Int128>& b, const std::vector<char>& full) const;
  // The error bound of Num: sum over the marked supporters of count * E.
  Int128 NumError(int project, const std::vector<char>& full) const;
  // The supporters' money at `b` plus twice its error bound is below the cost.
  bool ProvablyUnaffordable(int project, const std::vector<Int128>& b) const;

  const Election& e_;
  std::vector<int64_t> votes_;  // before tie_, which refers to it
  TieOrder tie_;
  std::vector<VoterGroup> groups_;
  std::vector<std::vector<Supporter>> supporters_;  // per project
  std::vector<int> twin_class_;  // projects with equal cost and supporters share a class
  std::vector<Int128> cost_;     // sub-units
  std::vector<Int128> error_;    // per group: bound on |rounded budget - affine budget|
};

}  // namespace yhdessa::tally
