// Ballot validation: every rule a ballot must pass before it may be stored.
//
// Pure: the round, the server's clock reading and a lookup of the code's record are passed
// in. The rules, in the order the voter reads their errors:
//   round open by the server clock (else kNotOpen with the dates; nothing else is checked),
//   code: present, well formed, check symbol right, issued for this round and unused (one
//         message for unknown and used), for the chosen area when voter_areas is "one";
//   area: present and in the round;
//   proposals: each exists, belongs to the area, appears once; the count is within
//         min_choices..max_choices; the total cost fits the area's budget when knapsack.
// The code is checked here for a helpful answer, and again (authoritatively, "unused")
// inside the storage transaction that marks it used.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/round/round_definition.h"
#include "voting-server/ballot/ballot_request.h"
#include "voting-server/ballot/language.h"

namespace yhdessa::vote {

struct FieldError {
  std::string field;  // "code", "area" or "proposals"
  std::string message;
  bool operator==(const FieldError&) const = default;
};

/// The area of a code issued without --area: valid in every area of its round.
inline constexpr const char* kAnyArea = "*";

/// What storage knows about one code (found by its keyed hash).
struct CodeRecord {
  std::string round;
  std::string area;
  bool used = false;
};

/// Finds a code's record by its normalised text; nullopt when it was never issued.
using CodeLookup = std::function<std::optional<CodeRecord>(const std::string& normalized_code)>;

enum class Verdict { kValid, kNotOpen, kInvalid };

struct BallotCheck {
  Verdict verdict = Verdict::kValid;
  std::string message;               // kNotOpen: the sentence with the dates
  std::vector<FieldError> errors;    // kInvalid: at least one
  std::string normalized_code;       // kValid: the code to mark used
  std::vector<std::string> choices;  // kValid: the proposal ids, in the round's order
  bool code_failed = false;          // the code itself was unknown or used (for rate limiting)
};

/// True when `now` (seconds since the epoch) is within [opens, closes).
bool RoundIsOpen(const RoundDefinition& round, int64_t now);

BallotCheck ValidateBallot(const RoundDefinition& round, const BallotRequest& request, int64_t now,
                           Lang lang, const CodeLookup& lookup);

}  // namespace yhdessa::vote
