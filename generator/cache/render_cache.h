// RenderCache: decides, job by job, whether the previous build's output can be reused.
//
// A job's fingerprint covers everything its rendering can read:
//   - the site's structure: the global inputs (GlobalInputsHash: site.yaml and the
//     command-line options that change it, every file of the theme, data/, the
//     accessibility statement, static files, each voting round's phase) and what the
//     model derives from pages besides (which taxonomies have a list page, aliases,
//     catalogues, rounds with their proposals, the generated pages' language versions).
//     A change of any of these makes every job stale;
//   - the place in the site (address, language, section, child pages and sections as
//     sets, taxonomy terms, language versions, aliases, kind) of each page it read, or
//     whose place alone it read (Place(): breadcrumbs, the home page's address). A new,
//     deleted or renamed page changes the places of its section, its terms' pages and its
//     language versions: the jobs that read those are rendered, no others. So does a
//     term used for the first or the last time: a taxonomy's list page has its terms'
//     pages as its child pages. Pages are
//     known by their address (PageId), not by their number, which moves when a page is
//     added or removed before them;
//   - the order of the lists of the pages it read: a page's child pages and sections and
//     a term's pages as the lists show them. A new weight or date moves a page within its
//     lists and makes stale only the jobs that read those lists (a job reads a list
//     through the page that holds it; Place() reads addresses and parents, never lists);
//   - what it shows of each page it read (title, description, dates, params, headings,
//     first paragraph...: the page's "display"), for the pages it read, as PageReads
//     recorded while it was rendered (model/page_reads.h). The build cache keeps those
//     reads with the fingerprint, and the next build checks the same pages again: a
//     title edit re-renders the page, its section's list, the pages that link to it in
//     their navigation, and no other;
//   - the rendered bodies a job reads, with where their ballots go (a directive is not in
//     the HTML): a page its own, a section's feed its pages' (it carries its entries
//     whole; hashed for all its pages, which only costs an extra render); no other job
//     any (BuildSite loads exactly those bodies, its entries for a feed, that a warm build
//     left in the cache, see LazyHtml: a new job kind that reads bodies goes here too).
// Conservative on purpose: a missed dependency would be a wrong site, an extra render only
// costs time. Only jobs that write exactly one file (pages, list pages, aliases, feeds,
// the sitemap of a one-language site) are kept in the build cache; `serve` fingerprints
// the others too (SitePatch).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "generator/cache/build_cache.h"
#include "generator/core/file_system.h"
#include "generator/model/page_reads.h"
#include "generator/model/site.h"
#include "generator/render/site_renderer.h"

namespace yhdessa {

/// A page's identity from one build to the next: its address (every page has its own). The
/// cache records the pages a job read by index, with each index's identity (BuildCache::
/// RecordPageIds), so a later build whose indices moved (a page added or removed before
/// them) still finds the same pages.
uint64_t PageId(const Page& p);

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
    std::string key;  // "" when the job is not kept in the cache
    bool reused = false;
    const CacheEntry* previous = nullptr;  // when reused: the previous build's entry
    PageReads reads;  // when reused: the pages it read, in this build's page numbers
  };
  /// Reuses the job's previous output when the pages it read then are unchanged, and so is
  /// the structure (and records it).
  Lookup Find(const RenderJob& job, const ReuseFn& reuse) const;
  /// Records a rendered job: what it read and the files it wrote. Returns its fingerprint.
  uint64_t Store(const RenderJob& job, const Lookup& lookup, const PageReads& reads,
                 const std::vector<std::string>& paths) const;

  /// The fingerprint of `job` having read `reads` (normalized), for any kind of job.
  uint64_t Fingerprint(const RenderJob& job, const PageReads& reads) const;
  /// The job's key in the build cache ("page /a/", "feed /uutiset/", ...); "" when the
  /// job is not kept there.
  std::string Key(const RenderJob& job) const;
  /// Hashes page `page` again after SitePatch changed it in the model (its front matter,
  /// its body, or the order of its lists). False when its place in the structure changed:
  /// every job is then stale (build instead).
  bool UpdatePage(int page);
  /// Hashes again the pages whose place SitePatch changed (`changed`: a page whose terms
  /// changed, the lists that hold it or a new page), and the pages it added at the end of
  /// the model, if any.
  void PlacesChanged(const std::vector<int>& changed);

 private:
  uint64_t Display(size_t page) const;
  /// Page `i`'s place, list order, front matter and body (`html`: its HTML's hash); its
  /// display is Display's, which needs every page's front matter hashed first.
  void HashPage(size_t i, uint64_t html);
  /// The hashes over all pages, for jobs that read every page.
  void HashAll();
  /// The previous build's page numbers in `previous` as this build's; nullopt when one of
  /// those pages is gone.
  std::optional<PageReads> Translate(const PageReads& previous) const;

  BuildCache& cache_;
  const Site& site_;
  uint64_t site_structure_ = 0;                 // global inputs + what the model derives from pages
  std::vector<uint64_t> ids_;                   // per page: PageId
  std::unordered_map<uint64_t, int> id_index_;  // PageId -> page
  bool same_ids_ = false;                       // the previous build's pages had the same numbers
  std::vector<uint64_t> versions_;   // per page: its language versions (TranslationGroups)
  std::vector<uint64_t> structure_;  // per page: its place in the site
  std::vector<uint64_t> order_;      // per page: the order of its lists
  std::vector<uint64_t> display_;    // per page: what other pages may show of it
  std::vector<uint64_t> bodies_;     // per page: its rendered body
  std::vector<uint64_t> raw_;        // per page: its front matter as a whole
  std::vector<int> typed_owner_;     // per page: whose front matter its typed content is from
  uint64_t structure_all_ = 0;       // site_structure_ + every page's structure_
  uint64_t display_all_ = 0;         // every page's display_, for jobs that read all
  uint64_t order_all_ = 0;           // every page's order_, likewise
};

}  // namespace yhdessa
