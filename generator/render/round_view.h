// Views of participatory-budgeting rounds: the round page with each area's proposals and
// ballot form, and a proposal's own page.
//
// The ballot is a plain HTML form that works without JavaScript (fields `code`, `area`,
// one `proposal` checkbox per proposal, posted to the voting server's
// /api/rounds/{id}/ballots); ballot.js only adds the running total, the money left and the
// code check. Whether the round is open is decided at build time for the page's wording;
// the voting server's clock stays the authority.
#pragma once

#include <string>

#include "common/round/round_definition.h"
#include "generator/render/view_data.h"

namespace yhdessa {

struct RoundViewContext {
  std::string lang;
  int64_t now = 0;
  std::string api_origin;  // "" for the same origin as the site
};

ViewData RoundView(const RoundDefinition& round, const RoundViewContext& ctx);

/// Where a round stands at `now` (seconds since the epoch). It is all a round's pages read
/// of the build's clock, so the build cache hashes this rather than the clock itself.
enum class RoundPhase { kUpcoming, kOpen, kClosed };
RoundPhase PhaseAt(const RoundDefinition& round, int64_t now);

/// "15 000 €" with a no-break space as the thousands separator (fi, sv), "€15,000" (en).
std::string FormatEuros(int64_t euros, const std::string& lang);

/// "1.9.2025 klo 9.00" (fi), "1.9.2025 kl. 9.00" (sv), "1 September 2025, 9:00" (en),
/// in the timestamp's own offset.
std::string FormatRoundTime(const std::string& iso, const std::string& lang);

}  // namespace yhdessa
