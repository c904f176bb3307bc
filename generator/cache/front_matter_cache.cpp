#include "generator/cache/front_matter_cache.h"

#include <utility>

#include "generator/cache/content_hash.h"
#include "generator/data/yaml_reader.h"

namespace yhdessa {

uint64_t FrontMatterCache::Key(std::string_view text, const std::string& file, int first_line) {
  return ContentHash().Bytes("front matter 1").Bytes(file).I64(first_line).Bytes(text).Digest();
}

std::optional<Value> FrontMatterCache::Take(uint64_t key) const {
  std::optional<Value> v = cache_.TakeFrontMatter(key);
  if (v) cache_.KeepMarkdown(key);
  return v;
}

std::optional<Value> FrontMatterCache::Parse(std::string_view text, const std::string& file,
                                             int first_line, DiagnosticList& diags) const {
  uint64_t key = Key(text, file, first_line);
  if (std::optional<Value> v = Take(key)) return v;
  ++parsed_;
  DiagnosticList own;
  std::optional<Value> v = ParseYaml(text, file, first_line, own);
  if (v && own.error_count() + own.warning_count() == 0) cache_.RecordFrontMatter(key, *v);
  diags.Merge(std::move(own));
  return v;
}

}  // namespace yhdessa
