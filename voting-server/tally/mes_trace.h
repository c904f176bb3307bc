// What one MES run priced and bought, kept so that a run at a lower share can skip pricing.
//
// mes-add1 (mes_add1.h) runs MES at shares one currency unit apart, and on large elections
// (Budapest 2024: 28 943 voters, 175 projects, 22 002 runs) nearly all of a run's time goes
// into recomputing prices of projects that then lose the step. A run at a higher share,
// done first, tells the runs below it which of those recomputations they can leave out:
//
// Monotonicity. Take two runs at shares e <= h that have bought the same projects in their
// first r steps. Then every voter group's budget at e is at most its budget at h. By
// induction over the steps: a project's exact price q solves sum_i min(b_i, q * w_i) = C,
// and with larger budgets the left side is larger at every q, so the price is lower or
// equal (and a project affordable at e is affordable at h); a group then ends with 0 if it
// pays all it has, or with b_i - ceil(q * w_i) (rounded as MesEngine rounds), and both are
// larger or equal with the larger budget and the lower price. So at step r + 1, and at any
// later step of the run at e as long as it keeps buying what the run at h bought, every
// price at e is at least the price the run at h computed at step r + 1 (or earlier: prices
// only rise during a run), and a project unaffordable at h is unaffordable at e.
//
// MesEngine::Run(share, ..., above) uses such prices as lower bounds: a project whose bound
// exceeds the best fresh price of the step cannot win or tie and is not recomputed, and an
// unaffordable one is dropped. It only skips work: what it buys, the prices it charges and
// the ties it records are those of the plain run (tests compare the two). Once the run
// buys something else than the run above it at the same step, the bounds no longer apply
// and it goes on as a plain run.
#pragma once

#include <vector>

#include "voting-server/tally/wide_int.h"

namespace yhdessa::tally {

/// Exact MES price of a project: rho = num / den, and q = num / q_den (the payment per
/// point of the supporters who pay q rather than all they have).
struct MesPrice {
  Int128 num = 0;    // cost minus what the full payers give
  Int128 den = 1;    // q_den * cost
  Int128 q_den = 1;  // the points of the voters paying q
};

struct MesTrace {
  struct Priced {
    int step;  // purchases made before this price was computed
    int project;
    bool affordable;  // false: its supporters could not pay for it
    MesPrice price;   // when affordable
  };
  /// Set before recording: also reprice, at each step, the projects whose stale price is
  /// within this fraction above the winner's, so that the trace's bounds are tight where
  /// SameRunsBetween needs them (costs more repricing in the recorded run).
  double fresh_within = 0;
  std::vector<int> bought;     // project bought at each step
  std::vector<MesPrice> paid;  // its price
  std::vector<Priced> priced;  // every price computed (step 0: every project), in order
};

}  // namespace yhdessa::tally
