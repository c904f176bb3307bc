// The election a tally is computed from: projects with costs, ballots, a budget, limits.
//
// This is the engine's whole view of a PB vote in one area; it knows nothing of files,
// databases or HTTP. Amounts are integer cents (money.h). Projects are referred to by their
// index in `projects`; ballots list indices. An Election is a plain value: build it, call
// Validate(), hand it to a rule (greedy.h, mes.h, mes_add1.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace yhdessa::tally {

enum class VoteType { kApproval, kCumulative, kOrdinal, kScoring, kChoose1 };

/// "approval", "cumulative", ... as written in Pabulib META vote_type.
const char* VoteTypeName(VoteType type);
std::optional<VoteType> ParseVoteType(const std::string& name);

struct Project {
  std::string id;
  int64_t cost = 0;  // cents
};

/// One voter's ballot. `projects` are indices into Election::projects (in the order the voter
/// gave them, which matters for ordinal ballots). `points` is parallel to `projects` for
/// cumulative and scoring ballots and empty otherwise (each approval counts 1).
struct Ballot {
  std::vector<int> projects;
  std::vector<int64_t> points;
};

struct Election {
  VoteType vote_type = VoteType::kApproval;
  int64_t budget = 0;  // cents
  std::vector<Project> projects;
  std::vector<Ballot> ballots;
  // Ballot limits as published; the engine tallies what it is given, Validate() checks them.
  std::optional<int64_t> min_length, max_length;  // number of projects on a ballot
  std::optional<int64_t> max_sum_cost;            // cents, knapsack ballots
  std::optional<int64_t> min_sum_points, max_sum_points;

  /// Points that ballot `b` gives its `k`-th project (1 for approval ballots).
  int64_t PointsOf(const Ballot& b, size_t k) const { return b.points.empty() ? 1 : b.points[k]; }
};

/// Votes per project: approvals, or summed points for cumulative and scoring ballots.
std::vector<int64_t> VoteCounts(const Election& e);

/// Structural checks the rules rely on: indices in range, no project twice on a ballot,
/// positive points, non-negative costs and budget. Messages name the ballot (1-based).
Status Validate(const Election& e);

/// Ballots that break the published limits (min/max length, knapsack, points), one message
/// each; a tally still counts them, the caller decides whether to warn.
std::vector<std::string> CheckBallotLimits(const Election& e);

/// Refuses vote types the rules cannot tally (ordinal, scoring, choose-1) with a message
/// that says so; ok for approval and cumulative.
Status CheckTallyable(const Election& e);

}  // namespace yhdessa::tally
