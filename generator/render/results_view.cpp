#include "generator/render/results_view.h"

#include "generator/render/round_view.h"

namespace yhdessa {

namespace {

std::string Fill(std::string text, const std::string& key, const std::string& value) {
  const std::string mark = "{" + key + "}";
  for (size_t at = text.find(mark); at != std::string::npos;
       at = text.find(mark, at + value.size())) {
    text.replace(at, mark.size(), value);
  }
  return text;
}

std::string Count(int64_t n, const std::string& lang) {
  // Counts group thousands like money does, without the currency.
  std::string s = FormatEuros(n, lang);
  if (lang == "en") return s.substr(std::string("€").size());
  return s.substr(0, s.size() - std::string("\u00A0€").size());
}

ViewData ProposalRow(const ProposalOutcome& p, const ResultsViewContext& ctx) {
  ViewData v;
  v.Set("id", p.id);
  v.Set("name", p.name);
  if (!p.url.empty()) v.Set("url", p.url);
  v.Set("votes", Count(p.votes, ctx.lang));
  v.Set("cost", FormatEuroCents(p.cost_cents, ctx.lang));
  v.Set("selected", p.selected);
  return v;
}

}  // namespace

std::string FormatEuroCents(int64_t cents, const std::string& lang) {
  const bool negative = cents < 0;
  const int64_t abs = negative ? -cents : cents;
  std::string whole = FormatEuros(negative ? -(abs / 100) : abs / 100, lang);
  if (abs % 100 == 0) return whole;
  const int64_t rest = abs % 100;
  const std::string decimals =
      (lang == "en" ? "." : ",") + std::string(rest < 10 ? "0" : "") + std::to_string(rest);
  if (lang == "en") return whole + decimals;
  return whole.substr(0, whole.size() - std::string("\u00A0€").size()) + decimals + "\u00A0€";
}

std::string RuleName(const std::string& rule, const std::string& lang, const UiString& str) {
  return str(lang, "rule_" + rule);
}

std::string MesExplanationSentence(const ProposalOutcome& p, const std::string& lang,
                                   const UiString& str) {
  if (!p.has_mes) return {};
  std::string s;
  if (p.selected && p.selected_by == "completion") {
    s = str(lang, "mes_selected_completion");
  } else if (p.selected) {
    s = str(lang, "mes_selected");
  } else if (p.supporters == 0) {
    s = str(lang, "mes_no_supporters");
  } else {
    s = str(lang, "mes_not_selected");
  }
  s = Fill(s, "supporters", Count(p.supporters, lang));
  s = Fill(s, "left", FormatEuroCents(p.money_left_cents, lang));
  s = Fill(s, "cost", FormatEuroCents(p.cost_cents, lang));
  s = Fill(s, "price", FormatEuroCents(p.max_payment_cents, lang));
  return s;
}

// What the results page and the receipts page both show at the top.
static ViewData RoundResultsHeader(const PublishedResults& results, const ResultsViewContext& ctx) {
  ViewData v;
  v.Set("round_title", ctx.round_title);
  v.Set("round_url", ctx.round_url);
  v.Set("results_url", ctx.results_url);
  v.Set("receipt_count", Count(static_cast<int64_t>(results.receipts.size()), ctx.lang));
  v.Set("receipts_json_url", ctx.files_url + "receipts.json");
  return v;
}

ViewData ResultsView(const PublishedResults& results, const ResultsViewContext& ctx) {
  ViewData v = RoundResultsHeader(results, ctx);
  v.Set("receipts_url", ctx.receipts_url);
  ViewData areas = ViewData::List();
  for (const auto& a : results.areas) {
    ViewData av;
    av.Set("id", a.id);
    av.Set("name", a.name);
    av.Set("budget", FormatEuroCents(a.budget_cents, ctx.lang));
    av.Set("ballots", Count(a.ballots, ctx.lang));
    const RuleOutcomeData& declared = a.rules.front();
    av.Set("declared_rule", RuleName(declared.rule, ctx.lang, ctx.str));
    // The declared rule's selection, in the order it was made.
    std::vector<const ProposalOutcome*> chosen;
    for (const auto& p : declared.proposals) {
      if (p.selected) chosen.push_back(&p);
    }
    std::stable_sort(chosen.begin(), chosen.end(),
                     [](const ProposalOutcome* x, const ProposalOutcome* y) {
                       return x->selection_order < y->selection_order;
                     });
    ViewData selected = ViewData::List();
    for (const auto* p : chosen) selected.Push(ProposalRow(*p, ctx));
    av.Set("selected", std::move(selected));
    av.Set("has_selected", !chosen.empty());
    av.Set("total_cost", FormatEuroCents(declared.total_cost_cents, ctx.lang));
    av.Set("budget_used_percent", std::to_string(declared.budget_used_percent));
    // Greedy and MES (and the declared rule) side by side.
    ViewData rules = ViewData::List();
    for (const auto& r : a.rules) {
      ViewData rv;
      rv.Set("rule", r.rule);
      rv.Set("name", RuleName(r.rule, ctx.lang, ctx.str));
      rv.Set("declared", r.declared);
      int64_t count = 0;
      for (const auto& p : r.proposals) count += p.selected ? 1 : 0;
      rv.Set("selected_count", std::to_string(count));
      rv.Set("total_cost", FormatEuroCents(r.total_cost_cents, ctx.lang));
      rv.Set("budget_used_percent", std::to_string(r.budget_used_percent));
      rv.Set("voters_with_a_selected_choice", Count(r.voters_with_a_selected_choice, ctx.lang));
      rv.Set("voters_with_a_selected_choice_percent",
             std::to_string(r.voters_with_a_selected_choice_percent));
      rv.Set("has_ties", r.ties > 0);
      rules.Push(std::move(rv));
    }
    av.Set("rules", std::move(rules));
    // Every proposal, with its outcome under each rule and the MES sentence.
    ViewData rows = ViewData::List();
    for (size_t k = 0; k < declared.proposals.size(); ++k) {
      const ProposalOutcome& p = declared.proposals[k];
      ViewData row = ProposalRow(p, ctx);
      ViewData outcomes = ViewData::List();
      std::string explanation;
      for (const auto& r : a.rules) {
        auto it = std::find_if(r.proposals.begin(), r.proposals.end(),
                               [&](const ProposalOutcome& q) { return q.id == p.id; });
        ViewData o;
        const bool sel = it != r.proposals.end() && it->selected;
        o.Set("selected", sel);
        o.Set("text", ctx.str(ctx.lang, sel ? "result_selected" : "result_not_selected"));
        o.Set("rule_name", RuleName(r.rule, ctx.lang, ctx.str));
        outcomes.Push(std::move(o));
        if (it != r.proposals.end() && it->has_mes && (r.rule == "mes" || explanation.empty())) {
          explanation = MesExplanationSentence(*it, ctx.lang, ctx.str);
        }
      }
      row.Set("outcomes", std::move(outcomes));
      if (!explanation.empty()) row.Set("explanation", explanation);
      rows.Push(std::move(row));
    }
    av.Set("proposals", std::move(rows));
    ViewData files = ViewData::List();
    for (const auto& [ext, path] : a.files) {
      ViewData f;
      f.Set("url", ctx.files_url + a.id + "." + ext);
      f.Set("label", ctx.str(ctx.lang, "results_file_" + ext));
      f.Set("name", a.id + "." + ext);
      files.Push(std::move(f));
    }
    av.Set("files", std::move(files));
    areas.Push(std::move(av));
  }
  v.Set("areas", std::move(areas));
  return v;
}

ViewData ReceiptsView(const PublishedResults& results, const ResultsViewContext& ctx) {
  ViewData v = RoundResultsHeader(results, ctx);
  ViewData list = ViewData::List();
  for (const auto& r : results.receipts) list.Push(ViewData::String(r));
  v.Set("receipts", std::move(list));
  return v;
}

}  // namespace yhdessa
