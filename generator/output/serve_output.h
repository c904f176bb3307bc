// ServeOutput: the output folder of `yhdessa serve`, updated in place between rebuilds.
//
// It remembers, in memory, a stamp for every file it put into the folder (the hash of the
// content written, or of the copied file's size, time and inode), so a rebuild writes only
// the files whose content changed and deletes the ones no longer produced: a one-page edit
// touches one file instead of re-creating the tree (OutputDirectory's swap costs tens of
// thousands of file operations on a large site). Files are collected during the build and
// written by Commit(), each as a temporary file renamed over the old one, so a build with
// errors (Abort) leaves the last good site as it was and a browser never reads half a page.
// The first build, while the folder's content is unknown, goes through OutputDirectory's
// staging folder and swap, so no stale file of an earlier site survives; so does the
// build after a Commit that failed half-way.
// Files changed by hand in the folder while serving are not noticed (they are the
// generator's output; a restart rewrites them). Write, Copy, Reuse are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"
#include "generator/output/output_directory.h"

namespace yhdessa {

class ServeOutput {
 public:
  explicit ServeOutput(std::string destination) : destination_(std::move(destination)) {}

  /// Starts a build.
  Status Begin();
  Status Write(const std::string& path, std::string_view data);
  /// Copies a file from disk (skipped when the same file was copied before).
  Status Copy(const std::string& disk_source, const std::string& path);
  /// Keeps the file at `path` when it is the one with `stamp`.
  bool Reuse(const std::string& path, uint64_t stamp);
  /// The stamp of the file at `path` of the committed site, or nullopt.
  std::optional<uint64_t> Stamp(const std::string& path) const;
  /// Makes this build's files the site: writes the changed ones, deletes the stale ones.
  Status Commit();
  /// Forgets this build; the folder stays as it was.
  void Abort();

  /// Files written or deleted by the last Commit.
  size_t changed() const { return changed_; }

 private:
  Status Put(const std::string& path, std::string_view data, const std::string& disk_source);

  std::string destination_;
  bool known_ = false;                                   // live_ describes the folder
  std::unique_ptr<OutputDirectory> staging_;             // the build when !known_
  std::unordered_map<std::string, uint64_t> live_;       // path -> stamp, the committed site
  std::unordered_map<std::string, uint64_t> next_;       // path -> stamp, this build's site
  std::unordered_map<std::string, std::string> writes_;  // changed files' content
  std::unordered_map<std::string, std::string> copies_;  // changed copies' sources
  size_t changed_ = 0;
  mutable std::mutex mu_;
};

}  // namespace yhdessa
