// Reads Pabulib `.pb` text into a PbFile (the document) and an Election (what is tallied).
//
// Pure: the caller reads the file and passes its text and name. Malformed input is refused
// with a diagnostic `file:line:col: error: message`, the source line and a caret
// (common/diagnostic.h): unknown section, missing header, missing required META key
// (budget, vote_type) or column (project_id, cost; voter_id, vote; points for cumulative
// and scoring ballots), cost or budget not a number, vote for an unknown project, a
// project twice. Counts that disagree with META num_projects / num_votes are warnings.
// Ordinal files are read like any other; refusing to tally them is the rules' business
// (CheckTallyable in election.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "common/status.h"
#include "voting-server/tally/election.h"
#include "voting-server/tally/pabulib_file.h"

namespace yhdessa::tally {

struct PabulibData {
  PbFile file;
  Election election;
  std::vector<Diagnostic> warnings;
};

/// Parses `text`; `filename` only labels diagnostics. The Status message of a failure is
/// the formatted diagnostic.
Result<PabulibData> ReadPabulib(std::string_view text, const std::string& filename);

}  // namespace yhdessa::tally
