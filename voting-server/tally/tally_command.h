// `tally --pabulib FILE --rule greedy|mes|mes-add1 [--tie-break id|default]
//        [--format json|text]`: tallies a Pabulib file and prints the result.
//
// The command line edge of the tally engine: reads the file, runs the rule, renders JSON
// (nlohmann-json is used here only) or text. `yhdessa-vote tally` and the standalone
// `yhdessa-tally` both call RunTallyCommand with the arguments that follow `tally`.
// Exit codes: 0 ok, 1 bad input (unreadable or malformed file, ballots the rule cannot
// tally), 2 usage. Diagnostics and warnings go to `err`, the result to `out`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace yhdessa::tally {

int RunTallyCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace yhdessa::tally
