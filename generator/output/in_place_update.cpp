#include "generator/output/in_place_update.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

namespace yhdessa {
namespace fs = std::filesystem;
namespace {

// The whole file, or false when it cannot be read or is not `expected_size` bytes long
// (then it differs anyway, and is not read).
bool ReadIfSize(const std::string& file, size_t expected_size, std::string& out) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            static_cast<size_t>(st.st_size) == expected_size;
  if (ok) {
    out.resize(expected_size);
    size_t at = 0;
    while (at < expected_size) {
      ssize_t n = ::read(fd, out.data() + at, expected_size - at);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      at += static_cast<size_t>(n);
    }
    ok = at == expected_size;
  }
  ::close(fd);
  return ok;
}

bool SameBytes(const std::string& file, std::string_view data) {
  std::string old;
  return ReadIfSize(file, data.size(), old) && old == data;
}

}  // namespace

Result<std::unique_ptr<InPlaceUpdate>> InPlaceUpdate::Create(
    const std::string& destination, std::vector<std::string> previous_files) {
  std::string dest = PrepareDestination(destination);
  std::error_code ec;
  if (!fs::is_directory(dest, ec)) return Status::NotFound(dest + " is not a folder");
  std::string pending = WorkFolder(dest, "pending");
  fs::remove_all(pending, ec);
  if (!fs::create_directory(pending, ec)) {
    return Status::IoError("cannot create " + pending + ": " + ec.message());
  }
  return std::unique_ptr<InPlaceUpdate>(
      new InPlaceUpdate(dest, pending, std::move(previous_files)));
}

InPlaceUpdate::~InPlaceUpdate() {
  if (!done_) Abort();
}

Status InPlaceUpdate::Claim(const std::string& path) {
  if (!IsOutputPath(path)) {
    return Status::Internal("refusing to write outside the output folder: " + path);
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!files_.insert(path).second) return Status::AlreadyExists(path + " is written twice");
  return Status::Ok();
}

std::string InPlaceUpdate::NextPending() {
  return pending_ + "/" + std::to_string(next_++);
}

void InPlaceUpdate::AddPending(const std::string& path, std::string file) {
  std::lock_guard<std::mutex> lock(mu_);
  pending_files_.emplace_back(path, std::move(file));
}

Status InPlaceUpdate::Write(const std::string& path, std::string_view data) {
  YH_RETURN_IF_ERROR(Claim(path));
  // The same bytes: keep the file (and its stamp), so readers and rsync see no change.
  if (SameBytes(destination_ + "/" + path, data)) return Status::Ok();
  std::string file = NextPending();
  YH_RETURN_IF_ERROR(WriteNewFile(file, data, path));
  AddPending(path, std::move(file));
  return Status::Ok();
}

Status InPlaceUpdate::Copy(const std::string& disk_source, const std::string& path) {
  YH_RETURN_IF_ERROR(Claim(path));
  std::error_code ec;
  uintmax_t size = fs::file_size(disk_source, ec);
  if (!ec) {
    std::string source, old;
    if (ReadIfSize(destination_ + "/" + path, size, old) && ReadIfSize(disk_source, size, source) &&
        source == old)
      return Status::Ok();
  }
  std::string file = NextPending();
  fs::copy_file(disk_source, file, fs::copy_options::none, ec);
  if (ec)
    return Status::IoError("cannot copy " + disk_source + " to " + path + ": " + ec.message());
  AddPending(path, std::move(file));
  return Status::Ok();
}

bool InPlaceUpdate::Reuse(const std::string& path, uint64_t stamp) {
  if (!IsOutputPath(path)) return false;
  auto now = Stamp(path);
  if (!now || *now != stamp) return false;
  std::lock_guard<std::mutex> lock(mu_);
  return files_.insert(path).second;
}

std::vector<std::string> InPlaceUpdate::Files() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::vector<std::string>(files_.begin(), files_.end());
}

void InPlaceUpdate::AddStale(const std::vector<std::string>& paths) {
  std::lock_guard<std::mutex> lock(mu_);
  previous_.insert(previous_.end(), paths.begin(), paths.end());
}

Status InPlaceUpdate::Commit() {
  done_ = true;
  Status first = Status::Ok();
  auto fail = [&](const std::string& what) {
    if (first.ok()) {
      first = Status::IoError(what + ": " + std::strerror(errno) +
                              "; build again (without --no-cache it repairs the site)");
    }
  };
  // Stale files first: a folder that held only stale files may be a new file's name now.
  std::set<std::string> folders;
  for (const auto& path : previous_) {
    if (files_.count(path) || !IsOutputPath(path)) continue;
    if (::unlink((destination_ + "/" + path).c_str()) == 0) {
      ++deleted_;
      changed_.push_back(path);
    } else if (errno != ENOENT) {
      fail("cannot delete " + destination_ + "/" + path);
    }
    for (size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
         slash = path.rfind('/', slash - 1)) {
      folders.insert(path.substr(0, slash));
    }
  }
  // Longer names first: a folder before its parent. rmdir fails on folders still in use.
  std::vector<std::string> order(folders.begin(), folders.end());
  std::sort(order.begin(), order.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const auto& dir : order) ::rmdir((destination_ + "/" + dir).c_str());

  std::set<std::string> made;
  for (const auto& [path, file] : pending_files_) {
    std::string target = destination_ + "/" + path;
    size_t slash = path.rfind('/');
    if (slash != std::string::npos && made.insert(path.substr(0, slash)).second) {
      std::error_code ec;
      fs::create_directories(destination_ + "/" + path.substr(0, slash), ec);
    }
    if (::rename(file.c_str(), target.c_str()) != 0) {
      // A folder where the file goes (the previous site had pages below that address).
      std::error_code ec;
      if (fs::is_directory(target, ec)) fs::remove_all(target, ec);
      if (::rename(file.c_str(), target.c_str()) != 0) {
        fail("cannot replace " + target);
        continue;
      }
    }
    changed_.push_back(path);
  }
  std::error_code ec;
  fs::remove_all(pending_, ec);
  return first;
}

void InPlaceUpdate::Abort() {
  done_ = true;
  std::error_code ec;
  fs::remove_all(pending_, ec);
}

}  // namespace yhdessa
