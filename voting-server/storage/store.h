// Store: everything the voting server keeps, behind one small interface.
//
// Three kinds of rows: rounds (the fingerprint and manifest snapshot frozen when voting
// opened), codes (keyed hash, round, area, used flag) and ballots (round, area, a random
// receipt, the choices). A ballot row has no code, no client address and no time: nothing
// joins it to the code that cast it. CastBallot marks the code used and stores the ballot
// atomically and durably; it returns only after the transaction is on disk, so an answer
// with a receipt is never sent for a ballot that could be lost. All methods are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "voting-server/ballot/ballot_validation.h"

namespace yhdessa::vote {

struct FrozenRound {
  std::string fingerprint;  // RulesFingerprint() when voting opened
  std::string snapshot;     // RoundToJson() of the manifest then
};

struct NewBallot {
  std::string code_hash;  // marks this code used; never stored with the ballot
  std::string round;
  std::string area;
  bool code_must_match_area = true;  // voter_areas: one
  std::string receipt;
  std::vector<std::string> choices;
};

struct AreaCounts {
  std::string id;
  int64_t codes_issued = 0;
  int64_t codes_used = 0;
  int64_t ballots = 0;
};

struct RoundCounts {
  std::string id;
  std::vector<AreaCounts> areas;  // sorted by id
};

struct StoredBallot {
  std::string round;
  std::string area;
  std::string receipt;
  std::vector<std::string> choices;
};

class Store {
 public:
  virtual ~Store() = default;

  /// Issues codes (by hash) for a round and area, all or none. AlreadyExists on a hash clash.
  virtual Status AddCodes(const std::string& round, const std::string& area,
                          const std::vector<std::string>& code_hashes) = 0;
  /// The code's record, or nullopt if it was never issued.
  virtual Result<std::optional<CodeRecord>> FindCode(const std::string& code_hash) = 0;
  /// One durable transaction: mark the code used, store the ballot. AlreadyExists (and
  /// nothing stored) when the code is unknown, already used, or for another round or area.
  virtual Status CastBallot(const NewBallot& ballot) = 0;
  virtual Result<std::optional<FrozenRound>> FindFrozenRound(const std::string& round) = 0;
  virtual Status FreezeRound(const std::string& round, const FrozenRound& frozen) = 0;
  /// Codes issued and used, ballots, per round and area; sorted by round id.
  virtual Result<std::vector<RoundCounts>> Counts() = 0;
  /// The ballots of a round, sorted by receipt (the order carries no information).
  virtual Result<std::vector<StoredBallot>> Ballots(const std::string& round) = 0;
};

}  // namespace yhdessa::vote
