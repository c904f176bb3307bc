#include "generator/cache/source_cache.h"

namespace yhdessa {

void SourceCache::Begin(uint64_t config) {
  std::lock_guard<std::mutex> lock(mu_);
  if (config != config_) entries_.clear();
  config_ = config;
  ++build_;
  parsed_ = 0;
}

std::optional<Page> SourceCache::Parse(const FileSystem& fs, const std::string& content_path,
                                       const SiteConfig& config,
                                       const std::vector<std::string>& kind_keys,
                                       DiagnosticList& diags, const FrontMatterParser& parse_yaml) {
  std::string file = "content/" + content_path;
  std::optional<uint64_t> version = fs.Version(file);  // before the read: see the header
  if (version) {
    const Entry* hit = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = entries_.find(file);
      if (it != entries_.end() && it->second.version == *version) {
        it->second.build = build_;
        hit = &it->second;
      }
    }
    // Copied outside the lock, so the threads copy in parallel: during a build an entry is
    // changed only by the one call for its own file, and other keys' inserts and erases
    // leave it in place (the map's nodes do not move).
    if (hit) return hit->page;
  }
  auto text = fs.ReadFile(file);
  if (!text.ok()) {
    diags.Error({file, 0, 0}, text.status().message());
    return std::nullopt;
  }
  DiagnosticList local;
  std::optional<Page> page =
      ParsePage(file, content_path, std::move(*text), config, kind_keys, local, parse_yaml);
  std::lock_guard<std::mutex> lock(mu_);
  ++parsed_;
  if (page && version && local.error_count() + local.warning_count() == 0) {
    entries_.insert_or_assign(file, Entry{*version, *page, build_});
  } else {
    entries_.erase(file);
  }
  diags.Merge(std::move(local));
  return page;
}

void SourceCache::Prune() {
  std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(entries_, [&](const auto& e) { return e.second.build != build_; });
}

}  // namespace yhdessa
