// OutputDirectory: where a build writes, so a failed build never touches the live site.
//
// Every file goes into a fresh staging folder next to the destination ("public" ->
// ".public.staging-<pid>"). Commit() swaps the staging folder with the destination in one
// rename (Linux renameat2 RENAME_EXCHANGE; two renames where that is not supported) and
// then deletes the old site, so the result has no stale files. Abort() — or destruction
// without Commit() — deletes the staging folder and leaves the destination as it was.
// Staging folders left by builds that crashed are removed by the next build.
// Writing into an empty folder with O_EXCL is much faster than truncating files in place.
// Write() is safe to call from several threads.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "common/status.h"

namespace yhdessa {

class OutputDirectory {
 public:
  /// Creates the staging folder for `destination` (absolute or relative to the cwd).
  static Result<std::unique_ptr<OutputDirectory>> Create(const std::string& destination);
  ~OutputDirectory();

  /// Writes `data` to `path` (relative to the output root), creating folders as needed.
  Status Write(const std::string& path, std::string_view data);
  /// Copies a file from disk to `path`.
  Status Copy(const std::string& disk_source, const std::string& path);
  /// Hard-links the destination's file at `path` into the staging folder when its stamp
  /// is `stamp`: an unchanged page costs a link, not a render and a write. The old inode
  /// is never written to (Write creates new files), so the live site stays as it was.
  bool Reuse(const std::string& path, uint64_t stamp);
  /// The stamp of the destination's file at `path` (device, inode, size, modification
  /// time), or nullopt when there is none: it changes whenever the file is replaced or
  /// written to.
  std::optional<uint64_t> Stamp(const std::string& path) const;
  Status Commit();
  void Abort();

  const std::string& staging() const { return staging_; }

 private:
  OutputDirectory(std::string destination, std::string staging)
      : destination_(std::move(destination)), staging_(std::move(staging)) {}
  Status EnsureParent(const std::string& path);

  std::string destination_;
  std::string staging_;
  bool done_ = false;
  std::mutex mu_;
  std::set<std::string> made_dirs_;
};

}  // namespace yhdessa
