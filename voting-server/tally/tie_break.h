// Tie-breaking between projects that a rule ranks equally.
//
// kDefault (equalshares.net's convention): lower cost first, then more votes, then the
// lexicographically smaller id. kId (the Pabulib tools' convention): smaller id only.
// Ids are compared as byte strings, so "10" comes before "9". Ties that decided a selection
// are recorded as TieRecords so the published result can say so.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "voting-server/tally/election.h"

namespace yhdessa::tally {

enum class TieBreak { kDefault, kId };

std::optional<TieBreak> ParseTieBreak(const std::string& name);
const char* TieBreakName(TieBreak t);

/// Strict order used to break ties: true when project `a` goes before project `b`.
class TieOrder {
 public:
  TieOrder(const Election& e, const std::vector<int64_t>& votes, TieBreak mode)
      : e_(e), votes_(votes), mode_(mode) {}
  bool Before(int a, int b) const;
  /// Which criterion separated a from b: "lower cost", "more votes" or "id".
  std::string Reason(int a, int b) const;

 private:
  const Election& e_;
  const std::vector<int64_t>& votes_;
  TieBreak mode_;
};

/// A moment where a rule's own criterion did not separate projects and the tie-break did.
struct TieRecord {
  int step = 0;              // 1-based selection step (greedy: position in the order)
  std::vector<int> tied;     // all projects tied at that moment, in tie-break order
  std::vector<int> winners;  // those the tie-break let in
  std::vector<int> losers;   // those that lost out because of it
  std::string reason;        // criterion that decided: "lower cost", "more votes", "id"
};

}  // namespace yhdessa::tally
