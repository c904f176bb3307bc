// Published results of a closed participatory-budgeting round, as the site shows them.
//
// `yhdessa-vote tally --db` writes `data/results/<round-id>/` (docs/tally.md, "Results of a
// round"): `<area>.json`, `.csv` and `.pb` per area and `receipts.json`. The communications
// team commits that folder; when it exists the generator reads it here (the JSON through
// the YAML reader: JSON is YAML, and every node keeps its file:line:col), checks it against
// the round it belongs to, and adds a results page and a receipts page to each language
// version of the round page (AddRoundResultsPages). Bad data is reported at its position.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "common/round/round_definition.h"
#include "generator/core/file_system.h"
#include "generator/data/value.h"

namespace yhdessa {

struct Site;

struct ProposalOutcome {
  std::string id;
  std::string name;
  std::string url;  // "" when the proposal has no page
  int64_t cost_cents = 0;
  int64_t votes = 0;
  bool selected = false;
  int64_t selection_order = 0;  // 1-based; 0 when not selected
  // MES only (has_mes): supporters; selected: by "equal shares" (with the most any one
  // supporter paid) or by "completion"; not selected: the money its supporters had left.
  bool has_mes = false;
  int64_t supporters = 0;
  std::string selected_by;
  int64_t max_payment_cents = 0;
  int64_t money_left_cents = 0;
};

struct RuleOutcomeData {
  std::string rule;  // greedy | mes | mes-add1
  bool declared = false;
  int64_t total_cost_cents = 0;
  int64_t budget_used_percent = 0;
  int64_t voters_with_a_selected_choice = 0;
  int64_t voters_with_a_selected_choice_percent = 0;
  std::vector<ProposalOutcome> proposals;  // most votes first
  int64_t ties = 0;                        // ties the tie-break decided
};

struct AreaResultsData {
  std::string id;
  std::string name;
  int64_t budget_cents = 0;
  int64_t ballots = 0;
  std::vector<RuleOutcomeData> rules;        // the declared rule first
  std::map<std::string, std::string> files;  // "json", "csv", "pb" -> path under data/
};

struct PublishedResults {
  std::string round;
  std::vector<AreaResultsData> areas;  // in the round's area order
  std::vector<std::string> receipts;   // sorted
  std::string receipts_file;           // path under data/
};

/// Checks one `<area>.json` (parsed into `v`) against `round` and `area`; nullopt after
/// reporting into `diags`.
std::optional<AreaResultsData> ParseAreaResults(const Value& v, const RoundDefinition& round,
                                                const AreaDefinition& area, DiagnosticList& diags);

/// Reads `data/results/<id>/` for every round of the site that has one. A round whose
/// folder is missing has no results; a folder for an unknown round, a missing area file or
/// bad data is an error.
std::map<std::string, PublishedResults> LoadRoundResults(const FileSystem& fs,
                                                         const std::vector<RoundDefinition>& rounds,
                                                         DiagnosticList& diags);

/// UI string `key` in `lang` (the theme's i18n).
using UiString = std::function<std::string(const std::string& lang, const std::string& key)>;

/// For each language version of a round page with results: a results page at
/// `<round-url><results_slug>/` and a receipts page below it at `<receipts_slug>/`
/// (PageType::kRoundResults, kRoundReceipts; Page::results_round = the round id). The data
/// files are copied next to the default language's results page.
void AddRoundResultsPages(const UiString& str, Site& site, DiagnosticList& diags);

/// The address of the data files of a round's results (the default language's results page).
std::string ResultsFilesUrl(const Site& site, const std::string& round_id);

}  // namespace yhdessa
