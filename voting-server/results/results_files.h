// The open-data files of a tallied round: per area JSON, CSV and anonymised .pb, and the
// list of counted receipts. Text only; the caller writes it (main.cpp). Deterministic: the
// same RoundResults give the same bytes. The formats are documented in docs/tally.md
// ("Results of a round"); the generator renders the JSON (generator/render/results_view.h).
#pragma once

#include <string>
#include <vector>

#include "voting-server/results/round_results.h"
#include "voting-server/tally/election.h"

namespace yhdessa::vote {

/// `<area>.json`: round, area, budget, ballots, and per rule the selected proposals, the
/// figures and per proposal the data for an explanation sentence. Money in integer cents.
std::string AreaResultsJson(const RoundDefinition& round, const AreaResults& area);

/// `<area>.csv`: one row per proposal (most votes first), a `selected_<rule>` column per rule.
std::string AreaResultsCsv(const AreaResults& area);

/// `<area>.pb`: the area's ballots as a Pabulib file with `ballots` in the order given and
/// voter_id 1..n; no codes, times or receipts exist in it.
std::string AreaBallotsPb(const RoundDefinition& round, const AreaResults& area,
                          const std::vector<tally::Ballot>& ballots);

/// `receipts.json`: {"format": 1, "round", "ballots", "receipts": [sorted]}.
std::string ReceiptsJson(const RoundResults& results);

}  // namespace yhdessa::vote
