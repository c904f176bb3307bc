// ChangeWatcher: notices edits to a site's sources for `yhdessa serve` by polling file
// sizes and modification times (portable, no inotify limits, and cheap: a few thousand
// stat calls every 200 ms). Not thread-safe; one watcher per loop.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace yhdessa {

class ChangeWatcher {
 public:
  /// Watches `paths` (files or folders, recursively) below `root`.
  ChangeWatcher(std::string root, std::vector<std::string> paths);
  /// True when anything was added, removed or changed since the last call (or since
  /// construction, for the first call).
  bool Changed();

 private:
  uint64_t Snapshot() const;
  std::string root_;
  std::vector<std::string> paths_;
  uint64_t last_;
};

}  // namespace yhdessa
