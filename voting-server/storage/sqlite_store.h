// SqliteStore: the Store in one SQLite file, with group commit.
//
// WAL mode, synchronous=FULL: a COMMIT that returned is on disk. Ballots go through one
// writer thread: CastBallot enqueues and waits; the writer takes everything queued (up to
// kMaxBatch), runs each ballot in its own SAVEPOINT inside one transaction (a ballot whose
// code is already used is rejected there and leaves nothing), COMMITs once, and only then
// wakes the waiting callers. One fsync thus covers a whole batch, which is what makes
// thousands of durable ballots per second possible on an ordinary disk.
//
// Secrecy by schema: codes and ballots are WITHOUT ROWID tables keyed by a hash and by a
// random receipt, so neither insertion order nor a rowid can join a ballot to the code
// that cast it, and ballots carry no time. Reads use a separate connection (WAL lets them
// run beside the writer). SQLiteCpp exceptions are caught here and become Status values
// without SQL text.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "voting-server/storage/store.h"

namespace SQLite {
class Database;
}

namespace yhdessa::vote {

class SqliteStore : public Store {
 public:
  static constexpr size_t kMaxBatch = 512;

  /// Opens (creating if needed) the database file and starts the writer thread.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  /// Finishes every queued ballot, stops the writer and closes the database. Idempotent;
  /// CastBallot fails after it.
  void Close();

  Status AddCodes(const std::string& round, const std::string& area,
                  const std::vector<std::string>& code_hashes) override;
  Result<std::optional<CodeRecord>> FindCode(const std::string& code_hash) override;
  Status CastBallot(const NewBallot& ballot) override;
  Result<std::optional<FrozenRound>> FindFrozenRound(const std::string& round) override;
  Status FreezeRound(const std::string& round, const FrozenRound& frozen) override;
  Result<std::vector<RoundCounts>> Counts() override;
  Result<std::vector<StoredBallot>> Ballots(const std::string& round) override;

  /// A consistent copy into `dest` with SQLite's online backup, safe while serving.
  static Status Backup(const std::string& db_path, const std::string& dest);
  /// "ok", or the problems PRAGMA integrity_check found.
  static Result<std::string> IntegrityCheck(const std::string& db_path);

 private:
  struct Pending;
  SqliteStore() = default;
  void WriterLoop();
  void CommitBatch(std::deque<Pending*>& batch);

  struct CodeReader;
  static constexpr size_t kCodeReaders = 4;

  std::string path_;
  std::unique_ptr<SQLite::Database> write_db_;  // writer thread, AddCodes, FreezeRound
  std::unique_ptr<SQLite::Database> read_db_;   // rounds, counts, ballots
  std::mutex write_mu_;                         // guards write_db_
  std::mutex read_mu_;                          // guards read_db_
  // Code lookups run on every ballot from many threads: a few connections, each with its
  // prepared statement, so that lookups neither queue on one lock nor re-parse SQL.
  std::vector<std::unique_ptr<CodeReader>> code_readers_;
  std::atomic<size_t> next_reader_{0};

  // Checkpoints run on their own thread so the writer never stalls copying the WAL back.
  void CheckpointLoop();
  std::condition_variable checkpoint_cv_;  // wakes the checkpointer to stop; never the writer's
  std::thread checkpointer_;

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace yhdessa::vote
