#include "tests/tally/reference_mes.h"

#include <algorithm>
#include <numeric>

namespace yhdessa::tally::testing {

ReferenceOutcome ReferenceMes(const Election& e, TieBreak tie_break, Int128 share) {
  const int n = static_cast<int>(e.ballots.size());
  const int m = static_cast<int>(e.projects.size());
  const Int128 unit = static_cast<Int128>(std::max(n, 1)) * 1000;
  std::vector<int64_t> votes = VoteCounts(e);
  TieOrder tie(e, votes, tie_break);
  std::vector<Int128> budget(n, share);
  // supporters[p] = (voter, points)
  std::vector<std::vector<std::pair<int, int64_t>>> supporters(m);
  for (int i = 0; i < n; ++i) {
    const Ballot& b = e.ballots[i];
    for (size_t k = 0; k < b.projects.size(); ++k) {
      supporters[b.projects[k]].push_back({i, e.PointsOf(b, k)});
    }
  }
  std::vector<bool> taken(m, false);
  ReferenceOutcome out;
  while (true) {
    int best = -1;
    Int128 best_num = 0, best_den = 1, best_qden = 1;
    for (int p = 0; p < m; ++p) {
      if (taken[p] || e.projects[p].cost == 0 || supporters[p].empty()) continue;
      const Int128 cost = e.projects[p].cost * unit;
      Int128 total = 0;
      for (auto [i, w] : supporters[p]) total += budget[i];
      if (total < cost) continue;
      auto sup = supporters[p];
      std::sort(sup.begin(), sup.end(), [&](auto a, auto b) {
        return budget[a.first] * b.second < budget[b.first] * a.second;
      });
      Int128 num = cost, weight = 0;
      for (auto [i, w] : sup) weight += w;
      for (auto [i, w] : sup) {
        if (budget[i] * weight < num * w) {
          num -= budget[i];
          weight -= w;
        } else {
          break;
        }
      }
      const Int128 den = weight * cost;
      int c = best < 0 ? -1 : CompareProducts(num, best_den, best_num, den);
      if (c < 0 || (c == 0 && tie.Before(p, best))) {
        best = p;
        best_num = num;
        best_den = den;
        best_qden = weight;
      }
    }
    if (best < 0) break;
    Int128 paid = 0;
    for (auto [i, w] : supporters[best]) {
      Int128 pay =
          budget[i] * best_qden < best_num * w ? budget[i] : CeilDiv(best_num * w, best_qden);
      if (pay > budget[i]) out.overspent = true;
      budget[i] -= pay;
      paid += pay;
    }
    if (paid < e.projects[best].cost * unit) out.overspent = true;
    taken[best] = true;
    out.order.push_back(best);
    out.cost += e.projects[best].cost;
  }
  return out;
}

std::vector<int> ReferenceMesAdd1(const Election& e, TieBreak tie_break) {
  const int64_t n = static_cast<int64_t>(e.ballots.size());
  const int m = static_cast<int>(e.projects.size());
  const Int128 unit = static_cast<Int128>(std::max<int64_t>(n, 1)) * 1000;
  ReferenceOutcome current = ReferenceMes(e, tie_break, static_cast<Int128>(e.budget) * 1000);
  auto selected = [&](const ReferenceOutcome& o) {
    std::vector<bool> s(m, false);
    for (int p : o.order) s[p] = true;
    return s;
  };
  auto exhaustive = [&](const ReferenceOutcome& o) {
    std::vector<bool> s = selected(o);
    for (int p = 0; p < m; ++p) {
      if (!s[p] && e.projects[p].cost <= e.budget - o.cost) return false;
    }
    return true;
  };
  int64_t all = 0;
  for (const Project& p : e.projects) all += p.cost;
  int64_t share = n > 0 ? e.budget / n / 100 * 100 : 0;
  while (n > 0 && !exhaustive(current) && share < all) {
    share += 100;
    ReferenceOutcome next = ReferenceMes(e, tie_break, share * unit);
    if (next.cost > e.budget) break;
    current = next;
  }
  // Greedy completion by votes, then tie-break.
  std::vector<int64_t> votes = VoteCounts(e);
  TieOrder tie(e, votes, tie_break);
  std::vector<int> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return votes[a] != votes[b] ? votes[a] > votes[b] : tie.Before(a, b);
  });
  std::vector<bool> s = selected(current);
  int64_t cost = current.cost;
  for (int p : order) {
    if (!s[p] && e.projects[p].cost <= e.budget - cost) {
      s[p] = true;
      cost += e.projects[p].cost;
    }
  }
  std::vector<int> result;
  for (int p = 0; p < m; ++p) {
    if (s[p]) result.push_back(p);
  }
  return result;
}

}  // namespace yhdessa::tally::testing
