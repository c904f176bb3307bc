#include "generator/output/serve_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "generator/cache/content_hash.h"

namespace yhdessa {
namespace fs = std::filesystem;
namespace {

bool Escapes(const std::string& path) {
  return path.empty() || path[0] == '/' || path.find("..") != std::string::npos;
}

// Size, modification time and inode of a source file: a copy is redone when they change.
std::optional<uint64_t> CopyStamp(const std::string& disk_source) {
  struct stat st;
  if (::stat(disk_source.c_str(), &st) != 0) return std::nullopt;
  return ContentHash()
      .Bytes("copy")
      .Bytes(disk_source)
      .U64(st.st_ino)
      .I64(st.st_size)
      .I64(st.st_mtim.tv_sec)
      .I64(st.st_mtim.tv_nsec)
      .I64(st.st_ctim.tv_sec)
      .I64(st.st_ctim.tv_nsec)
      .Digest();
}

// Writes `data` next to `full` and renames it over `full`: readers see the old file or
// the new one.
Status ReplaceFile(const std::string& full, std::string_view data) {
  std::string tmp = full + ".yhdessa-tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError("cannot create " + tmp + ": " + std::strerror(errno));
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::IoError("cannot write " + full + ": " + std::strerror(err));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), full.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return Status::IoError("cannot write " + full + ": " + std::strerror(err));
  }
  return Status::Ok();
}

}  // namespace

Status ServeOutput::Begin() {
  std::lock_guard<std::mutex> lock(mu_);
  next_.clear();
  writes_.clear();
  copies_.clear();
  changed_ = 0;
  staging_.reset();
  if (known_) return Status::Ok();
  auto dir = OutputDirectory::Create(destination_);
  if (!dir.ok()) return dir.status();
  staging_ = std::move(*dir);
  return Status::Ok();
}

Status ServeOutput::Write(const std::string& path, std::string_view data) {
  return Put(path, data, "");
}

Status ServeOutput::Copy(const std::string& disk_source, const std::string& path) {
  return Put(path, {}, disk_source);
}

Status ServeOutput::Put(const std::string& path, std::string_view data,
                        const std::string& disk_source) {
  if (Escapes(path))
    return Status::Internal("refusing to write outside the output folder: " + path);
  uint64_t stamp;
  if (disk_source.empty()) {
    stamp = HashBytes(data);
  } else if (auto s = CopyStamp(disk_source)) {
    stamp = *s;
  } else {
    return Status::IoError("cannot copy " + disk_source + ": " + std::strerror(errno));
  }
  if (staging_) {  // the first build: straight into the staging folder
    Status s =
        disk_source.empty() ? staging_->Write(path, data) : staging_->Copy(disk_source, path);
    if (!s.ok()) return s;
    std::lock_guard<std::mutex> lock(mu_);
    next_[path] = stamp;
    return Status::Ok();
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!next_.emplace(path, stamp).second) return Status::AlreadyExists(path + " is written twice");
  auto live = live_.find(path);
  if (live != live_.end() && live->second == stamp) return Status::Ok();  // unchanged
  if (disk_source.empty()) {
    writes_.emplace(path, std::string(data));
  } else {
    copies_.emplace(path, disk_source);
  }
  return Status::Ok();
}

bool ServeOutput::Reuse(const std::string& path, uint64_t stamp) {
  std::lock_guard<std::mutex> lock(mu_);
  if (staging_) return false;
  auto live = live_.find(path);
  if (live == live_.end() || live->second != stamp) return false;
  return next_.emplace(path, stamp).second;
}

std::optional<uint64_t> ServeOutput::Stamp(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = live_.find(path);
  if (it == live_.end()) return std::nullopt;
  return it->second;
}

Status ServeOutput::Commit() {
  std::lock_guard<std::mutex> lock(mu_);
  if (staging_) {
    Status s = staging_->Commit();
    staging_.reset();
    if (!s.ok()) return s;
    changed_ = next_.size();
    live_ = std::move(next_);
    known_ = true;
    return Status::Ok();
  }
  // Until every change is in place the folder is neither site: should anything fail, the
  // next build starts over with a full swap.
  known_ = false;
  auto ensure_parent = [&](const std::string& path) {
    size_t slash = path.rfind('/');
    if (slash == std::string::npos) return;
    std::error_code ec;
    fs::create_directories(destination_ + "/" + path.substr(0, slash), ec);
  };
  for (const auto& [path, data] : writes_) {
    ensure_parent(path);
    YH_RETURN_IF_ERROR(ReplaceFile(destination_ + "/" + path, data));
  }
  for (const auto& [path, source] : copies_) {
    ensure_parent(path);
    std::string full = destination_ + "/" + path, tmp = full + ".yhdessa-tmp";
    std::error_code ec;
    fs::copy_file(source, tmp, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::rename(tmp, full, ec);
    if (ec) return Status::IoError("cannot copy " + source + " to " + path + ": " + ec.message());
  }
  changed_ = writes_.size() + copies_.size();
  for (const auto& [path, stamp] : live_) {
    if (next_.count(path)) continue;
    std::string full = destination_ + "/" + path;
    if (::unlink(full.c_str()) != 0 && errno != ENOENT)
      return Status::IoError("cannot delete " + full + ": " + std::strerror(errno));
    ++changed_;
    // A deleted page leaves its folder empty: remove the empty folders up the tree.
    for (size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
         slash = path.rfind('/', slash - 1)) {
      if (::rmdir((destination_ + "/" + path.substr(0, slash)).c_str()) != 0) break;
    }
  }
  live_ = std::move(next_);
  next_.clear();
  writes_.clear();
  copies_.clear();
  known_ = true;
  return Status::Ok();
}

void ServeOutput::Abort() {
  std::lock_guard<std::mutex> lock(mu_);
  if (staging_) staging_->Abort();
  staging_.reset();
  next_.clear();
  writes_.clear();
  copies_.clear();
}

}  // namespace yhdessa
