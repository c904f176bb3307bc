#include "voting-server/ballot/ballot_validation.h"

#include <map>
#include <set>

#include "voting-server/ballot/ballot_messages.h"
#include "voting-server/codes/voting_code.h"

namespace yhdessa::vote {

bool RoundIsOpen(const RoundDefinition& round, int64_t now) {
  auto opens = ParseIsoTimestamp(round.opens);
  auto closes = ParseIsoTimestamp(round.closes);
  return opens.ok() && closes.ok() && *opens <= now && now < *closes;
}

namespace {

const AreaDefinition* FindArea(const RoundDefinition& round, const std::string& id) {
  for (const auto& a : round.areas) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

}  // namespace

BallotCheck ValidateBallot(const RoundDefinition& round, const BallotRequest& request, int64_t now,
                           Lang lang, const CodeLookup& lookup) {
  BallotCheck check;
  if (!RoundIsOpen(round, now)) {
    check.verdict = Verdict::kNotOpen;
    check.message = msg::RoundNotOpen(lang, round.opens, round.closes);
    return check;
  }
  const AreaDefinition* area = request.area.empty() ? nullptr : FindArea(round, request.area);

  // Code.
  const std::string code = NormalizeVotingCode(request.code);
  std::optional<std::string> code_error;
  switch (CheckVotingCode(code)) {
    case CodeShape::kEmpty:
      code_error = msg::CodeMissing(lang);
      break;
    case CodeShape::kMalformed:
      code_error = msg::CodeMalformed(lang);
      break;
    case CodeShape::kCheckFails:
      code_error = msg::CodeMistyped(lang);
      break;
    case CodeShape::kValid: {
      const std::optional<CodeRecord> record = lookup(code);
      if (!record || record->used || record->round != round.id) {
        code_error = msg::CodeNotValid(lang);
        check.code_failed = true;
      } else if (round.voter_areas == "one" && area && record->area != area->id &&
                 record->area != kAnyArea) {
        code_error = msg::CodeForOtherArea(lang);
      }
      break;
    }
  }
  if (code_error) check.errors.push_back({"code", *code_error});

  // Area.
  if (request.area.empty()) {
    check.errors.push_back({"area", msg::AreaMissing(lang)});
  } else if (!area) {
    check.errors.push_back({"area", msg::AreaUnknown(lang, request.area)});
  }

  // Proposals.
  std::map<std::string, std::pair<const AreaDefinition*, const ProposalDefinition*>> index;
  for (const auto& a : round.areas) {
    for (const auto& p : a.proposals) index[p.id] = {&a, &p};
  }
  std::set<std::string> seen, reported;
  bool all_in_area = area != nullptr;
  int64_t total = 0;
  for (const auto& id : request.proposals) {
    auto it = index.find(id);
    if (it == index.end()) {
      all_in_area = false;
      if (reported.insert(id).second) {
        check.errors.push_back({"proposals", msg::ProposalUnknown(lang, id)});
      }
      continue;
    }
    if (!seen.insert(id).second) {
      if (reported.insert(id).second) {
        check.errors.push_back({"proposals", msg::ProposalTwice(lang, id)});
      }
      continue;
    }
    if (area && it->second.first != area) {
      all_in_area = false;
      check.errors.push_back({"proposals", msg::ProposalOtherArea(lang, id, area->name)});
      continue;
    }
    total += it->second.second->cost;
  }
  const int count = static_cast<int>(seen.size());
  if (count < round.min_choices) {
    check.errors.push_back({"proposals", msg::TooFew(lang, round.min_choices)});
  } else if (round.max_choices > 0 && count > round.max_choices) {
    check.errors.push_back({"proposals", msg::TooMany(lang, round.max_choices)});
  }
  if (round.knapsack && all_in_area && total > area->budget) {
    check.errors.push_back({"proposals", msg::OverBudget(lang, total, area->budget)});
  }

  if (!check.errors.empty()) {
    check.verdict = Verdict::kInvalid;
    return check;
  }
  check.normalized_code = code;
  for (const auto& p : area->proposals) {
    if (seen.count(p.id)) check.choices.push_back(p.id);
  }
  return check;
}

}  // namespace yhdessa::vote
