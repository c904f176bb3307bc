#include "generator/core/change_watcher.h"

#include <filesystem>

namespace yhdessa {
namespace fs = std::filesystem;

ChangeWatcher::ChangeWatcher(std::string root, std::vector<std::string> paths)
    : root_(std::move(root)), paths_(std::move(paths)), last_(Snapshot()) {}

uint64_t ChangeWatcher::Snapshot() const {
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
    for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec)) mix_file(it->path());
    }
  }
  return h;
}

bool ChangeWatcher::Changed() {
  uint64_t now = Snapshot();
  if (now == last_) return false;
  last_ = now;
  return true;
}

}  // namespace yhdessa
