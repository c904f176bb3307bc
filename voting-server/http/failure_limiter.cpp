#include "voting-server/http/failure_limiter.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace yhdessa::vote {

FailureLimiter::FailureLimiter(size_t slots, int max_failures, int64_t window_seconds)
    : max_failures_(max_failures), window_(window_seconds), slots_(slots == 0 ? 1 : slots) {
  if (sodium_init() < 0) std::abort();  // no CSPRNG: refuse to run rather than guess
  randombytes_buf(key_, sizeof key_);
}

uint64_t FailureLimiter::Tag(const std::string& client) const {
  static_assert(crypto_shorthash_KEYBYTES == 16 && crypto_shorthash_BYTES == 8);
  unsigned char out[8];
  crypto_shorthash(out, reinterpret_cast<const unsigned char*>(client.data()), client.size(), key_);
  uint64_t tag = 0;
  for (unsigned char c : out) tag = (tag << 8) | c;
  return tag | 1;  // never 0, the empty slot's tag
}

int64_t FailureLimiter::BlockedFor(const std::string& client, int64_t now) {
  const uint64_t tag = Tag(client);
  std::lock_guard<std::mutex> lock(mu_);
  const Slot& s = slots_[tag % slots_.size()];
  if (s.tag != tag || s.failures < max_failures_) return 0;
  const int64_t left = s.window_start + window_ - now;
  return left > 0 ? left : 0;
}

void FailureLimiter::RecordFailure(const std::string& client, int64_t now) {
  const uint64_t tag = Tag(client);
  std::lock_guard<std::mutex> lock(mu_);
  Slot& s = slots_[tag % slots_.size()];
  if (s.tag != tag || now - s.window_start >= window_) s = Slot{tag, 0, now};
  ++s.failures;
}

std::string FailureLimiter::LogTag(const std::string& client) const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(Tag(client)));
  return std::string(buf, 8);
}

}  // namespace yhdessa::vote
