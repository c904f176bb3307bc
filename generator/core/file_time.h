// FileTime: how many files a build read or wrote and how long its threads spent doing it,
// summed over the threads (two workers writing for 100 ms each: 200 ms).
//
// `--verbose` prints it beside the phases, whose times mix the program's work with the
// file system's: the Markdown workers write each page as soon as it is rendered, and the
// read phase parses each source as soon as it is read. With it, a slower build shows
// whether the program or the disk got slower. TimedFileSystem counts every read through a
// FileSystem into one; the clock is read twice per file, a few tens of nanoseconds against
// the microseconds of an open.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "generator/core/file_system.h"

namespace yhdessa {

class FileTime {
 public:
  /// Counts one file, and the time since `start`. Safe from several threads.
  void Add(std::chrono::steady_clock::time_point start);
  size_t files() const { return files_.load(std::memory_order_relaxed); }
  double ms() const { return static_cast<double>(ns_.load(std::memory_order_relaxed)) / 1e6; }

 private:
  std::atomic<size_t> files_{0};
  std::atomic<uint64_t> ns_{0};
};

/// `base` as it is, its reads (ReadFile, ReadFileAndVersion) counted into `time`. Both must
/// outlive it.
class TimedFileSystem : public FileSystem {
 public:
  TimedFileSystem(const FileSystem& base, FileTime& time) : base_(base), time_(time) {}
  Result<std::string> ReadFile(const std::string& path) const override;
  Result<std::string> ReadFileAndVersion(const std::string& path,
                                         FileVersion& version) const override;
  bool IsFile(const std::string& path) const override { return base_.IsFile(path); }
  bool IsDirectory(const std::string& path) const override { return base_.IsDirectory(path); }
  std::vector<std::string> ListFiles(const std::string& dir) const override {
    return base_.ListFiles(dir);
  }
  std::string DiskPath(const std::string& path) const override { return base_.DiskPath(path); }
  std::optional<FileVersion> Stat(const std::string& path) const override {
    return base_.Stat(path);
  }

 private:
  const FileSystem& base_;
  FileTime& time_;
};

}  // namespace yhdessa
