#include "generator/output/output_folder.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "generator/cache/content_hash.h"

namespace yhdessa {
namespace fs = std::filesystem;

static_assert(AT_FDCWD == -100, "output_folder.h spells AT_FDCWD out");

namespace {

uint64_t StampOf(const struct stat& st) {
  return ContentHash()
      .U64(st.st_dev)
      .U64(st.st_ino)
      .I64(st.st_size)
      .I64(st.st_mtim.tv_sec)
      .I64(st.st_mtim.tv_nsec)
      .Digest();
}

}  // namespace

Status WriteNewFile(const std::string& file, std::string_view data, const std::string& path,
                    int dir_fd, uint64_t* stamp) {
  int fd = ::openat(dir_fd, file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return Status::AlreadyExists(path + " is written twice");
    if (errno == ENOENT) return Status::NotFound("cannot create " + path + ": no such folder");
    return Status::IoError("cannot create " + path + ": " + std::strerror(errno));
  }
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Status::IoError("cannot write " + path + ": " + std::strerror(err));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  // The file's stamp from the open file (no lookup of its path): the last write set its
  // time, and closing it changes nothing the stamp holds.
  struct stat st;
  if (stamp) *stamp = ::fstat(fd, &st) == 0 ? StampOf(st) : 0;
  if (::close(fd) != 0)
    return Status::IoError("cannot write " + path + ": " + std::strerror(errno));
  return Status::Ok();
}

std::optional<uint64_t> FileStamp(const std::string& file) {
  struct stat st;
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return StampOf(st);
}

std::optional<uint64_t> OutputFolder::Stamp(const std::string& path) const {
  return FileStamp(destination_ + "/" + path);
}

bool IsOutputPath(const std::string& path) {
  return !path.empty() && path[0] != '/' && path.find("..") == std::string::npos;
}

std::string PrepareDestination(const std::string& destination) {
  fs::path dest = fs::path(destination).lexically_normal();
  if (dest.filename().empty()) dest = dest.parent_path();
  fs::path parent = dest.parent_path();
  std::error_code ec;
  if (!parent.empty()) fs::create_directories(parent, ec);
  std::string name = "." + dest.filename().string() + ".";
  for (const auto& e : fs::directory_iterator(parent.empty() ? fs::path(".") : parent, ec)) {
    std::string entry = e.path().filename().string();
    if (entry.rfind(name, 0) != 0) continue;
    size_t dash = entry.rfind('-');
    std::string kind =
        entry.substr(name.size(), dash == std::string::npos ? 0 : dash - name.size());
    if (kind != "staging" && kind != "pending") continue;
    pid_t pid = static_cast<pid_t>(std::atol(entry.c_str() + dash + 1));
    if (pid > 0 && pid != getpid() && ::kill(pid, 0) != 0 && errno == ESRCH)
      fs::remove_all(e.path(), ec);
  }
  return dest.string();
}

std::string WorkFolder(const std::string& destination, const std::string& kind) {
  fs::path dest(destination);
  return (dest.parent_path() /
          ("." + dest.filename().string() + "." + kind + "-" + std::to_string(getpid())))
      .string();
}

}  // namespace yhdessa
