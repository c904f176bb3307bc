// ParallelFor: runs f(i) for i in [0, n) on all cores. Work is handed out in small chunks
// from an atomic counter, so a few slow pages do not leave a core idle. f must be safe to
// call concurrently; results are written by index, which keeps output order deterministic.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace yhdessa {

/// Number of worker threads used by the build (all hardware threads, at least one).
inline unsigned WorkerCount() {
  return std::max(1u, std::thread::hardware_concurrency());
}

/// f(i, worker) with worker in [0, WorkerCount()): lets callers keep per-thread state.
template <typename F>
void ParallelForWorker(size_t n, F&& f) {
  unsigned workers = std::min<size_t>(WorkerCount(), std::max<size_t>(n, 1));
  std::atomic<size_t> next{0};
  constexpr size_t kChunk = 16;
  auto run = [&](unsigned w) {
    for (;;) {
      size_t begin = next.fetch_add(kChunk);
      if (begin >= n) return;
      size_t end = std::min(n, begin + kChunk);
      for (size_t i = begin; i < end; ++i) f(i, w);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(run, w);
  run(0);
  for (auto& t : threads) t.join();
}

template <typename F>
void ParallelFor(size_t n, F&& f) {
  ParallelForWorker(n, [&](size_t i, unsigned) { f(i); });
}

}  // namespace yhdessa
