#include "generator/kinds/ballot_directive.h"

#include <map>

namespace yhdessa {
namespace {

std::string Listed(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string Suggest(const std::string& word, const std::vector<std::string>& names,
                    const std::string& what) {
  std::string near = DidYouMean(word, names);
  return near.empty() ? what + ": " + Listed(names) : "did you mean '" + near + "'?";
}

}  // namespace

const std::vector<std::string>& KnownDirectives() {
  static const std::vector<std::string> k{"ballot"};
  return k;
}

std::vector<EmbeddedBallot> ResolveDirectives(const std::vector<Directive>& directives,
                                              const std::vector<RoundDefinition>& rounds,
                                              DiagnosticList& diags) {
  static const std::vector<std::string> kArgs{"round", "area"};
  std::vector<EmbeddedBallot> out;
  std::map<std::string, int> areas_on_page;  // area id -> line of its ballot
  std::vector<std::string> round_ids;
  for (const auto& r : rounds) round_ids.push_back(r.id);
  for (const Directive& d : directives) {
    if (d.name != "ballot") {
      diags.Error(d.name_pos, "unknown directive '" + d.name + "'",
                  Suggest(d.name, KnownDirectives(), "directives are"));
      continue;
    }
    bool ok = true;
    for (const auto& a : d.args) {
      if (a.key == "round" || a.key == "area") continue;
      diags.Error(a.key_pos, "unknown argument '" + a.key + "' of the ballot directive",
                  Suggest(a.key, kArgs, "its arguments are"));
      ok = false;
    }
    if (!ok) continue;  // a misspelt key would also read as a missing one: one message is enough
    const DirectiveArg* round_arg = d.Find("round");
    const DirectiveArg* area_arg = d.Find("area");
    if (!round_arg) {
      diags.Error(d.pos, "the ballot directive needs 'round'",
                  round_ids.empty() ? "the site has no round yet (a section with kind: pb-round)"
                                    : "add round=\"<id>\"; rounds are: " + Listed(round_ids));
      continue;
    }
    size_t r = 0;
    while (r < rounds.size() && rounds[r].id != round_arg->value) ++r;
    if (r == rounds.size()) {
      diags.Error(round_arg->value_pos, "unknown round '" + round_arg->value + "'",
                  round_ids.empty() ? "the site has no round yet (a section with kind: pb-round)"
                                    : Suggest(round_arg->value, round_ids, "rounds are"));
      continue;
    }
    std::vector<std::string> area_ids;
    for (const auto& a : rounds[r].areas) area_ids.push_back(a.id);
    if (!area_arg) {
      diags.Error(
          d.pos, "the ballot directive needs 'area'",
          "add area=\"<id>\"; the areas of '" + rounds[r].id + "' are: " + Listed(area_ids));
      continue;
    }
    size_t a = 0;
    while (a < area_ids.size() && area_ids[a] != area_arg->value) ++a;
    if (a == area_ids.size()) {
      diags.Error(area_arg->value_pos,
                  "round '" + rounds[r].id + "' has no area '" + area_arg->value + "'",
                  Suggest(area_arg->value, area_ids, "its areas are"));
      continue;
    }
    auto [prev, fresh] = areas_on_page.emplace(area_arg->value, d.pos.line);
    if (!fresh) {
      diags.Error(d.pos,
                  "the ballot of area '" + area_arg->value + "' is already on this page, on line " +
                      std::to_string(prev->second),
                  "a page can hold each area's ballot once");
      continue;
    }
    out.push_back({r, a, d.html_offset, d.pos.line});
  }
  return out;
}

}  // namespace yhdessa
