// Writes a PbFile as Pabulib `.pb` text, and builds a PbFile from an Election for export.
//
// Output uses `\n` line ends and quotes only fields that need it (csv_record.h), so reading
// the written text gives back an equal PbFile and the same Election.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "voting-server/tally/election.h"
#include "voting-server/tally/pabulib_file.h"

namespace yhdessa::tally {

/// The .pb text of `file`.
std::string WritePabulib(const PbFile& file);

/// A PbFile holding `e`: META = `meta` plus num_projects, num_votes, budget, vote_type and
/// the ballot limits (set from `e`, overriding `meta`); PROJECTS with project_id, cost and
/// votes; VOTES with voter_id 1..n in ballot order, vote and (if any) points.
PbFile PbFileFromElection(const Election& e,
                          const std::vector<std::pair<std::string, std::string>>& meta);

}  // namespace yhdessa::tally
