#include "test_site.h"

#include <memory>

namespace yhdessa::testing {

MemoryFileSystem SiteWithTheme(const std::string& site_yaml) {
  MemoryFileSystem fs;
  auto disk = NewDiskFileSystem(YHDESSA_SOURCE_DIR);
  for (const auto& f : disk->ListFiles("themes/default")) fs.Add(f, *disk->ReadFile(f));
  fs.Add("site.yaml", site_yaml);
  return fs;
}

BuildResult Build(const MemoryFileSystem& fs, BuildFilter filter) {
  if (filter.now == 0) filter.now = 1735689600;  // 2025-01-01T00:00:00Z
  MemoryOutput out;
  DiagnosticList diags;
  BuildOptions options;
  options.filter = filter;
  BuildStats stats = BuildSite(fs, out, options, diags);
  diags.FillSourceLines([&](const std::string& file) -> std::string_view {
    static thread_local std::string text;
    auto t = fs.ReadFile(file);
    text = t.ok() ? *t : "";
    return text;
  });
  BuildResult r;
  r.files = std::move(out.files);
  r.diagnostics = diags.Format();
  r.ok = !diags.has_errors();
  r.stats = std::move(stats);
  return r;
}

}  // namespace yhdessa::testing
