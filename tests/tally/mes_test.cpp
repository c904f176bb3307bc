#include "voting-server/tally/mes.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>

#include "tests/tally/election_builder.h"
#include "tests/tally/reference_mes.h"
#include "voting-server/tally/greedy.h"

namespace yhdessa::tally {
namespace {

using testing::AddBallots;
using testing::AddPointBallots;
using testing::MakeElection;
using testing::RandomElection;
using testing::SelectedIds;
using testing::SelectionOrder;

// The classic case: a majority of 3 wants a and b, a minority of 2 wants c, budget 100.
// Greedy gives the majority everything it wants; MES gives each group what its share buys.
Election MajorityMinority() {
  Election e = MakeElection(100, {{"a", 40}, {"b", 40}, {"c", 40}});
  AddBallots(e, 3, {"a", "b"});
  AddBallots(e, 2, {"c"});
  return e;
}

TEST_CASE("MES and greedy differ: the minority gets its project under MES") {
  Election e = MajorityMinority();
  CHECK(SelectedIds(e, Greedy(e, TieBreak::kDefault)) == std::vector<std::string>{"a", "b"});
  TallyResult r = Mes(e, TieBreak::kDefault);
  // a: 3 pay 13.33 each (rho 1/3); c: 2 pay 20 each (rho 1/2); b: the majority has 20 left.
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"a", "c"});
  CHECK(r.total_cost == 8000);
  CHECK(r.share_cents == 2000);
  REQUIRE(r.projects[0].mes);
  CHECK(r.projects[0].mes->step == 1);
  CHECK(r.projects[0].mes->supporters == 3);
  CHECK(r.projects[0].mes->max_payment_cents == 1333);
  CHECK(r.projects[2].mes->max_payment_cents == 2000);
  REQUIRE(r.projects[1].mes);
  CHECK_FALSE(r.projects[1].selected);
  CHECK(r.projects[1].mes->supporters == 3);
  CHECK(r.projects[1].mes->money_left_cents == 2000);  // 3 x 6.67, less than the 40 it costs
}

TEST_CASE("MES with cost utilities prefers the lower price per unit of cost") {
  // Both affordable; x costs 30 and its 3 supporters pay 10 each (rho 1/3), y costs 10 and
  // its 1 supporter pays 10 (rho 1). x first, then y if money is left.
  Election e = MakeElection(40, {{"x", 30}, {"y", 10}});
  AddBallots(e, 3, {"x"});
  AddBallots(e, 1, {"y"});
  TallyResult r = Mes(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"x", "y"});
}

TEST_CASE("MES: a supporter who has less than the equal part pays all they have left") {
  // 8 voters, share 25. a (50) has 5 supporters (10 each, rho 1/5) and goes first; v1, who
  // also supports b, then has 15. b (80): v1 pays its 15, the 3 others 65 / 3 = 21.67 each.
  Election e = MakeElection(200, {{"a", 50}, {"b", 80}});
  AddBallots(e, 1, {"a", "b"});
  AddBallots(e, 3, {"b"});
  AddBallots(e, 4, {"a"});
  TallyResult r = Mes(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"a", "b"});
  CHECK(r.projects[0].mes->max_payment_cents == 1000);
  CHECK(r.projects[1].mes->max_payment_cents == 2167);
  CHECK(r.projects[1].mes->step == 2);
}

TEST_CASE("MES with cumulative ballots: payment proportional to points") {
  // share 50 each. a (cost 60): v1 gives 2 points, v2 1 point: q per point = 20 -> v1 pays
  // 40, v2 pays 20; rho = 20/60. b (cost 50) by v2 alone with 1 point: v2 has 30 left.
  Election e = MakeElection(100, {{"a", 60}, {"b", 50}});
  AddPointBallots(e, 1, {"a"}, {2});
  AddPointBallots(e, 1, {"a", "b"}, {1, 1});
  TallyResult r = Mes(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"a"});
  CHECK(r.projects[0].mes->max_payment_cents == 2000);
  CHECK(r.projects[1].mes->money_left_cents == 3000);
}

TEST_CASE("MES tie at equal price: default lower cost, id mode smaller id, reported") {
  // a and b have the same supporters: each costs its supporters the same share of its cost.
  Election e = MakeElection(60, {{"a", 50}, {"b", 40}});
  AddBallots(e, 4, {"a", "b"});
  TallyResult r = Mes(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"b"});
  REQUIRE(r.ties.size() == 1);
  CHECK(r.ties[0].step == 1);
  CHECK(r.ties[0].tied == std::vector<int>{1, 0});
  CHECK(r.ties[0].reason == "lower cost");
  TallyResult by_id = Mes(e, TieBreak::kId);
  CHECK(SelectionOrder(e, by_id) == std::vector<std::string>{"a"});
  REQUIRE(by_id.ties.size() == 1);
  CHECK(by_id.ties[0].reason == "id");
}

TEST_CASE("MES never buys projects nobody supports or that cost nothing") {
  Election e = MakeElection(100, {{"a", 10}, {"free", 0}});
  AddBallots(e, 2, {"free"});
  TallyResult r = Mes(e, TieBreak::kDefault);
  CHECK(r.selected.empty());
  CHECK(r.projects[0].mes->supporters == 0);
}

TEST_CASE("MES with no voters selects nothing") {
  Election e = MakeElection(100, {{"a", 10}});
  TallyResult r = Mes(e, TieBreak::kDefault);
  CHECK(r.selected.empty());
}

TEST_CASE("MES runs equal the reference on both sides of the 64-bit budget limit") {
  // The engine keeps budgets in 64 bits while voters * share fits in int64 (and every cost
  // does), in 128 bits beyond; prices and payments must not depend on which. Costs are
  // scaled up so that the limit share L = INT64_MAX / n falls where the voters can just
  // afford a few projects.
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    Election e = RandomElection(rng, round % 2 == 1);
    const int64_t n = static_cast<int64_t>(e.ballots.size());
    if (n == 0) continue;
    int64_t max_cost = 1;
    for (const Project& p : e.projects) max_cost = std::max(max_cost, p.cost);
    const int64_t scale = INT64_MAX / 2 / (max_cost * 1000 * n);
    for (Project& p : e.projects) p.cost *= scale;
    e.budget *= scale;
    const TieBreak tb = round % 3 == 0 ? TieBreak::kId : TieBreak::kDefault;
    MesEngine engine(e, tb);
    const Int128 limit = INT64_MAX / n;
    for (Int128 share : {limit / 4, limit / 3, limit - 1, limit, limit + 1, 2 * limit}) {
      CHECK(engine.Run(share, false).selected == testing::ReferenceMes(e, tb, share).order);
    }
  }
}

}  // namespace
}  // namespace yhdessa::tally
