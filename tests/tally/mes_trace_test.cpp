// MesEngine::Run with lower bounds from a run at a higher share (mes_trace.h): the same
// result as the plain run, and fewer prices computed; SameRunsBetween is sound; the fast
// mes-add1 loop (blocks of runs) equals the naive one on a sample of Budapest 2024.
#include "voting-server/tally/mes_trace.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "tests/tally/election_builder.h"
#include "voting-server/tally/mes.h"
#include "voting-server/tally/mes_add1.h"
#include "voting-server/tally/pabulib_reader.h"

namespace yhdessa::tally {
namespace {

using testing::AddBallots;
using testing::MakeElection;
using testing::SameResult;

// Larger than testing::RandomElection: 5-30 projects and 10-300 voters with overlapping
// ballots, so that purchases change other projects' prices and runs recompute many.
Election MediumElection(std::mt19937& rng, bool cumulative) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Election e;
  e.vote_type = cumulative ? VoteType::kCumulative : VoteType::kApproval;
  const int m = uniform(5, 30);
  int64_t all = 0;
  for (int p = 0; p < m; ++p) {
    int64_t cost = uniform(1, 8) * 1000 * 100 + (uniform(0, 3) == 0 ? uniform(1, 9999) : 0);
    e.projects.push_back({"p" + std::to_string(p), cost});
    all += cost;
  }
  e.budget = all * uniform(20, 60) / 100 / 100 * 100;
  const int n = uniform(10, 300);
  for (int i = 0; i < n; ++i) {
    Ballot b;
    const int popular = uniform(0, m - 1);  // a few popular projects make prices interact
    for (int p = 0; p < m; ++p) {
      if (uniform(0, 9) < (p == popular || p < 3 ? 6 : 2)) {
        b.projects.push_back(p);
        if (cumulative) b.points.push_back(uniform(1, 4));
      }
    }
    e.ballots.push_back(b);
  }
  return e;
}

TEST_CASE("a run bounded by a run at a higher share equals the plain run") {
#ifdef YHDESSA_SANITIZED
  constexpr int kRounds = 40;  // the release build runs them all
#else
  constexpr int kRounds = 400;
#endif
  std::mt19937 rng(5);
  size_t plain_priced = 0, bounded_priced = 0;
  for (int round = 0; round < kRounds; ++round) {
    Election e = MediumElection(rng, round % 3 == 2);
    REQUIRE(Validate(e).ok());
    const TieBreak tb = round % 2 == 0 ? TieBreak::kDefault : TieBreak::kId;
    MesEngine engine(e, tb);
    const int64_t base = e.budget / engine.voters() / 100 * 100;
    for (int64_t units : {0, 1, 5, 40}) {
      for (int64_t above : {0, 1, 3, 200}) {
        INFO("round " << round << " share +" << units << " above +" << above);
        const Int128 share = engine.ShareOfCents(base + units * 100);
        MesTrace plain_trace, upper, bounded_trace;
        TallyResult plain = engine.Run(share, true, nullptr, &plain_trace);
        engine.Run(engine.ShareOfCents(base + (units + above) * 100), false, nullptr, &upper);
        TallyResult bounded = engine.Run(share, true, &upper, &bounded_trace);
        CHECK(SameResult(bounded, plain));
        CHECK(bounded_trace.bought == plain.selected);
        CHECK(plain_trace.bought == plain.selected);
        plain_priced += plain_trace.priced.size();
        bounded_priced += bounded_trace.priced.size();
      }
    }
  }
  // The bounds must actually spare work, or the fast add1 loop is only slower.
  CHECK(bounded_priced < plain_priced * 3 / 4);
}

TEST_CASE("a bounded run whose purchases leave the upper run's order goes on exactly") {
  // 5 voters, share 20 units. a (60) by v1..v3 (20 each) and b (40) by v4, v5 (20 each)
  // are bought at every share, a first; c (30) by v3 alone needs v3 to have 30 left after
  // paying 20 for a, so from a share of 50 on MES buys a, b, c and below it a, b only. A run
  // below 50 bounded by one above follows it for two steps, then must find c unaffordable.
  Election e = MakeElection(100, {{"a", 60}, {"b", 40}, {"c", 30}});
  AddBallots(e, 2, {"a"});
  AddBallots(e, 1, {"a", "c"});
  AddBallots(e, 2, {"b"});
  MesEngine engine(e, TieBreak::kDefault);
  for (int64_t low : {20, 30, 45, 49, 50}) {
    for (int64_t high : {50, 60, 100}) {
      if (high < low) continue;
      INFO("low " << low << " high " << high);
      MesTrace upper;
      engine.Run(engine.ShareOfCents(high * 100), false, nullptr, &upper);
      CHECK(SameResult(engine.Run(engine.ShareOfCents(low * 100), true, &upper),
                       engine.Run(engine.ShareOfCents(low * 100), true)));
    }
  }
}

TEST_CASE("runs between two traced runs are proven the same only where they are") {
  // 4 voters; a (60) by v1..v3, b (40) by v4. Up to a share of 39 units MES buys a only;
  // from 40 on, a then b.
  Election e = MakeElection(100, {{"a", 60}, {"b", 40}});
  AddBallots(e, 3, {"a"});
  AddBallots(e, 1, {"b"});
  MesEngine engine(e, TieBreak::kDefault);
  auto trace = [&](int64_t units) {
    MesTrace t;
    engine.Run(engine.ShareOfCents(units * 100), false, nullptr, &t);
    return t;
  };
  CHECK(engine.SameRunsBetween(trace(25), trace(39)));
  CHECK_FALSE(engine.SameRunsBetween(trace(25), trace(40)));
  CHECK(engine.SameRunsBetween(trace(40), trace(90)));
}

TEST_CASE("a proof between two traced runs holds at every share in between") {
#ifdef YHDESSA_SANITIZED
  constexpr int kRounds = 20;  // the release build runs them all
#else
  constexpr int kRounds = 150;
#endif
  std::mt19937 rng(11);
  int proven = 0, refused = 0;
  for (int round = 0; round < kRounds; ++round) {
    Election e = MediumElection(rng, round % 3 == 2);
    const TieBreak tb = round % 2 == 0 ? TieBreak::kDefault : TieBreak::kId;
    MesEngine engine(e, tb);
    const int64_t base = e.budget / engine.voters() / 100 * 100;
    for (int64_t span : {1, 4, 16, 64}) {
      for (double fresh : {0.0, 0.01}) {
        INFO("round " << round << " span " << span << " fresh " << fresh);
        MesTrace low, high;
        high.fresh_within = fresh;
        TallyResult at_low = engine.Run(engine.ShareOfCents(base), false, nullptr, &low);
        TallyResult at_high =
            engine.Run(engine.ShareOfCents(base + span * 100), false, nullptr, &high);
        // Repricing more in the recorded run changes nothing it buys.
        CHECK(SameResult(at_high, engine.Run(engine.ShareOfCents(base + span * 100), false)));
        if (!engine.SameRunsBetween(low, high)) {
          ++refused;
          continue;
        }
        ++proven;
        for (int64_t u = 0; u <= span; ++u) {
          INFO("share +" << u);
          CHECK(engine.Run(engine.ShareOfCents(base + u * 100), false).selected == at_low.selected);
        }
      }
    }
  }
  CHECK(proven > kRounds);  // the proof is not vacuous
  CHECK(refused > 0);
}

// Budapest 2024 (28 943 voters) is too large for the naive loop in a test; a sample of its
// ballots with budget and costs scaled down alike keeps its shape (175 projects, the same
// share per voter, long add1 loops whose trace changes every few units).
Election SampledBudapest(const Election& full, int every) {
  Election e = full;
  e.ballots.clear();
  for (size_t i = 0; i < full.ballots.size(); i += every) e.ballots.push_back(full.ballots[i]);
  e.budget = full.budget / every;
  for (Project& p : e.projects) p.cost /= every;
  return e;
}

TEST_CASE("mes-add1 equals the naive loop on a sample of Budapest 2024") {
  std::filesystem::path path =
      std::filesystem::path(YHDESSA_PABULIB_DIR) / "Hungary_Budapest_2024.pb";
  if (!std::filesystem::exists(path)) {
    WARN("no " << path.string() << "; skipped");
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto data = ReadPabulib(text.str(), path.filename().string());
  REQUIRE(data.ok());
#ifdef YHDESSA_SANITIZED
  const int every = 256;
#else
  const int every = 32;
#endif
  Election e = SampledBudapest(data.value().election, every);
  REQUIRE(Validate(e).ok());
  TallyResult naive = MesAdd1Naive(e, TieBreak::kDefault);
  INFO("naive runs " << naive.mes_runs);
  CHECK(naive.mes_runs > 1000);
  TallyResult fast = MesAdd1(e, TieBreak::kDefault);
  CHECK(SameResult(fast, naive));
}

}  // namespace
}  // namespace yhdessa::tally
