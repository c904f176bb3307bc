// OutputFolder: the folder a build writes its site into, on disk.
//
// Two ways to get there, one contract: nothing a reader of the destination sees changes
// before Commit(); Abort() — or destruction without Commit() — leaves the destination
// exactly as it was. OutputDirectory renders into a fresh staging folder and swaps it in
// (full builds); InPlaceUpdate keeps the previous site and replaces only the files that
// changed (warm builds with a cache). Write, Copy and Reuse are safe to call from several
// threads; Commit, Abort and Files are called once the build is done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace yhdessa {

class OutputFolder {
 public:
  virtual ~OutputFolder() = default;
  /// Writes `data` to `path` (relative to the output root), creating folders as needed.
  virtual Status Write(const std::string& path, std::string_view data) = 0;
  /// Copies a file from disk to `path`.
  virtual Status Copy(const std::string& disk_source, const std::string& path) = 0;
  /// Keeps the destination's file at `path` in the new site when it still carries
  /// `stamp`: an unchanged page costs a stat, not a render and a write. False: the file
  /// is gone or was changed since (by hand, or by a build without the cache).
  virtual bool Reuse(const std::string& path, uint64_t stamp) = 0;
  /// The folders most files will go into (OutputSink::PrepareFolders); may be made ahead.
  virtual void PrepareFolders(std::vector<std::string> /*folders*/) {}
  /// The stamp of the destination's file at `path`, or nullopt when there is none.
  virtual std::optional<uint64_t> Stamp(const std::string& path) const;
  virtual Status Commit() = 0;
  virtual void Abort() = 0;
  /// Every file of the new site (written, copied or reused), in no particular order.
  virtual std::vector<std::string> Files() const = 0;

  const std::string& destination() const { return destination_; }

 protected:
  explicit OutputFolder(std::string destination) : destination_(std::move(destination)) {}
  std::string destination_;
};

/// A file's stamp: device, inode, size and modification time. It changes whenever the
/// file is replaced or written to; nullopt when `file` is not a regular file.
std::optional<uint64_t> FileStamp(const std::string& file);

/// Creates `file`, which must not exist yet, with `data`; errors name `path` (the file's
/// path in the site). An existing file is AlreadyExists: a build that writes a path twice;
/// a missing folder NotFound.
/// A relative `file` is relative to the folder open as `dir_fd` (default: the cwd). With
/// `stamp`, the new file's stamp (FileStamp's) is put there, taken before it is closed.
Status WriteNewFile(const std::string& file, std::string_view data, const std::string& path,
                    int dir_fd = -100 /* AT_FDCWD */, uint64_t* stamp = nullptr);

/// False for paths that would leave the output folder ("../x", "/etc/x").
bool IsOutputPath(const std::string& path);

/// `destination` normalised ("public/" -> "public"); creates its parent folder and removes
/// the work folders (".<name>.staging-<pid>", ".<name>.pending-<pid>") that builds which
/// crashed left beside it.
std::string PrepareDestination(const std::string& destination);

/// The work folder of this process for `destination` (beside it, so renames stay on one
/// file system): ".<name>.<kind>-<pid>".
std::string WorkFolder(const std::string& destination, const std::string& kind);

}  // namespace yhdessa
