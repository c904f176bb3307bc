#include "voting-server/tally/mes_share_range.h"

#include <algorithm>
#include <map>
#include <utility>

namespace yhdessa::tally {

namespace {

// Error bounds beyond this are not worth carrying: nothing would be proven with them, and
// staying far below 2^127 keeps every sum and product in this file from overflowing.
constexpr Int128 kMaxError = static_cast<Int128>(1) << 90;

}  // namespace

MesShareRange::MesShareRange(const Election& e, TieBreak tie_break)
    : e_(e), votes_(VoteCounts(e)), tie_(e, votes_, tie_break), groups_(GroupIdenticalBallots(e)) {
  const size_t m = e.projects.size();
  const Int128 per_cent =
      static_cast<Int128>(std::max<size_t>(e.ballots.size(), 1)) * 1000;  // as MesEngine
  supporters_.resize(m);
  cost_.resize(m);
  for (size_t p = 0; p < m; ++p) cost_[p] = e.projects[p].cost * per_cent;
  for (size_t g = 0; g < groups_.size(); ++g) {
    for (size_t k = 0; k < groups_[g].projects.size(); ++k) {
      supporters_[groups_[g].projects[k]].push_back(
          {static_cast<int>(g), groups_[g].points[k], groups_[g].count});
    }
  }
  std::map<std::pair<int64_t, std::vector<std::pair<int, int64_t>>>, int> classes;
  twin_class_.resize(m);
  for (size_t p = 0; p < m; ++p) {
    std::vector<std::pair<int, int64_t>> key;
    for (const Supporter& s : supporters_[p]) key.emplace_back(s.group, s.points);
    auto it = classes
                  .emplace(std::make_pair(e.projects[p].cost, std::move(key)),
                           static_cast<int>(classes.size()))
                  .first;
    twin_class_[p] = it->second;
  }
  error_.resize(groups_.size());
}

bool MesShareRange::Price(int project, const std::vector<Int128>& b, std::vector<char>& full,
                          Int128& num, Int128& weight) const {
  const std::vector<Supporter>& sup = supporters_[project];
  Int128 total = 0;
  num = cost_[project];
  weight = 0;
  for (const Supporter& s : sup) {
    total += s.count * b[s.group];
    weight += static_cast<Int128>(s.count) * s.points;
  }
  if (total < cost_[project]) return false;
  // Same fixed point as MesEngine::ComputePrice: supporters below the running price pay all.
  full.assign(sup.size(), 0);
  bool changed = true;
  while (changed && weight > 0) {
    changed = false;
    for (size_t i = 0; i < sup.size(); ++i) {
      const Supporter& s = sup[i];
      if (full[i] || !(b[s.group] * weight < num * s.points)) continue;
      full[i] = 1;
      num -= s.count * b[s.group];
      weight -= static_cast<Int128>(s.count) * s.points;
      changed = true;
    }
  }
  return weight > 0;
}

Int128 MesShareRange::Num(int project, const std::vector<Int128>& b,
                          const std::vector<char>& full) const {
  Int128 num = cost_[project];
  const std::vector<Supporter>& sup = supporters_[project];
  for (size_t i = 0; i < sup.size(); ++i) {
    if (full[i]) num -= sup[i].count * b[sup[i].group];
  }
  return num;
}

Int128 MesShareRange::NumError(int project, const std::vector<char>& full) const {
  Int128 err = 0;
  const std::vector<Supporter>& sup = supporters_[project];
  for (size_t i = 0; i < sup.size(); ++i) {
    if (full[i]) err += sup[i].count * error_[sup[i].group];
  }
  return err;
}

bool MesShareRange::ProvablyUnaffordable(int project, const std::vector<Int128>& b) const {
  Int128 money = 0;
  for (const Supporter& s : supporters_[project])
    money += s.count * (b[s.group] + 2 * error_[s.group]);
  return money < cost_[project];
}

bool MesShareRange::SameOutcome(Int128 lo, Int128 hi, const std::vector<int>& order) {
  const int m = static_cast<int>(e_.projects.size());
  std::vector<Int128> b_lo(groups_.size(), lo), b_hi(groups_.size(), hi);
  std::fill(error_.begin(), error_.end(), 0);
  std::vector<char> open(m, 0), priced(m, 0);
  for (int p = 0; p < m; ++p) open[p] = cost_[p] > 0 && !supporters_[p].empty();
  // Per project, the lower bound of its price from the step it was last priced at, at both
  // ends: (num_lo - 2 err) / den and (num_hi - 2 err) / den. Prices only rise during a run,
  // so a bound stays valid at later steps; it is recomputed only when it no longer clears.
  std::vector<Int128> bound_lo(m), bound_hi(m), bound_den(m);
  std::vector<char> bound_exact(m);
  std::vector<char> full, set;
  Int128 num = 0, weight = 0;
  auto provably_unaffordable = [&](int p) {
    return ProvablyUnaffordable(p, b_lo) && ProvablyUnaffordable(p, b_hi);
  };
  for (int best : order) {
    // The winner at lo, as the engine found it; its set of full payers at lo.
    if (!Price(best, b_lo, set, num, weight)) return false;
    const std::vector<Supporter>& sup = supporters_[best];
    const Int128 w = weight;
    const Int128 w_err = NumError(best, set);
    if (w_err > kMaxError) return false;
    const Int128 num_lo = Num(best, b_lo, set), num_hi = Num(best, b_hi, set);
    // The winner's set of full payers is the same at both ends, with margins.
    for (const std::vector<Int128>* b : {&b_lo, &b_hi}) {
      const Int128 n = b == &b_lo ? num_lo : num_hi;
      if (n - 2 * w_err <= 0) return false;
      for (size_t i = 0; i < sup.size(); ++i) {
        const Int128 money = (*b)[sup[i].group], err = 2 * error_[sup[i].group];
        if (set[i]) {
          if (CompareProducts(money + err, w, n - 2 * w_err, sup[i].points) >= 0) return false;
        } else {
          if (money - err < 0) return false;
          if (CompareProducts(money - err, w, n + 2 * w_err, sup[i].points) < 0) return false;
        }
      }
    }
    // Every other open project's price stays above the winner's (upper bound
    // (num + 2 err) / (W C)); equal is fine only when both are exact (no error carried) and
    // the tie-break, which does not depend on the share, lets the winner go first.
    const Int128 w_den = w * cost_[best];
    const Int128 up_lo = num_lo + 2 * w_err, up_hi = num_hi + 2 * w_err;
    auto clears = [&](int p) {
      for (int end = 0; end < 2; ++end) {
        const int c = CompareProducts(end == 0 ? bound_lo[p] : bound_hi[p], w_den,
                                      end == 0 ? up_lo : up_hi, bound_den[p]);
        if (c < 0 || (c == 0 && !(bound_exact[p] && w_err == 0 && tie_.Before(best, p))))
          return false;
      }
      return true;
    };
    for (int p = 0; p < m; ++p) {
      if (!open[p] || p == best || twin_class_[p] == twin_class_[best]) continue;
      if (priced[p] && clears(p)) continue;
      if (!Price(p, b_lo, full, num, weight)) {
        // Unaffordable at lo: must provably stay so on the whole range (then for good, as
        // budgets only fall during a run).
        if (!provably_unaffordable(p)) return false;
        open[p] = 0;
        continue;
      }
      const Int128 p_err = NumError(p, full);
      if (p_err > kMaxError) return false;
      bound_lo[p] = Num(p, b_lo, full) - 2 * p_err;
      bound_hi[p] = Num(p, b_hi, full) - 2 * p_err;
      if (bound_lo[p] < 0 || bound_hi[p] < 0) return false;
      bound_den[p] = weight * cost_[p];
      bound_exact[p] = p_err == 0;
      priced[p] = 1;
      if (!clears(p)) return false;
    }
    // Charge as MesEngine::Run does, at both ends; carry the error bound.
    for (size_t i = 0; i < sup.size(); ++i) {
      const int g = sup[i].group;
      if (set[i]) {
        b_lo[g] = 0;
        b_hi[g] = 0;
        error_[g] = 0;
      } else {
        b_lo[g] -= CeilDiv(num_lo * sup[i].points, w);
        b_hi[g] -= CeilDiv(num_hi * sup[i].points, w);
        error_[g] += CeilDiv(w_err * sup[i].points, w) + 1;
      }
    }
    open[best] = 0;
  }
  // MES stops after `order`: everything still open must stay unaffordable.
  for (int p = 0; p < m; ++p) {
    if (open[p] && !provably_unaffordable(p)) return false;
  }
  return true;
}

bool MesShareRange::SameOutcomeByBounds(Int128 lo, Int128 hi, const std::vector<int>& order) {
  const int m = static_cast<int>(e_.projects.size());
  // low[g] <= every budget of group g over the range <= high[g].
  std::vector<Int128> low(groups_.size(), lo), high(groups_.size(), hi);
  std::vector<char> open(m, 0), priced(m, 0);
  for (int p = 0; p < m; ++p) open[p] = cost_[p] > 0 && !supporters_[p].empty();
  // Per project, a lower bound of its price over the range: its price at `high` (prices
  // fall as budgets rise) from the step it was last priced at (prices rise during a run).
  std::vector<Int128> bound_num(m), bound_den(m);
  std::vector<char> full;
  for (int best : order) {
    Int128 num_min = 0, w_min = 0, num_max = 0, w_max = 0;
    if (!Price(best, high, full, num_min, w_min)) return false;
    if (!Price(best, low, full, num_max, w_max)) return false;
    // The winner's price is at most num_max / (w_max C); every rival's must stay above it.
    const Int128 w_den = w_max * cost_[best];
    for (int p = 0; p < m; ++p) {
      if (!open[p] || p == best || twin_class_[p] == twin_class_[best]) continue;
      if (priced[p] && CompareProducts(bound_num[p], w_den, num_max, bound_den[p]) > 0) continue;
      Int128 num = 0, weight = 0;
      if (!Price(p, high, full, num, weight)) {
        open[p] = 0;  // unaffordable at the highest budgets: everywhere, for good
        continue;
      }
      bound_num[p] = num;
      bound_den[p] = weight * cost_[p];
      priced[p] = 1;
      if (CompareProducts(num, w_den, num_max, bound_den[p]) <= 0) return false;
    }
    // A supporter pays min(b, q * points) rounded up to a whole sub-unit, q between the
    // price at `high` and at `low`; the new budget is an integer, hence the ceilings.
    for (const Supporter& s : supporters_[best]) {
      const int g = s.group;
      low[g] = std::max<Int128>(0, low[g] - CeilDiv(num_max * s.points, w_max));
      high[g] = std::max<Int128>(0, high[g] - CeilDiv(num_min * s.points, w_min));
    }
    open[best] = 0;
  }
  for (int p = 0; p < m; ++p) {
    if (!open[p]) continue;
    Int128 money = 0;
    for (const Supporter& s : supporters_[p]) money += s.count * high[s.group];
    if (money >= cost_[p]) return false;
  }
  return true;
}

}  // namespace yhdessa::tally
