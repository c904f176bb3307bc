// BuildCache: what the previous build rendered, so the next one can skip what did not change.
//
// One entry per cacheable render job (a page, a list page, an alias), keyed by the job's
// identity (kind + address): the fingerprint of everything its rendering read, and the
// output files it produced with a stamp each. The stamp is the output sink's word that a
// file is still the one written then (on disk: inode, size and modification time), so a
// file changed or replaced since — by hand, or by a build with --no-cache — is rendered
// again instead of reused.
//
// Encode()/Decode() give a compact binary form: a header with the format version and the
// generator version, the entries, and a checksum of all of it. Decode() rejects anything
// truncated, corrupt or from another version with an error, and the build then goes on
// without a cache: a bad cache costs time, never a wrong site. Record() is safe to call
// from several threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/diagnostic.h"
#include "common/status.h"
#include "generator/content/markdown.h"

namespace yhdessa {

struct CachedOutput {
  std::string path;  // relative to the output root
  uint64_t stamp = 0;
};

struct CacheEntry {
  uint64_t fingerprint = 0;
  std::vector<CachedOutput> outputs;
};

/// One call to the link resolver while a body was rendered, with its answer.
struct LinkCall {
  std::string url;
  bool image = false;
  SourcePos pos;
  std::string result;
};

/// A page body's rendered Markdown (see MarkdownCache).
struct MarkdownEntry {
  RenderedMarkdown md;
  std::vector<LinkCall> links;
};

class BuildCache {
 public:
  BuildCache() = default;
  // Movable (the mutex is not moved: a cache is moved only before a build uses it).
  BuildCache(BuildCache&& o) noexcept { *this = std::move(o); }
  BuildCache& operator=(BuildCache&& o) noexcept {
    previous_ = std::move(o.previous_);
    recorded_ = std::move(o.recorded_);
    markdown_previous_ = std::move(o.markdown_previous_);
    markdown_recorded_ = std::move(o.markdown_recorded_);
    markdown_rendered_ = o.markdown_rendered_;
    return *this;
  }

  /// Reads a cache written by Encode(); its entries become the previous build's.
  static Result<BuildCache> Decode(std::string_view bytes);
  /// This build's recorded entries, for the next build.
  std::string Encode() const;

  /// The previous build's entry for `key`, or null.
  const CacheEntry* Previous(const std::string& key) const;
  /// Records what this build rendered (or reused) for `key`.
  void Record(const std::string& key, CacheEntry entry);
  /// Once this build's files are final: asks the output for each file's stamp, and drops
  /// the entries of files it has none for (they will be rendered next time).
  void StampOutputs(const std::function<std::optional<uint64_t>(const std::string& path)>& stamp);
  size_t recorded_size() const { return recorded_.size(); }
  size_t previous_size() const { return previous_.size(); }

  /// The Markdown half, in its own file: it is large, and rewritten only when a body
  /// changed. DecodeMarkdown adds the entries to this cache as the previous build's.
  Status DecodeMarkdown(std::string_view bytes);
  std::string EncodeMarkdown() const;
  /// Takes the previous build's entry for `key` out of the cache, if there is one.
  std::optional<MarkdownEntry> TakeMarkdown(uint64_t key);
  /// Records this build's entry; `rendered`: made by cmark now, not taken from the cache.
  void RecordMarkdown(uint64_t key, MarkdownEntry entry, bool rendered);
  /// True when the Markdown half differs from the one decoded (a body was rendered or a
  /// page is gone), so it needs writing.
  bool markdown_changed() const { return markdown_rendered_ || !markdown_previous_.empty(); }

  /// For a cache kept in memory from one build to the next (`serve`), instead of
  /// Encode/Decode: when this build's output was committed its entries (stamped) become
  /// the previous build's; when it was not, the previous build's stay, with the rendered
  /// bodies it took.
  void CarryOver(bool committed);

 private:
  std::map<std::string, CacheEntry> previous_;
  std::map<std::string, CacheEntry> recorded_;
  std::unordered_map<uint64_t, MarkdownEntry> markdown_previous_;
  std::unordered_map<uint64_t, MarkdownEntry> markdown_recorded_;
  bool markdown_rendered_ = false;
  std::mutex mu_;
};

}  // namespace yhdessa
