#include "generator/model/round_results.h"

#include <algorithm>
#include <set>

#include "generator/data/yaml_reader.h"
#include "generator/model/links.h"
#include "generator/model/site.h"

namespace yhdessa {

namespace {

// A required key of a map; reports at the map when missing.
const Value* Need(const Value& map, const char* key, DiagnosticList& diags) {
  const Value* v = map.is_map() ? map.Find(key) : nullptr;
  if (!v)
    ReportAt(diags, map.pos(), std::string("results: missing '") + key + "'",
             "write the folder with `yhdessa-vote tally --db`; do not edit it by hand");
  return v;
}

std::optional<int64_t> NeedInt(const Value& map, const char* key, DiagnosticList& diags) {
  const Value* v = Need(map, key, diags);
  if (!v) return std::nullopt;
  auto n = ReadInt(*v, std::string("'") + key + "'", diags);
  if (n && *n < 0) {
    ReportAt(diags, v->pos(), std::string("results: '") + key + "' must not be negative");
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> NeedString(const Value& map, const char* key, DiagnosticList& diags) {
  const Value* v = Need(map, key, diags);
  if (!v) return std::nullopt;
  return ReadString(*v, std::string("'") + key + "'", diags);
}

std::optional<bool> NeedBool(const Value& map, const char* key, DiagnosticList& diags) {
  const Value* v = Need(map, key, diags);
  if (!v) return std::nullopt;
  return ReadBool(*v, std::string("'") + key + "'", diags);
}

bool Expect(const Value& map, const char* key, const std::string& want, DiagnosticList& diags) {
  auto got = NeedString(map, key, diags);
  if (!got) return false;
  if (*got != want) {
    ReportAt(diags, map.Find(key)->pos(),
             std::string("results: '") + key + "' is '" + *got + "', expected '" + want + "'",
             "the results folder belongs to another round or area; tally this round again");
    return false;
  }
  return true;
}

std::optional<ProposalOutcome> ParseProposal(const Value& v, const AreaDefinition& area,
                                             DiagnosticList& diags) {
  ProposalOutcome p;
  auto id = NeedString(v, "id", diags);
  if (!id) return std::nullopt;
  auto def = std::find_if(area.proposals.begin(), area.proposals.end(),
                          [&](const ProposalDefinition& d) { return d.id == *id; });
  if (def == area.proposals.end()) {
    ReportAt(diags, v.Find("id")->pos(),
             "results: proposal '" + *id + "' is not in area '" + area.id + "' of the round");
    return std::nullopt;
  }
  p.id = *id;
  p.name = def->title;  // the site's current title (titles may be corrected)
  p.url = def->url;
  auto cost = NeedInt(v, "cost_cents", diags);
  auto votes = NeedInt(v, "votes", diags);
  auto selected = NeedBool(v, "selected", diags);
  auto order = NeedInt(v, "selection_order", diags);
  if (!cost || !votes || !selected || !order) return std::nullopt;
  if (*cost != def->cost * 100) {
    ReportAt(diags, v.Find("cost_cents")->pos(),
             "results: proposal '" + *id + "' costs " + std::to_string(*cost) + " cents here but " +
                 std::to_string(def->cost) + " euros in the round");
    return std::nullopt;
  }
  p.cost_cents = *cost;
  p.votes = *votes;
  p.selected = *selected;
  p.selection_order = *order;
  if (const Value* m = v.Find("mes")) {
    p.has_mes = true;
    auto supporters = NeedInt(*m, "supporters", diags);
    if (!supporters) return std::nullopt;
    p.supporters = *supporters;
    if (p.selected) {
      auto by = NeedString(*m, "selected_by", diags);
      if (!by) return std::nullopt;
      p.selected_by = *by;
      if (*by == "equal shares") {
        auto pay = NeedInt(*m, "max_payment_per_supporter_cents", diags);
        if (!pay) return std::nullopt;
        p.max_payment_cents = *pay;
      } else if (*by != "completion") {
        ReportAt(
            diags, m->Find("selected_by")->pos(),
            "results: 'selected_by' is '" + *by + "', expected 'equal shares' or 'completion'");
        return std::nullopt;
      }
    } else {
      auto left = NeedInt(*m, "money_left_cents", diags);
      if (!left) return std::nullopt;
      p.money_left_cents = *left;
    }
  }
  return p;
}

std::optional<RuleOutcomeData> ParseRule(const Value& v, const AreaDefinition& area,
                                         DiagnosticList& diags) {
  RuleOutcomeData r;
  auto rule = NeedString(v, "rule", diags);
  if (!rule) return std::nullopt;
  const auto& known = KnownRules();
  if (std::find(known.begin(), known.end(), *rule) == known.end()) {
    ReportAt(diags, v.Find("rule")->pos(),
             "results: unknown rule '" + *rule + "' (greedy, mes or mes-add1)");
    return std::nullopt;
  }
  r.rule = *rule;
  auto declared = NeedBool(v, "declared", diags);
  auto total = NeedInt(v, "total_cost_cents", diags);
  auto used = NeedInt(v, "budget_used_percent", diags);
  auto happy = NeedInt(v, "voters_with_a_selected_choice", diags);
  auto happy_pct = NeedInt(v, "voters_with_a_selected_choice_percent", diags);
  const Value* proposals = Need(v, "proposals", diags);
  if (!declared || !total || !used || !happy || !happy_pct || !proposals) return std::nullopt;
  r.declared = *declared;
  r.total_cost_cents = *total;
  r.budget_used_percent = *used;
  r.voters_with_a_selected_choice = *happy;
  r.voters_with_a_selected_choice_percent = *happy_pct;
  if (!proposals->is_list()) {
    ReportAt(diags, proposals->pos(),
             "results: 'proposals' must be a list, not " + proposals->KindName());
    return std::nullopt;
  }
  std::set<std::string> seen;
  for (const auto& item : proposals->items()) {
    auto p = ParseProposal(item, area, diags);
    if (!p) return std::nullopt;
    if (!seen.insert(p->id).second) {
      ReportAt(diags, item.pos(), "results: proposal '" + p->id + "' is listed twice");
      return std::nullopt;
    }
    r.proposals.push_back(std::move(*p));
  }
  if (const Value* ties = v.Find("ties"); ties && ties->is_list()) {
    r.ties = static_cast<int64_t>(ties->items().size());
  }
  return r;
}

}  // namespace

std::optional<AreaResultsData> ParseAreaResults(const Value& v, const RoundDefinition& round,
                                                const AreaDefinition& area, DiagnosticList& diags) {
  if (!v.is_map()) {
    ReportAt(
        diags, v.pos(),
        "results: expected a map (the JSON of `yhdessa-vote tally --db`), not " + v.KindName());
    return std::nullopt;
  }
  auto format = NeedInt(v, "format", diags);
  if (!format) return std::nullopt;
  if (*format != 1) {
    ReportAt(
        diags, v.Find("format")->pos(),
        "results: format " + std::to_string(*format) + " is not known (this generator reads 1)");
    return std::nullopt;
  }
  const Value* r = Need(v, "round", diags);
  const Value* a = Need(v, "area", diags);
  if (!r || !a || !Expect(*r, "id", round.id, diags) || !Expect(*a, "id", area.id, diags)) {
    return std::nullopt;
  }
  AreaResultsData out;
  out.id = area.id;
  out.name = area.name;
  auto budget = NeedInt(v, "budget_cents", diags);
  auto ballots = NeedInt(v, "ballots", diags);
  const Value* results = Need(v, "results", diags);
  if (!budget || !ballots || !results) return std::nullopt;
  if (*budget != area.budget * 100) {
    ReportAt(diags, v.Find("budget_cents")->pos(),
             "results: budget " + std::to_string(*budget) + " cents differs from the round's " +
                 std::to_string(area.budget) + " euros");
    return std::nullopt;
  }
  out.budget_cents = *budget;
  out.ballots = *ballots;
  if (!results->is_list() || results->items().empty()) {
    ReportAt(diags, results->pos(), "results: 'results' must be a list with one entry per rule");
    return std::nullopt;
  }
  for (const auto& item : results->items()) {
    auto rule = ParseRule(item, area, diags);
    if (!rule) return std::nullopt;
    out.rules.push_back(std::move(*rule));
  }
  return out;
}

std::map<std::string, PublishedResults> LoadRoundResults(const FileSystem& fs,
                                                         const std::vector<RoundDefinition>& rounds,
                                                         DiagnosticList& diags) {
  std::map<std::string, PublishedResults> out;
  if (!fs.IsDirectory("data/results")) return out;
  std::set<std::string> folders;
  for (const auto& f : fs.ListFiles("data/results")) {
    const std::string rel = f.substr(std::string("data/results/").size());
    const size_t slash = rel.find('/');
    if (slash != std::string::npos) folders.insert(rel.substr(0, slash));
  }
  for (const auto& folder : folders) {
    auto round = std::find_if(rounds.begin(), rounds.end(),
                              [&](const RoundDefinition& r) { return r.id == folder; });
    if (round == rounds.end()) {
      diags.Error({"data/results/" + folder, 0, 0},
                  "results for round '" + folder + "', which the site does not have",
                  "name the folder after a round's id, or remove it");
      continue;
    }
    const std::string dir = "data/results/" + folder + "/";
    PublishedResults pr;
    pr.round = folder;
    bool ok = true;
    for (const auto& area : round->areas) {
      const std::string file = dir + area.id + ".json";
      auto text = fs.ReadFile(file);
      if (!text.ok()) {
        diags.Error(
            {file, 0, 0}, "results of round '" + folder + "' lack area '" + area.id + "'",
            "tally the round again with `yhdessa-vote tally --db FILE --round " + folder + "`");
        ok = false;
        continue;
      }
      auto v = ParseYaml(*text, file, 1, diags);
      if (!v) {
        ok = false;
        continue;
      }
      auto parsed = ParseAreaResults(*v, *round, area, diags);
      if (!parsed) {
        ok = false;
        continue;
      }
      for (const char* ext : {"json", "csv", "pb"}) {
        const std::string path = dir + area.id + "." + ext;
        if (fs.ReadFile(path).ok()) parsed->files[ext] = path;
      }
      pr.areas.push_back(std::move(*parsed));
    }
    const std::string receipts_file = dir + "receipts.json";
    auto text = fs.ReadFile(receipts_file);
    if (!text.ok()) {
      diags.Error(
          {receipts_file, 0, 0}, "results of round '" + folder + "' lack receipts.json",
          "tally the round again with `yhdessa-vote tally --db FILE --round " + folder + "`");
      continue;
    }
    auto v = ParseYaml(*text, receipts_file, 1, diags);
    if (!v || !ok) continue;
    if (!Expect(*v, "round", folder, diags)) continue;
    const Value* list = Need(*v, "receipts", diags);
    if (!list) continue;
    auto receipts = ReadStringList(*list, "'receipts'", diags);
    if (!receipts) continue;
    if (!std::is_sorted(receipts->begin(), receipts->end())) {
      ReportAt(diags, list->pos(),
               "results: receipts must be sorted (never in the order they were cast)");
      continue;
    }
    pr.receipts = std::move(*receipts);
    pr.receipts_file = receipts_file;
    out.emplace(folder, std::move(pr));
  }
  return out;
}

std::string ResultsFilesUrl(const Site& site, const std::string& round_id) {
  auto it = site.results_pages.find(round_id);
  if (it == site.results_pages.end()) return {};
  return site.pages[static_cast<size_t>(it->second)].url;
}

void AddRoundResultsPages(const UiString& str, Site& site, DiagnosticList& diags) {
  if (site.results.empty()) return;
  const std::string& dl = site.config.default_language;
  // Round pages in every language, found through the default language's page.
  std::vector<std::pair<std::string, int>> round_pages;  // round id, page
  for (size_t i = 0; i < site.pages.size(); ++i) {
    const Page& p = site.pages[i];
    if (!p.typed || !p.typed->round || !site.results.count(p.typed->round->id)) continue;
    if (p.type == PageType::kMissingTranslation) continue;
    round_pages.emplace_back(p.typed->round->id, static_cast<int>(i));
  }
  for (const auto& [round_id, page] : round_pages) {
    const std::string lang = site.pages[static_cast<size_t>(page)].lang;
    const std::string round_url = site.pages[static_cast<size_t>(page)].url;
    const std::string round_title = site.pages[static_cast<size_t>(page)].fm.title;
    int results_page = -1;
    for (int level = 0; level < 2; ++level) {
      Page p;
      p.type = level == 0 ? PageType::kRoundResults : PageType::kRoundReceipts;
      p.lang = lang;
      p.file = "data/results/" + round_id;
      p.results_round = round_id;
      p.fm.title = str(lang, level == 0 ? "results_title" : "receipts_title") + ": " + round_title;
      p.parent = level == 0 ? page : results_page;
      p.url = level == 0 ? round_url + str(lang, "results_slug") + "/"
                         : site.pages[static_cast<size_t>(results_page)].url +
                               str(lang, "receipts_slug") + "/";
      p.translation_key =
          std::string(level == 0 ? "_yhdessa/results/" : "_yhdessa/receipts/") + round_id;
      const std::string key = p.translation_key;
      site.pages.push_back(std::move(p));
      const int idx = static_cast<int>(site.pages.size()) - 1;
      auto [it, fresh] = site.by_url.emplace(site.pages[static_cast<size_t>(idx)].url, idx);
      if (!fresh) {
        diags.Error({site.pages[static_cast<size_t>(it->second)].file, 1, 1},
                    "the address '" + site.pages[static_cast<size_t>(idx)].url +
                        "' is reserved for the results of round '" + round_id + "'");
      }
      site.translations[key][lang] = idx;
      if (level == 0) results_page = idx;
    }
    if (lang == dl) site.results_pages[round_id] = results_page;
  }
  // The open data next to the default language's results page.
  for (const auto& [round_id, results] : site.results) {
    const std::string url = ResultsFilesUrl(site, round_id);
    if (url.empty()) continue;
    for (const auto& area : results.areas) {
      for (const auto& [ext, path] : area.files) {
        site.static_files.push_back({path, url.substr(1) + area.id + "." + ext});
        site.static_urls[url + area.id + "." + ext] = path;
      }
    }
    site.static_files.push_back({results.receipts_file, url.substr(1) + "receipts.json"});
    site.static_urls[url + "receipts.json"] = results.receipts_file;
  }
}

}  // namespace yhdessa
