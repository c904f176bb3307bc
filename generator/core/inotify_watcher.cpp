// The inotify watcher (see change_watcher.h). One watch per folder below the watched
// folders, plus one on the root for the watched top-level names (site.yaml, or a watched
// folder created after start). A folder created or moved in gets its watches when its
// event is read, and the files already in it then count as changed. When a watch cannot be added
// (the per-user limit, fs.inotify. max_user_watches) the watcher hands over to the polling watcher
// for good.
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <vector>

#include "generator/core/change_watcher.h"

namespace yhdessa {
namespace {
namespace fs = std::filesystem;

constexpr uint32_t kMask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM |
                           IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF |
                           IN_DONT_FOLLOW | IN_EXCL_UNLINK | IN_ONLYDIR;

bool Hidden(std::string_view name) {
  return !name.empty() && name[0] == '.';
}

class InotifyWatcher : public ChangeWatcher {
 public:
  InotifyWatcher(int fd, std::string root, std::vector<std::string> paths, WatchOptions options)
      : fd_(fd), root_(std::move(root)), paths_(std::move(paths)), options_(options) {}
  ~InotifyWatcher() override { close(fd_); }

  /// Adds the watches; false when the limit is hit (or the root cannot be watched).
  bool Start() {
    int wd = inotify_add_watch(fd_, root_.c_str(), kMask);
    if (wd < 0) return false;
    root_wd_ = wd;
    for (const auto& p : paths_) {
      std::error_code ec;
      if (fs::is_directory(fs::path(root_) / p, ec) && !WatchTree(root_ + "/" + p)) return false;
    }
    return true;
  }

  bool WaitForChange(std::chrono::milliseconds timeout) override {
    if (fallback_) return fallback_->WaitForChange(timeout);
    changes_.clear();
    unknown_ = false;
    if (!Wait(static_cast<int>(timeout.count()))) return false;
    // Coalesce the burst: read until nothing more arrives for `settle`.
    while (Wait(static_cast<int>(options_.settle.count()))) {
    }
    return true;
  }
  const char* method() const override { return fallback_ ? "polling" : "inotify"; }
  std::optional<std::vector<std::string>> Changes() const override {
    if (fallback_ || unknown_) return std::nullopt;
    return std::vector<std::string>(changes_.begin(), changes_.end());
  }

 private:
  // Waits up to `ms` for events; true when one of them is a change of the site.
  bool Wait(int ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      pollfd p{fd_, POLLIN, 0};
      int n = poll(&p, 1, static_cast<int>(std::max<long long>(left, 0)));
      if (n < 0 && errno == EINTR) return false;  // a signal: let the loop look at it
      if (n <= 0) return false;
      if (Drain()) return true;
      if (left <= 0) return false;
    }
  }

  // Reads the pending events; true when one of them matters.
  bool Drain() {
    alignas(inotify_event) char buf[16384];
    bool changed = false;
    for (;;) {
      ssize_t len = read(fd_, buf, sizeof buf);
      if (len <= 0) break;
      for (char* at = buf; at < buf + len;) {
        auto* e = reinterpret_cast<inotify_event*>(at);
        at += sizeof(inotify_event) + e->len;
        changed = Handle(*e) || changed;
        if (fallback_) return true;
      }
    }
    return changed;
  }

  bool Handle(const inotify_event& e) {
    if (e.mask & IN_Q_OVERFLOW) {  // events were lost: assume a change
      unknown_ = true;
      return true;
    }
    if (e.mask & IN_IGNORED) {
      dirs_.erase(e.wd);
      return false;
    }
    std::string_view name = e.len ? std::string_view(e.name) : std::string_view();
    if (e.wd == root_wd_) {
      bool watched = false;
      for (const auto& p : paths_) watched = watched || p == name;
      if (!watched) return false;
      return Touched(e, std::string(name));
    }
    auto dir = dirs_.find(e.wd);
    if (dir == dirs_.end()) return false;
    // The folder itself: deleted, it was empty (the parent's event follows); moved, the
    // parent's event says so.
    if (e.mask & IN_DELETE_SELF) return false;
    if (e.mask & IN_MOVE_SELF) {
      unknown_ = true;
      return true;
    }
    if (Hidden(name) || name.empty()) return false;
    return Touched(e, dir->second.substr(root_.size() + 1) + "/" + std::string(name));
  }

  // Notes what an event names (`path` relative to the root); true when the site may have
  // changed. A file is a change. A folder made, moved in or deleted is one too, as
  // "<path>/": anything below it may have changed, since files can come and go in it
  // before its watch is there (or after it is gone) without events of their own; the
  // files a new folder holds when its watches are added are named besides. A folder moved
  // away (or changed otherwise) leaves its old place unknown.
  bool Touched(const inotify_event& e, const std::string& path) {
    if (!(e.mask & IN_ISDIR)) {
      changes_.insert(path);
      return true;
    }
    if (e.mask & (IN_CREATE | IN_MOVED_TO)) {
      changes_.insert(path + "/");
      std::vector<std::string> found;
      if (!WatchTree(root_ + "/" + path, &found)) {
        fallback_ = NewPollingWatcher(root_, paths_, options_);
        return true;
      }
      changes_.insert(found.begin(), found.end());
      return true;
    }
    if (e.mask & IN_DELETE) {
      changes_.insert(path + "/");
      return true;
    }
    unknown_ = true;
    return true;
  }

  // Watches `dir` and every folder below it, each before its files are listed into `found`
  // (paths relative to the root, folders as "<path>/"; not when null); false when a watch
  // could not be added.
  bool WatchTree(const std::string& dir, std::vector<std::string>* found = nullptr) {
    int wd = inotify_add_watch(fd_, dir.c_str(), kMask);
    if (wd < 0) return errno != ENOSPC && errno != ENOMEM;  // gone already: fine
    dirs_[wd] = dir;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (Hidden(name)) continue;
      std::error_code type_ec;  // `ec` ends the loop: an entry that cannot be looked at does not
      const std::string path = dir.substr(root_.size() + 1) + "/" + name;
      if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
        if (found) found->push_back(path + "/");
        if (!WatchTree(dir + "/" + name, found)) return false;
      } else if (found) {
        found->push_back(path);
      }
    }
    return true;
  }

  int fd_;
  std::string root_;
  std::vector<std::string> paths_;
  WatchOptions options_;
  int root_wd_ = -1;
  std::unordered_map<int, std::string> dirs_;  // watch descriptor -> folder
  std::unique_ptr<ChangeWatcher> fallback_;    // set when the watch limit was hit
  std::set<std::string> changes_;              // since WaitForChange began, see Changes()
  bool unknown_ = false;
};

}  // namespace

std::unique_ptr<ChangeWatcher> NewInotifyWatcher(const std::string& root,
                                                 const std::vector<std::string>& paths,
                                                 WatchOptions options) {
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return nullptr;
  auto w = std::make_unique<InotifyWatcher>(fd, root, paths, options);
  if (!w->Start()) return nullptr;
  return w;
}

}  // namespace yhdessa
