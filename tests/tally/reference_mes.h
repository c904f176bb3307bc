// Reference implementations for the tests: MES voter by voter (no grouping, no lazy
// pricing, sort-based prices) and add1 as the plain loop of one MES run per currency unit.
// Same definition and units as voting-server/tally/mes.h and mes_add1.h, written the
// straightforward way so that the fast engine can be checked against them.
#pragma once

#include <vector>

#include "voting-server/tally/election.h"
#include "voting-server/tally/tie_break.h"
#include "voting-server/tally/wide_int.h"

namespace yhdessa::tally::testing {

struct ReferenceOutcome {
  std::vector<int> order;  // selected projects in selection order
  int64_t cost = 0;        // cents
  bool overspent = false;  // a project bought whose supporters could not pay (must never be)
};

/// MES where every voter starts with `share` sub-units (1/(n*1000) cent).
ReferenceOutcome ReferenceMes(const Election& e, TieBreak tie_break, Int128 share);

/// The naive add1 loop followed by the greedy completion; selected projects, sorted.
std::vector<int> ReferenceMesAdd1(const Election& e, TieBreak tie_break);

}  // namespace yhdessa::tally::testing
