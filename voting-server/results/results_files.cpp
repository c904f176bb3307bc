#include "voting-server/results/results_files.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

#include "voting-server/tally/csv_record.h"
#include "voting-server/tally/money.h"
#include "voting-server/tally/pabulib_writer.h"
#include "voting-server/tally/tally_json.h"

namespace yhdessa::vote {

namespace {

using Json = nlohmann::ordered_json;

// Whole percent, rounded half up; 0 when there is nothing to divide by.
int64_t Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  return (part * 200 + whole) / (whole * 2);
}

// Proposals in the order every table shows them: most votes first, then the round's order.
std::vector<int> DisplayOrder(const AreaResults& area) {
  const auto votes = tally::VoteCounts(area.election);
  std::vector<int> order(area.election.projects.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return votes[static_cast<size_t>(a)] > votes[static_cast<size_t>(b)];
  });
  return order;
}

Json RuleJson(const AreaResults& area, const RuleOutcome& o, const std::vector<int>& order) {
  const tally::Election& e = area.election;
  const tally::TallyResult& r = o.result;
  const int64_t ballots = static_cast<int64_t>(e.ballots.size());
  Json j;
  j["rule"] = o.rule;
  j["declared"] = o.declared;
  j["selected"] = tally::ProjectIds(e, r.selected);
  j["total_cost_cents"] = r.total_cost;
  j["budget_used_percent"] = Percent(r.total_cost, e.budget);
  j["voters_with_a_selected_choice"] = o.voters_with_a_selected_choice;
  j["voters_with_a_selected_choice_percent"] = Percent(o.voters_with_a_selected_choice, ballots);
  std::vector<int> step(e.projects.size(), 0);
  for (size_t k = 0; k < r.selected.size(); ++k) {
    step[static_cast<size_t>(r.selected[k])] = static_cast<int>(k + 1);
  }
  Json proposals = Json::array();
  for (int p : order) {
    const auto& def = area.area->proposals[static_cast<size_t>(p)];
    const auto& pr = r.projects[static_cast<size_t>(p)];
    Json pj;
    pj["id"] = def.id;
    pj["name"] = def.title;
    pj["url"] = def.url;
    pj["cost_cents"] = e.projects[static_cast<size_t>(p)].cost;
    pj["votes"] = pr.votes;
    pj["selected"] = pr.selected;
    pj["selection_order"] = step[static_cast<size_t>(p)];
    if (pr.mes) {
      Json m;
      m["supporters"] = pr.mes->supporters;
      if (pr.selected && pr.selected_by_completion) {
        m["selected_by"] = "completion";
      } else if (pr.selected) {
        m["selected_by"] = "equal shares";
        m["max_payment_per_supporter_cents"] = pr.mes->max_payment_cents;
      } else {
        m["money_left_cents"] = pr.mes->money_left_cents;
      }
      pj["mes"] = std::move(m);
    }
    proposals.push_back(std::move(pj));
  }
  j["proposals"] = std::move(proposals);
  j["ties"] = tally::TiesJson(e, r);
  return j;
}

}  // namespace

std::string AreaResultsJson(const RoundDefinition& round, const AreaResults& area) {
  Json j;
  j["format"] = 1;
  j["round"] = {{"id", round.id},
                {"title", round.title},
                {"opens", round.opens},
                {"closes", round.closes},
                {"url", round.url}};
  j["area"] = {{"id", area.area->id}, {"name", area.area->name}};
  j["currency"] = "EUR";
  j["budget_cents"] = area.election.budget;
  j["ballots"] = area.election.ballots.size();
  j["vote_type"] = tally::VoteTypeName(area.election.vote_type);
  j["declared_rule"] = round.rule;
  j["tie_break"] = "default";
  const auto order = DisplayOrder(area);
  Json rules = Json::array();
  for (const auto& o : area.rules) rules.push_back(RuleJson(area, o, order));
  j["results"] = std::move(rules);
  return j.dump(2) + "\n";
}

std::string AreaResultsCsv(const AreaResults& area) {
  auto field = [](const std::string& s) { return tally::QuoteCsvField(s, ','); };
  std::string out = "proposal_id,name,cost_eur,votes";
  for (const auto& o : area.rules) out += ",selected_" + o.rule;
  out += "\n";
  for (int p : DisplayOrder(area)) {
    const auto& def = area.area->proposals[static_cast<size_t>(p)];
    out += field(def.id) + "," + field(def.title) + "," +
           tally::FormatCents(area.election.projects[static_cast<size_t>(p)].cost) + "," +
           std::to_string(area.rules.empty()
                              ? 0
                              : area.rules[0].result.projects[static_cast<size_t>(p)].votes);
    for (const auto& o : area.rules) {
      out += o.result.projects[static_cast<size_t>(p)].selected ? ",1" : ",0";
    }
    out += "\n";
  }
  return out;
}

std::string AreaBallotsPb(const RoundDefinition& round, const AreaResults& area,
                          const std::vector<tally::Ballot>& ballots) {
  tally::Election e = area.election;
  e.ballots = ballots;
  tally::PbFile file =
      tally::PbFileFromElection(e, {{"description", round.title + ", " + area.area->name},
                                    {"country", "Finland"},
                                    {"unit", round.title},
                                    {"instance", round.id},
                                    {"subunit", area.area->name},
                                    {"rule", round.rule},
                                    {"currency", "EUR"}});
  // Names make the file readable on its own; the writer quotes them as needed.
  file.projects.columns.push_back("name");
  for (size_t k = 0; k < file.projects.rows.size(); ++k) {
    file.projects.rows[k].push_back(area.area->proposals[k].title);
  }
  return tally::WritePabulib(file);
}

std::string ReceiptsJson(const RoundResults& results) {
  Json j;
  j["format"] = 1;
  j["round"] = results.round->id;
  j["ballots"] = results.receipts.size();
  j["receipts"] = results.receipts;
  return j.dump(2) + "\n";
}

}  // namespace yhdessa::vote
