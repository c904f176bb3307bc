// Voters with identical ballots, merged into one weighted group.
//
// Under MES two voters who support the same projects with the same points start with the
// same share and pay the same amounts at every step, so they can be tracked as one group
// with a count. On Warszawa 2026 this turns 61 668 voters into far fewer groups, which is
// most of what makes repeated MES runs (mes-add1) fast. Group order follows the first
// appearance of each ballot; no rule result depends on it.
#pragma once

#include <cstdint>
#include <vector>

#include "voting-server/tally/election.h"

namespace yhdessa::tally {

struct VoterGroup {
  int64_t count = 0;            // voters with this ballot
  std::vector<int> projects;    // sorted project indices
  std::vector<int64_t> points;  // parallel to projects (1 for approval)
};

/// Groups ballots that name the same projects with the same points (order ignored).
/// Empty ballots form a group too: those voters still hold a share of the budget.
std::vector<VoterGroup> GroupIdenticalBallots(const Election& e);

}  // namespace yhdessa::tally
