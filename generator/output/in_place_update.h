// InPlaceUpdate: a warm build's output folder (see OutputFolder for the contract).
//
// The previous site stays where it is. Write() compares with the file already there: the
// same bytes cost a read and nothing else; other bytes go to a pending file in a hidden
// folder beside the destination (".public.pending-<pid>", so renames stay on one file
// system). Reuse() only checks the stamp. Commit() then deletes the files of the previous
// build (`previous_files`, from the build cache) that this build did not make and the
// folders that left empty, and renames every pending file over its old version: each
// file is replaced atomically, so a web server never serves half a page, though for the
// moment of the commit it may serve some pages old and some new. Abort() deletes the
// pending folder and the destination is as it was.
//
// Memory stays flat however many files change: pending files are on disk, not in memory.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/status.h"
#include "generator/output/output_folder.h"

namespace yhdessa {

class InPlaceUpdate : public OutputFolder {
 public:
  /// `destination` must be a folder; `previous_files` are the files of the build that made it.
  static Result<std::unique_ptr<InPlaceUpdate>> Create(const std::string& destination,
                                                       std::vector<std::string> previous_files);
  ~InPlaceUpdate() override;

  Status Write(const std::string& path, std::string_view data) override;
  Status Copy(const std::string& disk_source, const std::string& path) override;
  bool Reuse(const std::string& path, uint64_t stamp) override;
  Status Commit() override;
  void Abort() override;
  std::vector<std::string> Files() const override;
  /// More files of the previous site that Commit() deletes unless this update writes
  /// them (`serve`: the files of a page SitePatch took out of the site).
  void AddStale(const std::vector<std::string>& paths);

  /// After Commit(): files written (new or changed) and files deleted.
  size_t replaced() const { return changed_.size() - deleted_; }
  size_t deleted() const { return deleted_; }
  /// After Commit(): the paths of those files, deleted ones first (`serve` names the files
  /// its check of a patch put right).
  const std::vector<std::string>& changed() const { return changed_; }

 private:
  InPlaceUpdate(std::string destination, std::string pending, std::vector<std::string> previous)
      : OutputFolder(std::move(destination)),
        pending_(std::move(pending)),
        previous_(std::move(previous)) {}
  /// Claims `path` for this build; an error when it is written twice.
  Status Claim(const std::string& path);
  /// A new pending file's name.
  std::string NextPending();
  void AddPending(const std::string& path, std::string file);

  std::string pending_;
  std::vector<std::string> previous_;
  bool done_ = false;
  mutable std::mutex mu_;
  std::unordered_set<std::string> files_;
  std::vector<std::pair<std::string, std::string>> pending_files_;  // path, pending file
  std::atomic<size_t> next_{0};
  size_t deleted_ = 0;
  std::vector<std::string> changed_;  // deleted_ deleted, then the replaced
};

}  // namespace yhdessa
