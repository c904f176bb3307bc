// RoundDefinition: one participatory-budgeting round as the generator publishes it and the
// voting server enforces it.
//
// The communications team writes a round as content (a section with `kind: pb-round` and
// proposal pages with `kind: proposal`). The generator validates it, fills a
// RoundDefinition and writes it as a JSON manifest into the built site at
// `<site>/_yhdessa/rounds/<round-id>.json` (see ManifestPath). The voting server loads
// every manifest under `<site>/_yhdessa/rounds/` at start. One struct and one JSON codec
// shared by both programs, so the two can never disagree on what a round is.
//
// Manifest JSON (UTF-8, keys in this order, integers for money in whole euros):
//   {"format": 1, "id", "title", "opens", "closes", "rule", "min_choices", "max_choices",
//    "knapsack", "voter_areas", "eligibility", "url",
//    "areas": [{"id", "name", "budget",
//               "proposals": [{"id", "title", "cost", "summary", "url"}]}]}
// `opens`/`closes` are ISO 8601 with an offset ("2025-09-01T09:00:00+03:00").
//
// RulesFingerprint() hashes exactly what is frozen while voting is open (rule, choices,
// knapsack, voter_areas, areas with budgets, proposals with costs) and nothing cosmetic
// (titles and summaries may be corrected during a round).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace yhdessa {

struct ProposalDefinition {
  std::string id;
  std::string title;
  int64_t cost = 0;  // euros
  std::string summary;
  std::string url;  // the proposal's page on the site, "" if none
};

struct AreaDefinition {
  std::string id;
  std::string name;
  int64_t budget = 0;  // euros
  std::vector<ProposalDefinition> proposals;
};

struct RoundDefinition {
  std::string id;
  std::string title;
  std::string opens;            // ISO 8601 with offset, as written
  std::string closes;           // ISO 8601 with offset, as written
  std::string rule = "greedy";  // greedy | mes | mes-add1
  int min_choices = 1;
  int max_choices = 0;  // 0: no limit but the budget
  bool knapsack = true;
  std::string voter_areas = "one";  // one | all
  std::string eligibility;
  std::string url;  // the round's page on the site
  std::vector<AreaDefinition> areas;
};

/// The rules that may be tallied.
inline const std::vector<std::string>& KnownRules() {
  static const std::vector<std::string> k{"greedy", "mes", "mes-add1"};
  return k;
}

/// `_yhdessa/rounds/<id>.json`, relative to the site root.
std::string ManifestPath(const std::string& round_id);

/// Serialises as described above; deterministic (same struct, same bytes).
std::string RoundToJson(const RoundDefinition& round);

/// Parses a manifest; errors name the field ("areas[1].budget: expected an integer").
Result<RoundDefinition> RoundFromJson(const std::string& json);

/// Parses "2025-09-01T09:00:00+03:00" (also "Z", and a date alone as midnight UTC) into
/// seconds since the Unix epoch.
Result<int64_t> ParseIsoTimestamp(const std::string& text);

/// A stable hex digest of the frozen rules (see header comment).
std::string RulesFingerprint(const RoundDefinition& round);

/// Human-readable list of what differs in the frozen rules between `before` and `after`,
/// e.g. "area elimaki: budget 15000 -> 16000; proposal frisbeegolf: removed". "" if equal.
std::string DescribeRuleChanges(const RoundDefinition& before, const RoundDefinition& after);

}  // namespace yhdessa
