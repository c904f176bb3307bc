// StaticServer: serves a built site folder over HTTP for previews (`yhdessa serve`).
// The only user of cpp-httplib in the generator. Blocks until stopped by a signal.
#pragma once

#include <string>

#include "common/status.h"

namespace yhdessa {

/// Serves `root` on host:port until SIGINT/SIGTERM; 404s get the site's 404.html.
Status ServeStatic(const std::string& root, const std::string& host, int port);

}  // namespace yhdessa
