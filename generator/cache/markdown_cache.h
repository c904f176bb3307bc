// MarkdownCache: the previous build's rendered Markdown, so a warm build skips cmark-gfm
// for every page whose body did not change.
//
// An entry is keyed by the hash of everything RenderMarkdown reads besides the links: the
// body, its file and first line, the Markdown options (with the UI strings they carry).
// Links are the one input from the rest of the site: the entry records every call to the
// link resolver (address, image or not, position) with the address it returned. Reusing
// an entry replays those calls against this build's site, in the same order, so broken
// links, anchors and external links are reported exactly as a fresh render would; when
// every call returns what it returned then, the cached result is the result. Otherwise
// the body is rendered again with the replayed answers (no call is made twice). A build's
// log holds no HTML (BuildCache::set_keep_html): a body whose HTML a render needs is
// rendered again then too, its record kept.
// Renders that reported anything of their own are not cached (their messages must show
// on every build). Render() is safe to call from several threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "generator/cache/build_cache.h"
#include "generator/content/markdown.h"

namespace yhdessa {

class MarkdownCache {
 public:
  explicit MarkdownCache(BuildCache& cache) : cache_(cache) {}

  /// RenderMarkdown with the cache (same arguments, same result).
  RenderedMarkdown Render(std::string_view body, const std::string& file, int first_line,
                          const MarkdownOptions& options, const LinkResolver& resolve,
                          DiagnosticList& diags) const;
  /// Render in two steps, for a body not read yet (a build knows its hash, HashBytes, from
  /// SourceIndex): the cached result when there is one and its links resolve as then;
  /// otherwise nullopt with the answers of the replayed calls, which RenderAgain takes
  /// with the body so that no call is made twice. With `lazy`, the result's `html` is
  /// left empty and `lazy` says where it is: Html() reads it if a render needs it.
  std::optional<RenderedMarkdown> Reuse(uint64_t body_hash, const std::string& file, int first_line,
                                        const MarkdownOptions& options, const LinkResolver& resolve,
                                        std::vector<std::string>& answers,
                                        LazyHtml* lazy = nullptr) const;
  /// The HTML of a body Reuse left in the cache; nullopt when the record holds none (a
  /// build's log) or the cache file is damaged there: the caller renders the body again
  /// (RenderAgain with the answers Reuse gave).
  std::optional<std::string> Html(const LazyHtml& lazy) const { return cache_.LoadHtml(lazy); }
  RenderedMarkdown RenderAgain(std::string_view body, uint64_t body_hash, const std::string& file,
                               int first_line, const MarkdownOptions& options,
                               const LinkResolver& resolve, const std::vector<std::string>& answers,
                               DiagnosticList& diags) const;
  /// Bodies rendered by cmark-gfm so far (the others came from the cache).
  size_t rendered() const { return rendered_; }

 private:
  BuildCache& cache_;
  mutable std::atomic<size_t> rendered_{0};
};

}  // namespace yhdessa
