// RenderCache: decides, job by job, whether the previous build's output can be reused.
//
// A job's fingerprint covers everything its rendering can read:
//   - the global inputs (GlobalInputsHash): site.yaml and the command-line options that
//     change it, every file of the theme (templates, UI strings, assets, static), data/,
//     the accessibility statement, the list of static files, each voting round's phase
//     at the build's clock (upcoming, open or closed: its pages say which);
//   - the summary of every page: everything the model holds about it except its rendered
//     body (front matter, address, place in sections and taxonomies, headings, first
//     paragraph). Lists, menus, breadcrumbs and translations read only these;
//   - the job's own page with its rendered body.
//   - a section's feed: the rendered bodies of the section's pages instead (it carries
//     them whole); the sitemap: nothing more than the summaries.
// The same list tells which rendered bodies a job reads: a page its own, a feed its
// section's pages', no other job any (BuildSite loads exactly those bodies that a warm
// build left in the cache, see LazyHtml: a new job kind that reads bodies goes here too).
// So a body edit that keeps the summary re-renders that page and its section's feed only;
// a title or front-matter change re-renders every page. Conservative on purpose: a missed
// dependency would be a wrong site, an extra render only costs time.
//
// Only jobs that write exactly one file (pages, list pages, aliases, feeds, the sitemap
// of a one-language site) are cached.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator/cache/build_cache.h"
#include "generator/core/file_system.h"
#include "generator/model/site.h"
#include "generator/render/site_renderer.h"

namespace yhdessa {

/// The hash of the inputs every render reads besides the pages. `options` stands for the
/// command-line settings that change the output (base URL, drafts, future, expired).
uint64_t GlobalInputsHash(const FileSystem& fs, const Site& site, const std::string& theme_dir,
                          const std::string& options);

class RenderCache {
 public:
  /// Puts the previous output file `path` into this build if it still carries `stamp`.
  using ReuseFn = std::function<bool(const std::string& path, uint64_t stamp)>;

  /// Hashes every page (in parallel). `cache` outlives this object. `html_hashes`, by
  /// page: HashBytes of its body's HTML when known (a body whose HTML is not loaded, see
  /// LazyHtml); the others are hashed here.
  RenderCache(BuildCache& cache, const Site& site, uint64_t global_inputs,
              const std::vector<std::optional<uint64_t>>& html_hashes = {});

  struct Lookup {
    std::string key;  // "" when the job is not cached
    uint64_t fingerprint = 0;
    bool reused = false;
  };
  /// Reuses the job's previous output when its fingerprint is unchanged (and records it).
  Lookup Find(const RenderJob& job, const ReuseFn& reuse) const;
  /// Records the files a rendered job wrote.
  void Store(const Lookup& lookup, const std::vector<std::string>& paths) const;

  /// The job's fingerprint as Find computes it; nullopt for a job that is not cached (it
  /// is rendered on every build). Cheap: no key is made.
  std::optional<uint64_t> Fingerprint(const RenderJob& job) const;
  /// The job's key in the build cache ("page /a/", "feed /uutiset/", ...); "" when the
  /// job is not cached.
  std::string Key(const RenderJob& job) const;
  /// Hashes page `page`'s rendered body again, after SitePatch replaced it in the model.
  void UpdateBody(int page);

 private:
  BuildCache& cache_;
  const Site& site_;
  uint64_t summaries_ = 0;        // global inputs + every page's summary
  std::vector<uint64_t> bodies_;  // per page: its rendered body
};

}  // namespace yhdessa
