// PreviewServer: `yhdessa serve`'s HTTP side (cpp-httplib). Serves the built site and tells
// open browser tabs to reload after each rebuild, over Server-Sent Events.
//
// The reload script is added to HTML pages as they are served, never written into the
// build output. When a rebuild fails, tabs show an overlay with the build's errors while
// the last good site stays served; the next good build removes it and reloads.
// Thread-safe: Notify* may be called from the watcher while requests are served.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"

namespace yhdessa {

class PreviewServer {
 public:
  PreviewServer();
  ~PreviewServer();

  /// Starts serving `root` on host:port in the background (port 0: any free port).
  Status Start(const std::string& root, const std::string& host, int port);
  /// The port actually bound.
  int port() const;
  /// Tabs reload.
  void NotifyReload();
  /// Tabs show `errors` (plain text) over the page; so do tabs opened until the next reload.
  void NotifyError(const std::string& errors);
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The script added to every served page (also used by tests).
const std::string& LiveReloadScript();

}  // namespace yhdessa
