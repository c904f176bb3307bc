// mes-add1: the Method of Equal Shares with the "add1" completion used in Wieliczka 2023.
//
// Definition (equalshares.net's completion, kept exactly; the fast path must agree with it):
//   1. W = MES with each voter's share = budget / n (mes.h).
//   2. s = budget / n rounded down to a whole currency unit (100 cents).
//   3. While W is not exhaustive (some unselected project still fits the money left):
//        s += one currency unit; W' = MES with share s;
//        if cost(W') > budget stop; otherwise W = W'.
//      (Also stop once s reaches the total cost of all projects: from there on every voter
//      could pay for everything alone, so W' can no longer change.)
//   4. Fill what is left of the budget greedily (greedy.h) from W.
// Outcome-within-budget is not monotone in s, so no bisection over the whole loop. Instead
// MesAdd1 runs shares in blocks: the block's top share first, whose trace spares the runs
// below it most of their pricing and proves whole blocks at once (mes_trace.h): the naive
// loop would keep every share of a proven block, so skipping them gives the same result.
// Proven blocks double in length, so a long unchanging stretch costs few runs. MesAdd1Naive
// visits every share with plain runs; tests hold them equal. mes_runs counts engine runs
// (block proofs cost no run).
#pragma once

#include "voting-server/tally/election.h"
#include "voting-server/tally/tally_result.h"
#include "voting-server/tally/tie_break.h"

namespace yhdessa::tally {

/// mes-add1 as defined above. Election must pass Validate().
TallyResult MesAdd1(const Election& e, TieBreak tie_break);

/// The same, one MES run per currency unit of share: the definition, kept for the tests.
TallyResult MesAdd1Naive(const Election& e, TieBreak tie_break);

/// True when no unselected project fits in the budget left by `r`.
bool IsExhaustive(const Election& e, const TallyResult& r);

}  // namespace yhdessa::tally
