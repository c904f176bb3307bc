#include "tests/tally/election_builder.h"

#include <algorithm>

namespace yhdessa::tally::testing {

Election MakeElection(int64_t budget, std::vector<std::pair<std::string, int64_t>> projects) {
  Election e;
  e.budget = budget * 100;
  for (auto& [id, cost] : projects) e.projects.push_back({id, cost * 100});
  return e;
}

static int IndexOf(const Election& e, const std::string& id) {
  for (size_t p = 0; p < e.projects.size(); ++p) {
    if (e.projects[p].id == id) return static_cast<int>(p);
  }
  return -1;
}

void AddBallots(Election& e, int count, std::vector<std::string> ids) {
  Ballot b;
  for (const std::string& id : ids) b.projects.push_back(IndexOf(e, id));
  for (int i = 0; i < count; ++i) e.ballots.push_back(b);
}

void AddPointBallots(Election& e, int count, std::vector<std::string> ids,
                     std::vector<int64_t> points) {
  e.vote_type = VoteType::kCumulative;
  Ballot b;
  for (const std::string& id : ids) b.projects.push_back(IndexOf(e, id));
  b.points = points;
  for (int i = 0; i < count; ++i) e.ballots.push_back(b);
}

std::vector<std::string> SelectionOrder(const Election& e, const TallyResult& r) {
  std::vector<std::string> ids;
  for (int p : r.selected) ids.push_back(e.projects[p].id);
  return ids;
}

std::vector<std::string> SelectedIds(const Election& e, const TallyResult& r) {
  std::vector<std::string> ids = SelectionOrder(e, r);
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool SameResult(const TallyResult& a, const TallyResult& b) {
  auto same_mes = [](const std::optional<MesExplanation>& x,
                     const std::optional<MesExplanation>& y) {
    if (x.has_value() != y.has_value()) return false;
    return !x || (x->supporters == y->supporters && x->step == y->step &&
                  x->max_payment_cents == y->max_payment_cents &&
                  x->money_left_cents == y->money_left_cents);
  };
  if (a.selected != b.selected || a.total_cost != b.total_cost || a.share_cents != b.share_cents ||
      a.projects.size() != b.projects.size() || a.ties.size() != b.ties.size())
    return false;
  for (size_t p = 0; p < a.projects.size(); ++p) {
    const ProjectResult &x = a.projects[p], &y = b.projects[p];
    if (x.votes != y.votes || x.selected != y.selected ||
        x.selected_by_completion != y.selected_by_completion || !same_mes(x.mes, y.mes))
      return false;
  }
  for (size_t t = 0; t < a.ties.size(); ++t) {
    const TieRecord &x = a.ties[t], &y = b.ties[t];
    if (x.step != y.step || x.tied != y.tied || x.winners != y.winners || x.losers != y.losers ||
        x.reason != y.reason)
      return false;
  }
  return true;
}

Election RandomElection(std::mt19937& rng, bool cumulative) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Election e;
  e.vote_type = cumulative ? VoteType::kCumulative : VoteType::kApproval;
  const int m = uniform(1, 7);
  for (int p = 0; p < m; ++p) {
    int64_t cost = uniform(1, 6) * 500 * (uniform(0, 3) == 0 ? 1 : 10);  // cents
    if (uniform(0, 5) == 0) cost += uniform(1, 99);
    // Ids like "p10_1" next to "p2_0" exercise byte-order comparison; the suffix keeps
    // them unique. Built with append: GCC 12 warns falsely on "p" + std::string.
    std::string id = "p";
    id.append(std::to_string(uniform(0, 3) == 0 ? 10 + p : p))
        .append("_")
        .append(std::to_string(p));
    e.projects.push_back({id, cost});
  }
  int64_t all = 0;
  for (const Project& p : e.projects) all += p.cost;
  e.budget = std::max<int64_t>(100, all * uniform(10, 90) / 100 / 100 * 100);
  const int n = uniform(0, 14);
  for (int i = 0; i < n; ++i) {
    Ballot b;
    for (int p = 0; p < m; ++p) {
      if (uniform(0, 2) == 0) {
        b.projects.push_back(p);
        if (cumulative) b.points.push_back(uniform(1, 3));
      }
    }
    std::shuffle(b.projects.begin(), b.projects.end(), rng);
    e.ballots.push_back(b);
  }
  return e;
}

}  // namespace yhdessa::tally::testing
