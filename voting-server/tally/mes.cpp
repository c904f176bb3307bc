#include "voting-server/tally/mes.h"

#include <algorithm>

namespace yhdessa::tally {

namespace {

// ComputePrice for a project every supporter of which gives 1 point, on integers of type
// T (Int128, or int64_t when every sum fits in it: see MesEngine::narrow_). Then
// b * weight < num holds exactly when b < ceil(num / weight), so each pass compares
// budgets with one integer limit instead of multiplying. The limit is taken at the start
// of a pass; voters who leave during it raise the running q, and the next pass catches
// those now below it. Branch-free: whether a budget is below the limit is as good as
// random, and mispredicted branches cost more than the masked arithmetic.
template <typename T, typename Supporter>
bool OnePointPrice(const std::vector<Supporter>& sup, const T* budget, T cost, T weight,
                   std::vector<int>& scratch, MesPrice& price) {
  if (weight <= 0) return false;
  auto ceil_div = [](T a, T b) { return a / b + (a % b != 0 ? 1 : 0); };
  T num = cost;
  T limit = ceil_div(num, weight);
  // Warm start: a voter below a lower bound of q is below q and pays all, so the first
  // pass may use the stale q instead of cost / weight; fewer passes follow. The fixed point
  // is the same (the smallest q with sum_i min(b_i, q) = cost): every voter set aside is
  // one that pays all there, and the loop stops only when nobody left is below q.
  if (price.q_den > 0 && price.num > 0) {
    const Int128 stale = CeilDiv(price.num, price.q_den);
    if (stale > limit && stale <= cost) limit = static_cast<T>(stale);
  }
  scratch.resize(sup.size());
  int* kept_list = scratch.data();
  size_t kept = 0;
  // Each pass also finds the least budget kept: when it is not below the next limit, the
  // next pass would set nobody aside, and is not made. It starts at `cost`, which no limit
  // exceeds (num <= cost, weight >= 1), so "nobody kept" also ends the loop.
  T total = 0, gone = 0, gone_count = 0, least = cost;
  for (size_t i = 0; i < sup.size(); ++i) {
    const T b = budget[sup[i].group];
    const T count = sup[i].count;
    const T money = count * b;
    total += money;
    const bool below = b < limit;
    gone += below ? money : 0;
    gone_count += below ? count : 0;
    least = below || least < b ? least : b;
    kept_list[kept] = static_cast<int>(i);
    kept += below ? 0 : 1;
  }
  if (total < cost) return false;
  num -= gone;
  weight -= gone_count;
  while (weight > 0) {
    limit = ceil_div(num, weight);
    if (least >= limit) break;
    const size_t before = kept;
    kept = 0;
    gone = 0;
    gone_count = 0;
    least = cost;
    for (size_t i = 0; i < before; ++i) {
      const Supporter& s = sup[kept_list[i]];
      const T b = budget[s.group];
      const bool below = b < limit;
      gone += below ? s.count * b : 0;
      gone_count += below ? s.count : 0;
      least = below || least < b ? least : b;
      kept_list[kept] = kept_list[i];
      kept += below ? 0 : 1;
    }
    num -= gone;
    weight -= gone_count;
  }
  if (weight <= 0) return false;  // cannot happen when total >= cost; kept as a guard
  price.num = num;
  price.q_den = weight;
  price.den = static_cast<Int128>(weight) * cost;
  return true;
}

}  // namespace

MesEngine::MesEngine(const Election& e, TieBreak tie_break)
    : e_(e), tie_break_(tie_break), votes_(VoteCounts(e)), groups_(GroupIdenticalBallots(e)) {
  voters_ = static_cast<int64_t>(e.ballots.size());
  subunits_per_cent_ =
      static_cast<Int128>(std::max<int64_t>(voters_, 1)) * kSubunitsPerCentPerVoter;
  const size_t m = e.projects.size();
  supporters_.resize(m);
  supporter_count_.assign(m, 0);
  total_weight_.assign(m, 0);
  one_point_each_.assign(m, 1);
  cost_.resize(m);
  for (size_t p = 0; p < m; ++p) cost_[p] = e.projects[p].cost * subunits_per_cent_;
  for (size_t g = 0; g < groups_.size(); ++g) {
    for (size_t k = 0; k < groups_[g].projects.size(); ++k) {
      int p = groups_[g].projects[k];
      supporters_[p].push_back({static_cast<int>(g), groups_[g].points[k], groups_[g].count});
      supporter_count_[p] += groups_[g].count;
      total_weight_[p] += static_cast<Int128>(groups_[g].count) * groups_[g].points[k];
      if (groups_[g].points[k] != 1) one_point_each_[p] = 0;
    }
  }
  budget_.resize(groups_.size());
  budget64_.resize(groups_.size());
  for (size_t p = 0; p < m; ++p) max_cost_ = std::max(max_cost_, cost_[p]);
  if (voters_ <= INT32_MAX) {
    narrow_supporters_.resize(m);
    for (size_t p = 0; p < m; ++p) {
      if (!one_point_each_[p]) continue;
      for (const Supporter& s : supporters_[p])
        narrow_supporters_[p].push_back({s.group, static_cast<int32_t>(s.count)});
    }
  }
  // Projects sharing a supporter with p: the only prices a purchase of p can change.
  neighbours_.resize(m);
  std::vector<int> seen(m, -1);
  for (size_t p = 0; p < m; ++p) {
    for (const Supporter& s : supporters_[p]) {
      for (int other : groups_[s.group].projects) {
        if (seen[other] == static_cast<int>(p)) continue;
        seen[other] = static_cast<int>(p);
        neighbours_[p].push_back(other);
      }
    }
  }
}

Int128 MesEngine::EqualShare() const {
  // budget / n cents = budget * 1000 sub-units, exactly.
  return static_cast<Int128>(e_.budget) * kSubunitsPerCentPerVoter;
}

Int128 MesEngine::ShareOfCents(int64_t cents) const {
  return cents * subunits_per_cent_;
}

bool MesEngine::ComputePrice(int project, Price& price) {
  const std::vector<Supporter>& sup = supporters_[project];
  const Int128 cost = cost_[project];
  // Find q with sum_i min(b_i, q * w_i) = cost: voters below the running q pay all they
  // have and leave; q only rises as they leave, so the loop ends with the exact q. The
  // first pass also sums what the supporters have, to see whether they can pay at all.
  Int128 total = 0, num = cost, weight = total_weight_[project];
  scratch_.clear();
  if (one_point_each_[project]) {
    return narrow_ ? ComputeOnePointPriceNarrow(project, price)
                   : ComputeOnePointPrice(project, price);
  }
  for (size_t i = 0; i < sup.size(); ++i) {
    const Supporter& s = sup[i];
    const Int128 b = Budget(s.group);
    const Int128 money = s.count * b;
    total += money;
    if (b * weight < num * s.points) {
      num -= money;
      weight -= static_cast<Int128>(s.count) * s.points;
    } else {
      scratch_.push_back(static_cast<int>(i));
    }
  }
  if (total < cost) return false;
  bool changed = true;
  while (changed && weight > 0) {
    changed = false;
    size_t kept = 0;
    for (size_t i = 0; i < scratch_.size(); ++i) {
      const Supporter& s = sup[scratch_[i]];
      const Int128 b = Budget(s.group);
      if (b * weight < num * s.points) {
        num -= s.count * b;
        weight -= static_cast<Int128>(s.count) * s.points;
        changed = true;
      } else {
        scratch_[kept++] = scratch_[i];
      }
    }
    scratch_.resize(kept);
  }
  if (weight <= 0) return false;  // cannot happen when total >= cost; kept as a guard
  price.num = num;
  price.q_den = weight;
  price.den = weight * cost;
  return true;
}

bool MesEngine::ComputeOnePointPrice(int project, Price& price) {
  return OnePointPrice(supporters_[project], budget_.data(), cost_[project], total_weight_[project],
                       scratch_, price);
}

bool MesEngine::ComputeOnePointPriceNarrow(int project, Price& price) {
  // The same values on 64-bit integers: no sum of budgets (at most voters * share), cost,
  // or difference of the two leaves int64 when narrow_ holds (Run).
  return OnePointPrice(narrow_supporters_[project], budget64_.data(),
                       static_cast<int64_t>(cost_[project]),
                       static_cast<int64_t>(total_weight_[project]), scratch_, price);
}

int MesEngine::ComparePrice(const Price& a, const Price& b) const {
  return CompareProducts(a.num, b.den, b.num, a.den);
}

TallyResult MesEngine::Run(Int128 share, bool explain, const MesTrace* above, MesTrace* record) {
  const int m = static_cast<int>(e_.projects.size());
  TallyResult result;
  result.projects.resize(m);
  for (int p = 0; p < m; ++p) result.projects[p].votes = votes_[p];
  // Budgets never rise above the share, so every sum of them is at most voters * share.
  constexpr Int128 kNarrowLimit = INT64_MAX;
  narrow_ = !narrow_supporters_.empty() && share >= 0 && max_cost_ <= kNarrowLimit &&
            static_cast<Int128>(std::max<int64_t>(voters_, 1)) * share <= kNarrowLimit;
  if (narrow_) {
    std::fill(budget64_.begin(), budget64_.end(), static_cast<int64_t>(share));
  } else {
    std::fill(budget_.begin(), budget_.end(), share);
  }
  TieOrder tie(e_, votes_, tie_break_);

  std::vector<char> alive(m, 0), dirty(m, 1);
  std::vector<Price> price(m);
  std::vector<double> estimate(m);
  for (int p = 0; p < m; ++p) {
    dirty[p] = 0;
    if (cost_[p] <= 0 || supporters_[p].empty()) continue;
    if (one_point_each_[p]) {
      // Everyone starts with `share` and gives 1 point: affordable iff the supporters
      // together have the cost, and then nobody is short (share >= cost / supporters).
      Int128 count = supporter_count_[p];
      if (count * share < cost_[p]) continue;
      price[p].num = cost_[p];
      price[p].q_den = count;
      price[p].den = count * cost_[p];
      alive[p] = 1;
    } else {
      alive[p] = ComputePrice(p, price[p]);
    }
  }
  std::vector<int> order;
  std::vector<int> tied;
  int step = 0;
  if (record != nullptr) {
    record->bought.clear();
    record->paid.clear();
    record->priced.clear();
    for (int p = 0; p < m; ++p) record->priced.push_back({0, p, alive[p] != 0, price[p]});
  }
  // Lower bounds from the run above (mes_trace.h), valid while this run buys what it bought.
  bool follow = above != nullptr;
  size_t next_priced = 0;
  std::vector<Price> bound;
  std::vector<char> bound_state;  // 0: none, 1: new bound, 2: applied, 3: unaffordable
  if (follow) {
    bound.resize(m);
    bound_state.assign(m, 0);
  }
  auto reprice = [&](int p) {
    const bool ok = ComputePrice(p, price[p]);
    if (record != nullptr) record->priced.push_back({step, p, ok, price[p]});
    return ok;
  };
  while (true) {
    if (follow) {
      for (; next_priced < above->priced.size() && above->priced[next_priced].step <= step;
           ++next_priced) {
        const MesTrace::Priced& x = above->priced[next_priced];
        if (!x.affordable) {
          bound_state[x.project] = 3;
        } else if (bound_state[x.project] != 3) {
          bound[x.project] = x.price;
          bound_state[x.project] = 1;
        }
      }
      // Only stale prices take a bound: a fresh one is exact and at least the bound.
      for (int p = 0; p < m; ++p) {
        if (!alive[p] || !dirty[p] || bound_state[p] == 0 || bound_state[p] == 2) continue;
        if (bound_state[p] == 3) {
          alive[p] = 0;
        } else {
          if (ComparePrice(bound[p], price[p]) > 0) price[p] = bound[p];
          bound_state[p] = 2;
        }
      }
    }
    // Prices only rise during a run (budgets only fall), so a stale price is a lower bound:
    // a project whose stale price already exceeds the best fresh one is skipped unpriced.
    order.clear();
    for (int p = 0; p < m; ++p) {
      if (alive[p]) order.push_back(p);
    }
    // The visiting order only needs to be good, not exact (every project is still checked
    // exactly below), so sort by a floating-point estimate: far cheaper than exact keys.
    for (int p : order)
      estimate[p] = static_cast<double>(price[p].num) / static_cast<double>(price[p].den);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return estimate[a] < estimate[b]; });
    int best = -1;
    tied.clear();
    for (int p : order) {
      if (best >= 0 && ComparePrice(price[p], price[best]) > 0) continue;
      if (dirty[p]) {
        dirty[p] = 0;
        if (!reprice(p)) {
          alive[p] = 0;
          continue;
        }
      }
      if (best < 0) {
        best = p;
        tied.assign(1, p);
        continue;
      }
      int c = ComparePrice(price[p], price[best]);
      if (c < 0) {
        best = p;
        tied.assign(1, p);
      } else if (c == 0) {
        tied.push_back(p);
        if (tie.Before(p, best)) best = p;
      }
    }
    if (best < 0) break;
    if (record != nullptr && record->fresh_within > 0) {
      // Tighter bounds for the trace's users where they need them (SameRunsBetween): the
      // stale prices close above the winner's. Repricing never changes what a run buys.
      const double limit = static_cast<double>(price[best].num) /
                           static_cast<double>(price[best].den) * (1 + record->fresh_within);
      for (int p : order) {
        if (estimate[p] > limit) break;
        if (!alive[p] || !dirty[p]) continue;
        dirty[p] = 0;
        if (!reprice(p)) alive[p] = 0;
      }
    }
    if (record != nullptr) {
      record->bought.push_back(best);
      record->paid.push_back(price[best]);
    }
    if (follow &&
        (static_cast<size_t>(step) >= above->bought.size() || above->bought[step] != best))
      follow = false;
    ++step;
    if (tied.size() > 1) {
      std::sort(tied.begin(), tied.end(), [&](int a, int b) { return tie.Before(a, b); });
      TieRecord t;
      t.step = step;
      t.tied = tied;
      t.winners = {best};
      t.losers.assign(tied.begin() + 1, tied.end());
      t.reason = tie.Reason(tied[0], tied[1]);
      result.ties.push_back(std::move(t));
    }
    // Charge the supporters of `best`.
    const Price& pr = price[best];
    // Everyone with the same points pays the same: one division per distinct points value.
    // A voter short of q * points pays all: b * q_den < num * points, which for a whole b
    // is b < ceil(num * points / q_den), the payment itself.
    if (narrow_ && one_point_each_[best]) {
      // One payment for all, on the 64-bit budgets (a payment beyond them takes all).
      const Int128 pay = CeilDiv(pr.num, pr.q_den);
      const int64_t pay64 = pay > INT64_MAX ? INT64_MAX : static_cast<int64_t>(pay);
      int64_t* budget = budget64_.data();
      // max(b - pay, 0) without a branch (b, pay >= 0, so b - pay cannot overflow): who is
      // short is as good as random, and mispredictions cost more than the arithmetic.
      for (const NarrowSupporter& s : narrow_supporters_[best]) {
        const int64_t left = budget[s.group] - pay64;
        budget[s.group] = left & ~(left >> 63);
      }
    } else {
      int64_t cached_points = -1;
      Int128 cached_pay = 0;
      for (const Supporter& s : supporters_[best]) {
        if (s.points != cached_points) {
          cached_points = s.points;
          cached_pay = CeilDiv(pr.num * s.points, pr.q_den);
        }
        const Int128 b = Budget(s.group);
        SetBudget(s.group, b < cached_pay ? 0 : b - cached_pay);
      }
    }
    for (int other : neighbours_[best]) dirty[other] = 1;
    alive[best] = 0;
    result.selected.push_back(best);
    result.total_cost += e_.projects[best].cost;
    ProjectResult& r = result.projects[best];
    r.selected = true;
    MesExplanation x;
    x.supporters = supporter_count_[best];
    x.step = step;
    x.max_payment_cents = static_cast<int64_t>(RoundDiv(pr.num, pr.q_den * subunits_per_cent_));
    r.mes = x;
  }
  for (int p = 0; p < m && explain; ++p) {
    ProjectResult& r = result.projects[p];
    if (r.selected) continue;
    MesExplanation x;
    x.supporters = supporter_count_[p];
    Int128 left = 0;
    for (const Supporter& s : supporters_[p]) left += s.count * Budget(s.group);
    x.money_left_cents = static_cast<int64_t>(RoundDiv(left, subunits_per_cent_));
    r.mes = x;
  }
  return result;
}

bool MesEngine::SameRunsBetween(const MesTrace& low, const MesTrace& high) const {
  // Induction over the steps (mes_trace.h): while every run in between has bought what
  // both ends bought, its winner's price is at most the low run's and every other price at
  // least the high run's bound, so a strict gap (or an equal bound that the tie-break
  // decides for the winner) leaves the winner the same; a project the high run found
  // unaffordable stays so, and the high run ends only when every project left is.
  if (low.bought != high.bought) return false;
  const int m = static_cast<int>(e_.projects.size());
  TieOrder tie(e_, votes_, tie_break_);
  std::vector<const MesPrice*> bound(m, nullptr);  // nullptr: unaffordable or bought
  size_t next = 0;
  for (size_t step = 0; step <= high.bought.size(); ++step) {
    for (; next < high.priced.size() && high.priced[next].step <= static_cast<int>(step); ++next) {
      const MesTrace::Priced& x = high.priced[next];
      bound[x.project] = x.affordable ? &x.price : nullptr;
    }
    if (step == high.bought.size()) {
      // The high run stopped having found every project left unaffordable; so does every
      // run below it. (A project still priced here would be a trace from another run.)
      for (int p = 0; p < m; ++p) {
        if (bound[p] != nullptr) return false;
      }
      return true;
    }
    const int w = high.bought[step];
    const MesPrice& paid = low.paid[step];
    for (int p = 0; p < m; ++p) {
      if (p == w || bound[p] == nullptr) continue;
      const int c = ComparePrice(*bound[p], paid);
      if (c < 0 || (c == 0 && !tie.Before(w, p))) return false;
    }
    // Bought projects take no part in later steps; their entries are never replayed again.
    bound[w] = nullptr;
  }
  return true;
}

TallyResult Mes(const Election& e, TieBreak tie_break) {
  MesEngine engine(e, tie_break);
  TallyResult r = engine.Run(engine.EqualShare());
  r.share_cents = engine.voters() > 0 ? e.budget / engine.voters() : 0;
  r.mes_runs = 1;
  return r;
}

}  // namespace yhdessa::tally
