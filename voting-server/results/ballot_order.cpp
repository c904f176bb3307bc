#include "voting-server/results/ballot_order.h"

#include <sodium.h>

#include <algorithm>
#include <numeric>
#include <utility>

namespace yhdessa::vote {

uint32_t SodiumUniform(uint32_t bound) {
  return randombytes_uniform(bound);
}

void SortBallotsCanonically(std::vector<tally::Ballot>& ballots) {
  for (auto& b : ballots) {
    if (b.points.empty()) {
      std::sort(b.projects.begin(), b.projects.end());
      continue;
    }
    std::vector<size_t> order(b.projects.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(),
              [&](size_t x, size_t y) { return b.projects[x] < b.projects[y]; });
    tally::Ballot sorted;
    for (size_t k : order) {
      sorted.projects.push_back(b.projects[k]);
      sorted.points.push_back(b.points[k]);
    }
    b = std::move(sorted);
  }
  std::sort(ballots.begin(), ballots.end(), [](const tally::Ballot& x, const tally::Ballot& y) {
    return std::tie(x.projects, x.points) < std::tie(y.projects, y.points);
  });
}

void ShuffleBallots(std::vector<tally::Ballot>& ballots, const UniformRandom& uniform) {
  for (size_t i = ballots.size(); i > 1; --i) {
    const size_t j = uniform(static_cast<uint32_t>(i));
    std::swap(ballots[i - 1], ballots[j]);
  }
}

}  // namespace yhdessa::vote
