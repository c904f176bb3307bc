// OutputDirectory: a full build's output folder (see OutputFolder for the contract).
//
// Every file goes into a fresh staging folder next to the destination ("public" ->
// ".public.staging-<pid>"). Commit() swaps the staging folder with the destination in one
// rename (Linux renameat2 RENAME_EXCHANGE; two renames where that is not supported) and
// then deletes the old site, so the result has no stale files. Abort() deletes the
// staging folder. Writing into an empty folder with O_EXCL is much faster than truncating
// files in place.
//
// PrepareFolders makes the pages' folders on a thread of its own while the build renders
// Markdown: on a disk, making a folder often waits for the kernel to read the block its
// inode goes into (ext4 reads inode tables on demand), and those waits then overlap with
// work instead of stalling the render workers. Write does not depend on it: it makes any
// folder that is missing, and one that is already there is fine.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "generator/output/output_folder.h"

namespace yhdessa {

class OutputDirectory : public OutputFolder {
 public:
  /// Creates the staging folder for `destination` (absolute or relative to the cwd).
  static Result<std::unique_ptr<OutputDirectory>> Create(const std::string& destination);
  ~OutputDirectory() override;

  Status Write(const std::string& path, std::string_view data) override;
  Status Copy(const std::string& disk_source, const std::string& path) override;
  /// Hard-links the destination's file into the staging folder. The old inode is never
  /// written to (Write creates new files), so the live site stays as it was.
  bool Reuse(const std::string& path, uint64_t stamp) override;
  void PrepareFolders(std::vector<std::string> folders) override;
  Status Commit() override;
  void Abort() override;
  std::vector<std::string> Files() const override;
  /// The stamps of the files Write made, taken as they were written (KeepStamps), else an
  /// lstat of the file: a build with the cache stamps every file it wrote.
  std::optional<uint64_t> Stamp(const std::string& path) const override;
  /// Write keeps each new file's stamp from then on, for Stamp.
  void KeepStamps() { keep_stamps_ = true; }

  const std::string& staging() const { return staging_; }

 private:
  OutputDirectory(std::string destination, std::string staging, int staging_fd)
      : OutputFolder(std::move(destination)),
        staging_(std::move(staging)),
        staging_fd_(staging_fd) {}
  Status EnsureParent(const std::string& path);
  void Add(const std::string& path, uint64_t stamp = 0);
  // Stops PrepareFolders' thread (it leaves the folders it did not make yet) and waits.
  void StopPreparing();

  std::string staging_;
  // The staging folder, open: files and folders are made relative to it, so the kernel
  // does not walk the staging folder's own path again for every page.
  int staging_fd_;
  bool done_ = false;
  mutable std::mutex mu_;
  std::set<std::string> made_dirs_;
  std::vector<std::string> files_;
  bool keep_stamps_ = false;
  std::unordered_map<std::string, uint64_t> stamps_;  // by path, with keep_stamps_
  std::thread preparing_;
  std::atomic<bool> stop_preparing_{false};
};

}  // namespace yhdessa
