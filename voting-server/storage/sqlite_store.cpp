#include "voting-server/storage/sqlite_store.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <sqlite3.h>

#include <chrono>
#include <future>
#include <map>

namespace yhdessa::vote {

namespace {

constexpr int kBusyTimeoutMs = 10000;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS rounds (
  id TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  snapshot TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS codes (
  hash BLOB PRIMARY KEY,
  round TEXT NOT NULL,
  area TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ballots (
  receipt TEXT PRIMARY KEY,
  round TEXT NOT NULL,
  area TEXT NOT NULL,
  choices TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// The database's message without SQL text, for logs and operators (never for voters).
Status DbError(const char* what, const std::exception& e) {
  return Status::IoError(std::string("database: ") + what + ": " + e.what());
}

std::unique_ptr<SQLite::Database> OpenConnection(const std::string& path) {
  auto db = std::make_unique<SQLite::Database>(
      path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX, kBusyTimeoutMs);
  db->exec("PRAGMA journal_mode=WAL");
  db->exec("PRAGMA synchronous=FULL");
  db->exec("PRAGMA foreign_keys=ON");
  return db;
}

// Choices as a JSON array of strings, readable by SQLite's json functions and by tally.
std::string ChoicesToJson(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ",";
    out += "\"";
    for (char c : ids[i]) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        static const char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[(c >> 4) & 15];
        out += kHex[c & 15];
      } else {
        out += c;
      }
    }
    out += "\"";
  }
  return out + "]";
}

// The inverse of ChoicesToJson for what it writes.
std::vector<std::string> ChoicesFromJson(const std::string& s) {
  std::vector<std::string> ids;
  std::string cur;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!in_string) {
      if (c == '"') in_string = true;
      continue;
    }
    if (c == '\\' && i + 1 < s.size()) {
      const char n = s[++i];
      if (n == 'u' && i + 4 < s.size()) {
        cur += static_cast<char>(std::stoi(s.substr(i + 1, 4), nullptr, 16));
        i += 4;
      } else {
        cur += n;
      }
    } else if (c == '"') {
      ids.push_back(std::move(cur));
      cur.clear();
      in_string = false;
    } else {
      cur += c;
    }
  }
  return ids;
}

}  // namespace

struct SqliteStore::CodeReader {
  std::mutex mu;
  std::unique_ptr<SQLite::Database> db;
  std::unique_ptr<SQLite::Statement> find;
};

struct SqliteStore::Pending {
  const NewBallot* ballot;
  std::promise<Status> done;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  try {
    store->path_ = path;
    store->write_db_ = OpenConnection(path);
    store->write_db_->exec(kSchema);
    // The checkpointer thread copies the WAL back; the writer only appends. A larger page
    // cache keeps the codes index in memory (16 MB holds about 250 000 codes).
    store->write_db_->exec("PRAGMA wal_autocheckpoint=0");
    store->write_db_->exec("PRAGMA cache_size=-16000");
    store->read_db_ = OpenConnection(path);
    for (size_t i = 0; i < kCodeReaders; ++i) {
      auto reader = std::make_unique<CodeReader>();
      reader->db = OpenConnection(path);
      reader->db->exec("PRAGMA cache_size=-2000");
      reader->find = std::make_unique<SQLite::Statement>(
          *reader->db, "SELECT round, area, used FROM codes WHERE hash = ?");
      store->code_readers_.push_back(std::move(reader));
    }
  } catch (const std::exception& e) {
    return Status::IoError(path + ": cannot open the database: " + e.what());
  }
  store->writer_ = std::thread([s = store.get()] { s->WriterLoop(); });
  store->checkpointer_ = std::thread([s = store.get()] { s->CheckpointLoop(); });
  return store;
}

SqliteStore::~SqliteStore() {
  Close();
}

void SqliteStore::Close() {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    if (stopping_ && !writer_.joinable()) return;
    stopping_ = true;
  }
  queue_cv_.notify_all();
  checkpoint_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (checkpointer_.joinable()) checkpointer_.join();
  std::scoped_lock lock(write_mu_, read_mu_);
  for (auto& r : code_readers_) {
    std::lock_guard<std::mutex> reader_lock(r->mu);
    r->find.reset();
    r->db.reset();
  }
  read_db_.reset();
  write_db_.reset();  // the last connection checkpoints the WAL
}

Status SqliteStore::CastBallot(const NewBallot& ballot) {
  Pending p{&ballot, {}};
  auto done = p.done.get_future();
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    if (stopping_) return Status::FailedPrecondition("the database is closing");
    queue_.push_back(&p);
  }
  queue_cv_.notify_one();
  return done.get();
}

void SqliteStore::WriterLoop() {
  for (;;) {
    std::deque<Pending*> batch;
    {
      std::unique_lock<std::mutex> lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued is done
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    CommitBatch(batch);
  }
}

void SqliteStore::CheckpointLoop() {
  std::unique_ptr<SQLite::Database> db;
  try {
    db = OpenConnection(path_);
  } catch (const std::exception&) {
    return;  // the writer's connection checkpoints when it closes
  }
  std::unique_lock<std::mutex> lock(queue_mu_);
  while (!stopping_) {
    checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(200));
    if (stopping_) break;
    lock.unlock();
    try {
      // PASSIVE: copies what it can without blocking the writer or readers.
      db->exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const std::exception&) {
    }
    lock.lock();
  }
}

void SqliteStore::CommitBatch(std::deque<Pending*>& batch) {
  std::vector<Status> results(batch.size());
  Status batch_status;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    SQLite::Database& db = *write_db_;
    try {
      SQLite::Statement use_code(db,
                                 "UPDATE codes SET used = 1 WHERE hash = ? AND round = ? AND "
                                 "used = 0 AND (? = 0 OR area = ? OR area = '*')");
      SQLite::Statement insert(
          db, "INSERT INTO ballots (receipt, round, area, choices) VALUES (?, ?, ?, ?)");
      db.exec("BEGIN IMMEDIATE");
      try {
        for (size_t i = 0; i < batch.size(); ++i) {
          const NewBallot& b = *batch[i]->ballot;
          db.exec("SAVEPOINT ballot");
          try {
            use_code.reset();
            use_code.bind(1, b.code_hash.data(), static_cast<int>(b.code_hash.size()));
            use_code.bind(2, b.round);
            use_code.bind(3, b.code_must_match_area ? 1 : 0);
            use_code.bind(4, b.area);
            if (use_code.exec() != 1) {
              results[i] = Status::AlreadyExists("the code is unknown or already used");
            } else {
              insert.reset();
              insert.bind(1, b.receipt);
              insert.bind(2, b.round);
              insert.bind(3, b.area);
              insert.bind(4, ChoicesToJson(b.choices));
              insert.exec();
            }
            db.exec("RELEASE ballot");
          } catch (const std::exception& e) {
            db.exec("ROLLBACK TO ballot");
            db.exec("RELEASE ballot");
            results[i] = DbError("storing a ballot", e);
          }
        }
        db.exec("COMMIT");
      } catch (...) {
        try {
          db.exec("ROLLBACK");
        } catch (...) {
        }
        throw;
      }
    } catch (const std::exception& e) {
      batch_status = DbError("committing ballots", e);
    }
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    batch[i]->done.set_value(batch_status.ok() ? results[i] : batch_status);
  }
}

Status SqliteStore::AddCodes(const std::string& round, const std::string& area,
                             const std::vector<std::string>& code_hashes) {
  std::lock_guard<std::mutex> lock(write_mu_);
  if (!write_db_) return Status::FailedPrecondition("the database is closed");
  try {
    SQLite::Transaction tx(*write_db_);
    SQLite::Statement insert(*write_db_,
                             "INSERT INTO codes (hash, round, area, used) VALUES (?, ?, ?, 0)");
    for (const auto& h : code_hashes) {
      insert.reset();
      insert.bind(1, h.data(), static_cast<int>(h.size()));
      insert.bind(2, round);
      insert.bind(3, area);
      try {
        insert.exec();
      } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_CONSTRAINT) {
          return Status::AlreadyExists("a generated code clashed with an issued one; run again");
        }
        throw;
      }
    }
    tx.commit();
  } catch (const std::exception& e) {
    return DbError("issuing codes", e);
  }
  return Status::Ok();
}

Result<std::optional<CodeRecord>> SqliteStore::FindCode(const std::string& code_hash) {
  if (code_readers_.empty()) return Status::FailedPrecondition("the database is closed");
  const size_t start = next_reader_++ % code_readers_.size();
  CodeReader* reader = code_readers_[start].get();
  std::unique_lock<std::mutex> lock(reader->mu, std::try_to_lock);
  for (size_t i = 1; !lock.owns_lock() && i < code_readers_.size(); ++i) {
    reader = code_readers_[(start + i) % code_readers_.size()].get();
    lock = std::unique_lock<std::mutex>(reader->mu, std::try_to_lock);
  }
  if (!lock.owns_lock()) {
    reader = code_readers_[start].get();
    lock = std::unique_lock<std::mutex>(reader->mu);
  }
  if (!reader->find) return Status::FailedPrecondition("the database is closed");
  SQLite::Statement& q = *reader->find;
  try {
    q.reset();
    q.bind(1, code_hash.data(), static_cast<int>(code_hash.size()));
    std::optional<CodeRecord> record;
    if (q.executeStep()) {
      record = CodeRecord{q.getColumn(0).getString(), q.getColumn(1).getString(),
                          q.getColumn(2).getInt() != 0};
    }
    q.reset();  // ends the read transaction so the WAL can be checkpointed
    return record;
  } catch (const std::exception& e) {
    try {
      q.reset();
    } catch (...) {
    }
    return DbError("looking up a code", e);
  }
}

Result<std::optional<FrozenRound>> SqliteStore::FindFrozenRound(const std::string& round) {
  std::lock_guard<std::mutex> lock(read_mu_);
  if (!read_db_) return Status::FailedPrecondition("the database is closed");
  try {
    SQLite::Statement q(*read_db_, "SELECT fingerprint, snapshot FROM rounds WHERE id = ?");
    q.bind(1, round);
    if (!q.executeStep()) return std::optional<FrozenRound>();
    return std::optional<FrozenRound>(
        FrozenRound{q.getColumn(0).getString(), q.getColumn(1).getString()});
  } catch (const std::exception& e) {
    return DbError("reading a round", e);
  }
}

Status SqliteStore::FreezeRound(const std::string& round, const FrozenRound& frozen) {
  std::lock_guard<std::mutex> lock(write_mu_);
  if (!write_db_) return Status::FailedPrecondition("the database is closed");
  try {
    SQLite::Statement q(*write_db_,
                        "INSERT INTO rounds (id, fingerprint, snapshot) VALUES (?, ?, ?) "
                        "ON CONFLICT (id) DO NOTHING");
    q.bind(1, round);
    q.bind(2, frozen.fingerprint);
    q.bind(3, frozen.snapshot);
    q.exec();
  } catch (const std::exception& e) {
    return DbError("freezing a round", e);
  }
  return Status::Ok();
}

Result<std::vector<RoundCounts>> SqliteStore::Counts() {
  std::lock_guard<std::mutex> lock(read_mu_);
  if (!read_db_) return Status::FailedPrecondition("the database is closed");
  std::map<std::string, std::map<std::string, AreaCounts>> by_round;
  try {
    SQLite::Transaction snapshot(*read_db_);  // both counts from one consistent snapshot
    SQLite::Statement codes(*read_db_,
                            "SELECT round, area, COUNT(*), SUM(used) FROM codes GROUP BY round, "
                            "area");
    while (codes.executeStep()) {
      AreaCounts& a = by_round[codes.getColumn(0).getString()][codes.getColumn(1).getString()];
      a.codes_issued = codes.getColumn(2).getInt64();
      a.codes_used = codes.getColumn(3).getInt64();
    }
    SQLite::Statement ballots(*read_db_,
                              "SELECT round, area, COUNT(*) FROM ballots GROUP BY round, area");
    while (ballots.executeStep()) {
      by_round[ballots.getColumn(0).getString()][ballots.getColumn(1).getString()].ballots =
          ballots.getColumn(2).getInt64();
    }
    SQLite::Statement rounds(*read_db_, "SELECT id FROM rounds");
    while (rounds.executeStep()) by_round[rounds.getColumn(0).getString()];
  } catch (const std::exception& e) {
    return DbError("counting", e);
  }
  std::vector<RoundCounts> out;
  for (auto& [round, areas] : by_round) {
    RoundCounts rc{round, {}};
    for (auto& [area, counts] : areas) {
      counts.id = area;
      rc.areas.push_back(counts);
    }
    out.push_back(std::move(rc));
  }
  return out;
}

Result<std::vector<StoredBallot>> SqliteStore::Ballots(const std::string& round) {
  std::lock_guard<std::mutex> lock(read_mu_);
  if (!read_db_) return Status::FailedPrecondition("the database is closed");
  std::vector<StoredBallot> out;
  try {
    SQLite::Statement q(*read_db_,
                        "SELECT receipt, area, choices FROM ballots WHERE round = ? ORDER BY "
                        "receipt");
    q.bind(1, round);
    while (q.executeStep()) {
      out.push_back({round, q.getColumn(1).getString(), q.getColumn(0).getString(),
                     ChoicesFromJson(q.getColumn(2).getString())});
    }
  } catch (const std::exception& e) {
    return DbError("reading ballots", e);
  }
  return out;
}

Status SqliteStore::Backup(const std::string& db_path, const std::string& dest) {
  try {
    SQLite::Database src(db_path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    SQLite::Database dst(dest, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, kBusyTimeoutMs);
    SQLite::Backup backup(dst, src);
    // One step: in WAL mode the copy reads one snapshot and never blocks the server's
    // writer, whereas small steps would restart whenever a ballot is committed.
    for (int rc = backup.executeStep(-1); rc != SQLITE_DONE; rc = backup.executeStep(-1)) {
      sqlite3_sleep(10);  // busy or locked: try again
    }
  } catch (const std::exception& e) {
    return Status::IoError("backup of " + db_path + " to " + dest + " failed: " + e.what());
  }
  return Status::Ok();
}

Result<std::string> SqliteStore::IntegrityCheck(const std::string& db_path) {
  try {
    SQLite::Database db(db_path, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    SQLite::Statement q(db, "PRAGMA integrity_check");
    std::string out;
    while (q.executeStep()) {
      if (!out.empty()) out += '\n';
      out += q.getColumn(0).getString();
    }
    return out;
  } catch (const std::exception& e) {
    return DbError("integrity check", e);
  }
}

}  // namespace yhdessa::vote
