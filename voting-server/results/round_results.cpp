#include "voting-server/results/round_results.h"

#include <algorithm>
#include <map>

#include "voting-server/results/ballot_order.h"
#include "voting-server/tally/greedy.h"
#include "voting-server/tally/mes.h"
#include "voting-server/tally/mes_add1.h"

namespace yhdessa::vote {

namespace {

constexpr int64_t kCentsPerEuro = 100;

Result<tally::TallyResult> RunRule(const std::string& rule, const tally::Election& e) {
  if (rule == "greedy") return tally::Greedy(e, tally::TieBreak::kDefault);
  if (rule == "mes") return tally::Mes(e, tally::TieBreak::kDefault);
  if (rule == "mes-add1") return tally::MesAdd1(e, tally::TieBreak::kDefault);
  return Status::InvalidArgument("unknown rule '" + rule + "' (use greedy, mes or mes-add1)");
}

int64_t VotersWithASelectedChoice(const tally::Election& e, const tally::TallyResult& r) {
  int64_t n = 0;
  for (const auto& b : e.ballots) {
    if (std::any_of(b.projects.begin(), b.projects.end(),
                    [&](int p) { return r.projects[static_cast<size_t>(p)].selected; })) {
      ++n;
    }
  }
  return n;
}

}  // namespace

Status CheckRoundClosed(const RoundDefinition& round, int64_t now) {
  auto opens = ParseIsoTimestamp(round.opens);
  auto closes = ParseIsoTimestamp(round.closes);
  if (!opens.ok())
    return Status::InvalidArgument("round " + round.id + ": opens: " + opens.status().message());
  if (!closes.ok())
    return Status::InvalidArgument("round " + round.id + ": closes: " + closes.status().message());
  if (now < *opens) {
    return Status::FailedPrecondition("round " + round.id + " has not opened yet (voting " +
                                      round.opens + " to " + round.closes +
                                      "): tally it after it closes at " + round.closes);
  }
  if (now < *closes) {
    return Status::FailedPrecondition("round " + round.id + " is open until " + round.closes +
                                      ": tally it after it closes");
  }
  return Status::Ok();
}

Result<tally::Election> AreaElection(const RoundDefinition& round, const AreaDefinition& area,
                                     const std::vector<StoredBallot>& ballots) {
  tally::Election e;
  e.vote_type = tally::VoteType::kApproval;
  e.budget = area.budget * kCentsPerEuro;
  std::map<std::string, int> index;
  for (const auto& p : area.proposals) {
    index.emplace(p.id, static_cast<int>(e.projects.size()));
    e.projects.push_back({p.id, p.cost * kCentsPerEuro});
  }
  if (round.min_choices > 0) e.min_length = round.min_choices;
  if (round.max_choices > 0) e.max_length = round.max_choices;
  if (round.knapsack) e.max_sum_cost = e.budget;
  for (const auto& b : ballots) {
    if (b.area != area.id) continue;
    tally::Ballot ballot;
    for (const auto& choice : b.choices) {
      auto it = index.find(choice);
      if (it == index.end()) {
        return Status::InvalidArgument("round " + round.id + ", area " + area.id +
                                       ": a ballot names proposal '" + choice +
                                       "', which the round does not have in that area");
      }
      ballot.projects.push_back(it->second);
    }
    e.ballots.push_back(std::move(ballot));
  }
  SortBallotsCanonically(e.ballots);
  YH_RETURN_IF_ERROR(tally::Validate(e));
  return e;
}

Result<RoundResults> TallyRound(const RoundDefinition& round,
                                const std::vector<StoredBallot>& ballots,
                                const std::vector<std::string>& comparison_rules) {
  std::vector<std::string> rules{round.rule};
  for (const auto& r : comparison_rules) {
    if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
  }
  for (const auto& b : ballots) {
    const bool known = std::any_of(round.areas.begin(), round.areas.end(),
                                   [&](const AreaDefinition& a) { return a.id == b.area; });
    if (!known) {
      return Status::InvalidArgument("round " + round.id + ": a ballot is for area '" + b.area +
                                     "', which the round does not have");
    }
  }
  RoundResults out;
  out.round = &round;
  for (const auto& area : round.areas) {
    auto election = AreaElection(round, area, ballots);
    if (!election.ok()) return election.status();
    AreaResults ar;
    ar.area = &area;
    ar.election = std::move(election).value();
    for (const auto& rule : rules) {
      auto result = RunRule(rule, ar.election);
      if (!result.ok()) return result.status();
      RuleOutcome o;
      o.rule = rule;
      o.declared = rule == round.rule;
      o.voters_with_a_selected_choice = VotersWithASelectedChoice(ar.election, *result);
      o.result = std::move(result).value();
      ar.rules.push_back(std::move(o));
    }
    out.areas.push_back(std::move(ar));
  }
  for (const auto& b : ballots) out.receipts.push_back(b.receipt);
  std::sort(out.receipts.begin(), out.receipts.end());
  return out;
}

}  // namespace yhdessa::vote
