// ParallelFor: runs f(i) for i in [0, n) on all cores. Work is handed out in small chunks
// from an atomic counter, so a few slow pages do not leave a core idle. f must be safe to
// call concurrently and must not throw (errors are values); results are written by index,
// which keeps output order deterministic.
//
// The work runs on one persistent pool of WorkerCount() - 1 helper threads plus the calling
// thread, started on first use and joined at process exit: a build makes about eight calls,
// and starting and ending threads for each cost more than some of the loops (the allocator
// tidies up a thread's heap when it exits).
//
// Supported callers: any thread, any number at once. One call at a time has the pool; a
// call made while the pool is busy with another caller's loop, or made from inside a loop
// (f calling ParallelFor), runs all of its indices on its own thread, in order, as worker 0.
// It never waits for the pool, so nesting cannot deadlock; the results are the same either
// way, only the speed differs.
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

namespace parallel_detail {
/// Runs run(ctx, w) once on each pool worker w in [0, WorkerCount()), the caller being
/// worker 0, and returns when all have returned. False, without running anything, when the
/// pool is busy or the caller is inside a pool loop: the caller then does the work alone.
bool RunOnPool(void (*run)(void*, unsigned), void* ctx);
}  // namespace parallel_detail

/// How many indices a worker takes at a time.
inline constexpr size_t kParallelChunk = 16;

/// The indices [0, n) in runs of kParallelChunk taken alternately from the front and from
/// the back: run through ParallelFor, two workers then work at opposite ends, not side by
/// side. For loops whose neighbouring items share a resource the kernel locks (jobs that
/// create files in the same output folder: mkdir and create take the parent folder's lock,
/// and two threads filling one folder wait for each other).
std::vector<size_t> FrontAndBackOrder(size_t n);

/// f(i, worker) with worker in [0, WorkerCount()): lets callers keep per-thread state.
template <typename F>
void ParallelForWorker(size_t n, F&& f) {
  if (n == 0) return;
  std::atomic<size_t> next{0};
  constexpr size_t kChunk = kParallelChunk;
  auto run = [&](unsigned w) noexcept {
    for (;;) {
      size_t begin = next.fetch_add(kChunk);
      if (begin >= n) return;
      size_t end = std::min(n, begin + kChunk);
      for (size_t i = begin; i < end; ++i) f(i, w);
    }
  };
  using Run = decltype(run);
  auto trampoline = [](void* ctx, unsigned w) { (*static_cast<Run*>(ctx))(w); };
  if (n <= 1 || WorkerCount() == 1 || !parallel_detail::RunOnPool(trampoline, &run)) run(0);
}

template <typename F>
void ParallelFor(size_t n, F&& f) {
  ParallelForWorker(n, [&](size_t i, unsigned) { f(i); });
}

/// Runs a function once among threads, as std::call_once does, without its system call:
/// glibc's pthread_once wakes possible waiters with a futex call after every first run,
/// and the renderer builds one list item and one params object per page this way (20 000
/// futex calls in a 10 000-page build). A thread that finds the function running on
/// another yields until it is done: rare (two jobs showing the same page at once) and
/// short. The function must not throw (errors are values here), or later callers wait.
class Once {
 public:
  template <typename F>
  void Run(F&& f) {
    if (state_.load(std::memory_order_acquire) == kDone) return;
    unsigned char expected = kNotRun;
    if (state_.compare_exchange_strong(expected, kRunning, std::memory_order_acquire)) {
      f();
      state_.store(kDone, std::memory_order_release);
      return;
    }
    while (state_.load(std::memory_order_acquire) != kDone) std::this_thread::yield();
  }

 private:
  static constexpr unsigned char kNotRun = 0, kRunning = 1, kDone = 2;
  std::atomic<unsigned char> state_{kNotRun};
};

}  // namespace yhdessa
