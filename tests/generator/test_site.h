// Helpers for building small sites in memory with the real default theme.
#pragma once

#include <map>
#include <string>

#include "generator/build.h"
#include "generator/core/file_system.h"

namespace yhdessa::testing {

/// Collects a build's output in memory.
class MemoryOutput : public OutputSink {
 public:
  Status Write(const std::string& path, std::string_view data) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (files.count(path)) return Status::AlreadyExists(path + " is written twice");
    files[path] = std::string(data);
    return Status::Ok();
  }
  Status Copy(const FileSystem& fs, const std::string& source, const std::string& path) override {
    auto data = fs.ReadFile(source);
    if (!data.ok()) return data.status();
    return Write(path, *data);
  }
  std::map<std::string, std::string> files;

 private:
  std::mutex mu_;
};

/// A MemoryFileSystem holding the repository's default theme under themes/default.
MemoryFileSystem SiteWithTheme(
    const std::string& site_yaml = "title: Testi\nbase_url: https://example.fi/\n");

struct BuildResult {
  std::map<std::string, std::string> files;
  std::string diagnostics;  // formatted, with source lines
  bool ok = false;
  BuildStats stats;
};

/// Builds `fs` at a fixed clock (2025-01-01T00:00:00Z unless `now` is given).
BuildResult Build(const MemoryFileSystem& fs, BuildFilter filter = {});

}  // namespace yhdessa::testing
