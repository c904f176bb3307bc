#include "voting-server/tally/greedy.h"

#include <catch2/catch.hpp>

#include "tests/tally/election_builder.h"

namespace yhdessa::tally {
namespace {

using testing::AddBallots;
using testing::AddPointBallots;
using testing::MakeElection;
using testing::SelectionOrder;

TEST_CASE("greedy takes projects by votes and skips those that no longer fit") {
  Election e = MakeElection(10, {{"a", 6}, {"b", 5}, {"c", 4}});
  AddBallots(e, 3, {"a"});
  AddBallots(e, 2, {"b"});
  AddBallots(e, 1, {"c"});
  TallyResult r = Greedy(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"a", "c"});
  CHECK(r.total_cost == 1000);
  CHECK(r.projects[0].votes == 3);
  CHECK_FALSE(r.projects[1].selected);
  CHECK(r.ties.empty());
}

TEST_CASE("greedy counts points on cumulative ballots") {
  Election e = MakeElection(10, {{"a", 6}, {"b", 6}});
  AddPointBallots(e, 2, {"a", "b"}, {1, 4});  // b: 8 points, a: 2 + 3 = 5
  AddPointBallots(e, 1, {"a"}, {3});
  TallyResult r = Greedy(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"b"});
  CHECK(r.projects[0].votes == 5);
  CHECK(r.projects[1].votes == 8);
}

TEST_CASE("greedy tie: default prefers the lower cost, id mode the smaller id, both reported") {
  Election e = MakeElection(60, {{"a", 50}, {"b", 40}});
  AddBallots(e, 2, {"a", "b"});
  TallyResult r = Greedy(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"b"});
  REQUIRE(r.ties.size() == 1);
  CHECK(r.ties[0].winners == std::vector<int>{1});
  CHECK(r.ties[0].losers == std::vector<int>{0});
  CHECK(r.ties[0].reason == "lower cost");

  TallyResult by_id = Greedy(e, TieBreak::kId);
  CHECK(SelectionOrder(e, by_id) == std::vector<std::string>{"a"});
  REQUIRE(by_id.ties.size() == 1);
  CHECK(by_id.ties[0].reason == "id");
}

TEST_CASE("greedy default tie-break falls back to ids (byte order) at equal cost") {
  Election e = MakeElection(50, {{"9", 50}, {"10", 50}});
  AddBallots(e, 1, {"9", "10"});
  TallyResult r = Greedy(e, TieBreak::kDefault);
  CHECK(SelectionOrder(e, r) == std::vector<std::string>{"10"});
  REQUIRE(r.ties.size() == 1);
  CHECK(r.ties[0].reason == "id");
}

TEST_CASE("a tie that decides nothing is not reported") {
  Election e = MakeElection(100, {{"a", 50}, {"b", 40}});
  AddBallots(e, 2, {"a", "b"});
  TallyResult r = Greedy(e, TieBreak::kDefault);
  CHECK(r.selected.size() == 2);
  CHECK(r.ties.empty());
}

}  // namespace
}  // namespace yhdessa::tally
