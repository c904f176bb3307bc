#include "generator/output/output_directory.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>

namespace yhdessa {
namespace fs = std::filesystem;

Result<std::unique_ptr<OutputDirectory>> OutputDirectory::Create(const std::string& destination) {
  std::string dest = PrepareDestination(destination);
  std::string staging = WorkFolder(dest, "staging");
  std::error_code ec;
  fs::remove_all(staging, ec);
  if (!fs::create_directory(staging, ec)) {
    return Status::IoError("cannot create " + staging + ": " + ec.message());
  }
  int fd = ::open(staging.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    Status s = Status::IoError("cannot open " + staging + ": " + std::strerror(errno));
    fs::remove_all(staging, ec);
    return s;
  }
  return std::unique_ptr<OutputDirectory>(new OutputDirectory(dest, staging, fd));
}

OutputDirectory::~OutputDirectory() {
  if (!done_) Abort();  // which stops PrepareFolders' thread, as Commit does
  ::close(staging_fd_);
}

void OutputDirectory::PrepareFolders(std::vector<std::string> folders) {
  if (preparing_.joinable() || done_) return;  // one hint per build is enough
  preparing_ = std::thread([this, folders = std::move(folders)]() mutable {
    // Sorted, a folder comes after its parent ("a" < "a/b"), so one mkdir each.
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    for (const std::string& f : folders) {
      if (stop_preparing_.load(std::memory_order_relaxed)) return;
      if (f.empty() || !IsOutputPath(f + "/x")) continue;
      // A failure is left for Write to report, for the file that needs the folder.
      if (::mkdirat(staging_fd_, f.c_str(), 0777) != 0 && errno == ENOENT) {
        std::error_code ec;
        fs::create_directories(staging_ + "/" + f, ec);
      }
    }
  });
}

void OutputDirectory::StopPreparing() {
  stop_preparing_ = true;
  if (preparing_.joinable()) preparing_.join();
}

Status OutputDirectory::EnsureParent(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return Status::Ok();
  std::string dir = path.substr(0, slash);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (made_dirs_.count(dir)) return Status::Ok();
  }
  // Usually only the last folder is new (a page's own folder): one mkdir instead of
  // create_directories' stat of every level.
  if (::mkdirat(staging_fd_, dir.c_str(), 0777) != 0 && errno != EEXIST) {
    std::error_code ec;
    fs::create_directories(staging_ + "/" + dir, ec);
    if (ec) return Status::IoError("cannot create folder " + dir + ": " + ec.message());
  }
  std::lock_guard<std::mutex> lock(mu_);
  made_dirs_.insert(dir);
  return Status::Ok();
}

Status OutputDirectory::Write(const std::string& path, std::string_view data) {
  if (!IsOutputPath(path)) {
    return Status::Internal("refusing to write outside the output folder: " + path);
  }
  // The file first: its folder is usually there already (PrepareFolders, or an earlier
  // file of the same folder), and then asking for the folder would be one more syscall
  // and a lookup under the lock per file.
  uint64_t stamp = 0;
  uint64_t* stamp_out = keep_stamps_ ? &stamp : nullptr;
  Status s = WriteNewFile(path, data, path, staging_fd_, stamp_out);
  if (s.code() == StatusCode::kNotFound) {
    YH_RETURN_IF_ERROR(EnsureParent(path));
    s = WriteNewFile(path, data, path, staging_fd_, stamp_out);
  }
  YH_RETURN_IF_ERROR(s);
  Add(path, stamp);
  return Status::Ok();
}

Status OutputDirectory::Copy(const std::string& disk_source, const std::string& path) {
  YH_RETURN_IF_ERROR(EnsureParent(path));
  std::error_code ec;
  fs::copy_file(disk_source, staging_ + "/" + path, fs::copy_options::none, ec);
  if (ec)
    return Status::IoError("cannot copy " + disk_source + " to " + path + ": " + ec.message());
  Add(path);
  return Status::Ok();
}

void OutputDirectory::Add(const std::string& path, uint64_t stamp) {
  std::lock_guard<std::mutex> lock(mu_);
  files_.push_back(path);
  if (stamp != 0) stamps_.emplace(path, stamp);
}

std::optional<uint64_t> OutputDirectory::Stamp(const std::string& path) const {
  // Commit renames the staging folder: its files keep their inodes and times. After it
  // nothing is written, so the stamps are read without the lock (a build stamps its files
  // on every core then).
  std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
  if (!done_) lock.lock();
  if (auto it = stamps_.find(path); it != stamps_.end()) return it->second;
  if (lock.owns_lock()) lock.unlock();
  return OutputFolder::Stamp(path);
}

std::vector<std::string> OutputDirectory::Files() const {
  std::lock_guard<std::mutex> lock(mu_);
  return files_;
}

bool OutputDirectory::Reuse(const std::string& path, uint64_t stamp) {
  if (!IsOutputPath(path)) return false;
  auto now = OutputFolder::Stamp(path);  // the destination's file
  if (!now || *now != stamp) return false;
  if (!EnsureParent(path).ok()) return false;
  std::string from = destination_ + "/" + path, to = staging_ + "/" + path;
  if (::linkat(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), 0) != 0) return false;
  Add(path);
  return true;
}

Status OutputDirectory::Commit() {
  StopPreparing();  // every file is written by now: what it did not make is not needed
  std::error_code ec;
  done_ = true;
  if (!fs::exists(destination_, ec)) {
    if (::rename(staging_.c_str(), destination_.c_str()) != 0) {
      return Status::IoError("cannot move the new site to " + destination_ + ": " +
                             std::strerror(errno));
    }
    return Status::Ok();
  }
  // One atomic swap: readers (a web server) see the old site or the new one, never a mix.
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) ==
      0) {
    fs::remove_all(staging_, ec);
    return Status::Ok();
  }
  std::string old = staging_ + ".old";
  if (::rename(destination_.c_str(), old.c_str()) != 0 ||
      ::rename(staging_.c_str(), destination_.c_str()) != 0) {
    return Status::IoError("cannot replace " + destination_ + ": " + std::strerror(errno));
  }
  fs::remove_all(old, ec);
  return Status::Ok();
}

void OutputDirectory::Abort() {
  StopPreparing();
  done_ = true;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

}  // namespace yhdessa
