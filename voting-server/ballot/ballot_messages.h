// BallotMessages: every sentence a voter can read about their ballot, in fi, sv and en.
//
// One function per situation so that tests can pin each text and translators find them in
// one place. Ids and names are quoted as given; money is whole euros.
#pragma once

#include <cstdint>
#include <string>

#include "voting-server/ballot/language.h"

namespace yhdessa::vote::msg {

std::string RoundNotOpen(Lang l, const std::string& opens, const std::string& closes);
std::string CodeMissing(Lang l);
std::string CodeMalformed(Lang l);
std::string CodeMistyped(Lang l);
std::string CodeNotValid(Lang l);  // unknown and used codes alike: nothing is given away
std::string CodeForOtherArea(Lang l);
std::string AreaMissing(Lang l);
std::string AreaUnknown(Lang l, const std::string& area);
std::string ProposalUnknown(Lang l, const std::string& id);
std::string ProposalOtherArea(Lang l, const std::string& id, const std::string& area_name);
std::string ProposalTwice(Lang l, const std::string& id);
std::string TooFew(Lang l, int min);
std::string TooMany(Lang l, int max);
std::string OverBudget(Lang l, int64_t total, int64_t budget);
std::string TooManyFailures(Lang l);
std::string BallotAccepted(Lang l);
std::string RoundUnavailable(Lang l);

/// "15 000 €" (fi, sv) or "€15,000" (en).
std::string Money(Lang l, int64_t euros);
/// "1.9.2025 klo 9.00" (fi), "1.9.2025 kl. 9.00" (sv), "1 Sep 2025 09:00" (en), from an ISO
/// 8601 text in the time zone it was written in; the text itself if it cannot be read.
std::string DateTime(Lang l, const std::string& iso);

}  // namespace yhdessa::vote::msg
