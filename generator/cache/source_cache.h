// SourceCache: every content file's parsed page, kept in memory between the builds of
// one `yhdessa serve`, so a rebuild reads and parses only the files that changed.
//
// The first of two layers over ParsePage, and the only one that skips the read: a file
// whose version is unchanged costs a stat. A file that did change is read and parsed with
// the FrontMatterParser the build passes in, the second layer (FrontMatterCache, kept in
// the build cache and so on disk for `yhdessa build` as well), which skips the YAML when
// the front matter's text is unchanged. `yhdessa build` has its own, persisted, form of
// the first layer: SourceIndex (what was found in each file, by version, not the page).
//
// An entry is keyed by the file's path and FileSystem::Version (size, times, inode on
// disk: one stat, no read) and is valid for one parse configuration: the hash of
// site.yaml's text and the options that override it. A change of either empties the cache.
// The version is taken before the file is read, so a write that races with the read
// leaves an entry whose version is already stale: the next build parses it again.
// Parses that reported anything are not kept (their messages must show on every build,
// as a fresh parse gives them), nor are files gone since (Prune). Parse() is safe to call
// from several threads.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/diagnostic.h"
#include "generator/core/file_system.h"
#include "generator/model/site.h"
#include "generator/model/site_assembly.h"

namespace yhdessa {

class SourceCache {
 public:
  /// Starts a build whose parse configuration hashes to `config`.
  void Begin(uint64_t config);
  /// ParsePage for "content/<content_path>", from the cache when the file is unchanged.
  std::optional<Page> Parse(const FileSystem& fs, const std::string& content_path,
                            const SiteConfig& config, const std::vector<std::string>& kind_keys,
                            DiagnosticList& diags, const FrontMatterParser& parse_yaml = {});
  /// Drops the entries of files this build did not parse (deleted or renamed).
  void Prune();

  size_t size() const { return entries_.size(); }
  /// Files parsed (not taken from the cache) since Begin.
  size_t parsed() const { return parsed_; }

 private:
  struct Entry {
    uint64_t version = 0;
    Page page;
    uint64_t build = 0;  // the last build that used it
  };
  std::mutex mu_;
  uint64_t config_ = 0;
  uint64_t build_ = 0;
  size_t parsed_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace yhdessa
