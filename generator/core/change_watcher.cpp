// The polling watcher (see change_watcher.h): a hash of every watched file's path, size
// and modification time, compared every poll_interval. Portable and free of inotify's
// limits; a few thousand stat calls per poll.
#include "generator/core/change_watcher.h"

#include <filesystem>
#include <thread>

namespace yhdessa {
namespace {
namespace fs = std::filesystem;

class PollingWatcher : public ChangeWatcher {
 public:
  PollingWatcher(std::string root, std::vector<std::string> paths, WatchOptions options)
      : root_(std::move(root)), paths_(std::move(paths)), options_(options), last_(Snapshot()) {}

  bool WaitForChange(std::chrono::milliseconds timeout) override {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      uint64_t now = Snapshot();
      if (now != last_) {
        // Settle: an editor's save may still be going on.
        for (;;) {
          std::this_thread::sleep_for(options_.settle);
          uint64_t again = Snapshot();
          if (again == now) break;
          now = again;
        }
        last_ = now;
        return true;
      }
      auto left = deadline - std::chrono::steady_clock::now();
      if (left <= std::chrono::steady_clock::duration::zero()) return false;
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          left,
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(options_.poll_interval)));
    }
  }
  const char* method() const override { return "polling"; }

 private:
  uint64_t Snapshot() const {
    uint64_t h = 1469598103934665603ULL;
    auto mix = [&](uint64_t v) {
      h ^= v;
      h *= 1099511628211ULL;
    };
    auto mix_file = [&](const fs::path& p) {
      std::error_code ec;
      auto size = fs::file_size(p, ec);
      auto time = fs::last_write_time(p, ec).time_since_epoch().count();
      for (char c : p.native()) mix(static_cast<unsigned char>(c));
      mix(static_cast<uint64_t>(size));
      mix(static_cast<uint64_t>(time));
    };
    for (const auto& rel : paths_) {
      fs::path p = fs::path(root_) / rel;
      std::error_code ec;
      if (fs::is_regular_file(p, ec)) {
        mix_file(p);
        continue;
      }
      if (!fs::is_directory(p, ec)) continue;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
      for (fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) mix_file(it->path());
      }
    }
    return h;
  }

  std::string root_;
  std::vector<std::string> paths_;
  WatchOptions options_;
  uint64_t last_;
};

}  // namespace

std::unique_ptr<ChangeWatcher> NewPollingWatcher(const std::string& root,
                                                 const std::vector<std::string>& paths,
                                                 WatchOptions options) {
  return std::make_unique<PollingWatcher>(root, paths, options);
}

std::unique_ptr<ChangeWatcher> NewChangeWatcher(const std::string& root,
                                                const std::vector<std::string>& paths,
                                                WatchOptions options) {
  if (auto w = NewInotifyWatcher(root, paths, options)) return w;
  return NewPollingWatcher(root, paths, options);
}

}  // namespace yhdessa
