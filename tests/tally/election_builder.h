// Test helpers: build small elections by hand or at random.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "voting-server/tally/election.h"
#include "voting-server/tally/tally_result.h"

namespace yhdessa::tally::testing {

/// Election with `budget` (whole units) and projects (id, cost in whole units).
Election MakeElection(int64_t budget, std::vector<std::pair<std::string, int64_t>> projects);
/// Adds `count` approval ballots naming `ids`.
void AddBallots(Election& e, int count, std::vector<std::string> ids);
/// Adds `count` cumulative ballots naming `ids` with `points`.
void AddPointBallots(Election& e, int count, std::vector<std::string> ids,
                     std::vector<int64_t> points);

/// Selected ids, sorted.
std::vector<std::string> SelectedIds(const Election& e, const TallyResult& r);
/// Selected ids in selection order.
std::vector<std::string> SelectionOrder(const Election& e, const TallyResult& r);

/// Two results are the same in everything a rule reports, except mes_runs.
bool SameResult(const TallyResult& a, const TallyResult& b);

/// A random small election: 1-7 projects, 0-14 voters, costs in whole units (some with
/// cents), approval or cumulative ballots, few distinct costs so that ties happen.
Election RandomElection(std::mt19937& rng, bool cumulative);

}  // namespace yhdessa::tally::testing
