// `yhdessa-vote tally --db` and `yhdessa-vote export`: the file edge of round results.
//
// Reads the round as frozen in the database when voting opened (or, if it never opened,
// the manifest from `--site` to say when it will), refuses before the round has closed,
// tallies (round_results.h) and writes the open-data files (results_files.h):
//   tally:  DIR/<area>.json, <area>.csv, <area>.pb (ballots in canonical order),
//           DIR/receipts.json; DIR defaults to data/results/<round-id>/.
//   export: one .pb per area with ballots shuffled by a CSPRNG; --out names a directory
//           (files <area>.pb) or, for a round with one area, a file ending in .pb.
// Files are written whole (temporary file, then rename) so a failure leaves no half file.
// Returns 0 on success; 1 with a message on `err` otherwise.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "voting-server/results/ballot_order.h"

namespace yhdessa::vote {

struct ResultsCommandOptions {
  std::string db;
  std::string round;
  std::string out;   // tally: directory; export: directory or .pb file
  std::string site;  // optional: a built site, for a round that never opened
  std::vector<std::string> comparison_rules{"greedy", "mes"};
  int64_t now = 0;        // seconds since the epoch
  UniformRandom uniform;  // export only; SodiumUniform in the program
};

int RunRoundTally(const ResultsCommandOptions& options, std::ostream& out, std::ostream& err);
int RunBallotExport(const ResultsCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace yhdessa::vote
