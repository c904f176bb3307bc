// CodeHasher: the keyed hash under which voting codes are stored.
//
// The database holds only BLAKE2b(key, normalised code), never a code. The 32-byte key
// lives in a separate file (by default the database path plus ".key"), created with mode
// 0600 on first use, so a copy of the database alone does not reveal usable codes and
// cannot be brute-forced offline. Losing the key makes every issued code unusable: back it
// up with the database, but store it apart. Thread-safe (immutable after construction).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "common/status.h"

namespace yhdessa::vote {

class CodeHasher {
 public:
  static constexpr size_t kKeyBytes = 32;
  static constexpr size_t kHashBytes = 32;
  using Key = std::array<unsigned char, kKeyBytes>;

  explicit CodeHasher(const Key& key) : key_(key) {}

  /// Reads the key file, or creates it (0600, random key) when it does not exist.
  static Result<CodeHasher> FromKeyFile(const std::string& path, bool create_if_missing);

  /// The default key file for a database: "FILE.key".
  static std::string DefaultKeyPath(const std::string& db_path) { return db_path + ".key"; }

  /// kHashBytes raw bytes of the keyed hash of an already normalised code.
  std::string Hash(std::string_view normalized_code) const;

 private:
  Key key_;
};

/// Initialises libsodium once; false if the library cannot run on this machine.
bool InitSodium();

}  // namespace yhdessa::vote
