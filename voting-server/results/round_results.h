// Round results: the tally of a closed round, per area, with the declared rule and the
// rules it is compared with, ready to be written as open data (results_files.h).
//
// Pure: takes the round as frozen when voting opened, the stored ballots and the time, and
// returns values; no files, no database. A round is tallied only after it has closed:
// CheckRoundClosed refuses before it opens and while it is open, naming the closing time.
// Each area becomes its own tally::Election (costs and budget in cents from the round's
// whole euros); ballots are put in a canonical order (each ballot's choices by proposal
// position, ballots sorted by their choices) so nothing of the casting order or of the
// receipts survives, and the same database always gives the same results.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/round/round_definition.h"
#include "common/status.h"
#include "voting-server/storage/store.h"
#include "voting-server/tally/election.h"
#include "voting-server/tally/tally_result.h"

namespace yhdessa::vote {

/// Ok once `now` (seconds since the epoch) is at or after the round's closing time;
/// FailedPrecondition otherwise, e.g. "round X is open until 2025-09-30T23:59:00+03:00:
/// tally it after it closes".
Status CheckRoundClosed(const RoundDefinition& round, int64_t now);

/// The outcome of one rule in one area.
struct RuleOutcome {
  std::string rule;       // greedy | mes | mes-add1
  bool declared = false;  // the round's own rule
  tally::TallyResult result;
  int64_t voters_with_a_selected_choice = 0;  // ballots with at least one selected proposal
};

struct AreaResults {
  const AreaDefinition* area = nullptr;  // points into the RoundDefinition given
  tally::Election election;              // projects in the area's proposal order
  std::vector<RuleOutcome> rules;        // the declared rule first, then the comparisons
};

struct RoundResults {
  const RoundDefinition* round = nullptr;
  std::vector<AreaResults> areas;     // in the round's area order
  std::vector<std::string> receipts;  // every counted ballot's receipt, sorted
};

/// The area's ballots as an Election in canonical order. InvalidArgument when a ballot
/// names a proposal the round does not have in that area.
Result<tally::Election> AreaElection(const RoundDefinition& round, const AreaDefinition& area,
                                     const std::vector<StoredBallot>& ballots);

/// Tallies every area with the round's rule and each of `comparison_rules` (duplicates of
/// the declared rule are dropped). Ballots for areas the round does not have are refused.
/// Does not check the time: call CheckRoundClosed first.
Result<RoundResults> TallyRound(const RoundDefinition& round,
                                const std::vector<StoredBallot>& ballots,
                                const std::vector<std::string>& comparison_rules);

}  // namespace yhdessa::vote
