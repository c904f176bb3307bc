#include "voting-server/tally/mes_add1.h"

#include <catch2/catch.hpp>

#include "tests/tally/election_builder.h"
#include "tests/tally/reference_mes.h"
#include "voting-server/tally/mes.h"

namespace yhdessa::tally {
namespace {

using testing::AddBallots;
using testing::MakeElection;
using testing::SelectedIds;
using testing::SelectionOrder;

TEST_CASE("add1 raises the share until the outcome is exhaustive") {
  // 4 voters, budget 100, share 25. a (60) by v1..v3; b (40) by v4 alone. MES buys a only;
  // at a share of 40 v4 can pay for b and a + b = 100 fits exactly.
  Election e = MakeElection(100, {{"a", 60}, {"b", 40}});
  AddBallots(e, 3, {"a"});
  AddBallots(e, 1, {"b"});
  CHECK(SelectedIds(e, Mes(e, TieBreak::kDefault)) == std::vector<std::string>{"a"});
  TallyResult r = MesAdd1(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"a", "b"});
  CHECK(r.share_cents == 4000);
  CHECK(r.mes_runs == 16);  // the first run, then shares 26..40
  CHECK_FALSE(r.projects[1].selected_by_completion);
}

TEST_CASE("add1 keeps the last outcome within budget, then completes greedily") {
  // share 25. a (60) by v1..v3, b (45) by v4, c (30) by v1. From a share of 45 MES buys a
  // and b (105 > 100): stop and keep the share-44 outcome {a}; greedy then adds c (b does
  // not fit in the 40 left).
  Election e = MakeElection(100, {{"a", 60}, {"b", 45}, {"c", 30}});
  AddBallots(e, 2, {"a"});
  AddBallots(e, 1, {"a", "c"});
  AddBallots(e, 1, {"b"});
  TallyResult r = MesAdd1(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"a", "c"});
  CHECK(r.share_cents == 4400);
  CHECK(r.mes_runs == 21);
  CHECK(r.projects[2].selected_by_completion);
  CHECK_FALSE(r.projects[0].selected_by_completion);
  CHECK(r.total_cost == 9000);
}

TEST_CASE("add1 stops when everything supported is bought and the rest has no votes") {
  // Without the bound the loop would run forever: u has no supporters and always fits.
  Election e = MakeElection(100, {{"a", 10}, {"u", 5}});
  AddBallots(e, 50, {"a"});
  TallyResult r = MesAdd1(e, TieBreak::kDefault);
  CHECK(SelectedIds(e, r) == std::vector<std::string>{"a", "u"});
  CHECK(r.projects[1].selected_by_completion);
}

TEST_CASE("add1 equals the naive loop on random small elections") {
  std::mt19937 rng(20261122);
  for (int round = 0; round < 300; ++round) {
    INFO("round " << round);
    Election e = testing::RandomElection(rng, round % 3 == 2);
    REQUIRE(Validate(e).ok());
    for (TieBreak tb : {TieBreak::kDefault, TieBreak::kId}) {
      std::vector<int> fast = MesAdd1(e, tb).selected;
      std::sort(fast.begin(), fast.end());
      CHECK(fast == testing::ReferenceMesAdd1(e, tb));
    }
  }
}

}  // namespace
}  // namespace yhdessa::tally
