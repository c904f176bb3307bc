// What a rule returns: the selected projects, figures per project, ties, and for MES the
// data that explains each outcome in plain words.
//
// Amounts are integer cents except MES prices, which are exact fractions inside the engine
// and are reported here rounded to the nearest cent (they explain; they never decide).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "voting-server/tally/tie_break.h"

namespace yhdessa::tally {

/// Why MES did or did not buy a project.
struct MesExplanation {
  int64_t supporters = 0;  // voters who support it (approve it / give it points)
  // Selected: the step at which it was bought and the most any one supporter paid
  // (per point for cumulative ballots), in cents rounded to the nearest cent.
  int step = 0;
  int64_t max_payment_cents = 0;
  // Not selected: what its supporters had left when MES stopped, rounded to the nearest
  // cent; less than the cost (up to that rounding), otherwise it would have been bought.
  int64_t money_left_cents = 0;
};

struct ProjectResult {
  int64_t votes = 0;
  bool selected = false;
  bool selected_by_completion = false;  // mes-add1: added by the final greedy fill
  std::optional<MesExplanation> mes;
};

struct TallyResult {
  std::vector<int> selected;            // project indices in the order they were selected
  int64_t total_cost = 0;               // cents
  std::vector<ProjectResult> projects;  // parallel to Election::projects
  std::vector<TieRecord> ties;
  // mes-add1: the per-voter share (cents) of the MES run kept, and how many runs it took.
  int64_t share_cents = 0;
  int mes_runs = 0;
};

}  // namespace yhdessa::tally
