#include "voting-server/service/voting_service.h"

#include <catch2/catch.hpp>

#include "temp_dir.h"
#include "test_round.h"
#include "voting-server/codes/voting_code.h"
#include "voting-server/service/manifest_loader.h"
#include "voting-server/storage/sqlite_store.h"

using namespace yhdessa;
using namespace yhdessa::vote;
using namespace yhdessa::vote::testing;

namespace {

struct Fixture {
  TempDir dir;
  std::unique_ptr<SqliteStore> store = std::move(SqliteStore::Open(dir / "v.db")).value();
  CodeHasher hasher{CodeHasher::Key{}};
  int64_t now = kDuringRound;

  std::string Issue(const std::string& area) {
    const std::string code = GenerateVotingCode();
    REQUIRE(
        store->AddCodes("omakouvola-2025", area, {hasher.Hash(NormalizeVotingCode(code))}).ok());
    return code;
  }
  VotingService Service(RoundDefinition round = TestRound()) {
    return VotingService(*store, hasher, {std::move(round)}, [this] { return now; });
  }
};

}  // namespace

TEST_CASE("service: casting stores the ballot and answers with a receipt", "[service]") {
  Fixture f;
  auto service = f.Service();
  const std::string code = f.Issue("elimaki");
  auto r =
      service.Cast("omakouvola-2025", {code, "elimaki", {"penkit", "frisbeegolf"}, ""}, Lang::kEn);
  REQUIRE(r.outcome == CastOutcome::kAccepted);
  CHECK(r.receipt.size() == 19);
  auto ballots = f.store->Ballots("omakouvola-2025");
  REQUIRE(ballots->size() == 1);
  CHECK(ballots->at(0).receipt == r.receipt);
  CHECK(ballots->at(0).choices == std::vector<std::string>{"frisbeegolf", "penkit"});

  auto again = service.Cast("omakouvola-2025", {code, "elimaki", {"penkit"}, ""}, Lang::kEn);
  CHECK(again.outcome == CastOutcome::kInvalid);
  CHECK(again.code_failed);
  CHECK(again.errors == std::vector<FieldError>{
                            {"code", "This voting code is not valid or has already been used."}});
  CHECK(service.Cast("nope", {}, Lang::kEn).outcome == CastOutcome::kNoSuchRound);

  // A rejected ballot leaves its code unused.
  const std::string second = f.Issue("elimaki");
  CHECK(
      service.Cast("omakouvola-2025", {second, "elimaki", {"uimaranta"}, ""}, Lang::kEn).outcome ==
      CastOutcome::kInvalid);
  CHECK(service.Cast("omakouvola-2025", {second, "elimaki", {"penkit"}, ""}, Lang::kEn).outcome ==
        CastOutcome::kAccepted);
}

TEST_CASE("service: a round not open by the server clock gets 409 material", "[service]") {
  Fixture f;
  f.now = kBeforeRound;
  auto service = f.Service();
  auto r =
      service.Cast("omakouvola-2025", {f.Issue("elimaki"), "elimaki", {"penkit"}, ""}, Lang::kEn);
  CHECK(r.outcome == CastOutcome::kNotOpen);
  CHECK(r.message ==
        "Voting is not open. The voting period is 1 Sep 2025 09:00 – 30 Sep 2025 23:59.");
  CHECK(service.Rounds().at(0).open == false);
  CHECK(service.CheckFrozenRules().empty());
  CHECK_FALSE((*f.store->FindFrozenRound("omakouvola-2025")).has_value());  // not yet frozen
}

TEST_CASE("service: rules freeze when voting opens, a changed round is refused", "[service]") {
  Fixture f;
  {
    auto service = f.Service();
    CHECK(service.CheckFrozenRules().empty());
    REQUIRE((*f.store->FindFrozenRound("omakouvola-2025")).has_value());
  }
  {
    RoundDefinition cosmetic = TestRound();
    cosmetic.title = "Korjattu otsikko";
    auto service = f.Service(cosmetic);
    CHECK(service.CheckFrozenRules().empty());
  }
  RoundDefinition changed = TestRound();
  changed.areas[0].budget = 16000;
  changed.areas[1].proposals.push_back({"kirjasto", "Kirjasto", 500, "", ""});
  auto service = f.Service(changed);
  const auto refused = service.CheckFrozenRules();
  REQUIRE(refused.size() == 1);
  CHECK(refused[0] ==
        "round omakouvola-2025: rules changed after voting opened: area elimaki: budget 15000 -> "
        "16000; proposal kirjasto: added; the round is not served until its manifest is restored");
  CHECK(service.Rounds().empty());
  std::string refusal;
  CHECK(service.Round("omakouvola-2025", &refusal).has_value());
  CHECK(refusal == refused[0]);
  auto r =
      service.Cast("omakouvola-2025", {f.Issue("elimaki"), "elimaki", {"penkit"}, ""}, Lang::kEn);
  CHECK(r.outcome == CastOutcome::kRefused);
}

TEST_CASE("service: manifests are loaded from the site", "[service]") {
  auto rounds = LoadRoundManifests(YHDESSA_VOTE_FIXTURES "/site");
  REQUIRE(rounds.ok());
  REQUIRE(rounds->size() == 2);
  CHECK(rounds->at(0).id == "kouvola-2024");
  CHECK(rounds->at(1).areas.at(0).proposals.size() == 3);
  CHECK(LoadRoundManifests("/nonexistent").status().message() ==
        "/nonexistent: the site directory does not exist (build the site first)");
}
