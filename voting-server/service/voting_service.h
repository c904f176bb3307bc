// VotingService: casting ballots and describing rounds, with no HTTP and no SQL.
//
// Holds the rounds loaded from the site's manifests, a Store, the CodeHasher and a clock.
// Rules freeze when voting opens: the first time a round is seen open (at start or later),
// its fingerprint and manifest are stored; if a later manifest's frozen rules differ, the
// round is refused (not served, ballots not accepted) with a sentence naming each change.
// Thread-safe: the HTTP layer calls it from many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/round/round_definition.h"
#include "voting-server/ballot/ballot_request.h"
#include "voting-server/ballot/ballot_validation.h"
#include "voting-server/ballot/language.h"
#include "voting-server/codes/code_hasher.h"
#include "voting-server/storage/store.h"

namespace yhdessa::vote {

/// Seconds since the Unix epoch; injected so tests can set the time.
using Clock = std::function<int64_t()>;
int64_t SystemNow();

struct RoundView {
  const RoundDefinition* round = nullptr;
  bool open = false;
  int64_t server_time = 0;
};

enum class CastOutcome {
  kAccepted,     // receipt set: the ballot is durable
  kInvalid,      // errors set
  kNotOpen,      // message set, with the dates
  kNoSuchRound,  // no manifest with that id
  kRefused,      // message set: rules changed while frozen
  kFailed,       // storage failed; message for the log only
};

struct CastResult {
  CastOutcome outcome = CastOutcome::kFailed;
  const RoundDefinition* round = nullptr;  // set unless kNoSuchRound; lives as the service
  std::string receipt;
  std::vector<FieldError> errors;
  std::string message;
  bool code_failed = false;  // an unknown or used code: counts towards rate limiting
};

class VotingService {
 public:
  VotingService(Store& store, const CodeHasher& hasher, std::vector<RoundDefinition> rounds,
                Clock now = SystemNow);

  /// Freezes the rounds open now and checks those frozen before. One line per refused
  /// round: "round X: rules changed after voting opened: <changes>; ...". Call at start.
  std::vector<std::string> CheckFrozenRules();

  /// Rounds that are served (not refused), sorted by id.
  std::vector<RoundView> Rounds();
  /// nullopt when unknown; `refusal` set (and view empty) when refused.
  std::optional<RoundView> Round(const std::string& id, std::string* refusal = nullptr);

  CastResult Cast(const std::string& round_id, const BallotRequest& request, Lang lang);

 private:
  struct RoundState {
    RoundDefinition def;
    bool frozen = false;  // fingerprint stored and matching
    std::string refusal;  // non-empty: not served
  };
  // Freezes or checks `s` if it is open now and not yet settled. Caller holds mu_.
  void SettleLocked(RoundState& s, int64_t now);

  Store& store_;
  const CodeHasher& hasher_;
  Clock now_;
  std::mutex mu_;
  std::map<std::string, RoundState> rounds_;
};

}  // namespace yhdessa::vote
