#include "voting-server/storage/sqlite_store.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <thread>

#include "temp_dir.h"

using namespace yhdessa;
using namespace yhdessa::vote;
using yhdessa::vote::testing::TempDir;

namespace {

std::string H(char c) {
  return std::string(32, c);
}

NewBallot Ballot(const std::string& hash, const std::string& receipt,
                 const std::string& area = "elimaki") {
  return {hash, "r", area, true, receipt, {"a", "b"}};
}

}  // namespace

TEST_CASE("store: a ballot marks its code used and is stored, once", "[storage]") {
  TempDir dir;
  auto store = SqliteStore::Open(dir / "v.db");
  REQUIRE(store.ok());
  REQUIRE((*store)->AddCodes("r", "elimaki", {H('a'), H('b')}).ok());
  CHECK((*store)->AddCodes("r", "elimaki", {H('c'), H('a')}).code() == StatusCode::kAlreadyExists);
  CHECK_FALSE((*(*store)->FindCode(H('c'))).has_value());  // all or none

  auto rec = (*store)->FindCode(H('a'));
  REQUIRE(rec.ok());
  REQUIRE(rec->has_value());
  CHECK((*rec)->area == "elimaki");
  CHECK_FALSE((*rec)->used);

  CHECK((*store)->CastBallot(Ballot(H('a'), "R1")).ok());
  CHECK((*(*store)->FindCode(H('a')))->used);
  // Used, unknown, wrong area, wrong round: rejected, nothing stored.
  CHECK((*store)->CastBallot(Ballot(H('a'), "R2")).code() == StatusCode::kAlreadyExists);
  CHECK((*store)->CastBallot(Ballot(H('z'), "R3")).code() == StatusCode::kAlreadyExists);
  CHECK((*store)->CastBallot(Ballot(H('b'), "R4", "kuusankoski")).code() ==
        StatusCode::kAlreadyExists);
  NewBallot other_round = Ballot(H('b'), "R5");
  other_round.round = "q";
  CHECK((*store)->CastBallot(other_round).code() == StatusCode::kAlreadyExists);
  CHECK_FALSE((*(*store)->FindCode(H('b')))->used);

  auto ballots = (*store)->Ballots("r");
  REQUIRE(ballots.ok());
  REQUIRE(ballots->size() == 1);
  CHECK(ballots->at(0).receipt == "R1");
  CHECK(ballots->at(0).choices == std::vector<std::string>{"a", "b"});

  auto counts = (*store)->Counts();
  REQUIRE(counts.ok());
  REQUIRE(counts->size() == 1);
  CHECK(counts->at(0).areas.at(0).codes_issued == 2);
  CHECK(counts->at(0).areas.at(0).codes_used == 1);
  CHECK(counts->at(0).areas.at(0).ballots == 1);
}

TEST_CASE("store: a ballot whose insert fails leaves its code unused", "[storage]") {
  TempDir dir;
  auto store = SqliteStore::Open(dir / "v.db");
  REQUIRE(store.ok());
  REQUIRE((*store)->AddCodes("r", "elimaki", {H('a'), H('b')}).ok());
  REQUIRE((*store)->CastBallot(Ballot(H('a'), "SAME")).ok());
  // A receipt clash makes the insert fail after the code was marked: the savepoint undoes it.
  CHECK((*store)->CastBallot(Ballot(H('b'), "SAME")).code() == StatusCode::kIoError);
  CHECK_FALSE((*(*store)->FindCode(H('b')))->used);
  CHECK((*store)->CastBallot(Ballot(H('b'), "OTHER")).ok());
}

TEST_CASE("store: concurrent ballots with one code, exactly one stored", "[storage]") {
  TempDir dir;
  auto store = SqliteStore::Open(dir / "v.db");
  REQUIRE(store.ok());
  std::vector<std::string> hashes;
  for (int i = 0; i < 50; ++i) hashes.push_back(std::string(31, 'x') + static_cast<char>(i));
  REQUIRE((*store)->AddCodes("r", "elimaki", hashes).ok());
  std::atomic<int> accepted{0}, rejected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 40; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        // Every code is tried by every thread; each must be accepted once overall.
        Status st = (*store)->CastBallot(
            Ballot(hashes[static_cast<size_t>(i)], std::to_string(t) + "-" + std::to_string(i)));
        (st.ok() ? accepted : rejected)++;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(accepted == 50);
  CHECK(rejected == 40 * 50 - 50);
  CHECK((*store)->Ballots("r")->size() == 50);
  (*store)->Close();
  CHECK((*store)->CastBallot(Ballot(H('q'), "late")).code() == StatusCode::kFailedPrecondition);
  CHECK(*SqliteStore::IntegrityCheck(dir / "v.db") == "ok");
}

TEST_CASE("store: the file holds hashes only, rounds freeze once, backup", "[storage]") {
  TempDir dir;
  {
    auto store = SqliteStore::Open(dir / "v.db");
    REQUIRE(store.ok());
    REQUIRE((*store)->AddCodes("r", "elimaki", {H('a')}).ok());
    REQUIRE((*store)->CastBallot(Ballot(H('a'), "RECEIPT-1")).ok());
    CHECK_FALSE((*(*store)->FindFrozenRound("r")).has_value());
    REQUIRE((*store)->FreezeRound("r", {"f1", "{}"}).ok());
    REQUIRE((*store)->FreezeRound("r", {"f2", "{}"}).ok());  // the first freeze stays
    CHECK((*(*store)->FindFrozenRound("r"))->fingerprint == "f1");
    REQUIRE(SqliteStore::Backup(dir / "v.db", dir / "copy.db").ok());
  }
  auto copy = SqliteStore::Open(dir / "copy.db");
  REQUIRE(copy.ok());
  CHECK((*copy)->Ballots("r")->size() == 1);
  CHECK(*SqliteStore::IntegrityCheck(dir / "copy.db") == "ok");
}
