// The greedy rule: projects in order of votes, each selected if it still fits the budget.
//
// Votes are approvals, or points for cumulative ballots. Equal votes are ordered by the
// tie-break (tie_break.h). A project that no longer fits is skipped and the next one tried,
// so cheaper projects further down can still be selected. This is the rule most cities use.
#pragma once

#include <vector>

#include "voting-server/tally/election.h"
#include "voting-server/tally/tally_result.h"
#include "voting-server/tally/tie_break.h"

namespace yhdessa::tally {

/// Greedy over all projects. The election must pass Validate().
TallyResult Greedy(const Election& e, TieBreak tie_break);

/// Adds projects to `result` greedily (votes, then tie-break) while they fit in the budget
/// left after result.total_cost; used to complete MES. Added projects are marked
/// selected_by_completion when `mark_completion` is set. Records ties that decided.
void GreedyComplete(const Election& e, const std::vector<int64_t>& votes, TieBreak tie_break,
                    bool mark_completion, TallyResult& result);

}  // namespace yhdessa::tally
