#include "generator/core/file_time.h"

namespace yhdessa {

void FileTime::Add(std::chrono::steady_clock::time_point start) {
  auto ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count();
  files_.fetch_add(1, std::memory_order_relaxed);
  ns_.fetch_add(static_cast<uint64_t>(ns), std::memory_order_relaxed);
}

Result<std::string> TimedFileSystem::ReadFile(const std::string& path) const {
  auto start = std::chrono::steady_clock::now();
  Result<std::string> text = base_.ReadFile(path);
  time_.Add(start);
  return text;
}

Result<std::string> TimedFileSystem::ReadFileAndVersion(const std::string& path,
                                                        FileVersion& version) const {
  auto start = std::chrono::steady_clock::now();
  Result<std::string> text = base_.ReadFileAndVersion(path, version);
  time_.Add(start);
  return text;
}

}  // namespace yhdessa
