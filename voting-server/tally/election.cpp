#include "voting-server/tally/election.h"

#include <unordered_set>

#include "voting-server/tally/money.h"

namespace yhdessa::tally {

const char* VoteTypeName(VoteType type) {
  switch (type) {
    case VoteType::kApproval:
      return "approval";
    case VoteType::kCumulative:
      return "cumulative";
    case VoteType::kOrdinal:
      return "ordinal";
    case VoteType::kScoring:
      return "scoring";
    case VoteType::kChoose1:
      return "choose-1";
  }
  return "approval";
}

std::optional<VoteType> ParseVoteType(const std::string& name) {
  for (VoteType t : {VoteType::kApproval, VoteType::kCumulative, VoteType::kOrdinal,
                     VoteType::kScoring, VoteType::kChoose1}) {
    if (name == VoteTypeName(t)) return t;
  }
  return std::nullopt;
}

std::vector<int64_t> VoteCounts(const Election& e) {
  std::vector<int64_t> votes(e.projects.size(), 0);
  for (const Ballot& b : e.ballots) {
    for (size_t k = 0; k < b.projects.size(); ++k) votes[b.projects[k]] += e.PointsOf(b, k);
  }
  return votes;
}

Status Validate(const Election& e) {
  if (e.budget < 0) return Status::InvalidArgument("the budget is negative");
  for (const Project& p : e.projects) {
    if (p.cost < 0) return Status::InvalidArgument("project '" + p.id + "' has a negative cost");
  }
  const int n = static_cast<int>(e.projects.size());
  for (size_t i = 0; i < e.ballots.size(); ++i) {
    const Ballot& b = e.ballots[i];
    const std::string which = "ballot " + std::to_string(i + 1);
    if (!b.points.empty() && b.points.size() != b.projects.size()) {
      return Status::InvalidArgument(which + " has " + std::to_string(b.projects.size()) +
                                     " projects but " + std::to_string(b.points.size()) +
                                     " points");
    }
    std::unordered_set<int> seen;
    for (size_t k = 0; k < b.projects.size(); ++k) {
      int p = b.projects[k];
      if (p < 0 || p >= n) return Status::InvalidArgument(which + " names an unknown project");
      if (!seen.insert(p).second) {
        return Status::InvalidArgument(which + " lists project '" + e.projects[p].id + "' twice");
      }
      if (e.PointsOf(b, k) <= 0) {
        return Status::InvalidArgument(which + " gives project '" + e.projects[p].id +
                                       "' no positive points");
      }
    }
  }
  return Status::Ok();
}

std::vector<std::string> CheckBallotLimits(const Election& e) {
  std::vector<std::string> problems;
  for (size_t i = 0; i < e.ballots.size(); ++i) {
    const Ballot& b = e.ballots[i];
    const std::string which = "ballot " + std::to_string(i + 1);
    auto len = static_cast<int64_t>(b.projects.size());
    if (e.min_length && len < *e.min_length) {
      problems.push_back(which + " names " + std::to_string(len) + " projects, fewer than " +
                         std::to_string(*e.min_length));
    }
    if (e.max_length && len > *e.max_length) {
      problems.push_back(which + " names " + std::to_string(len) + " projects, more than " +
                         std::to_string(*e.max_length));
    }
    int64_t cost = 0, points = 0;
    for (size_t k = 0; k < b.projects.size(); ++k) {
      cost += e.projects[b.projects[k]].cost;
      points += e.PointsOf(b, k);
    }
    if (e.max_sum_cost && cost > *e.max_sum_cost) {
      problems.push_back(which + " costs " + FormatCents(cost) + ", more than " +
                         FormatCents(*e.max_sum_cost));
    }
    if (e.max_sum_points && points > *e.max_sum_points) {
      problems.push_back(which + " gives " + std::to_string(points) + " points, more than " +
                         std::to_string(*e.max_sum_points));
    }
    if (e.min_sum_points && points < *e.min_sum_points) {
      problems.push_back(which + " gives " + std::to_string(points) + " points, fewer than " +
                         std::to_string(*e.min_sum_points));
    }
  }
  return problems;
}

Status CheckTallyable(const Election& e) {
  if (e.vote_type == VoteType::kApproval || e.vote_type == VoteType::kCumulative) {
    return Status::Ok();
  }
  return Status::InvalidArgument(std::string("cannot tally ") + VoteTypeName(e.vote_type) +
                                 " ballots: the rules (greedy, mes, mes-add1) need approval or "
                                 "cumulative ballots");
}

}  // namespace yhdessa::tally
