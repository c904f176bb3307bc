#include "generator/core/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <sstream>
#include <system_error>

namespace yhdessa {
namespace fs = std::filesystem;
namespace {

// A file's version from its status: size, inode and both times, so that any write or
// replacement changes it.
FileSystem::FileVersion VersionOf(const struct stat& st) {
  uint64_t h = 1469598103934665603ULL;
  for (uint64_t v :
       {static_cast<uint64_t>(st.st_size), static_cast<uint64_t>(st.st_ino),
        static_cast<uint64_t>(st.st_mtim.tv_sec), static_cast<uint64_t>(st.st_mtim.tv_nsec),
        static_cast<uint64_t>(st.st_ctim.tv_sec), static_cast<uint64_t>(st.st_ctim.tv_nsec)}) {
    h = (h ^ v) * 1099511628211ULL;
  }
  return {h, static_cast<int64_t>(std::max(st.st_mtim.tv_sec, st.st_ctim.tv_sec))};
}

class DiskFileSystem : public FileSystem {
 public:
  explicit DiskFileSystem(std::string root) : root_(std::move(root)) {}

  Result<std::string> ReadFile(const std::string& path) const override {
    return Read(path, nullptr);
  }
  Result<std::string> ReadFileAndVersion(const std::string& path,
                                         FileVersion& version) const override {
    return Read(path, &version);
  }
  bool IsFile(const std::string& path) const override {
    std::error_code ec;
    return fs::is_regular_file(Abs(path), ec);
  }
  bool IsDirectory(const std::string& path) const override {
    std::error_code ec;
    return fs::is_directory(Abs(path), ec);
  }
  std::vector<std::string> ListFiles(const std::string& dir) const override {
    // opendir/readdir, not std::filesystem's recursive iterator: its paths are split and
    // joined again for every entry, and listing content/ was a third of the build's serial
    // work between the parallel phases (10 000 pages). The paths are the folder as given,
    // its repeated slashes collapsed (as generic_string did), then the path below it.
    std::vector<std::string> out;
    std::string prefix;
    for (char c : dir) {
      if (c != '/' || prefix.empty() || prefix.back() != '/') prefix += c;
    }
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    std::string abs = Abs(dir);
    if (!abs.empty() && abs.back() != '/') abs += '/';
    ListBelow(abs, prefix, out);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string DiskPath(const std::string& path) const override { return Abs(path); }
  std::optional<FileVersion> Stat(const std::string& path) const override {
    struct stat st;
    if (::stat(Abs(path).c_str(), &st) != 0) return std::nullopt;
    return VersionOf(st);
  }

 private:
  Result<std::string> Read(const std::string& path, FileVersion* version) const {
    // open + fstat + read, not an ifstream: a warm build reads every source (100 MB on
    // 10 000 pages), and the stream's buffer, locale and seeks cost more than the read.
    int fd = ::open(Abs(path).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::NotFound(path + ": cannot open file");
    struct stat st;
    std::string data;
    bool ok = ::fstat(fd, &st) == 0;
    // Taken before the read: a write after it changes the file's times, so a later look
    // tells the file changed.
    FileVersion looked = ok ? VersionOf(st) : FileVersion{};
    // Read until the size fstat gave, without the read that would return 0 at the end
    // (one syscall per source less). A file still being written may be read short; the
    // watcher then reports its last write and `serve` builds again. A size of 0 (files in
    // /proc and the like report it) reads to the end.
    size_t size = ok && st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0;
    if (ok) data.resize(size > 0 ? size : 4096);
    size_t got = 0;
    while (ok && (size == 0 || got < size)) {
      if (got == data.size()) data.resize(got + (got < 4096 ? 4096 : got / 2));
      ssize_t n = ::read(fd, data.data() + got, data.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ok = n == 0;
        break;
      }
      got += static_cast<size_t>(n);
    }
    ::close(fd);
    if (!ok) return Status::IoError(path + ": read failed");
    data.resize(got);
    if (version) *version = looked;
    return data;
  }

  // Appends the regular files below the folder `abs` (ending in '/') as `rel` + their
  // path below it. Hidden entries are skipped, symbolic links to files followed, links to
  // folders not (as std::filesystem's iterator did), unreadable folders left out.
  static void ListBelow(const std::string& abs, const std::string& rel,
                        std::vector<std::string>& out) {
    DIR* d = ::opendir(abs.c_str());
    if (!d) return;
    while (const struct dirent* e = ::readdir(d)) {
      if (e->d_name[0] == '.') continue;  // also "." and ".."
      std::string path = abs + e->d_name;
      bool file = e->d_type == DT_REG;
      bool folder = e->d_type == DT_DIR;
      if (e->d_type == DT_LNK || e->d_type == DT_UNKNOWN) {
        struct stat st;
        if (e->d_type == DT_UNKNOWN && ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
          folder = true;
        } else {
          file = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
        }
      }
      if (file) {
        out.push_back(rel + e->d_name);
      } else if (folder) {
        ListBelow(path + '/', rel + e->d_name + '/', out);
      }
    }
    ::closedir(d);
  }
  std::string Abs(const std::string& path) const {
    return path.empty() ? root_ : root_ + "/" + path;
  }
  std::string root_;
};

}  // namespace

Result<std::string> FileSystem::ReadFileAndVersion(const std::string& path,
                                                   FileVersion& version) const {
  std::optional<FileVersion> looked = Stat(path);
  Result<std::string> text = ReadFile(path);
  if (text.ok() && looked) version = *looked;
  return text;
}

std::unique_ptr<FileSystem> NewDiskFileSystem(std::string root) {
  return std::make_unique<DiskFileSystem>(std::move(root));
}

std::optional<FileSystem::FileVersion> MemoryFileSystem::Stat(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return FileVersion{std::hash<std::string>()(it->second), 0};
}

bool ChangedWithin(const FileSystem::FileVersion& v, int seconds) {
  if (v.changed_at == 0) return false;  // in memory: no times
  struct timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  return v.changed_at + seconds >= now.tv_sec;
}

Result<std::string> MemoryFileSystem::ReadFile(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return Status::NotFound(path + ": cannot open file");
  return it->second;
}

bool MemoryFileSystem::IsDirectory(const std::string& path) const {
  std::string prefix = path.empty() ? "" : path + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> MemoryFileSystem::ListFiles(const std::string& dir) const {
  std::vector<std::string> out;
  std::string prefix = dir.empty() ? "" : dir + "/";
  for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(it->first);
  }
  return out;
}

std::string JoinPath(const std::string& base, const std::string& rel) {
  std::vector<std::string> parts;
  auto push = [&](const std::string& path) -> bool {
    std::stringstream ss(path);
    std::string seg;
    while (std::getline(ss, seg, '/')) {
      if (seg.empty() || seg == ".") continue;
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else {
        parts.push_back(seg);
      }
    }
    return true;
  };
  if (!rel.empty() && rel[0] == '/') {
    if (!push(rel)) return "";
  } else if (!push(base) || !push(rel)) {
    return "";
  }
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace yhdessa
