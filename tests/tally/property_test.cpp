// Properties every rule must have, checked on random elections.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/tally/election_builder.h"
#include "tests/tally/reference_mes.h"
#include "voting-server/tally/greedy.h"
#include "voting-server/tally/mes.h"
#include "voting-server/tally/mes_add1.h"

namespace yhdessa::tally {
namespace {

using testing::RandomElection;
using testing::SelectedIds;

std::vector<TallyResult> AllRules(const Election& e, TieBreak tb) {
  return {Greedy(e, tb), Mes(e, tb), MesAdd1(e, tb)};
}

TEST_CASE("no rule ever goes over the budget, and total_cost is the sum of what it selected") {
  std::mt19937 rng(1);
  for (int round = 0; round < 300; ++round) {
    Election e = RandomElection(rng, round % 2 == 1);
    for (const TallyResult& r : AllRules(e, TieBreak::kDefault)) {
      int64_t sum = 0;
      for (int p : r.selected) sum += e.projects[p].cost;
      CHECK(sum == r.total_cost);
      CHECK(r.total_cost <= e.budget);
    }
  }
}

TEST_CASE("greedy equals its definition") {
  // Every unselected project is more expensive than what was left when its turn came, and
  // every project before it in vote order was considered first.
  std::mt19937 rng(2);
  for (int round = 0; round < 300; ++round) {
    Election e = RandomElection(rng, round % 2 == 1);
    TieBreak tb = round % 3 == 0 ? TieBreak::kId : TieBreak::kDefault;
    TallyResult r = Greedy(e, tb);
    std::vector<int64_t> votes = VoteCounts(e);
    TieOrder tie(e, votes, tb);
    for (size_t p = 0; p < e.projects.size(); ++p) {
      // Money spent on projects ranked before p.
      int64_t before = 0;
      for (int q : r.selected) {
        bool ranked_before = votes[q] > votes[p] || (votes[q] == votes[p] && tie.Before(q, p));
        if (ranked_before) before += e.projects[q].cost;
      }
      bool fits = e.projects[p].cost <= e.budget - before;
      CHECK(r.projects[p].selected == fits);
    }
    // Selection order is vote order.
    for (size_t i = 1; i < r.selected.size(); ++i) {
      int a = r.selected[i - 1], b = r.selected[i];
      CHECK((votes[a] > votes[b] || (votes[a] == votes[b] && tie.Before(a, b))));
    }
  }
}

TEST_CASE("MES never buys a project its supporters cannot pay for, and equals the reference") {
  std::mt19937 rng(3);
  for (int round = 0; round < 300; ++round) {
    Election e = RandomElection(rng, round % 2 == 1);
    TieBreak tb = round % 3 == 0 ? TieBreak::kId : TieBreak::kDefault;
    TallyResult r = Mes(e, tb);
    testing::ReferenceOutcome ref =
        testing::ReferenceMes(e, tb, static_cast<Int128>(e.budget) * 1000);
    CHECK_FALSE(ref.overspent);
    CHECK(r.selected == ref.order);
    // Each selected project was paid by its supporters out of their equal shares.
    for (int p : r.selected) {
      CHECK(r.projects[p].mes->supporters *
                    (e.budget / std::max<int64_t>(static_cast<int64_t>(e.ballots.size()), 1)) +
                r.projects[p].mes->supporters >=
            e.projects[p].cost);
    }
  }
}

TEST_CASE("results do not depend on the order of the ballots") {
  std::mt19937 rng(4);
  for (int round = 0; round < 200; ++round) {
    Election e = RandomElection(rng, round % 2 == 1);
    Election shuffled = e;
    std::shuffle(shuffled.ballots.begin(), shuffled.ballots.end(), rng);
    auto a = AllRules(e, TieBreak::kDefault), b = AllRules(shuffled, TieBreak::kDefault);
    for (size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].selected == b[i].selected);
      CHECK(a[i].total_cost == b[i].total_cost);
    }
  }
}

}  // namespace
}  // namespace yhdessa::tally
