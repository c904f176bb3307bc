// VoteServer: the HTTP face of the voting service (the only cpp-httplib user).
//
// Routes: GET /api/rounds, GET /api/rounds/{id}, POST /api/rounds/{id}/ballots (JSON or an
// HTML form post), and the static site under --site. Every response carries the security
// headers (a Content-Security-Policy without inline script, frame-ancestors 'none',
// X-Content-Type-Options, Referrer-Policy); API answers are never cached. Bodies over
// max_body_bytes get 413, a POST from a foreign Origin 403, a client after repeated failed
// codes 429. A ballot's answer is sent only after its transaction is durable (the service
// waits for the store's group commit). Logs name no code and no address (a keyed tag).
// TCP_NODELAY is on: without it every response waits ~40 ms for Nagle's algorithm.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "voting-server/service/voting_service.h"

namespace yhdessa::vote {

struct ServerOptions {
  std::string site_dir;
  std::string host = "127.0.0.1";
  int port = 8080;                           // 0: any free port (see VoteServer::port())
  std::vector<std::string> allowed_origins;  // besides the server's own origin
  size_t max_body_bytes = 16 * 1024;         // a ballot is a few hundred bytes
  int worker_threads = 128;                  // each keep-alive connection holds a thread while open
  int read_timeout_seconds = 5;              // per read: bounds slow clients
  int write_timeout_seconds = 5;
  int keep_alive_seconds = 5;
  int max_failed_codes = 10;  // per client and window, then 429
  int failure_window_seconds = 600;
  std::ostream* log = nullptr;  // errors and events; nullptr: none
};

class VoteServer {
 public:
  VoteServer(VotingService& service, ServerOptions options);
  ~VoteServer();
  VoteServer(const VoteServer&) = delete;
  VoteServer& operator=(const VoteServer&) = delete;

  /// Binds the listening socket; afterwards port() is the real port.
  Status Bind();
  int port() const;
  /// Serves until Stop(); in-flight requests finish before it returns.
  Status Run();
  /// Stops accepting connections; safe from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yhdessa::vote
