// FrontMatterCache: the previous build's parsed front matter, so a warm build skips
// yaml-cpp for every page whose front matter did not change (it was 38 % of a warm
// build's CPU on 10 000 pages).
//
// An entry is keyed by the hash of everything ParseYaml reads: the front matter's text,
// its file and its first line (node positions are file:line:col). A parse that reported
// anything is not cached, so its messages show on every build. Only the YAML tree is
// cached: reading the tree into a page (ParseFrontMatter) runs every time, with its
// checks. Parse() is safe to call from several threads.
//
// `serve` puts SourceCache in front of it (whole pages by file version, in memory only):
// this cache then sees only the files that changed since the last rebuild.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostic.h"
#include "generator/cache/build_cache.h"
#include "generator/data/value.h"

namespace yhdessa {

class FrontMatterCache {
 public:
  explicit FrontMatterCache(BuildCache& cache) : cache_(cache) {}

  /// ParseYaml with the cache (same arguments, same result).
  std::optional<Value> Parse(std::string_view text, const std::string& file, int first_line,
                             DiagnosticList& diags) const;
  /// The key of a front matter's tree in the cache.
  static uint64_t Key(std::string_view text, const std::string& file, int first_line);
  /// The tree cached under `key` (kept for the next build), or nullopt: for a file not
  /// read again (SourceIndex), whose key the previous build recorded.
  std::optional<Value> Take(uint64_t key) const;
  /// Front matters parsed by yaml-cpp so far (the others came from the cache).
  size_t parsed() const { return parsed_; }

 private:
  BuildCache& cache_;
  mutable std::atomic<size_t> parsed_{0};
};

}  // namespace yhdessa
