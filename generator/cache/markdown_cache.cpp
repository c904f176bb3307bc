#include "generator/cache/markdown_cache.h"

#include <utility>
#include <vector>

#include "generator/cache/content_hash.h"

namespace yhdessa {

namespace {

uint64_t Key(uint64_t body_hash, const std::string& file, int first_line,
             const MarkdownOptions& options) {
  return ContentHash()
      .Bytes("markdown 2")
      .Bytes(file)
      .I64(first_line)
      .U64(body_hash)
      .U64(options.unsafe_html)
      .U64(options.count_words)
      .Bytes(options.anchor_label)
      .Bytes(options.task_done_label)
      .Bytes(options.task_open_label)
      .Digest();
}

}  // namespace

RenderedMarkdown MarkdownCache::Render(std::string_view body, const std::string& file,
                                       int first_line, const MarkdownOptions& options,
                                       const LinkResolver& resolve, DiagnosticList& diags) const {
  uint64_t body_hash = HashBytes(body);
  std::vector<std::string> answers;
  LazyHtml lazy;
  if (auto md = Reuse(body_hash, file, first_line, options, resolve, answers, &lazy)) {
    if (std::optional<std::string> html = cache_.LoadHtml(lazy)) {
      md->html = std::move(*html);
      return std::move(*md);
    }
    // The log holds no HTML (or a damaged one): the body again, its links answered as
    // they were just now; its record stays (a damaged one is replaced).
  }
  return RenderAgain(body, body_hash, file, first_line, options, resolve, answers, diags);
}

std::optional<RenderedMarkdown> MarkdownCache::Reuse(uint64_t body_hash, const std::string& file,
                                                     int first_line, const MarkdownOptions& options,
                                                     const LinkResolver& resolve,
                                                     std::vector<std::string>& answers,
                                                     LazyHtml* lazy) const {
  uint64_t key = Key(body_hash, file, first_line, options);
  answers.clear();
  if (std::optional<MarkdownEntry> prev = cache_.TakeMarkdown(key, lazy)) {
    bool same = true;
    for (const auto& call : prev->links) {
      answers.push_back(resolve(call.url, call.image, call.pos));
      same = same && answers.back() == call.result;
    }
    if (same) {
      cache_.KeepMarkdown(key);
      return std::move(prev->md);  // the record stays in the cache file: nothing to copy
    }
  }
  return std::nullopt;
}

RenderedMarkdown MarkdownCache::RenderAgain(std::string_view body, uint64_t body_hash,
                                            const std::string& file, int first_line,
                                            const MarkdownOptions& options,
                                            const LinkResolver& resolve,
                                            const std::vector<std::string>& answers,
                                            DiagnosticList& diags) const {
  // Replayed calls are answered from `answers` (the same calls in the same order, since
  // the body is the same), later ones by the resolver.
  ++rendered_;
  MarkdownEntry entry;
  size_t next = 0;
  DiagnosticList own;
  RenderedMarkdown md = RenderMarkdown(
      body, file, first_line, options,
      [&](const std::string& url, bool image, SourcePos pos) {
        std::string result = next < answers.size() ? answers[next++] : resolve(url, image, pos);
        entry.links.push_back({url, image, pos, result});
        return result;
      },
      own);
  if (own.error_count() + own.warning_count() == 0) {
    cache_.RecordMarkdown(Key(body_hash, file, first_line, options), md, entry.links);
  }
  diags.Merge(std::move(own));
  return md;
}

}  // namespace yhdessa
