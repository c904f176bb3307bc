// Ballot order for published ballots: canonical (deterministic) or shuffled with a CSPRNG.
//
// A published .pb file must not let anyone line a ballot up with when it was cast or with
// its receipt. The tally's own .pb sorts ballots by their choices (same database, same
// bytes); `export` shuffles them with libsodium's randombytes_uniform (Fisher-Yates), so
// even equal databases give unrelated orders. Either way voter_id is a fresh 1..n.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "voting-server/tally/election.h"

namespace yhdessa::vote {

/// A uniform random integer in [0, bound); bound > 0.
using UniformRandom = std::function<uint32_t(uint32_t bound)>;

/// libsodium's randombytes_uniform (a CSPRNG). InitSodium() must have succeeded.
uint32_t SodiumUniform(uint32_t bound);

/// Each ballot's choices in project order, then the ballots sorted by their choices.
void SortBallotsCanonically(std::vector<tally::Ballot>& ballots);

/// Fisher-Yates with `uniform`: every order equally likely if `uniform` is.
void ShuffleBallots(std::vector<tally::Ballot>& ballots, const UniformRandom& uniform);

}  // namespace yhdessa::vote
