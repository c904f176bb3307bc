#include "generator/core/parallel.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

namespace yhdessa::parallel_detail {
namespace {

// True on pool helpers always, and on a caller while it runs its share of a loop: a
// ParallelFor from there must not wait for the pool it is part of.
thread_local bool in_pool = false;

class WorkerPool {
 public:
  explicit WorkerPool(unsigned workers) {
    for (unsigned w = 1; w < workers; ++w) helpers_.emplace_back([this, w] { Loop(w); });
  }

  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    start_.notify_all();
    for (auto& t : helpers_) t.join();
  }

  bool Run(void (*run)(void*, unsigned), void* ctx) {
    if (in_pool) return false;
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      run_ = run;
      ctx_ = ctx;
      pending_ = helpers_.size();
      ++generation_;
    }
    start_.notify_all();
    in_pool = true;
    run(ctx, 0);
    in_pool = false;
    // The loop's state lives on the caller's stack: wait until every helper is done with it.
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [this] { return pending_ == 0; });
    return true;
  }

 private:
  void Loop(unsigned w) {
    in_pool = true;
    uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      start_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      auto* run = run_;
      void* ctx = ctx_;
      lock.unlock();
      run(ctx, w);
      lock.lock();
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::mutex busy_;  // held by the one caller that has the pool
  std::mutex mu_;    // guards everything below
  std::condition_variable start_, done_;
  void (*run_)(void*, unsigned) = nullptr;
  void* ctx_ = nullptr;
  size_t pending_ = 0;  // helpers still running the current loop
  uint64_t generation_ = 0;
  bool stop_ = false;
  std::vector<std::thread> helpers_;
};

}  // namespace

bool RunOnPool(void (*run)(void*, unsigned), void* ctx) {
  static WorkerPool pool(WorkerCount());
  return pool.Run(run, ctx);
}

}  // namespace yhdessa::parallel_detail

namespace yhdessa {

std::vector<size_t> FrontAndBackOrder(size_t n) {
  std::vector<size_t> order;
  order.reserve(n);
  size_t front = 0, back = n;  // [front, back) not yet taken
  for (bool from_front = true; front < back; from_front = !from_front) {
    size_t take = std::min(kParallelChunk, back - front);
    if (from_front) {
      for (size_t k = 0; k < take; ++k) order.push_back(front + k);
      front += take;
    } else {
      back -= take;
      for (size_t k = 0; k < take; ++k) order.push_back(back + k);
    }
  }
  return order;
}

}  // namespace yhdessa
