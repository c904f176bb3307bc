#include "generator/kinds/round_content.h"

#include <map>
#include <set>

#include "generator/kinds/kind_registry.h"

namespace yhdessa {
namespace {

std::string Text(const Value& map, const char* key) {
  const Value* v = map.Find(key);
  return v && v->is_scalar() ? v->text() : "";
}

// A round's time must carry its offset: "09:00" alone would mean different instants to
// the server and to the people reading the page.
bool ReadTimestamp(const Value& fm, const char* key, std::string& out, DiagnosticList& diags) {
  const Value* v = fm.Find(key);
  if (!v) return false;
  auto dt = ReadDate(*v, std::string("'") + key + "'", diags);
  if (!dt) return false;
  if (!dt->has_time || (v->text().find('Z') == std::string::npos &&
                        v->text().find('+') == std::string::npos && v->text().rfind('-') < 10)) {
    ReportAt(diags, v->pos(), std::string("'") + key + "' needs a time and a UTC offset",
             "e.g. " + std::string(key) + ": 2025-09-01T09:00:00+03:00");
    return false;
  }
  out = v->text();
  return true;
}

}  // namespace

std::optional<RoundDefinition> ParseRoundSection(const FrontMatter& fm, DiagnosticList& diags) {
  size_t before = diags.error_count();
  const Value& raw = fm.raw;
  RoundDefinition r;
  r.id = Text(raw, "round");
  r.title = fm.title;
  if (r.id.empty() ||
      r.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos) {
    ReportAt(diags, raw.Find("round") ? raw.Find("round")->pos() : raw.pos(),
             "'round' must be an id of lowercase letters, digits and '-'",
             "e.g. round: omakouvola-2025");
  }
  bool have_times = ReadTimestamp(raw, "opens", r.opens, diags);
  have_times = ReadTimestamp(raw, "closes", r.closes, diags) && have_times;
  if (have_times) {
    auto o = ParseDateTime(r.opens), c = ParseDateTime(r.closes);
    if (o && c && c->Epoch() <= o->Epoch()) {
      ReportAt(diags, raw.Find("closes")->pos(), "the round closes before it opens",
               "'closes' must be later than 'opens' (" + r.opens + ")");
    }
  }
  if (const Value* rule = raw.Find("rule")) {
    r.rule = rule->text();
    const auto& rules = KnownRules();
    if (std::find(rules.begin(), rules.end(), r.rule) == rules.end()) {
      std::string near = DidYouMean(r.rule, rules);
      ReportAt(diags, rule->pos(), "unknown rule '" + r.rule + "'",
               near.empty() ? "rules are: greedy, mes, mes-add1" : "did you mean '" + near + "'?");
    }
  }
  if (const Value* v = raw.Find("min_choices")) {
    if (auto n = ReadInt(*v, "'min_choices'", diags)) r.min_choices = static_cast<int>(*n);
  }
  if (const Value* v = raw.Find("max_choices")) {
    if (auto n = ReadInt(*v, "'max_choices'", diags)) r.max_choices = static_cast<int>(*n);
  }
  if (r.min_choices < 0 || (r.max_choices > 0 && r.max_choices < r.min_choices)) {
    ReportAt(diags, raw.pos(), "choices: min_choices must be at least 0 and at most max_choices");
  }
  if (const Value* v = raw.Find("knapsack")) {
    if (auto b = ReadBool(*v, "'knapsack'", diags)) r.knapsack = *b;
  }
  if (const Value* v = raw.Find("voter_areas")) {
    r.voter_areas = v->text();
    if (r.voter_areas != "one" && r.voter_areas != "all") {
      ReportAt(diags, v->pos(),
               "'voter_areas' must be 'one' (a code votes in its own area) or 'all'");
    }
  }
  r.eligibility = Text(raw, "eligibility");
  const Value* areas = raw.Find("areas");
  if (!areas || !areas->is_list() || areas->items().empty()) {
    ReportAt(diags, areas ? areas->pos() : raw.pos(),
             "a round needs 'areas': a list of areas with id, name and budget");
  } else {
    std::set<std::string> ids;
    for (const auto& a : areas->items()) {
      if (!CheckSchema(a,
                       {{"id", Field::kText, true, {}},
                        {"name", Field::kText, true, {}},
                        {"budget", Field::kInt, true, {}}},
                       "an area", true, diags)) {
        continue;
      }
      AreaDefinition area;
      area.id = Text(a, "id");
      area.name = Text(a, "name");
      area.budget = std::stoll(Text(a, "budget"));
      if (area.budget <= 0)
        ReportAt(diags, a.Find("budget")->pos(), "an area's budget must be more than 0 euros");
      if (!ids.insert(area.id).second)
        ReportAt(diags, a.Find("id")->pos(), "area '" + area.id + "' is listed twice");
      r.areas.push_back(std::move(area));
    }
  }
  if (diags.error_count() > before) return std::nullopt;
  return r;
}

std::optional<ProposalInfo> ParseProposal(const FrontMatter& fm, const std::string& file_stem,
                                          DiagnosticList& diags) {
  size_t before = diags.error_count();
  ProposalInfo p;
  p.pos = fm.raw.pos();
  p.round = Text(fm.raw, "round");
  p.area = Text(fm.raw, "area");
  p.def.id = Text(fm.raw, "id");
  if (p.def.id.empty()) p.def.id = file_stem;
  p.def.title = fm.title;
  p.def.summary = Text(fm.raw, "summary");
  if (const Value* c = fm.raw.Find("cost")) {
    if (auto n = ReadInt(*c, "'cost'", diags)) {
      p.def.cost = *n;
      if (*n <= 0) ReportAt(diags, c->pos(), "a proposal's cost must be more than 0 euros");
    }
  }
  p.image = Text(fm.raw, "image");
  p.image_alt = Text(fm.raw, "image_alt");
  if (!p.image.empty() && p.image_alt.empty()) {
    ReportAt(diags, fm.raw.Find("image")->pos(), "the proposal's image has no 'image_alt'",
             "describe what the image shows in image_alt (WCAG 1.1.1)");
  }
  if (diags.error_count() > before) return std::nullopt;
  return p;
}

std::vector<RoundDefinition> CollectRounds(std::vector<RoundSource> rounds,
                                           const std::vector<ProposalSource>& proposals,
                                           DiagnosticList& diags) {
  std::map<std::string, size_t> by_id;
  std::vector<std::string> round_ids;
  for (size_t i = 0; i < rounds.size(); ++i) {
    if (!by_id.emplace(rounds[i].round.id, i).second) {
      diags.Error(rounds[i].pos, "round '" + rounds[i].round.id + "' is defined by two sections",
                  "give each round its own 'round' id");
    }
    round_ids.push_back(rounds[i].round.id);
  }
  std::map<std::pair<std::string, std::string>, std::string> seen;  // (round, id) -> file
  for (const auto& ps : proposals) {
    const ProposalInfo& p = *ps.proposal;
    SourcePos pos{ps.file, 1, 1};
    auto it = by_id.find(p.round);
    if (it == by_id.end()) {
      std::string near = DidYouMean(p.round, round_ids);
      diags.Error(pos, "proposal for unknown round '" + p.round + "'",
                  near.empty() ? "a round is a section with kind: pb-round and round: <id>"
                               : "did you mean '" + near + "'?");
      continue;
    }
    RoundDefinition& r = rounds[it->second].round;
    AreaDefinition* area = nullptr;
    std::vector<std::string> area_ids;
    for (auto& a : r.areas) {
      area_ids.push_back(a.id);
      if (a.id == p.area) area = &a;
    }
    if (!area) {
      std::string near = DidYouMean(p.area, area_ids);
      std::string list;
      for (const auto& a : area_ids) list += (list.empty() ? "" : ", ") + a;
      diags.Error(pos, "proposal for unknown area '" + p.area + "' of round '" + r.id + "'",
                  near.empty() ? "the round's areas are: " + list : "did you mean '" + near + "'?");
      continue;
    }
    auto [prev, fresh] = seen.emplace(std::make_pair(r.id, p.def.id), ps.file);
    if (!fresh) {
      diags.Error(pos, "proposal id '" + p.def.id + "' is also used by " + prev->second,
                  "proposal ids must be unique within a round; set 'id'");
      continue;
    }
    if (r.knapsack && p.def.cost > area->budget) {
      diags.Error(pos, "proposal '" + p.def.id + "' costs " + std::to_string(p.def.cost) +
                           " euros, more than area '" + area->id + "''s whole budget of " +
                           std::to_string(area->budget));
      continue;
    }
    ProposalDefinition def = p.def;
    def.url = ps.url;
    area->proposals.push_back(std::move(def));
  }
  std::vector<RoundDefinition> out;
  for (auto& r : rounds) out.push_back(std::move(r.round));
  return out;
}

}  // namespace yhdessa
