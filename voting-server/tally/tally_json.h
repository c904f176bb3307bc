// JSON pieces shared by the two writers of tally results: `tally --pabulib`
// (tally_command.cpp) and the results files of a round (results/results_files.cpp), so
// that ties and project id lists read the same in both.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "voting-server/tally/election.h"
#include "voting-server/tally/tally_result.h"

namespace yhdessa::tally {

/// The ids of `projects` (indices into e.projects), in the given order.
nlohmann::json ProjectIds(const Election& e, const std::vector<int>& projects);

/// Every tie that decided a selection: [{"step", "tied", "won", "lost", "decided_by"}].
nlohmann::json TiesJson(const Election& e, const TallyResult& r);

}  // namespace yhdessa::tally
