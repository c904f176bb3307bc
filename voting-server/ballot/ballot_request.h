// BallotRequest: what a voter submitted, before any check, and its two wire forms.
//
// The same request arrives as JSON (`{"code", "area", "proposals": [ids], "lang"?}`) from the
// JavaScript ballot or as an HTML form post (`code`, `area`, one `proposal` field per choice,
// optional `lang`) from the no-JavaScript ballot. Parsing is pure and total: any byte string
// yields a request or an error naming what is wrong, never a crash (a libFuzzer target
// pins that). Sizes are bounded so that a hostile body cannot make the request large.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace yhdessa::vote {

struct BallotRequest {
  std::string code;  // as typed; normalised by validation
  std::string area;
  std::vector<std::string> proposals;  // in the order chosen, duplicates kept for validation
  std::string lang;                    // "fi", "sv", "en" or "" (use Accept-Language)
};

inline constexpr size_t kMaxFieldLength = 200;
inline constexpr size_t kMaxProposals = 500;

/// Parses a JSON body. Errors: "not valid JSON", "proposals: expected an array of strings", ...
Result<BallotRequest> ParseBallotJson(std::string_view body);

/// Parses an application/x-www-form-urlencoded body; unknown fields are ignored.
Result<BallotRequest> ParseBallotForm(std::string_view body);

}  // namespace yhdessa::vote
