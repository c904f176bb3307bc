#include "voting-server/service/voting_service.h"

#include <chrono>

#include "voting-server/ballot/ballot_messages.h"
#include "voting-server/codes/voting_code.h"

namespace yhdessa::vote {

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

VotingService::VotingService(Store& store, const CodeHasher& hasher,
                             std::vector<RoundDefinition> rounds, Clock now)
    : store_(store), hasher_(hasher), now_(std::move(now)) {
  for (auto& r : rounds) {
    RoundState s;
    s.def = std::move(r);
    rounds_.emplace(s.def.id, std::move(s));
  }
}

void VotingService::SettleLocked(RoundState& s, int64_t now) {
  if (s.frozen || !s.refusal.empty()) return;
  auto frozen = store_.FindFrozenRound(s.def.id);
  if (!frozen.ok()) {
    s.refusal =
        "round " + s.def.id + ": cannot read its frozen rules: " + frozen.status().message();
    return;
  }
  const std::string fingerprint = RulesFingerprint(s.def);
  if (frozen->has_value()) {
    if ((*frozen)->fingerprint == fingerprint) {
      s.frozen = true;
      return;
    }
    auto before = RoundFromJson((*frozen)->snapshot);
    const std::string changes =
        before.ok() ? DescribeRuleChanges(*before, s.def) : "the stored snapshot cannot be read";
    s.refusal = "round " + s.def.id + ": rules changed after voting opened: " + changes +
                "; the round is not served until its manifest is restored";
    return;
  }
  if (!RoundIsOpen(s.def, now)) return;  // nothing to freeze yet
  Status st = store_.FreezeRound(s.def.id, {fingerprint, RoundToJson(s.def)});
  if (!st.ok()) {
    s.refusal = "round " + s.def.id + ": cannot freeze its rules: " + st.message();
    return;
  }
  s.frozen = true;
}

std::vector<std::string> VotingService::CheckFrozenRules() {
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now = now_();
  std::vector<std::string> refused;
  for (auto& [id, s] : rounds_) {
    SettleLocked(s, now);
    if (!s.refusal.empty()) refused.push_back(s.refusal);
  }
  return refused;
}

std::vector<RoundView> VotingService::Rounds() {
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now = now_();
  std::vector<RoundView> out;
  for (auto& [id, s] : rounds_) {
    SettleLocked(s, now);
    if (s.refusal.empty()) out.push_back({&s.def, RoundIsOpen(s.def, now), now});
  }
  return out;
}

std::optional<RoundView> VotingService::Round(const std::string& id, std::string* refusal) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = rounds_.find(id);
  if (it == rounds_.end()) return std::nullopt;
  const int64_t now = now_();
  SettleLocked(it->second, now);
  if (!it->second.refusal.empty()) {
    if (refusal) *refusal = it->second.refusal;
    return RoundView{};
  }
  return RoundView{&it->second.def, RoundIsOpen(it->second.def, now), now};
}

CastResult VotingService::Cast(const std::string& round_id, const BallotRequest& request,
                               Lang lang) {
  CastResult result;
  const RoundDefinition* round = nullptr;
  int64_t now = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = rounds_.find(round_id);
    if (it == rounds_.end()) {
      result.outcome = CastOutcome::kNoSuchRound;
      return result;
    }
    now = now_();
    result.round = &it->second.def;
    SettleLocked(it->second, now);
    if (!it->second.refusal.empty()) {
      result.outcome = CastOutcome::kRefused;
      result.message = it->second.refusal;
      return result;
    }
    round = &it->second.def;  // rounds_ never changes shape after construction
  }
  Status lookup_status;
  const CodeLookup lookup = [&](const std::string& code) -> std::optional<CodeRecord> {
    auto found = store_.FindCode(hasher_.Hash(code));
    if (!found.ok()) {
      lookup_status = found.status();
      return std::nullopt;
    }
    return *found;
  };
  BallotCheck check = ValidateBallot(*round, request, now, lang, lookup);
  if (!lookup_status.ok()) {
    result.message = lookup_status.message();
    return result;  // kFailed
  }
  result.code_failed = check.code_failed;
  if (check.verdict == Verdict::kNotOpen) {
    result.outcome = CastOutcome::kNotOpen;
    result.message = check.message;
    return result;
  }
  if (check.verdict == Verdict::kInvalid) {
    result.outcome = CastOutcome::kInvalid;
    result.errors = std::move(check.errors);
    return result;
  }
  NewBallot ballot{
      hasher_.Hash(check.normalized_code), round->id,         request.area,
      round->voter_areas == "one",         GenerateReceipt(), std::move(check.choices)};
  Status st = store_.CastBallot(ballot);
  if (st.code() == StatusCode::kAlreadyExists) {
    // Used by a concurrent request between the check and the transaction.
    result.outcome = CastOutcome::kInvalid;
    result.code_failed = true;
    result.errors = {{"code", msg::CodeNotValid(lang)}};
    return result;
  }
  if (!st.ok()) {
    result.message = st.message();
    return result;  // kFailed
  }
  result.outcome = CastOutcome::kAccepted;
  result.receipt = std::move(ballot.receipt);
  return result;
}

}  // namespace yhdessa::vote
