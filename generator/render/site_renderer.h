// SiteRenderer: turns the Site model into output files (HTML pages, list pages with
// pagination, taxonomy pages, 404, alias redirects, sitemap.xml, Atom feeds, robots.txt).
//
// Pure: it produces (path, bytes) pairs through a callback and never touches the disk, so
// tests render whole sites in memory. Output is deterministic: nothing depends on the
// clock or on thread scheduling. Render() is called from several threads, each with its
// own TemplateRenderer (worker index).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "generator/core/parallel.h"
#include "generator/model/site.h"
#include "generator/render/template_set.h"
#include "generator/render/view_data.h"

namespace yhdessa {

/// One file to write: path relative to the output root, and its content.
using EmitFn = std::function<void(const std::string& path, std::string content)>;

struct RenderJob {
  int page = -1;     // index in Site::pages, or -1 for a site-level file
  size_t pager = 1;  // list page number
  enum Kind {
    kPage,
    kAlias,
    kNotFound,
    kSitemap,
    kRobots,
    kFeed,
    kOpenData,
    kManifest,
    kAnswerShell,
    kCatalogueData
  } kind = kPage;
};

class SiteRenderer {
 public:
  /// `i18n`: UI strings per language (lang -> key -> text). `assets`: logical asset name
  /// ("main.css") -> fingerprinted URL path ("/assets/main.1a2b3c4d.css").
  SiteRenderer(const Site& site, const TemplateSet& templates,
               std::map<std::string, std::map<std::string, std::string>> i18n,
               std::map<std::string, std::string> assets, unsigned workers);
  ~SiteRenderer();

  /// Every file the site consists of, in a deterministic order.
  std::vector<RenderJob> Jobs() const;
  /// The theme's partials rendered once per language instead of on every page (their
  /// output is the same on every page, see TemplateRenderer::RenderPartialAlone).
  const std::set<std::string>& cached_partials() const { return cached_partials_; }
  /// The file a page at `url` is written to: "/a/b/" -> "a/b/index.html".
  static std::string OutputPath(const std::string& url);
  /// Whether the theme shows pages' word counts (word_count, reading_time): Markdown
  /// counts words only then (MarkdownOptions::count_words).
  static bool ShowsWords(const TemplateSet& templates);
  /// Whether `job` reads the Markdown of no page but its own (a plain page: no list, no
  /// embedded ballots), so that it can be rendered as soon as that page's is done. Asked
  /// once the page's Markdown is rendered.
  bool ReadsOnlyOwnBody(const RenderJob& job) const;
  /// Renders one job on worker `worker`, emitting its file(s); reports template errors.
  /// Every page it reads is noted in the thread's PageReads (model/page_reads.h), the
  /// pages read once for views shared by all jobs included.
  void Render(const RenderJob& job, unsigned worker, const EmitFn& emit, DiagnosticList& diags);
  /// Page `page` changed in the model (SitePatch): views built of it are built again.
  void PageChanged(int page);
  /// Pages were added at the end of the model (SitePatch): every shared view is built again
  /// when next needed, and the sitemaps' order too.
  void PagesAdded();

 private:
  /// `content`: the page's HTML when it differs from its Markdown's (embedded ballots).
  ViewData PageView(const Page& page, size_t pager, const std::string* content = nullptr) const;
  /// The page's HTML with each ballot directive replaced by the `ballot-embed` template.
  std::optional<std::string> ContentWithBallots(const Page& page, TemplateRenderer& r,
                                                DiagnosticList& diags) const;
  ViewData ListItem(int idx) const;
  /// The page's list item, built once (by whichever thread needs it first) and shared by
  /// every list that shows the page.
  const ViewData& SharedListItem(int idx) const;
  /// The page's front matter as template data (page.params, and params of its list
  /// item), built once and shared by both.
  const ViewData& SharedParams(int idx) const;
  ViewData MeasureIndexView(const Page& page) const;
  ViewData SiteView(const std::string& lang) const;
  std::string LayoutFor(const Page& page) const;
  std::string Str(const std::string& lang, const std::string& key) const;
  // The results or receipts of a round, for its round page or its results pages.
  ViewData RoundResultsView(const Page& p, const PublishedResults& results) const;
  std::string Sitemap(const std::string& lang) const;  // "": every language
  std::string SitemapIndex() const;
  std::string Feed(const Page& section) const;

  const Site& site_;
  const TemplateSet& templates_;
  std::map<std::string, std::map<std::string, std::string>> i18n_;
  std::map<std::string, std::string> assets_;
  std::map<std::string, ViewData> site_views_;  // per language, built once
  PageReads site_view_reads_;                   // what building them read
  // Partials rendered once per language, their text in site_views_ (TemplateSet).
  std::set<std::string> cached_partials_;
  std::vector<std::unique_ptr<TemplateRenderer>> renderers_;
  // Lists no template of the theme mentions are not built for every page.
  bool shows_translations_;
  bool shows_breadcrumbs_;
  // Flags of every page's view and list item, set only when some template mentions them:
  // a theme without a draft badge need not have page.draft on every page, and the library
  // looks a name up in a small object by comparing it with each field in turn.
  bool shows_draft_, shows_future_, shows_is_section_, shows_has_summary_;
  bool shows_word_count_, shows_reading_time_;
  mutable std::vector<ViewData> list_items_;  // by page index, see SharedListItem
  mutable std::unique_ptr<Once[]> list_item_built_;
  mutable std::vector<int> by_url_;  // every page, by address: the sitemaps' order
  mutable std::unique_ptr<Once> by_url_built_ = std::make_unique<Once>();
  mutable std::vector<ViewData> params_;  // by page index, see SharedParams
  mutable std::unique_ptr<Once[]> params_built_;
};

/// True when the section's pages carry dates, so it gets an Atom feed (news, decisions).
bool HasFeed(const Site& site, const Page& section);

/// The pages a section's feed carries (HasFeed), newest first: the only pages whose HTML
/// is read by another job than their own.
std::vector<int> FeedEntries(const Site& site, const Page& section);

/// "15.11.2021" (fi, sv) or "15 November 2021" (en).
std::string DisplayDate(const DateTime& d, const std::string& lang);

}  // namespace yhdessa
