// OutputDirectory: a full build's output folder (see OutputFolder for the contract).
//
// Every file goes into a fresh staging folder next to the destination ("public" ->
// ".public.staging-<pid>"). Commit() swaps the staging folder with the destination in one
// rename (Linux renameat2 RENAME_EXCHANGE; two renames where that is not supported) and
// then deletes the old site, so the result has no stale files. Abort() deletes the
// staging folder. Writing into an empty folder with O_EXCL is much faster than truncating
// files in place.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
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
  Status Commit() override;
  void Abort() override;
  std::vector<std::string> Files() const override;

  const std::string& staging() const { return staging_; }

 private:
  OutputDirectory(std::string destination, std::string staging, int staging_fd)
      : OutputFolder(std::move(destination)),
        staging_(std::move(staging)),
        staging_fd_(staging_fd) {}
  Status EnsureParent(const std::string& path);
  void Add(const std::string& path);

  std::string staging_;
  // The staging folder, open: files and folders are made relative to it, so the kernel
  // does not walk the staging folder's own path again for every page.
  int staging_fd_;
  bool done_ = false;
  mutable std::mutex mu_;
  std::set<std::string> made_dirs_;
  std::vector<std::string> files_;
};

}  // namespace yhdessa
