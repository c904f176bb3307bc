#include "voting-server/tally/mes_add1.h"

#include <algorithm>

#include "voting-server/tally/greedy.h"
#include "voting-server/tally/mes.h"

namespace yhdessa::tally {

namespace {

constexpr int64_t kUnit = 100;  // one currency unit, in cents

// Runs at consecutive shares are done in blocks of kAhead: first the block's highest share,
// whose trace then spares the runs below it most of their pricing, and often proves that
// every share up to it buys what the run just done bought (mes_trace.h).
// Proven blocks double without a practical cap, so that a long stretch of shares with an
// unchanging outcome costs a number of runs logarithmic in its length.
constexpr int64_t kAhead = 16, kMaxAhead = int64_t{1} << 40;
// The top run also reprices what lies within 1 % above each step's winner: fewer proofs
// fail on a stale bound (Budapest 2024: 5 451 instead of 11 405 runs for 22 002 shares).
constexpr double kFreshWithin = 0.01;

// MES at a share, reusing the run at the top of the current block when there is one.
class BlockRunner {
 public:
  explicit BlockRunner(MesEngine& engine) : engine_(engine) {
    top_trace_.fresh_within = kFreshWithin;
  }

  /// The outcome of MesEngine::Run at `share` cents (no explanations). With `ahead`, the
  /// share is expected to be followed by the next ones: run the block above it first.
  TallyResult At(int64_t share, bool ahead, int& runs) {
    if (ahead && top_ < share) {
      top_ = share + (kAhead - 1) * kUnit;
      top_result_ = engine_.Run(engine_.ShareOfCents(top_), false, nullptr, &top_trace_);
      ++runs;
    }
    last_ = share;
    if (top_ == share) {
      last_trace_ = top_trace_;
      last_trace_.fresh_within = 0;
      return top_result_;
    }
    ++runs;
    const MesTrace* above = top_ > share ? &top_trace_ : nullptr;
    return engine_.Run(engine_.ShareOfCents(share), false, above, &last_trace_);
  }

  /// Starts a block of `length()` units above `share` (capped at `limit` cents) unless one
  /// is under way; `runs` counts its top run.
  void StartAbove(int64_t share, int64_t limit, int& runs) {
    if (top_ > share) return;
    const int64_t top = share + std::min(length_, (limit - share) / kUnit) * kUnit;
    if (top <= share) return;
    top_ = top;
    top_result_ = engine_.Run(engine_.ShareOfCents(top_), false, nullptr, &top_trace_);
    ++runs;
  }
  /// Blocks proven whole double in length (up to kMaxAhead); a block not proven from its
  /// start is dropped and, if long, tried again at half the length.
  void Grow() { length_ = std::min(2 * length_, kMaxAhead); }
  bool ShrinkFrom(int64_t share) {
    const int64_t spanned = (top_ - share) / kUnit;
    length_ = kAhead;
    if (spanned <= kAhead) return false;
    length_ = std::max(kAhead, spanned / 2);
    top_ = -1;
    return true;
  }

  /// The block's top share if every share from the last one At() ran up to it provably
  /// buys the same projects in the same order; -1 otherwise.
  int64_t ProvenTop() const {
    if (top_ <= last_ || !engine_.SameRunsBetween(last_trace_, top_trace_)) return -1;
    return top_;
  }

 private:
  MesEngine& engine_;
  int64_t length_ = kAhead;  // units
  int64_t top_ = -1;         // share of the block's top run (cents); -1: none yet
  int64_t last_ = -1;        // share of the last run returned
  TallyResult top_result_;
  MesTrace top_trace_, last_trace_;
};

// The add1 loop; with `blocks`, runs are done in blocks and proven blocks are skipped
// (each skipped share would have been kept, exactly as the naive loop keeps it).
TallyResult Add1(const Election& e, TieBreak tie_break, bool blocks_on) {
  MesEngine engine(e, tie_break);
  TallyResult current = engine.Run(engine.EqualShare(), false);
  int runs = 1;
  const int64_t n = engine.voters();
  int64_t share = n > 0 ? e.budget / n / kUnit * kUnit : 0;
  int64_t kept_share = n > 0 ? e.budget / n : 0;
  bool kept_first_run = true;  // its share is exactly budget / n; kept_share shows it rounded
  int64_t all_costs = 0;
  for (const Project& p : e.projects) all_costs += p.cost;
  // Blocks pay off only for consecutive shares: not in the naive loop (kept plain, as the
  // definition).
  BlockRunner blocks(engine);
  while (n > 0 && !IsExhaustive(e, current) && share < all_costs) {
    share += kUnit;
    TallyResult next = blocks.At(share, blocks_on, runs);
    if (next.total_cost > e.budget) break;
    current = std::move(next);
    kept_share = share;
    kept_first_run = false;
    if (!blocks_on || IsExhaustive(e, current) || share >= all_costs) continue;
    // Every share below the block's top buys what this one bought: the naive loop keeps
    // them all (within budget, not exhaustive) and goes on to the top, as this does.
    // A new block starts right above a kept share, so that a proven one costs its top run
    // only.
    while (true) {
      blocks.StartAbove(share, all_costs, runs);
      if (const int64_t top = blocks.ProvenTop(); top > share && top <= all_costs) {
        share = top - kUnit;
        kept_share = share;
        blocks.Grow();
        break;
      }
      if (!blocks.ShrinkFrom(share)) break;
    }
  }
  // Run the kept share once more for the explanations (same share, same outcome).
  current = engine.Run(kept_first_run ? engine.EqualShare() : engine.ShareOfCents(kept_share));
  GreedyComplete(e, engine.votes(), tie_break, true, current);
  current.share_cents = kept_share;
  current.mes_runs = runs;
  return current;
}

}  // namespace

bool IsExhaustive(const Election& e, const TallyResult& r) {
  const int64_t left = e.budget - r.total_cost;
  for (size_t p = 0; p < e.projects.size(); ++p) {
    if (!r.projects[p].selected && e.projects[p].cost <= left) return false;
  }
  return true;
}

TallyResult MesAdd1(const Election& e, TieBreak tie_break) {
  return Add1(e, tie_break, true);
}

TallyResult MesAdd1Naive(const Election& e, TieBreak tie_break) {
  return Add1(e, tie_break, false);
}

}  // namespace yhdessa::tally
