// Results of a closed round: refusal before close, the hand-worked example where greedy and
// MES differ, the JSON a template renders, anonymised export, deterministic files.
#include "voting-server/results/round_results.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "temp_dir.h"
#include "voting-server/results/ballot_order.h"
#include "voting-server/results/results_command.h"
#include "voting-server/results/results_files.h"
#include "voting-server/storage/sqlite_store.h"
#include "voting-server/tally/greedy.h"
#include "voting-server/tally/mes.h"
#include "voting-server/tally/pabulib_reader.h"

using namespace yhdessa;
using namespace yhdessa::vote;
using yhdessa::vote::testing::TempDir;

namespace {

// 2025-10-01T12:00:00Z: after the round below has closed.
constexpr int64_t kAfterClose = 1759320000;
constexpr int64_t kDuring = 1757937600;  // 2025-09-15T12:00:00Z
constexpr int64_t kBefore = 1754006400;  // 2025-08-01T00:00:00Z

// One area, 100 euros. Five voters approve x (60 €) and y (30 €), one approves x only,
// four approve z (40 €). Greedy takes x then y (90 €), z no longer fits: 6 of 10 voters got
// something. MES gives each voter 10 €: x costs its 6 supporters 10 € each (rho 1/6), y
// would cost 6 € each of 5 (1/5), z 10 € each of 4 (1/4); x is bought, its supporters
// have nothing left so y is out, z is bought: every voter got something.
RoundDefinition Round() {
  RoundDefinition r;
  r.id = "pilotti-2025";
  r.title = "Pilotti 2025";
  r.opens = "2025-09-01T09:00:00+03:00";
  r.closes = "2025-09-30T23:59:00+03:00";
  r.rule = "mes";
  r.min_choices = 1;
  r.max_choices = 0;
  r.knapsack = true;
  r.url = "/pilotti-2025/";
  r.areas = {{"keskusta",
              "Keskusta",
              100,
              {{"x", "Iso puisto", 60, "", "/pilotti-2025/x/"},
               {"y", "Penkit", 30, "", ""},
               {"z", "Valot", 40, "", ""}}}};
  return r;
}

std::vector<StoredBallot> Ballots() {
  std::vector<StoredBallot> b;
  int n = 0;
  auto add = [&](int count, std::vector<std::string> choices) {
    for (int i = 0; i < count; ++i) {
      // Receipts deliberately not in casting order.
      b.push_back({"pilotti-2025", "keskusta", "R" + std::to_string(9 - n++), choices});
    }
  };
  add(5, {"y", "x"});
  add(1, {"x"});
  add(4, {"z"});
  return b;
}

const nlohmann::json& RuleOf(const nlohmann::json& j, const std::string& rule) {
  for (const auto& r : j["results"]) {
    if (r["rule"] == rule) return r;
  }
  FAIL("no rule " << rule);
  return j;
}

const nlohmann::json& ProposalOf(const nlohmann::json& rule, const std::string& id) {
  for (const auto& p : rule["proposals"]) {
    if (p["id"] == id) return p;
  }
  FAIL("no proposal " << id);
  return rule;
}

std::string ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// A database with the round frozen and the ten ballots cast through real codes.
void MakeDatabase(const std::string& path) {
  auto store = SqliteStore::Open(path);
  REQUIRE(store.ok());
  const RoundDefinition r = Round();
  REQUIRE((*store)->FreezeRound(r.id, {RulesFingerprint(r), RoundToJson(r)}).ok());
  const auto ballots = Ballots();
  std::vector<std::string> hashes;
  for (size_t i = 0; i < ballots.size(); ++i)
    hashes.push_back(std::string(31, 'h') + char('a' + i));
  REQUIRE((*store)->AddCodes(r.id, "keskusta", hashes).ok());
  for (size_t i = 0; i < ballots.size(); ++i) {
    REQUIRE((*store)
                ->CastBallot({hashes[i], r.id, "keskusta", true, "RCPT-" + std::to_string(100 - i),
                              ballots[i].choices})
                .ok());
  }
  (*store)->Close();
}

}  // namespace

TEST_CASE("results: refused before the round opens and while it is open", "[results]") {
  const RoundDefinition r = Round();
  Status before = CheckRoundClosed(r, kBefore);
  CHECK(before.code() == StatusCode::kFailedPrecondition);
  CHECK(before.message() ==
        "round pilotti-2025 has not opened yet (voting 2025-09-01T09:00:00+03:00 to "
        "2025-09-30T23:59:00+03:00): tally it after it closes at 2025-09-30T23:59:00+03:00");
  Status during = CheckRoundClosed(r, kDuring);
  CHECK(during.code() == StatusCode::kFailedPrecondition);
  CHECK(during.message() ==
        "round pilotti-2025 is open until 2025-09-30T23:59:00+03:00: tally it after it closes");
  // 2025-09-30T20:59:00Z is the closing minute itself: closed.
  CHECK(CheckRoundClosed(r, 1759265940).ok());
  CHECK_FALSE(CheckRoundClosed(r, 1759265939).ok());
  CHECK(CheckRoundClosed(r, kAfterClose).ok());
}

TEST_CASE("results: greedy and MES differ on the hand-worked example", "[results]") {
  const RoundDefinition r = Round();
  auto results = TallyRound(r, Ballots(), {"greedy", "mes"});
  REQUIRE(results.ok());
  REQUIRE(results->areas.size() == 1);
  const AreaResults& area = results->areas[0];
  REQUIRE(area.rules.size() == 2);  // mes is declared and not repeated
  CHECK(area.rules[0].rule == "mes");
  CHECK(area.rules[0].declared);
  CHECK(area.rules[1].rule == "greedy");

  const auto j = nlohmann::json::parse(AreaResultsJson(r, area));
  CHECK(j["round"]["id"] == "pilotti-2025");
  CHECK(j["area"]["name"] == "Keskusta");
  CHECK(j["budget_cents"] == 10000);
  CHECK(j["ballots"] == 10);
  CHECK(j["declared_rule"] == "mes");

  const auto& greedy = RuleOf(j, "greedy");
  CHECK(greedy["selected"] == nlohmann::json({"x", "y"}));
  CHECK(greedy["total_cost_cents"] == 9000);
  CHECK(greedy["budget_used_percent"] == 90);
  CHECK(greedy["voters_with_a_selected_choice"] == 6);
  CHECK(greedy["voters_with_a_selected_choice_percent"] == 60);
  CHECK(ProposalOf(greedy, "z")["selected"] == false);
  CHECK_FALSE(ProposalOf(greedy, "z").contains("mes"));

  const auto& mes = RuleOf(j, "mes");
  CHECK(mes["selected"] == nlohmann::json({"x", "z"}));
  CHECK(mes["total_cost_cents"] == 10000);
  CHECK(mes["budget_used_percent"] == 100);
  CHECK(mes["voters_with_a_selected_choice"] == 10);
  CHECK(mes["voters_with_a_selected_choice_percent"] == 100);
  CHECK(mes["ties"].empty());

  // Proposals most votes first, with what a table shows.
  REQUIRE(mes["proposals"].size() == 3);
  CHECK(mes["proposals"][0]["id"] == "x");
  CHECK(mes["proposals"][1]["id"] == "y");
  CHECK(mes["proposals"][2]["id"] == "z");
  const auto& x = ProposalOf(mes, "x");
  CHECK(x["name"] == "Iso puisto");
  CHECK(x["url"] == "/pilotti-2025/x/");
  CHECK(x["cost_cents"] == 6000);
  CHECK(x["votes"] == 6);
  CHECK(x["selection_order"] == 1);
  CHECK(ProposalOf(mes, "z")["selection_order"] == 2);
}

TEST_CASE("results: MES explanation data per proposal", "[results]") {
  const RoundDefinition r = Round();
  auto results = TallyRound(r, Ballots(), {});
  REQUIRE(results.ok());
  const auto j = nlohmann::json::parse(AreaResultsJson(r, results->areas[0]));
  const auto& mes = RuleOf(j, "mes");
  // Selected: the most any supporter paid.
  CHECK(ProposalOf(mes, "x")["mes"] == nlohmann::json({{"supporters", 6},
                                                       {"selected_by", "equal shares"},
                                                       {"max_payment_per_supporter_cents", 1000}}));
  CHECK(ProposalOf(mes, "z")["mes"]["max_payment_per_supporter_cents"] == 1000);
  // Not selected: its 5 supporters had nothing left of the 30 € it costs.
  CHECK(ProposalOf(mes, "y")["mes"] ==
        nlohmann::json({{"supporters", 5}, {"money_left_cents", 0}}));
  CHECK(ProposalOf(mes, "y")["cost_cents"] == 3000);
}

TEST_CASE("results: a ballot for a proposal the round lacks is refused", "[results]") {
  auto ballots = Ballots();
  ballots[3].choices = {"w"};
  auto results = TallyRound(Round(), ballots, {"greedy"});
  REQUIRE_FALSE(results.ok());
  CHECK(results.status().message() ==
        "round pilotti-2025, area keskusta: a ballot names proposal 'w', which the round does "
        "not have in that area");
  ballots = Ballots();
  ballots[0].area = "muualla";
  CHECK_FALSE(TallyRound(Round(), ballots, {}).ok());
}

TEST_CASE("results: shuffling keeps the multiset and changes the order", "[results]") {
  std::vector<tally::Ballot> ballots;
  for (int i = 0; i < 40; ++i) ballots.push_back({{i % 7, 7 + i % 3}, {}});
  SortBallotsCanonically(ballots);
  const auto sorted = ballots;
  REQUIRE(std::is_sorted(sorted.begin(), sorted.end(),
                         [](const auto& a, const auto& b) { return a.projects < b.projects; }));
  uint32_t state = 12345;  // a fixed sequence: the test must not depend on chance
  ShuffleBallots(ballots, [&](uint32_t bound) {
    state = state * 1103515245u + 12345u;
    return (state >> 8) % bound;
  });
  CHECK(ballots.size() == sorted.size());
  bool moved = false;
  for (size_t i = 0; i < ballots.size(); ++i)
    moved = moved || ballots[i].projects != sorted[i].projects;
  CHECK(moved);
  SortBallotsCanonically(ballots);
  for (size_t i = 0; i < ballots.size(); ++i) CHECK(ballots[i].projects == sorted[i].projects);
}

TEST_CASE("results: tally --db refuses while the round is open, naming the closing time",
          "[results]") {
  TempDir dir;
  MakeDatabase(dir / "v.db");
  ResultsCommandOptions o;
  o.db = dir / "v.db";
  o.round = "pilotti-2025";
  o.out = dir / "out";
  o.now = kDuring;
  std::ostringstream out, err;
  CHECK(RunRoundTally(o, out, err) == 1);
  CHECK(err.str() ==
        "yhdessa-vote: error: round pilotti-2025 is open until 2025-09-30T23:59:00+03:00: tally "
        "it after it closes\n");
  CHECK_FALSE(std::filesystem::exists(dir / "out"));
  o.round = "tuntematon";
  o.now = kAfterClose;
  err.str("");
  CHECK(RunRoundTally(o, out, err) == 1);
  CHECK(err.str().find("never opened") != std::string::npos);
}

TEST_CASE("results: tally --db writes the same bytes every time", "[results]") {
  TempDir dir;
  MakeDatabase(dir / "v.db");
  ResultsCommandOptions o;
  o.db = dir / "v.db";
  o.round = "pilotti-2025";
  o.now = kAfterClose;
  std::ostringstream out, err;
  o.out = dir / "a";
  REQUIRE(RunRoundTally(o, out, err) == 0);
  o.out = dir / "b";
  REQUIRE(RunRoundTally(o, out, err) == 0);
  INFO(err.str());
  for (const char* name : {"keskusta.json", "keskusta.csv", "keskusta.pb", "receipts.json"}) {
    INFO(name);
    const std::string a = ReadAll(dir / (std::string("a/") + name));
    CHECK_FALSE(a.empty());
    CHECK(a == ReadAll(dir / (std::string("b/") + name)));
  }
  // Receipts sorted (they were cast as RCPT-100, RCPT-99, ...), nothing else in the file.
  const auto receipts = nlohmann::json::parse(ReadAll(dir / "a/receipts.json"));
  CHECK(receipts["ballots"] == 10);
  std::vector<std::string> list = receipts["receipts"];
  CHECK(std::is_sorted(list.begin(), list.end()));
  CHECK(list.front() == "RCPT-100");
  CHECK(ReadAll(dir / "a/keskusta.csv") ==
        "proposal_id,name,cost_eur,votes,selected_mes,selected_greedy\n"
        "x,Iso puisto,60,6,1,1\n"
        "y,Penkit,30,5,0,1\n"
        "z,Valot,40,4,1,0\n");
}

TEST_CASE("results: export is anonymous and tallies to the same result", "[results]") {
  TempDir dir;
  MakeDatabase(dir / "v.db");
  ResultsCommandOptions o;
  o.db = dir / "v.db";
  o.round = "pilotti-2025";
  o.now = kAfterClose;
  o.out = dir / "export";
  o.uniform = SodiumUniform;
  std::ostringstream out, err;
  REQUIRE(RunBallotExport(o, out, err) == 0);
  const std::string text = ReadAll(dir / "export/keskusta.pb");
  // No receipts, no code hashes, no times.
  CHECK(text.find("RCPT") == std::string::npos);
  CHECK(text.find("hhhh") == std::string::npos);
  CHECK(text.find("T09:00") == std::string::npos);
  CHECK(text.find("T23:59") == std::string::npos);
  auto read = tally::ReadPabulib(text, "keskusta.pb");
  REQUIRE(read.ok());
  const auto& votes = read->file.votes;
  REQUIRE(votes.rows.size() == 10);
  std::multiset<std::string> choices;
  for (size_t i = 0; i < votes.rows.size(); ++i) {
    CHECK(votes.rows[i][0] == std::to_string(i + 1));  // fresh sequence numbers
    choices.insert(votes.rows[i][1]);
  }
  CHECK(choices ==
        std::multiset<std::string>{"x", "x,y", "x,y", "x,y", "x,y", "x,y", "z", "z", "z", "z"});
  // Recomputing from the export gives the published result.
  o.out = dir / "results";
  REQUIRE(RunRoundTally(o, out, err) == 0);
  const auto j = nlohmann::json::parse(ReadAll(dir / "results/keskusta.json"));
  auto ids = [&](const tally::TallyResult& r) {
    std::vector<std::string> s;
    for (int p : r.selected) s.push_back(read->election.projects[static_cast<size_t>(p)].id);
    return nlohmann::json(s);
  };
  CHECK(ids(tally::Greedy(read->election, tally::TieBreak::kDefault)) ==
        RuleOf(j, "greedy")["selected"]);
  CHECK(ids(tally::Mes(read->election, tally::TieBreak::kDefault)) == RuleOf(j, "mes")["selected"]);
  // A single .pb file is refused only for rounds with several areas; this one has one.
  o.out = dir / "one.pb";
  CHECK(RunBallotExport(o, out, err) == 0);
  CHECK(std::filesystem::exists(dir / "one.pb"));
}
