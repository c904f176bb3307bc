#include "voting-server/tally/voter_groups.h"

#include <algorithm>
#include <map>
#include <utility>

namespace yhdessa::tally {

std::vector<VoterGroup> GroupIdenticalBallots(const Election& e) {
  std::vector<VoterGroup> groups;
  std::map<std::vector<std::pair<int, int64_t>>, size_t> index;
  std::vector<std::pair<int, int64_t>> key;
  for (const Ballot& b : e.ballots) {
    key.clear();
    for (size_t k = 0; k < b.projects.size(); ++k)
      key.emplace_back(b.projects[k], e.PointsOf(b, k));
    std::sort(key.begin(), key.end());
    auto [it, inserted] = index.emplace(key, groups.size());
    if (inserted) {
      VoterGroup g;
      for (const auto& [p, pts] : key) {
        g.projects.push_back(p);
        g.points.push_back(pts);
      }
      groups.push_back(std::move(g));
    }
    groups[it->second].count += 1;
  }
  return groups;
}

}  // namespace yhdessa::tally
