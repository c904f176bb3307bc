// ChangeWatcher: tells `yhdessa serve` when a site's sources changed. It is I/O at the
// edge, behind this small interface so the serve loop does not care how changes are seen.
//
// NewChangeWatcher gives the Linux inotify watcher (events, no scanning: a save is seen
// within a few milliseconds) and falls back to polling file sizes and modification times
// every 200 ms when inotify is unavailable or the per-user watch limit is reached, also
// while running. Both watch `paths` (files or folders, recursively, including folders
// created later) below `root`, ignore hidden files and folders (editors' swap and backup
// files; the build skips them too), and coalesce bursts: an editor's save is often
// several events (write a temporary file, rename it, change attributes), so
// WaitForChange waits until the events have settled for `settle` before it returns.
// Not thread-safe; one watcher per loop.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace yhdessa {

class ChangeWatcher {
 public:
  virtual ~ChangeWatcher() = default;
  /// Blocks until something was added, removed, renamed or changed since the previous
  /// call (or since construction) and the events have settled, and returns true; false
  /// after `timeout` without a change.
  virtual bool WaitForChange(std::chrono::milliseconds timeout) = 0;
  /// The files the change WaitForChange last reported touched, relative to the root
  /// ("content/a.md"), sorted, each once (written, created, deleted or moved); a folder
  /// made, moved in or deleted as "content/new/": anything below it may have changed (the
  /// files a new folder holds when the watcher sees it are named too); nullopt when the
  /// watcher cannot tell (polling, events lost, a folder moved away or changed otherwise).
  /// `serve` patches its site when only page texts changed.
  virtual std::optional<std::vector<std::string>> Changes() const { return std::nullopt; }
  /// "inotify" or "polling", for the serve banner and tests.
  virtual const char* method() const = 0;
};

struct WatchOptions {
  std::chrono::milliseconds settle{15};          // quiet time that ends a burst of events
  std::chrono::milliseconds poll_interval{200};  // the polling watcher's period
};

/// inotify when it works, polling otherwise.
std::unique_ptr<ChangeWatcher> NewChangeWatcher(const std::string& root,
                                                const std::vector<std::string>& paths,
                                                WatchOptions options = {});
/// The inotify watcher, or null when inotify is unavailable or the watch limit is hit.
std::unique_ptr<ChangeWatcher> NewInotifyWatcher(const std::string& root,
                                                 const std::vector<std::string>& paths,
                                                 WatchOptions options = {});
std::unique_ptr<ChangeWatcher> NewPollingWatcher(const std::string& root,
                                                 const std::vector<std::string>& paths,
                                                 WatchOptions options = {});

}  // namespace yhdessa
