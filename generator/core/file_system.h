// FileSystem: every read of site sources goes through this interface, so the whole
// pipeline runs in tests against an in-memory tree (MemoryFileSystem) and on disk in the
// program (DiskFileSystem). Paths are '/'-separated and relative to the root given at
// construction. Implementations are safe to call from several threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace yhdessa {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> ReadFile(const std::string& path) const = 0;
  virtual bool IsFile(const std::string& path) const = 0;
  virtual bool IsDirectory(const std::string& path) const = 0;
  /// Every regular file below `dir`, as paths relative to the root, sorted. Hidden files
  /// and folders (".git", ".DS_Store") are skipped. Empty when `dir` does not exist.
  virtual std::vector<std::string> ListFiles(const std::string& dir) const = 0;
  /// An absolute path on disk for copying, or "" for in-memory files.
  virtual std::string DiskPath(const std::string& path) const = 0;
  /// What one look at the file at `path` tells, without reading it; nullopt when the file
  /// does not exist.
  struct FileVersion {
    /// Changes whenever the file is written or replaced (on disk: size, modification and
    /// change times, inode). Caches of parsed sources key on it (cache/source_cache.h).
    uint64_t id = 0;
    /// Its latest modification or change, in seconds since the epoch; 0 in memory, where
    /// there are no times.
    int64_t changed_at = 0;
  };
  virtual std::optional<FileVersion> Stat(const std::string& path) const = 0;
  /// ReadFile, and in `version` what Stat would have said of the file just before it was
  /// read (on disk from the same look as the read's: one lookup of the path, not two).
  /// `version` is left as it was when the read fails.
  virtual Result<std::string> ReadFileAndVersion(const std::string& path,
                                                 FileVersion& version) const;
  /// Stat's id.
  std::optional<uint64_t> Version(const std::string& path) const {
    std::optional<FileVersion> v = Stat(path);
    return v ? std::optional<uint64_t>(v->id) : std::nullopt;
  }
};

/// Whether a file whose Stat gave `v` had been written less than `seconds` before now (or
/// is dated in the future): its version may not yet tell a later write of the same size
/// apart, on file systems with coarse times ("racy git"). In memory there are no times:
/// false.
bool ChangedWithin(const FileSystem::FileVersion& v, int seconds);

std::unique_ptr<FileSystem> NewDiskFileSystem(std::string root);

class MemoryFileSystem : public FileSystem {
 public:
  void Add(std::string path, std::string content) { files_[std::move(path)] = std::move(content); }
  void Remove(const std::string& path) { files_.erase(path); }
  Result<std::string> ReadFile(const std::string& path) const override;
  bool IsFile(const std::string& path) const override { return files_.count(path) > 0; }
  bool IsDirectory(const std::string& path) const override;
  std::vector<std::string> ListFiles(const std::string& dir) const override;
  std::string DiskPath(const std::string&) const override { return ""; }
  /// The id is the content's hash: in memory, a changed file is a file with other content.
  std::optional<FileVersion> Stat(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// Joins two '/'-separated paths and removes "." and ".." segments. A ".." that would
/// leave the root yields "" (callers treat that as not found).
std::string JoinPath(const std::string& base, const std::string& rel);
/// "a/b/c.md" -> "a/b"; "c.md" -> "".
std::string DirName(const std::string& path);
/// "a/b/c.md" -> "c.md".
std::string BaseName(const std::string& path);

}  // namespace yhdessa
