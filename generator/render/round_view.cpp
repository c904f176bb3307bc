#include "generator/render/round_view.h"

#include "common/voting_code_format.h"
#include "generator/data/value.h"

namespace yhdessa {

std::string FormatEuros(int64_t euros, const std::string& lang) {
  std::string digits = std::to_string(euros < 0 ? -euros : euros);
  std::string sep = lang == "en" ? "," : "\u00A0";
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n && n % 3 == 0) out.insert(0, sep);
    out.insert(out.begin(), *it);
    ++n;
  }
  if (euros < 0) out.insert(0, "-");
  return lang == "en" ? "€" + out : out + "\u00A0€";
}

std::string FormatRoundTime(const std::string& iso, const std::string& lang) {
  auto dt = ParseDateTime(iso);
  if (!dt) return iso;
  std::string date =
      std::to_string(dt->day) + "." + std::to_string(dt->month) + "." + std::to_string(dt->year);
  std::string mm = (dt->minute < 10 ? "0" : "") + std::to_string(dt->minute);
  if (lang == "en") {
    static const char* kMonths[] = {"January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December"};
    return std::to_string(dt->day) + " " + kMonths[dt->month - 1] + " " + std::to_string(dt->year) +
           ", " + std::to_string(dt->hour) + ":" + mm;
  }
  return date + (lang == "sv" ? " kl. " : " klo ") + std::to_string(dt->hour) + "." + mm;
}

RoundPhase PhaseAt(const RoundDefinition& r, int64_t now) {
  auto o = ParseDateTime(r.opens), c = ParseDateTime(r.closes);
  if (o && now < o->Epoch()) return RoundPhase::kUpcoming;
  if (c && now >= c->Epoch()) return RoundPhase::kClosed;
  return RoundPhase::kOpen;
}

ViewData RoundView(const RoundDefinition& r, const RoundViewContext& ctx) {
  ViewData v;
  v.Set("id", r.id);
  v.Set("title", r.title);
  v.Set("opens", FormatRoundTime(r.opens, ctx.lang));
  v.Set("closes", FormatRoundTime(r.closes, ctx.lang));
  v.Set("opens_iso", r.opens);
  v.Set("closes_iso", r.closes);
  RoundPhase phase = PhaseAt(r, ctx.now);
  v.Set("is_upcoming", phase == RoundPhase::kUpcoming);
  v.Set("is_closed", phase == RoundPhase::kClosed);
  v.Set("is_open", phase == RoundPhase::kOpen);
  v.Set("rule", r.rule);
  v.Set("min_choices", std::to_string(r.min_choices));
  if (r.max_choices > 0) v.Set("max_choices", std::to_string(r.max_choices));
  v.Set("knapsack", r.knapsack);
  if (!r.eligibility.empty()) v.Set("eligibility", r.eligibility);
  v.Set("action", ctx.api_origin + "/api/rounds/" + r.id + "/ballots");
  v.Set("lang", ctx.lang);
  v.Set("code_alphabet", std::string(kVotingCodeAlphabet));
  v.Set("code_length", std::to_string(kVotingCodeLength));
  ViewData areas = ViewData::List();
  for (const auto& a : r.areas) {
    ViewData av;
    av.Set("id", a.id);
    av.Set("name", a.name);
    av.Set("budget", FormatEuros(a.budget, ctx.lang));
    av.Set("budget_number", std::to_string(a.budget));
    int64_t total = 0;
    ViewData proposals = ViewData::List();
    for (const auto& p : a.proposals) {
      total += p.cost;
      ViewData pv;
      pv.Set("id", p.id);
      pv.Set("title", p.title);
      pv.Set("cost", FormatEuros(p.cost, ctx.lang));
      pv.Set("cost_number", std::to_string(p.cost));
      if (!p.summary.empty()) pv.Set("summary", p.summary);
      if (!p.url.empty()) pv.Set("url", p.url);
      pv.Set("input_id", "p-" + a.id + "-" + p.id);
      proposals.Push(std::move(pv));
    }
    av.Set("proposals", std::move(proposals));
    av.Set("has_proposals", !a.proposals.empty());
    av.Set("proposal_count", std::to_string(a.proposals.size()));
    av.Set("proposals_total", FormatEuros(total, ctx.lang));
    areas.Push(std::move(av));
  }
  v.Set("areas", std::move(areas));
  v.Set("single_area", r.areas.size() == 1);
  return v;
}

}  // namespace yhdessa
