#include "generator/core/parallel.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>
#include <thread>
#include <vector>

using namespace yhdessa;

TEST_CASE("parallel: every index runs once, results land by index") {
  for (size_t n : {0u, 1u, 2u, 15u, 16u, 17u, 1000u}) {
    std::vector<int> hits(n, 0);
    ParallelFor(n, [&](size_t i) { hits[i] += 1; });
    CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  }
}

TEST_CASE("parallel: worker numbers are below WorkerCount(), and the pool is reused") {
  for (int call = 0; call < 50; ++call) {
    std::vector<unsigned> worker(500);
    ParallelForWorker(worker.size(), [&](size_t i, unsigned w) { worker[i] = w; });
    for (unsigned w : worker) CHECK(w < WorkerCount());
  }
}

TEST_CASE("parallel: a loop inside a loop runs on its own thread and gives the same results") {
  std::vector<size_t> sums(64);
  ParallelFor(sums.size(), [&](size_t i) {
    std::vector<size_t> inner(100);
    ParallelForWorker(inner.size(), [&](size_t j, unsigned) { inner[j] = i * j; });
    sums[i] = std::accumulate(inner.begin(), inner.end(), size_t{0});
  });
  for (size_t i = 0; i < sums.size(); ++i) CHECK(sums[i] == i * (99 * 100 / 2));
}

TEST_CASE("parallel: several threads may call at once") {
  std::vector<std::vector<size_t>> out(4, std::vector<size_t>(2000));
  std::vector<std::thread> callers;
  for (size_t t = 0; t < out.size(); ++t) {
    callers.emplace_back([&out, t] {
      for (int round = 0; round < 20; ++round) {
        ParallelFor(out[t].size(), [&](size_t i) { out[t][i] = i * (t + 1); });
      }
    });
  }
  for (auto& c : callers) c.join();
  for (size_t t = 0; t < out.size(); ++t) {
    for (size_t i = 0; i < out[t].size(); ++i) REQUIRE(out[t][i] == i * (t + 1));
  }
}

TEST_CASE("parallel: FrontAndBackOrder takes runs alternately from both ends, each index once") {
  using yhdessa::FrontAndBackOrder;
  using yhdessa::kParallelChunk;
  CHECK(FrontAndBackOrder(0).empty());
  CHECK(FrontAndBackOrder(3) == std::vector<size_t>{0, 1, 2});
  for (size_t n : {size_t{1}, kParallelChunk, kParallelChunk + 1, 5 * kParallelChunk + 7}) {
    std::vector<size_t> order = FrontAndBackOrder(n);
    REQUIRE(order.size() == n);
    std::vector<size_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < n; ++i) CHECK(sorted[i] == i);
  }
  std::vector<size_t> order = FrontAndBackOrder(3 * kParallelChunk + 2);
  CHECK(order[0] == 0);
  CHECK(order[kParallelChunk] == 2 * kParallelChunk + 2);  // the last run, from the back
  CHECK(order[2 * kParallelChunk] == kParallelChunk);      // the front again
  CHECK(order.back() == 2 * kParallelChunk + 1);           // the two in the middle, last
}

TEST_CASE("parallel: Once runs its function once, and every caller sees what it did") {
  // Many items, each wanted by every thread at about the same time, as list items are by
  // the render jobs: each built exactly once, and built before any caller goes on.
  constexpr size_t kItems = 2000;
  std::vector<yhdessa::Once> once(kItems);
  std::vector<int> value(kItems, 0);
  std::vector<std::atomic<int>> runs(kItems);
  std::atomic<size_t> unready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (size_t i = 0; i < kItems; ++i) {
        once[i].Run([&] {
          ++runs[i];
          std::this_thread::yield();  // a slow build: others arrive while it runs
          value[i] = static_cast<int>(i) + 1;
        });
        if (value[i] != static_cast<int>(i) + 1) ++unready;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(unready == 0);
  for (size_t i = 0; i < kItems; ++i) CHECK(runs[i] == 1);
}
