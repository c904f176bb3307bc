// FailureLimiter: counts failed voting codes per client so that guessing codes is slow.
//
// A fixed table (memory never grows with the number of clients) of slots keyed by a keyed
// hash of the client address; the key is random per process, so the table holds no
// address and its tags cannot be reversed. A client with max_failures failed codes within
// a window is blocked until the window ends. Two clients whose hashes share a slot evict
// each other's counts: the price of bounded memory, acceptable with thousands of slots.
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace yhdessa::vote {

class FailureLimiter {
 public:
  FailureLimiter(size_t slots = 8192, int max_failures = 10, int64_t window_seconds = 600);

  /// Seconds until `client` may try again, or 0 when it is not blocked.
  int64_t BlockedFor(const std::string& client, int64_t now);
  void RecordFailure(const std::string& client, int64_t now);

  /// A short keyed tag of a client for logs: the same client gives the same tag within a
  /// process, and the tag does not reveal the address.
  std::string LogTag(const std::string& client) const;

 private:
  struct Slot {
    uint64_t tag = 0;
    int failures = 0;
    int64_t window_start = 0;
  };
  uint64_t Tag(const std::string& client) const;

  const int max_failures_;
  const int64_t window_;
  unsigned char key_[16];
  std::mutex mu_;
  std::vector<Slot> slots_;
};

}  // namespace yhdessa::vote
