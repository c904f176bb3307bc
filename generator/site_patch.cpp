#include "generator/site_patch.h"

#include <algorithm>
#include <set>
#include <utility>

#include "generator/cache/content_hash.h"
#include "generator/content/text.h"
#include "generator/core/parallel.h"
#include "generator/kinds/kind_registry.h"
#include "generator/model/links.h"
#include "generator/model/site_assembly.h"
#include "generator/render/site_renderer.h"

namespace yhdessa {
namespace {

// The ends of the reasons that name what a full build reports in the change's own files
// (one that does not parse, a message of its Markdown, a link the change breaks): such a
// build will likely fail (PatchResult::reported).
constexpr std::string_view kHasErrors = " has errors";
constexpr std::string_view kHasMessages = " has messages to show";
constexpr std::string_view kLinksToIt = " links to it";

// The most page files one patch takes out (a page and its translations count each): each
// is checked against every page's links, and past a few a build is as fast.
constexpr size_t kMaxDeletedPages = 32;
// The most new page files one patch adds (each is parsed, rendered and checked against the
// model the ones before it made).
constexpr size_t kMaxNewPages = 32;
// The most files below a folder that came or went (the change watcher names the folder):
// each is looked at.
constexpr size_t kMaxFolderFiles = 256;

// What a page's rendered body gives the model besides its HTML: other pages' #anchor
// links are checked against its headings when the site is built.
bool SameHeadings(const RenderedMarkdown& a, const RenderedMarkdown& b) {
  if (a.headings.size() != b.headings.size()) return false;
  for (size_t i = 0; i < a.headings.size(); ++i) {
    const Heading& x = a.headings[i];
    const Heading& y = b.headings[i];
    if (x.level != y.level || x.text != y.text || x.id != y.id) return false;
  }
  return true;
}

bool SameDate(const std::optional<DateTime>& a, const std::optional<DateTime>& b) {
  return a.has_value() == b.has_value() && (!a || a->Iso() == b->Iso());
}

// A date the build's clock had passed: the page is published, and the clock will not
// change that (SitePatch's clock check covers dates after it).
bool Past(const std::optional<DateTime>& d, int64_t clock) {
  return d && d->Epoch() <= clock;
}

// "" when the front matter `now` may replace `before` in the model as it is: every key
// the model derives something from other than list order is the same. Otherwise the
// key that differs. A new weight, title or date moves the page within its lists (Resort);
// a date may change, come or go only as a date the clock has passed (a future one decides
// whether the page is published; one that comes or goes may give or take its section's
// feed: MatchJobs). `translation_of` is read by `yhdessa check` only.
std::string ModelKeyChanged(const FrontMatter& before, const FrontMatter& now, int64_t clock) {
  if (!before.kind.empty() || !now.kind.empty()) return "kind";  // typed content, rounds
  if (before.slug != now.slug) return "slug";
  if (!SameDate(before.date, now.date) &&
      !((!before.date || Past(before.date, clock)) && (!now.date || Past(now.date, clock))))
    return "date";
  if (!SameDate(before.publish_date, now.publish_date)) return "publishDate";
  if (!SameDate(before.expiry_date, now.expiry_date)) return "expiryDate";
  if (before.draft != now.draft) return "draft";
  if (before.aliases != now.aliases) return "aliases";
  return "";  // taxonomies: CheckTermMoves
}

// A term that an edited page joins or leaves, or makes (`created`: its first page; the
// term is known by its slug and spelled as the page spells it), or takes away (`dropped`:
// it leaves the term it was the only page of, whose page goes).
struct TermMove {
  size_t taxonomy = 0;
  size_t term = 0;
  bool join = false;
  bool created = false;
  bool dropped = false;
  std::string slug, name;
};

// The addresses of `pages` as links to them begin (LinksTo).
std::vector<std::string> Targets(const Site& site, const std::vector<int>& pages) {
  std::vector<std::string> targets;
  for (int g : pages) targets.push_back(SiteUrl(site, site.pages[g].url));
  return targets;
}

// Whether one of `addresses` (where a body's links lead, BuildSession::links) leads to one
// of `targets`.
bool LinksToAny(const std::vector<std::string>& addresses,
                const std::vector<std::string>& targets) {
  for (const std::string& address : addresses) {
    for (const std::string& target : targets) {
      if (LinksTo(address, target)) return true;
    }
  }
  return false;
}

// "" when nothing leads to the pages `gone` once they leave the site: no other page's body
// links to one of them (BuildSession::links; the pages of `leaving`, sorted, leave too and
// do not count) and no menu names one (a build reports both). Otherwise the reason, with
// `what` for the page that goes.
std::string LinkedTo(const BuildSession& session, const std::vector<int>& gone,
                     const std::string& what, const std::vector<int>& leaving = {}) {
  const Site& site = *session.site;
  if (session.links.size() != site.pages.size()) return "the session has no links of its pages";
  const std::vector<std::string> targets = Targets(site, gone);
  for (size_t q = 0; q < site.pages.size(); ++q) {
    if (std::find(gone.begin(), gone.end(), static_cast<int>(q)) != gone.end() ||
        std::binary_search(leaving.begin(), leaving.end(), static_cast<int>(q)))
      continue;
    if (LinksToAny(session.links[q], targets))
      return what + " and " + site.pages[q].file + std::string(kLinksToIt);
  }
  for (const auto& [name, items] : site.config.menus) {
    for (const auto& item : items) {
      for (int g : gone) {
        if (item.url == site.pages[g].url)
          return what + " and menu '" + name + "'" + std::string(kLinksToIt);
      }
    }
  }
  return "";
}

// Whether `url` is the address of a page, an alias (a redirect) or a static file: a build
// reports a page that would take it.
bool AddressTaken(const Site& site, const std::string& url) {
  return site.by_url.count(url) || site.static_urls.count(url + "index.html") ||
         std::any_of(site.aliases.begin(), site.aliases.end(),
                     [&](const Alias& a) { return a.url == url; });
}

// Whether bundle page `p` can come or go without moving anything else: its folder holds
// no other page (published or not), and the files in it keep their addresses, which they
// do when the page's address is its folder's path (AssembleSite copies a bundle's
// resource beside its page, a folder's other files at their own paths).
bool BundleMovesNothing(const Site& site, const Page& p) {
  const std::string folder = DirName(p.content_path) + "/";
  if (folder.size() < 2) return false;  // content/index.md: the home page's folder
  if (auto f = site.content_file_urls.lower_bound(folder);
      f != site.content_file_urls.end() && f->first.starts_with(folder) && p.url != "/" + folder)
    return false;
  if (auto u = site.unpublished.lower_bound(folder);
      u != site.unpublished.end() && u->starts_with(folder))
    return false;
  return std::none_of(site.pages.begin(), site.pages.end(), [&](const Page& q) {
    return !q.removed && q.content_path.starts_with(folder) &&
           q.translation_key != p.translation_key;
  });
}

// The files below content/ in bundle page `p`'s folder: its resources (AssembleSite).
std::vector<std::string> BundleFiles(const Site& site, const Page& p) {
  const std::string folder = DirName(p.content_path) + "/";
  std::vector<std::string> files;
  for (auto f = site.content_file_urls.lower_bound(folder);
       f != site.content_file_urls.end() && f->first.starts_with(folder); ++f)
    files.push_back(f->first);
  return files;
}

// Whether `path` (relative to the site root) is the accessibility statement's file, which
// the build reads, however site.yaml spells its path ("./static/x.yaml").
bool IsAccessibilityStatement(const Site& site, const std::string& path) {
  const std::string& statement = site.config.accessibility_statement;
  return !statement.empty() && (path == statement || JoinPath("", statement) == path);
}

// The copy the build makes of `path` when it is a file copied as it is (below static/, or
// a content file that is no page), and its bytes are read by nothing else (not the
// accessibility statement); null otherwise.
const StaticFile* CopiedAsItIs(const Site& site, const std::string& path) {
  if (IsAccessibilityStatement(site, path)) return nullptr;
  for (const StaticFile& f : site.static_files) {
    if (f.source == path) return &f;
  }
  return nullptr;
}

// Whether `path` (a file below static/ or content/, no page, not in the model) can be copied
// as it is at the address the build would give it, without changing anything else: beside
// the page bundle whose folder holds it (one version of it: AssembleSite gives the folder
// to whichever comes last), at its own path otherwise; at an address nothing has, not one
// of the files the build makes (pages, feeds, the sitemap, robots.txt, the theme's assets),
// and not a proposal's picture (whose page shows its address once it is there). The copy
// goes to `out`, its bundle's page to `owner` (-1: none). The reason when not.
std::string CheckNewCopy(const Site& site, const std::string& path, StaticFile& out, int& owner) {
  owner = -1;
  out.source = path;
  if (IsAccessibilityStatement(site, path)) return path + " is read by the build";
  if (path.starts_with("static/")) {
    out.output = path.substr(7);
  } else {
    const std::string file = path.substr(8);
    out.output = file;
    for (std::string dir = DirName(file); !dir.empty(); dir = DirName(dir)) {
      int found = 0;
      for (size_t i = 0; i < site.pages.size(); ++i) {
        const Page& p = site.pages[i];
        if (p.removed || !IsBundlePage(p) || DirName(p.content_path) != dir) continue;
        owner = static_cast<int>(i);
        ++found;
      }
      if (found > 1) return path + " is new in a page bundle of several languages";
      if (found == 0) continue;
      const Page& p = site.pages[owner];
      out.output = p.url.substr(1) + file.substr(dir.size() + 1);
      break;
    }
    for (const Page& p : site.pages) {
      if (p.removed || !p.typed || !p.typed->proposal || p.typed->proposal->image.empty()) continue;
      if (JoinPath(DirName(p.content_path), p.typed->proposal->image) == file)
        return path + " is a proposal's picture";
    }
  }
  const std::string& o = out.output;
  if (o.ends_with(".html") || o.ends_with(".htm") || o.ends_with(".xml") || o == "robots.txt" ||
      o.starts_with("assets/") || o.empty())
    return path + " would be copied where the build writes its own files";
  if (site.static_urls.count("/" + o)) return path + ": its address /" + o + " is taken";
  return "";
}

// New files copied as they are (CheckNewCopy) stand in the model while the pages of the
// change are checked, so that their links to them resolve, as in a build of the whole
// change; taken out again unless Keep() is called (the change goes in).
class StandingCopies {
 public:
  explicit StandingCopies(BuildSession& session) : session_(session) {}
  ~StandingCopies() {
    if (kept_ || !session_.ready()) return;
    Site& site = *session_.site;
    for (const auto& [f, owner] : added_) {
      site.static_urls.erase("/" + f.output);
      auto it = std::find_if(site.static_files.begin(), site.static_files.end(),
                             [&](const StaticFile& s) { return s.source == f.source; });
      if (it != site.static_files.end()) site.static_files.erase(it);
      if (!f.source.starts_with("content/")) continue;
      site.content_file_urls.erase(f.source.substr(8));
      session_.content_files.erase(f.source);
      if (owner >= 0) std::erase(site.pages[owner].resources, f.source.substr(8));
    }
  }
  StandingCopies(const StandingCopies&) = delete;
  StandingCopies& operator=(const StandingCopies&) = delete;

  void Add(const StaticFile& f, int owner) {
    Site& site = *session_.site;
    site.static_files.push_back(f);
    site.static_urls["/" + f.output] = f.source;
    if (f.source.starts_with("content/")) {
      site.content_file_urls[f.source.substr(8)] = "/" + f.output;
      session_.content_files.insert(f.source);
      if (owner >= 0) site.pages[owner].resources.push_back(f.source.substr(8));
    }
    added_.emplace_back(f, owner);
  }
  void Keep() { kept_ = true; }
  /// The bundle pages that have a new resource.
  std::vector<int> owners() const {
    std::vector<int> out;
    for (const auto& [f, owner] : added_) {
      if (owner >= 0) out.push_back(owner);
    }
    return out;
  }

 private:
  BuildSession& session_;
  std::vector<std::pair<StaticFile, int>> added_;
  bool kept_ = false;
};

// "" when copied file `f` (CopiedAsItIs), whose source is gone, can leave the site with
// nothing else changing but the pages of the change (`changing`, sorted: edited or
// deleted; they are checked against the model without it; a build copies no two files to
// one address): it is not a proposal's picture (its page shows the picture), and no other
// page's body links to it (a build reports a broken link). Otherwise the reason.
std::string CheckDeletedCopy(const BuildSession& session, const StaticFile& f,
                             const std::vector<int>& changing) {
  const Site& site = *session.site;
  if (session.links.size() != site.pages.size()) return "the session has no links of its pages";
  if (f.source.starts_with("content/")) {
    const std::string file = f.source.substr(8);
    for (const Page& p : site.pages) {
      if (p.removed || !p.typed || !p.typed->proposal || p.typed->proposal->image.empty()) continue;
      if (JoinPath(DirName(p.content_path), p.typed->proposal->image) == file)
        return f.source + " is a proposal's picture";
    }
  }
  const std::string url = "/" + f.output;
  const std::vector<std::string> target = {SiteUrl(site, url)};
  for (size_t q = 0; q < site.pages.size(); ++q) {
    if (site.pages[q].removed || std::binary_search(changing.begin(), changing.end(), q)) continue;
    if (LinksToAny(session.links[q], target))
      return f.source + " is deleted and " + site.pages[q].file + std::string(kLinksToIt);
  }
  return "";  // a menu names pages only (a build reports any other address)
}

// Copied files whose sources are gone (CheckDeletedCopy) are out of the model while the
// pages of the change are checked, so that a link left to one is reported, as in a build
// of the whole change; put back, where they were, unless Keep() is called.
class LeavingCopies {
 public:
  explicit LeavingCopies(BuildSession& session) : session_(session) {}
  ~LeavingCopies() {
    if (kept_ || !session_.ready()) return;
    Site& site = *session_.site;
    for (auto g = gone_.rbegin(); g != gone_.rend(); ++g) {
      const StaticFile& f = g->file;
      site.static_files.insert(site.static_files.begin() + static_cast<long>(g->index), f);
      site.static_urls["/" + f.output] = f.source;
      if (!f.source.starts_with("content/")) continue;
      site.content_file_urls[f.source.substr(8)] = "/" + f.output;
      session_.content_files.insert(f.source);
      if (g->owner >= 0) {
        auto& r = site.pages[g->owner].resources;
        r.insert(r.begin() + static_cast<long>(g->resource), f.source.substr(8));
      }
    }
  }
  LeavingCopies(const LeavingCopies&) = delete;
  LeavingCopies& operator=(const LeavingCopies&) = delete;

  // Takes the copy of `source` out of the model.
  void Remove(const std::string& source) {
    Site& site = *session_.site;
    auto it = std::find_if(site.static_files.begin(), site.static_files.end(),
                           [&](const StaticFile& s) { return s.source == source; });
    if (it == site.static_files.end()) return;
    Gone g{*it, static_cast<size_t>(it - site.static_files.begin())};
    site.static_files.erase(it);
    site.static_urls.erase("/" + g.file.output);
    if (source.starts_with("content/")) {
      const std::string file = source.substr(8);
      site.content_file_urls.erase(file);
      session_.content_files.erase(source);
      for (size_t i = 0; i < site.pages.size() && g.owner < 0; ++i) {
        auto& r = site.pages[i].resources;
        if (auto at = std::find(r.begin(), r.end(), file); at != r.end()) {
          g.owner = static_cast<int>(i);
          g.resource = static_cast<size_t>(at - r.begin());
          r.erase(at);
        }
      }
    }
    gone_.push_back(std::move(g));
  }
  void Keep() { kept_ = true; }
  /// The output files of the copies that go.
  std::vector<std::string> outputs() const {
    std::vector<std::string> out;
    for (const Gone& g : gone_) out.push_back(g.file.output);
    return out;
  }
  /// The bundle pages that lost a resource.
  std::vector<int> owners() const {
    std::vector<int> out;
    for (const Gone& g : gone_) {
      if (g.owner >= 0) out.push_back(g.owner);
    }
    return out;
  }

 private:
  struct Gone {
    StaticFile file;
    size_t index = 0;  // in Site::static_files
    int owner = -1;    // the bundle page it was a resource of
    size_t resource = 0;
  };
  BuildSession& session_;
  std::vector<Gone> gone_;
  bool kept_ = false;
};

// A page's terms in one taxonomy as AssembleSite takes them: by slug, spelled as first
// written (a term without a slug, or named twice, counts once).
std::map<std::string, std::string> TermsBySlug(const FrontMatter& fm, const std::string& name) {
  std::map<std::string, std::string> terms;
  auto it = fm.taxonomies.find(name);
  if (it == fm.taxonomies.end()) return terms;
  for (const auto& term : it->second) {
    std::string slug = Slugify(term);
    if (!slug.empty()) terms.emplace(std::move(slug), term);
  }
  return terms;
}

// "" when page `page` (-1: a page not in the model yet) may go from the terms of `was_fm`
// to those of `p` (its new source) in the model as it is: no term goes
// (every term it leaves keeps other pages), a term it joins exists or is made at a free
// address in a taxonomy that has a list page already, each existing term keeps its name (the build
// names a term as the first page by path spells it: a page joining or respelling one writes it as
// the term is named, and one that leaves the term it names leaves it to a page spelling it the
// same). The moves go to `moves`. Otherwise the reason.
std::string CheckTermMoves(const BuildSession& session, int page, const FrontMatter& was_fm,
                           const Page& p, std::vector<TermMove>& moves) {
  const Site& site = *session.site;
  std::set<std::string> names;
  for (const auto& [name, terms] : was_fm.taxonomies) names.insert(name);
  for (const auto& [name, terms] : p.fm.taxonomies) names.insert(name);
  for (const std::string& name : names) {
    std::map<std::string, std::string> before = TermsBySlug(was_fm, name);
    std::map<std::string, std::string> after = TermsBySlug(p.fm, name);
    if (before == after) continue;
    size_t t = 0;
    while (t < site.taxonomies.size() &&
           (site.taxonomies[t].config.name != name || site.taxonomies[t].lang != p.lang))
      ++t;
    if (t == site.taxonomies.size()) return p.file + " names the first term of '" + name + "'";
    const Taxonomy& tax = site.taxonomies[t];
    auto find = [&](const std::string& slug) {
      size_t k = 0;
      while (k < tax.terms.size() && tax.terms[k].slug != slug) ++k;
      return k;
    };
    for (const auto& [slug, spelling] : before) {
      if (after.count(slug)) continue;
      size_t k = find(slug);
      if (k == tax.terms.size()) return p.file + ": a term of the page is not in the model";
      const TaxonomyTerm& term = tax.terms[k];
      if (term.pages.size() < 2) {
        // Its only page leaves it: the term and its page go, when nothing leads there and
        // the taxonomy keeps a term (a taxonomy without terms has no list page).
        // (A term it joins that exists counts as one it makes: the taxonomy has it anyway.)
        size_t dropped = 1, joined = 0;
        for (const TermMove& m : moves) dropped += m.taxonomy == t && m.dropped;
        for (const auto& [other, spelled] : after) joined += !before.count(other);
        if (tax.terms.size() + joined <= dropped)
          return p.file + " leaves the last term of '" + name + "'";
        int term_page = site.pages[tax.page].pages[k];
        if (std::string why =
                LinkedTo(session, {term_page}, p.file + " leaves the only page of a term");
            !why.empty())
          return why;
        moves.push_back({t, k, false, false, true, slug, spelling});
        continue;
      }
      // The name after it: the first remaining page by path spells the term.
      int first = -1;
      for (int q : term.pages) {
        if (q != page && (first < 0 || site.pages[q].content_path < site.pages[first].content_path))
          first = q;
      }
      std::map<std::string, std::string> theirs = TermsBySlug(site.pages[first].fm, name);
      if (theirs[slug] != term.name) return p.file + " leaves a term it names";
      moves.push_back({t, k, false, false, false, slug, spelling});
    }
    for (const auto& [slug, spelling] : after) {
      auto was = before.find(slug);
      if (was != before.end() && was->second == spelling) continue;
      size_t k = find(slug);
      if (k == tax.terms.size()) {
        if (AddressTaken(site, tax.url + slug + "/"))
          return p.file + ": the address of its new term is taken";
        moves.push_back({t, 0, true, true, false, slug, spelling});
        continue;
      }
      const TaxonomyTerm& term = tax.terms[k];
      if (spelling != term.name) return p.file + " names a term otherwise";
      if (was != before.end()) continue;  // respelled as the term is named
      moves.push_back({t, k, true, false, false, slug, spelling});
    }
  }
  return "";
}

// Sorts again, as the build does (SortForList), every list that holds one of the `edited`
// pages: a section's pages and sections, a term's pages (in its taxonomy and in its term
// page). Returns the pages whose lists' order changed.
std::vector<int> Resort(Site& site, const std::vector<int>& list_holders,
                        const std::vector<int>& edited) {
  const std::vector<Page>& pages = site.pages;  // not recorded: no render is running
  auto resort = [&](std::vector<int>& list) {
    if (std::none_of(edited.begin(), edited.end(), [&](int page) {
          return std::find(list.begin(), list.end(), page) != list.end();
        }))
      return false;
    std::vector<int> sorted = list;
    SortForList(sorted, pages);
    if (sorted == list) return false;
    list = std::move(sorted);
    return true;
  };
  std::vector<int> moved;
  for (int i : list_holders) {
    Page& q = site.pages[i];
    bool any = resort(q.pages);
    any |= resort(q.sections);
    any |= resort(q.term_pages);
    if (any) moved.push_back(i);
  }
  for (Taxonomy& t : site.taxonomies) {
    for (TaxonomyTerm& term : t.terms) resort(term.pages);
  }
  return moved;
}

// A job added to the session (a new page's, list page's or feed's): the session has no
// fingerprint for it, so this patch renders it, whatever it reads.
void AddJob(BuildSession& session, RenderJob job) {
  session.jobs.push_back(job);
  session.fingerprints.push_back(0);
  session.reads.push_back(PageReads{{}, {}, true});
}

void AddPageJob(BuildSession& session, int page, size_t pager = 1) {
  AddJob(session, {page, pager, RenderJob::kPage});
}

// Takes out of the session the jobs `drop` says go, with their fingerprints and reads.
template <typename Drop>
void DropJobs(BuildSession& session, Drop drop) {
  size_t kept = 0;
  for (size_t j = 0; j < session.jobs.size(); ++j) {
    if (drop(session.jobs[j])) continue;
    if (kept != j) {
      session.jobs[kept] = session.jobs[j];
      session.fingerprints[kept] = session.fingerprints[j];
      session.reads[kept] = std::move(session.reads[j]);
    }
    ++kept;
  }
  session.jobs.resize(kept);
  session.fingerprints.resize(kept);
  session.reads.resize(kept);
}

// Page `page` took another page's place in the model (a translation its notice's, or the
// other way round): its job is rendered by this patch, whatever it read.
void RenderAnew(BuildSession& session, int page) {
  for (size_t j = 0; j < session.jobs.size(); ++j) {
    if (session.jobs[j].kind != RenderJob::kPage || session.jobs[j].page != page) continue;
    session.fingerprints[j] = 0;
    session.reads[j] = PageReads{{}, {}, true};
  }
}

// Takes pages out of the site as tombstones (Page::removed, see RemovePage): out of the
// address map, with their jobs (pages that hold no list have one each: the page); their files
// go to `files`.
void Tombstone(BuildSession& session, const std::vector<int>& gone,
               std::vector<std::string>& files) {
  Site& site = *session.site;
  for (int g : gone) {
    Page& q = site.pages[g];
    files.push_back(SiteRenderer::OutputPath(q.url));
    site.by_url.erase(q.url);
    q.removed = true;
    // Its place changes (RenderCache): a job that read it is fingerprinted anew.
    q.parent = -1;
    q.term_pages.clear();
    if (static_cast<size_t>(g) < session.front_matter_hashes.size())
      session.front_matter_hashes[g] = 0;
    if (static_cast<size_t>(g) < session.links.size()) session.links[g].clear();
  }
  DropJobs(session, [&](const RenderJob& job) {
    return job.kind == RenderJob::kPage &&
           std::find(gone.begin(), gone.end(), job.page) != gone.end();
  });
}

// The list pages and feeds that come or go with the patch: a list among `lists` that grew
// past, or shrank below, a multiple of `paginate` gets the jobs of its new list pages or
// loses those of the pages it no longer fills; a section whose pages are now all dated,
// or no longer, gets or loses its feed (HasFeed). New jobs are rendered by this patch,
// whatever they read; the files of jobs that go are appended to `files`. A build makes the
// same jobs (SiteRenderer::Jobs). "" when done; the reason when a new list page or feed
// would be written where a static file is copied (a build reports the file written twice).
std::string MatchJobs(BuildSession& session, const std::vector<int>& lists,
                      std::vector<std::string>& files) {
  const Site& site = *session.site;
  struct Wanted {
    size_t pages = 1;  // list pages
    bool feed = false;
    size_t has_pages = 0;
    bool has_feed = false;
  };
  std::map<int, Wanted> wanted;  // by list page
  for (int page : lists) {
    if (page < 0) continue;
    const Page& p = site.pages[page];
    if (p.removed || !p.IsList() || p.type == PageType::kTaxonomy) continue;
    Wanted& w = wanted[page];
    w.pages = PageCount(p.type == PageType::kTerm ? p.term_pages.size() : p.pages.size(),
                        site.config.paginate);
    w.feed = HasFeed(site, p);
  }
  if (wanted.empty()) return "";
  DropJobs(session, [&](const RenderJob& job) {
    if (job.kind != RenderJob::kPage && job.kind != RenderJob::kFeed) return false;
    auto it = wanted.find(job.page);
    if (it == wanted.end()) return false;
    Wanted& w = it->second;
    const std::string& url = site.pages[job.page].url;
    if (job.kind == RenderJob::kFeed) {
      if (!w.feed) files.push_back(SiteRenderer::OutputPath(url + "atom.xml"));
      w.has_feed = w.feed;
      return !w.feed;
    }
    if (job.pager > w.pages) {
      files.push_back(SiteRenderer::OutputPath(PaginationUrl(url, job.pager)));
      return true;
    }
    w.has_pages = std::max(w.has_pages, job.pager);
    return false;
  });
  auto taken = [&](const std::string& url) {
    return site.static_urls.count("/" + SiteRenderer::OutputPath(url)) > 0;
  };
  for (const auto& [page, w] : wanted) {
    const std::string& url = site.pages[page].url;
    for (size_t k = w.has_pages + 1; k <= w.pages; ++k) {
      if (taken(PaginationUrl(url, k)))
        return PaginationUrl(url, k) + " is a static file's address";
      AddPageJob(session, page, k);
    }
    if (w.feed && !w.has_feed) {
      if (taken(url + "atom.xml")) return url + "atom.xml is a static file's address";
      AddJob(session, {page, 1, RenderJob::kFeed});
    }
  }
  return "";
}

PatchResult NeedsBuild(std::string reason) {
  PatchResult r;
  r.outcome = PatchResult::kNeedsBuild;
  r.reported = reason.ends_with(kHasErrors) || reason.ends_with(kHasMessages) ||
               reason.ends_with(kLinksToIt);
  r.reason = std::move(reason);
  return r;
}

// A page's new source, checked, before it goes into the model.
struct Edit {
  int page = -1;
  Page parsed;  // ParsePage's, with the new body rendered
  uint64_t front_matter_hash = 0;
  std::vector<TermMove> term_moves;  // the terms it joins and leaves
  bool placed = false;               // its terms changed: its place in the site too
  std::vector<std::string> links;    // where its new body links to (BuildSession::links)
};

// A page file the model does not have yet, checked (CheckNewPage) before it goes in.
struct NewPage {
  Page page;  // placed (address, translation key), with its body rendered
  std::vector<std::string> notice_languages;  // where it has no translation (the others)
  int parent = -1;
  std::vector<TermMove> term_moves;  // the terms it joins or makes
  uint64_t front_matter_hash = 0;
  std::vector<std::string> links;  // where its body links to (BuildSession::links)
  /// A translation: the notice it takes the place of (same number, same address); -1 for a
  /// page of the default language, which goes at the end of the model.
  int replaces = -1;
};

// "" when the term moves of the `edits` and of the new page `added` (or null), each
// checked against the model as it is (CheckTermMoves), can all be made: a term one of them
// makes or drops is moved by no other page (two making it would have to agree on its
// name; a page joining a term another leaves empty keeps it), pages that leave a term
// together leave it pages, each taxonomy keeps a term, and no new body links to a term
// that goes (CheckTermMoves saw the bodies as they were). Otherwise the reason.
std::string CheckTermMovesTogether(const BuildSession& session, const std::vector<Edit>& edits,
                                   const NewPage* added) {
  const Site& site = *session.site;
  struct Moves {               // of one term
    bool alone = false;        // made or dropped: no other page may move it
    std::vector<int> leavers;  // the pages that leave it
    bool joined = false;       // a page joins it
    const TermMove* first = nullptr;
  };
  std::map<std::pair<size_t, std::string>, Moves> moved;  // (taxonomy, slug)
  std::map<size_t, int64_t> gained;                       // taxonomy -> terms made minus dropped
  std::vector<int> dropped;                               // the pages of the terms that go
  auto take = [&](const std::vector<TermMove>& moves, const std::string& file,
                  int page) -> std::string {
    for (const TermMove& m : moves) {
      Moves& t = moved[{m.taxonomy, m.slug}];
      const bool alone = m.created || m.dropped;
      if (t.first && (t.alone || alone))
        return file + " changes a term another page in the change makes or drops";
      if (!t.first) t.first = &m;
      t.alone = alone;
      if (m.join)
        t.joined = true;
      else
        t.leavers.push_back(page);
      gained[m.taxonomy] += m.created ? 1 : m.dropped ? -1 : 0;
      if (m.dropped) dropped.push_back(site.pages[site.taxonomies[m.taxonomy].page].pages[m.term]);
    }
    return "";
  };
  for (const Edit& e : edits) {
    if (std::string why = take(e.term_moves, site.pages[e.page].file, e.page); !why.empty())
      return why;
  }
  if (added) {
    if (std::string why = take(added->term_moves, added->page.file, -1); !why.empty()) return why;
  }
  // Pages that each leave a term of other pages may leave it with none together (a build
  // drops it, which only a term left by one page does here), or leave it to a page that
  // spells it otherwise (the first remaining page by path names it; CheckTermMoves looked
  // at each leaving page against the others). A page that joins spells it as named.
  for (const auto& [key, t] : moved) {
    if (t.alone || t.leavers.size() < 2) continue;
    const Taxonomy& tax = site.taxonomies[key.first];
    const TaxonomyTerm& term = tax.terms[t.first->term];
    int first = -1;
    for (int q : term.pages) {
      if (std::find(t.leavers.begin(), t.leavers.end(), q) != t.leavers.end()) continue;
      if (first < 0 || site.pages[q].content_path < site.pages[first].content_path) first = q;
    }
    if (first < 0 && !t.joined)
      return "the change leaves the term '" + term.name + "' without pages";
    if (first >= 0 && TermsBySlug(site.pages[first].fm, tax.config.name)[key.second] != term.name)
      return "the change leaves the term '" + term.name + "' to a page that names it otherwise";
  }
  for (const auto& [t, n] : gained) {
    if (static_cast<int64_t>(site.taxonomies[t].terms.size()) + n < 1)
      return "the change leaves the last term of '" + site.taxonomies[t].config.name + "'";
  }
  if (dropped.empty()) return "";
  const std::vector<std::string> targets = Targets(site, dropped);
  for (const Edit& e : edits) {
    if (LinksToAny(e.links, targets))
      return site.pages[e.page].file + " links to a term that loses its only page";
  }
  if (added && LinksToAny(added->links, targets))
    return added->page.file + " links to a term that loses its only page";
  return "";
}

// While the edits in a change with a new page are checked, the new page stands at the end
// of the model, where their links and #anchors find it by its address or its file, as in a
// build of the whole change (its notices do not stand: a link to one goes to a build).
// Taken out again when done or destroyed, whatever the checks decided.
class StandingNewPage {
 public:
  StandingNewPage(BuildSession& session, NewPage* added)
      : session_(session), site_(*session.site), added_(added) {
    if (!added_ || added_->replaces >= 0) {
      added_ = nullptr;
      return;
    }
    index_ = static_cast<int>(site_.pages.size());
    url_ = added_->page.url;
    content_path_ = added_->page.content_path;
    site_.pages.push_back(std::move(added_->page));
    site_.by_url.emplace(url_, index_);
    site_.by_content_path.emplace(content_path_, index_);
    // Its links too, by page number, as the checks look for links to what would go.
    session_.links.push_back(added_->links);
  }
  ~StandingNewPage() { StepDown(); }
  StandingNewPage(const StandingNewPage&) = delete;
  StandingNewPage& operator=(const StandingNewPage&) = delete;

  void StepDown() {
    if (!added_) return;
    site_.by_url.erase(url_);
    site_.by_content_path.erase(content_path_);
    added_->page = std::move(site_.pages.back());
    site_.pages.pop_back();
    session_.links.pop_back();
    added_ = nullptr;
  }

 private:
  BuildSession& session_;
  Site& site_;
  NewPage* added_;
  int index_ = -1;
  std::string url_, content_path_;
};

// Whether `file` (below content/, not in the model) can be added to the model as it is,
// the way a build would place it: a page in the default language that no other page
// translates yet (it gets a notice in each other language, as in a build), or a
// translation of a page of the default language (not typed) into a language it has a
// notice for, at that notice's address (it takes the notice's place); in a folder that has
// its section, under an address nobody has (nor its notices), with terms that exist or that
// it makes (CheckTermMoves), published whatever the build's clock and filters, without
// anything that makes a page more than an entry in its section's and terms' lists (a kind,
// aliases, a bundle, ballots; a translation may record its source, `translation_of`). The
// reason when not.
std::string CheckNewPage(BuildSession& session, const FileSystem& fs, const std::string& file,
                         NewPage& out) {
  static const std::vector<std::string> kKindKeys = AllKindKeys();
  Site& site = *session.site;
  const SiteConfig& cfg = site.config;
  auto text = fs.ReadFile(file);
  if (!text.ok()) return file + ": " + text.status().message();
  DiagnosticList local;
  std::optional<Page> parsed =
      ParsePage(file, file.substr(8), std::move(*text), cfg, kKindKeys, local);
  if (!parsed || local.error_count() + local.warning_count() > 0)
    return file + std::string(kHasErrors);
  Page& p = *parsed;
  const FrontMatter& fm = p.fm;
  const bool translation = p.lang != cfg.default_language;
  if (p.type != PageType::kPage) return file + " is new and not a page";
  if (!fm.kind.empty() || !fm.aliases.empty() || (!translation && !fm.translation_of.empty()) ||
      fm.draft || fm.publish_date || fm.expiry_date || (fm.date && !Past(fm.date, site.now)))
    return file + " is new with front matter that places it";
  std::string dir = PlacePage(p, cfg);
  if (IsBundlePage(p) && !BundleMovesNothing(site, p))
    return file + " is a new page bundle that would move other files or pages";
  // A link to `x` or `x/` finds x/index.md before x.md (links.cpp): the bundle would take
  // the links that lead to a page of its folder's name.
  if (IsBundlePage(p) && site.by_content_path.count(DirName(p.content_path) + ".md"))
    return file + " is a new page bundle beside a page of its folder's name";
  auto taken = [&](const std::string& url) { return AddressTaken(site, url); };
  auto versions = site.translations.find(p.translation_key);
  if (translation) {
    // It takes the place of its page's notice in its language, at the same address.
    if (versions == site.translations.end()) return file + " is a translation of no page";
    auto original = versions->second.find(cfg.default_language);
    auto notice = versions->second.find(p.lang);
    if (original == versions->second.end() || notice == versions->second.end())
      return file + " is a translation of no page";
    const Page& o = site.pages[original->second];
    const Page& n = site.pages[notice->second];
    if (o.type != PageType::kPage || o.typed || n.type != PageType::kMissingTranslation ||
        n.original != original->second)
      return file + " is a new translation of a page the patch does not translate";
    if (n.url != p.url) return file + " is a new translation at another address than its notice";
    out.replaces = notice->second;
  } else {
    if (taken(p.url)) return file + ": its address " + p.url + " is taken";
    if (versions != site.translations.end())
      return file + " is new with the translation key of another page";
    for (const auto& lang : cfg.languages) {
      if (lang.code == p.lang) continue;
      if (taken(MissingTranslationNotice(p, 0, lang.code, cfg).url))
        return file + ": the address of its " + lang.code + " notice is taken";
      out.notice_languages.push_back(lang.code);
    }
  }
  auto section = site.by_url.find(SectionUrl(p.lang, dir, cfg));
  if (section == site.by_url.end()) return file + " is new in a folder without a section";
  const Page& parent = site.pages[section->second];
  if ((parent.type != PageType::kSection && parent.type != PageType::kHome) ||
      parent.translation_key != (dir.empty() ? "_index" : dir + "/_index") ||
      (parent.pages.empty() && parent.content_path.empty()) ||
      site.catalogues.count(section->second))
    return file + " is new in a section the patch does not add to";
  if (std::string why = CheckTermMoves(session, -1, FrontMatter(), p, out.term_moves); !why.empty())
    return why;
  if (p.Body().find("{{<") != std::string_view::npos) return file + " has ballot directives";
  auto options = session.markdown_options.find(p.lang);
  if (options == session.markdown_options.end()) return file + ": no Markdown options";
  out.front_matter_hash = HashBytes(std::string_view(p.text).substr(0, p.body_offset));
  p.parent = section->second;
  // Rendered in its place at the end of the model (links are resolved from the page
  // itself, anchors of its own headings included), then taken out again until the whole
  // change is known to go in.
  int index = static_cast<int>(site.pages.size());
  site.pages.push_back(std::move(p));
  Page& placed = site.pages.back();
  std::vector<AnchorRef> anchors;
  placed.md = RenderMarkdown(
      placed.Body(), file, placed.body_line, options->second,
      RecordLinks(BodyLinkResolver(site, index, local, anchors, placed.external_links), out.links),
      local);
  CheckAnchors(site, anchors, local);
  out.page = std::move(site.pages.back());
  site.pages.pop_back();
  if (local.error_count() + local.warning_count() > 0) return file + std::string(kHasMessages);
  if (!out.page.md.directives.empty()) return file + " has ballot directives";
  out.parent = section->second;
  if (IsBundlePage(out.page)) out.page.resources = BundleFiles(site, out.page);
  return "";
}

// The first of the new page files `files` that CheckNewPage lets into the model as it is,
// taken out of `files` into `out`. Otherwise the reason the first of them gave.
std::string NextNewPage(BuildSession& session, const FileSystem& fs,
                        std::vector<std::string>& files, NewPage& out) {
  std::string first_reason;
  for (size_t k = 0; k < files.size(); ++k) {
    NewPage candidate;
    std::string why = CheckNewPage(session, fs, files[k], candidate);
    if (why.empty()) {
      out = std::move(candidate);
      files.erase(files.begin() + static_cast<std::ptrdiff_t>(k));
      return "";
    }
    if (first_reason.empty()) first_reason = std::move(why);
  }
  return first_reason;
}

// Makes the term `m` (created) with page `page` as its only page: its page at the end of
// the model (a build numbers pages by path: the numbers differ, the output does not), in
// its taxonomy's terms and list page in slug order, with a job rendered by this patch
// whatever it reads. Returns the term page's number; the taxonomy's list page's place
// changed too. The caller tells the renderer and the render cache (PagesAdded,
// PlacesChanged).
int MakeTerm(BuildSession& session, const TermMove& m, int page) {
  Site& site = *session.site;
  Taxonomy& tax = site.taxonomies[m.taxonomy];
  auto at = std::lower_bound(
      tax.terms.begin(), tax.terms.end(), m.slug,
      [](const TaxonomyTerm& term, const std::string& slug) { return term.slug < slug; });
  size_t k = static_cast<size_t>(at - tax.terms.begin());
  tax.terms.insert(at, TaxonomyTerm{m.name, m.slug, {page}});
  int index = static_cast<int>(site.pages.size());
  site.pages.push_back(
      TermPage(site.pages[tax.page], tax.page, static_cast<int>(m.taxonomy), tax.terms[k]));
  site.pages.back().term_pages = {page};
  site.by_url.emplace(site.pages.back().url, index);
  std::vector<int>& list = site.pages[tax.page].pages;
  list.insert(list.begin() + static_cast<std::ptrdiff_t>(k), index);
  AddPageJob(session, index);
  if (session.indexed) session.list_holders.push_back(index);
  return index;
}

// Puts page `page` into and out of the terms of `moves` (CheckTermMoves), the lists sorted
// as the build sorts them; the terms it takes away and the terms it makes after the others.
// Terms are found by slug here, not by the numbers CheckTermMoves saw: another page's
// moves, applied before, may have made or taken away terms of the same taxonomy. Appends
// the pages whose place changed to `placed`: the terms' pages, and for a new or a dropped
// term its taxonomy's list page; a dropped term's files to `files`. True when it made a
// term (a page added to the model).
bool ApplyTermMoves(BuildSession& session, const std::vector<TermMove>& moves, int page,
                    std::vector<int>& placed, std::vector<std::string>& files) {
  Site& site = *session.site;
  bool made = false;
  auto find = [](const Taxonomy& tax, const std::string& slug) {
    size_t k = 0;
    while (k < tax.terms.size() && tax.terms[k].slug != slug) ++k;
    return k;
  };
  for (const TermMove& m : moves) {
    if (m.created || m.dropped) continue;
    Taxonomy& tax = site.taxonomies[m.taxonomy];
    const size_t k = find(tax, m.slug);
    std::vector<int>& list = tax.terms[k].pages;
    if (m.join) {
      list.push_back(page);
      SortForList(list, site.pages);
    } else {
      list.erase(std::remove(list.begin(), list.end(), page), list.end());
    }
    int term_page = site.pages[tax.page].pages[k];
    site.pages[term_page].term_pages = list;
    placed.push_back(term_page);
  }
  for (const TermMove& m : moves) {
    if (!m.dropped) continue;
    Taxonomy& tax = site.taxonomies[m.taxonomy];
    const size_t k = find(tax, m.slug);
    std::vector<int>& list = site.pages[tax.page].pages;
    int term_page = list[k];
    tax.terms.erase(tax.terms.begin() + static_cast<std::ptrdiff_t>(k));
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(k));
    Tombstone(session, {term_page}, files);
    placed.push_back(term_page);
    placed.push_back(tax.page);
  }
  for (const TermMove& m : moves) {
    if (!m.created) continue;
    placed.push_back(MakeTerm(session, m, page));
    placed.push_back(site.taxonomies[m.taxonomy].page);
    made = true;
  }
  return made;
}

// Puts a checked new page into the model at its end (a build numbers pages by path: the
// numbers differ, the output does not), into its section's and terms' lists sorted as the
// build sorts, with its notices; the renderer and the render cache grow with it. Appends
// the pages whose place changed (the new ones first, then the lists that hold them) to
// `changed`.
void AddNewPage(BuildSession& session, NewPage& added, std::vector<int>& changed) {
  Site& site = *session.site;
  const bool replacing = added.replaces >= 0;
  const int first_new = static_cast<int>(site.pages.size());  // pages added from here on
  int index = replacing ? added.replaces : first_new;
  session.content_files.insert(added.page.file);
  site.by_content_path.emplace(added.page.content_path, index);
  if (replacing) {
    // A translation in its notice's place: the notice's number, address and job, which this
    // patch renders whatever it read.
    if (session.indexed) {
      auto [from, to] = session.notices.equal_range(site.pages[index].original);
      for (auto it = from; it != to; ++it) {
        if (it->second == index) {
          session.notices.erase(it);
          break;
        }
      }
    }
    site.pages[index] = std::move(added.page);
    RenderAnew(session, index);
    session.renderer->PageChanged(index);
  } else {
    site.by_url.emplace(added.page.url, index);
    site.translations[added.page.translation_key][added.page.lang] = index;
    site.pages.push_back(std::move(added.page));
    AddPageJob(session, index);
  }
  // The notices that stand in for it in the other languages (AssembleSite's).
  for (const std::string& lang : added.notice_languages) {
    int notice = static_cast<int>(site.pages.size());
    site.pages.push_back(MissingTranslationNotice(site.pages[index], index, lang, site.config));
    site.by_url.emplace(site.pages[notice].url, notice);
    site.translations[site.pages[index].translation_key][lang] = notice;
    if (session.indexed) session.notices.emplace(index, notice);
    AddPageJob(session, notice);
  }
  std::vector<int> holders = {added.parent};
  std::vector<int>& section = site.pages[added.parent].pages;
  section.push_back(index);
  SortForList(section, site.pages);
  std::vector<std::string> none;  // a new page takes no term away
  ApplyTermMoves(session, added.term_moves, index, holders, none);
  session.front_matter_hashes.resize(site.pages.size(), 0);
  session.links.resize(site.pages.size());
  session.front_matter_hashes[index] = added.front_matter_hash;
  session.links[index] = std::move(added.links);
  session.renderer->PagesAdded();
  for (int page : holders) session.renderer->PageChanged(page);
  if (replacing) holders.push_back(index);  // a page at the end is hashed as added
  session.render_cache->PlacesChanged(holders);
  if (replacing) changed.push_back(index);
  for (int page = first_new; page < static_cast<int>(site.pages.size()); ++page)
    changed.push_back(page);
  changed.insert(changed.end(), holders.begin(), holders.end());
}

// A version of a deleted page that leaves the model: the page of the default language, or
// a translation deleted with it.
struct Leaving {
  int page = -1;
  std::vector<TermMove> term_moves;  // the terms it leaves
};

// A deleted page file, checked (CheckDeletedPage) before it leaves the model.
struct DeletedPage {
  std::vector<Leaving> versions;  // the page of the default language first
  std::vector<int> notices;       // its missing-translation notices, which go with it
  /// A translation deleted while its page stays: that page, whose notice takes the
  /// translation's place (its one version); -1 otherwise.
  int notice_of = -1;
  int page() const { return versions.front().page; }
  // The pages that go: its versions and its notices.
  std::vector<int> Gone() const {
    std::vector<int> gone;
    for (const Leaving& v : versions) gone.push_back(v.page);
    gone.insert(gone.end(), notices.begin(), notices.end());
    return gone;
  }
};

// Whether version `page` of a deleted page can leave its lists as it is: an entry of its
// section's and terms' lists and nothing more (no kind, aliases or bundle, no ballots; a
// translation may record its source, `translation_of`, which goes with it), whose section
// keeps other pages or has its own file (AssembleSite makes a section without one only for
// its pages), and whose terms keep other pages and their names (CheckTermMoves). The
// reason when not.
std::string CheckLeaving(const BuildSession& session, int page, Leaving& out) {
  const Site& site = *session.site;
  const SiteConfig& cfg = site.config;
  const Page& p = site.pages[page];
  const FrontMatter& fm = p.fm;
  const bool original = p.lang == cfg.default_language;
  if (p.type != PageType::kPage) return p.file + " is deleted and not a page";
  if (!fm.kind.empty() || p.typed || !fm.aliases.empty() ||
      (original && !fm.translation_of.empty()))
    return p.file + " is deleted with front matter that places it";
  if (IsBundlePage(p) && !BundleMovesNothing(site, p))
    return p.file + " is a deleted page bundle whose files would move";
  if (!p.ballots.empty() || !p.md.directives.empty())
    return p.file + " is deleted with ballot directives";
  if (p.parent < 0) return p.file + " is deleted and has no section";
  const Page& parent = site.pages[p.parent];
  if ((parent.type != PageType::kSection && parent.type != PageType::kHome) ||
      site.catalogues.count(p.parent))
    return p.file + " is deleted from a section the patch does not take from";
  // A section without a file of its own is there for its pages only (AssembleSite).
  if (parent.pages.size() < 2 && parent.content_path.empty())
    return p.file + " is the last page of a section without its own file";
  Page without;  // the page with no terms
  without.file = p.file;
  without.lang = p.lang;
  if (std::string why = CheckTermMoves(session, page, fm, without, out.term_moves); !why.empty())
    return why;
  out.page = page;
  return "";
}

// Whether translation `page`, whose file is gone while its page of the default language
// stays, can give its place to a notice for that page, the way a build without the file
// would have it: a translation of a page (not typed) whose notice would have its address,
// only an entry of its lists (CheckLeaving), that no page that stays links to and no menu
// names. The reason when not.
std::string CheckDeletedTranslation(const BuildSession& session, int page,
                                    const std::vector<int>& deleting, DeletedPage& out) {
  const Site& site = *session.site;
  const Page& p = site.pages[page];
  int original = site.DefaultLanguageVersion(p);
  if (p.type != PageType::kPage || original < 0 || original == page)
    return p.file + " is deleted and not a page or a translation of one";
  const Page& o = site.pages[original];
  if (o.type != PageType::kPage || o.typed)
    return p.file + " is a deleted translation of a page the patch does not translate";
  if (MissingTranslationNotice(o, original, p.lang, site.config).url != p.url)
    return p.file + " is a deleted translation at another address than its notice's";
  out.versions.emplace_back();
  if (std::string why = CheckLeaving(session, page, out.versions.back()); !why.empty()) return why;
  // A link to it named its file or its address; the session keeps only the address, and
  // a build finds no file (a broken link) or no heading in the notice: any link, then.
  if (std::string why = LinkedTo(session, {page}, p.file + " is deleted", deleting); !why.empty())
    return why;
  out.notice_of = original;
  return "";
}

// Whether page `page`, whose file is gone, can be taken out of the model as it is, the way
// a build without the file would have it (a translation whose page stays:
// CheckDeletedTranslation): a page of the default language whose
// translations are deleted with it (`deleting`: every page whose file is gone; its notices
// go with it), each version of it only an entry of its lists (CheckLeaving), that no alias
// leads to, no page that stays links to and no menu names. The reason when not.
std::string CheckDeletedPage(const BuildSession& session, int page,
                             const std::vector<int>& deleting, DeletedPage& out) {
  const Site& site = *session.site;
  const Page& p = site.pages[page];
  if (p.lang != site.config.default_language)
    return CheckDeletedTranslation(session, page, deleting, out);
  if (p.type != PageType::kPage) return p.file + " is deleted and not a page";
  out.versions.emplace_back();
  if (std::string why = CheckLeaving(session, page, out.versions.back()); !why.empty()) return why;
  if (auto versions = site.translations.find(p.translation_key);
      versions != site.translations.end()) {
    for (const auto& [lang, q] : versions->second) {
      if (q == page) continue;
      const Page& version = site.pages[q];
      if (version.type == PageType::kMissingTranslation && version.original == page) {
        out.notices.push_back(q);
      } else if (std::binary_search(deleting.begin(), deleting.end(), q)) {
        out.versions.emplace_back();
        if (std::string why = CheckLeaving(session, q, out.versions.back()); !why.empty())
          return why;
      } else {
        return p.file + " is deleted and has a translation";
      }
    }
  }
  const std::vector<int> gone = out.Gone();
  for (const Alias& a : site.aliases) {
    if (std::find(gone.begin(), gone.end(), a.page) != gone.end())
      return p.file + " is deleted and an alias leads to it";
  }
  // A link to one of them from a page that stays would be broken: a build reports it.
  return LinkedTo(session, gone, p.file + " is deleted", deleting);
}

// Takes version `v` of a deleted page out of its section's and terms' lists and out of the
// maps of source files; appends the pages that held it to `holders`, a term's files that go
// with it to `files`.
void LeaveLists(BuildSession& session, const Leaving& v, std::vector<int>& holders,
                std::vector<std::string>& files) {
  Site& site = *session.site;
  const Page& p = site.pages[v.page];
  holders.push_back(p.parent);
  std::vector<int>& section = site.pages[p.parent].pages;
  section.erase(std::remove(section.begin(), section.end(), v.page), section.end());
  ApplyTermMoves(session, v.term_moves, v.page, holders, files);  // makes none
  session.content_files.erase(p.file);
  site.by_content_path.erase(p.content_path);
}

// Puts a notice in the place of a checked deleted translation (DeletedPage::notice_of): the
// translation leaves its section's and terms' lists, the notice takes its number, address
// and job (which this patch renders whatever it read). Appends the files of terms that go
// to `files`, and the pages whose place changed to `changed`.
void ReplaceByNotice(BuildSession& session, const DeletedPage& deleted, std::vector<int>& changed,
                     std::vector<std::string>& files) {
  Site& site = *session.site;
  const int t = deleted.page();
  std::vector<int> holders;
  LeaveLists(session, deleted.versions.front(), holders, files);
  const std::string lang = site.pages[t].lang;
  site.pages[t] =
      MissingTranslationNotice(site.pages[deleted.notice_of], deleted.notice_of, lang, site.config);
  if (session.indexed) session.notices.emplace(deleted.notice_of, t);
  session.front_matter_hashes[t] = 0;
  session.links[t].clear();
  RenderAnew(session, t);
  session.renderer->PagesAdded();  // the lists of real pages (the sitemaps') change
  session.renderer->PageChanged(t);
  for (int page : holders) session.renderer->PageChanged(page);
  holders.push_back(t);
  session.render_cache->PlacesChanged(holders);
  changed.insert(changed.end(), holders.begin(), holders.end());
}

// Takes a checked deleted page, its translations and its notices out of the model: out of
// their sections' and terms' lists and of the site's maps, their jobs out of the session,
// the pages left in the vector as tombstones (Page::removed) so that no other page's number
// changes. Appends their files to `files`, and the pages whose place changed (the removed
// ones, then the lists that held them) to `changed`.
void RemovePage(BuildSession& session, const DeletedPage& deleted, std::vector<int>& changed,
                std::vector<std::string>& files) {
  Site& site = *session.site;
  if (deleted.notice_of >= 0) return ReplaceByNotice(session, deleted, changed, files);
  std::vector<int> holders;
  for (const Leaving& v : deleted.versions) LeaveLists(session, v, holders, files);
  site.translations.erase(site.pages[deleted.page()].translation_key);
  if (session.indexed) session.notices.erase(deleted.page());
  const std::vector<int> gone = deleted.Gone();
  Tombstone(session, gone, files);
  for (int page : holders) session.renderer->PageChanged(page);
  std::vector<int> placed = gone;
  placed.insert(placed.end(), holders.begin(), holders.end());
  session.render_cache->PlacesChanged(placed);
  changed.insert(changed.end(), placed.begin(), placed.end());
}

}  // namespace

PatchResult PatchSite(BuildSession& session, const FileSystem& fs,
                      const std::vector<std::string>& changed, int64_t now, OutputSink& out,
                      DiagnosticList& diags) {
  if (!session.ready()) return NeedsBuild("no site kept from a build");
  Site& site = *session.site;
  if (now < site.now || now >= session.valid_until)
    return NeedsBuild("a page date or a round's opening or closing time has passed");

  // A folder in the change ("content/new/": anything below it may have changed) stands for
  // the files below it that the model has and those there now.
  std::vector<std::string> paths;
  for (const std::string& path : changed) {
    if (!path.ends_with('/')) {
      paths.push_back(path);
      continue;
    }
    if (!path.starts_with("content/") && !path.starts_with("static/"))
      return NeedsBuild(path + " is a folder of the theme or the data");
    std::set<std::string> below;
    for (const std::string& f : fs.ListFiles(path.substr(0, path.size() - 1))) below.insert(f);
    for (const std::string& f : session.content_files) {
      if (f.starts_with(path)) below.insert(f);
    }
    for (const StaticFile& f : site.static_files) {
      if (f.source.starts_with(path)) below.insert(f.source);
    }
    if (below.size() > kMaxFolderFiles)
      return NeedsBuild(path + " holds " + std::to_string(below.size()) + " files");
    paths.insert(paths.end(), below.begin(), below.end());
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());

  // Which pages: every change must be a page the model has (an editor's temporary file,
  // created and deleted again within the save, is not a change of the site).
  std::vector<int> pages;
  std::vector<std::string> added;       // new page files
  std::vector<int> deleted;             // pages whose files are gone
  std::vector<StaticFile> copies;       // files copied as they are: written anew, or new
  std::vector<StaticFile> gone_copies;  // and deleted
  StandingCopies new_copies(session);
  for (const auto& path : paths) {
    bool content = path.starts_with("content/");
    bool known = session.content_files.count(path) > 0;
    bool exists = fs.IsFile(path);
    if (content && !known && !exists) continue;
    if (!content || !path.ends_with(".md")) {
      // A file the build copies as it is (static/, a picture beside its page), written
      // anew: copied again. Its address is as it was, and no page reads its bytes. A new
      // one stands in the model while the pages are checked (they may link to it).
      if (!content && !path.starts_with("static/"))
        return NeedsBuild(path + " is not a page's text");
      const StaticFile* copied = CopiedAsItIs(site, path);
      if (!exists) {  // deleted: it goes when nothing shows it (CheckDeletedCopy, below)
        if (!copied) return NeedsBuild(path + " is not a page's text");
        gone_copies.push_back(*copied);
        continue;
      }
      if (copied) {
        copies.push_back(*copied);
        continue;
      }
      if (known) return NeedsBuild(path + " is not a page's text");
      StaticFile copy;
      int owner = -1;
      if (std::string why = CheckNewCopy(site, path, copy, owner); !why.empty())
        return NeedsBuild(why);
      new_copies.Add(copy, owner);
      copies.push_back(copy);
      continue;
    }
    auto it = site.by_content_path.find(path.substr(8));
    if (it == site.by_content_path.end()) {
      if (known) return NeedsBuild(path + " is not a page of the site");
      added.push_back(path);
      continue;
    }
    (exists ? pages : deleted).push_back(it->second);
  }
  // Deleted copies leave the model before any page of the change is checked: a link to
  // one from an edited or new page is then broken, as in a build.
  LeavingCopies leaving_copies(session);
  if (!gone_copies.empty()) {
    std::vector<int> changing = pages;
    changing.insert(changing.end(), deleted.begin(), deleted.end());
    std::sort(changing.begin(), changing.end());
    for (const StaticFile& f : gone_copies) {
      if (std::string why = CheckDeletedCopy(session, f, changing); !why.empty())
        return NeedsBuild(why);
    }
    for (const StaticFile& f : gone_copies) leaving_copies.Remove(f.source);
  }
  // New pages (a page and its translations, several pages: a `git pull`), alone or with
  // edits of other pages (which may link to the first of them); deleted pages (`git rm`: a
  // page and its translations, several pages), alone or with edits; or one new page and
  // one deleted (a page renamed, as `git mv` does it), alone or with edits (the links to
  // it put right).
  if (added.size() > kMaxNewPages)
    return NeedsBuild(std::to_string(added.size()) + " pages are new");
  if (!added.empty() && !deleted.empty() && (added.size() > 1 || deleted.size() > 1))
    return NeedsBuild(added.front() + " is new, with pages deleted");

  if (deleted.size() > kMaxDeletedPages)
    return NeedsBuild(std::to_string(deleted.size()) + " pages are deleted");
  std::sort(deleted.begin(), deleted.end());
  deleted.erase(std::unique(deleted.begin(), deleted.end()), deleted.end());
  // A page of the default language takes its translations deleted with it along; a
  // translation deleted without it gives its place to a notice.
  std::vector<int> originals;
  for (int d : deleted) {
    int original = site.DefaultLanguageVersion(site.pages[d]);
    if (original == d || original < 0 ||
        !std::binary_search(deleted.begin(), deleted.end(), original))
      originals.push_back(d);
  }
  // The first is checked here, against the model as it is; the others when the ones before
  // them have left (two may leave one section or one term), below.
  std::vector<DeletedPage> deletions(originals.size());
  if (!originals.empty() && pages.empty()) {  // with edits: after them, below
    if (std::string why = CheckDeletedPage(session, originals.front(), deleted, deletions.front());
        !why.empty())
      return NeedsBuild(why);
  }
  // The new pages go in one by one, each checked against the model the ones before it made
  // (their addresses taken, their terms made, their notices there for a translation to
  // take the place of): the first that passes, then the first of the rest that passes, ...
  // (a page may link to one named after it, a translation comes after its page). This one
  // is checked against the model as it is; the others once it and the edits are in.
  const size_t new_pages = added.size();
  std::optional<NewPage> new_page;
  if (!added.empty()) {
    new_page.emplace();
    if (std::string why = NextNewPage(session, fs, added, *new_page); !why.empty())
      return NeedsBuild(why);
  }
  // A rename. The new page was checked with the old one in the model, the old one with the
  // new one not: the new page must not link to the page that goes, neither may be a
  // translation, and the term moves of the two must not meet in a term that goes (the new
  // page's would name a term no longer there). With edits, once the page that goes is
  // checked, after them.
  auto check_rename = [&]() -> std::string {
    if (deletions.empty() || !new_page) return "";
    const DeletedPage& renamed = deletions.front();  // one page
    if (new_page->replaces >= 0 || renamed.notice_of >= 0)
      return new_page->page.file + " is new, with a translation deleted or added";
    if (LinksToAny(new_page->links, Targets(site, renamed.Gone())))
      return new_page->page.file + " links to the page it replaces";
    for (const TermMove& m : renamed.versions.front().term_moves) {
      if (m.dropped)
        return site.pages[renamed.page()].file + " is renamed and was a term's only page";
    }
    return "";
  };
  if (pages.empty()) {
    if (std::string why = check_rename(); !why.empty()) return NeedsBuild(why);
  }
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());

  // Check every page before the model changes: a page that needs a full build leaves the
  // session as it was.
  static const std::vector<std::string> kKindKeys = AllKindKeys();
  std::vector<Edit> edits;
  StandingNewPage standing(session, pages.empty() ? nullptr : new_page ? &*new_page : nullptr);
  for (int i : pages) {
    const Page& p = site.pages[i];
    if (static_cast<size_t>(i) >= session.front_matter_hashes.size() ||
        session.front_matter_hashes[i] == 0)
      return NeedsBuild(p.file + " was not read by the build");
    if (!p.ballots.empty() || !p.md.directives.empty())
      return NeedsBuild(p.file + " has ballot directives");
    auto text = fs.ReadFile(p.file);
    if (!text.ok()) return NeedsBuild(p.file + ": " + text.status().message());
    DiagnosticList local;
    std::optional<Page> parsed =
        ParsePage(p.file, p.content_path, std::move(*text), site.config, kKindKeys, local);
    if (!parsed || local.error_count() + local.warning_count() > 0)
      return NeedsBuild(p.file + std::string(kHasErrors));
    // The build gives a translation of a typed page its original's kind and keys, which
    // its file need not repeat: without them the page would lose its layout and params
    // (and its place in the structure: every patch of it would end the session).
    if (p.typed && p.lang != site.config.default_language) {
      int original = site.DefaultLanguageVersion(p);
      if (original >= 0 && original != i && site.pages[original].typed == p.typed)
        ShareOriginalFrontMatter(parsed->fm, site.pages[original].fm);
    }
    Edit e;
    e.page = i;
    e.front_matter_hash = HashBytes(std::string_view(parsed->text).substr(0, parsed->body_offset));
    if (e.front_matter_hash != session.front_matter_hashes[i]) {
      if (parsed->type != p.type || parsed->lang != p.lang)
        return NeedsBuild(p.file + ": the page's type or language changed");
      if (std::string key = ModelKeyChanged(p.fm, parsed->fm, site.now); !key.empty())
        return NeedsBuild(p.file + ": its front matter's '" + key + "' changed");
      if (p.fm.taxonomies != parsed->fm.taxonomies) {
        if (std::string why = CheckTermMoves(session, i, p.fm, *parsed, e.term_moves); !why.empty())
          return NeedsBuild(why);
        // Its terms as written are part of its place, even in another order.
        e.placed = true;
      }
    }
    std::string_view body = parsed->Body();
    if (body.find("{{<") != std::string_view::npos)
      return NeedsBuild(p.file + " has ballot directives");
    auto options = session.markdown_options.find(p.lang);
    if (options == session.markdown_options.end())
      return NeedsBuild(p.file + ": no Markdown options for its language");
    std::vector<AnchorRef> anchors;
    parsed->md = RenderMarkdown(
        body, p.file, parsed->body_line, options->second,
        RecordLinks(BodyLinkResolver(site, i, local, anchors, parsed->external_links), e.links),
        local);
    CheckAnchors(site, anchors, local);
    if (local.error_count() + local.warning_count() > 0)
      return NeedsBuild(p.file + std::string(kHasMessages));
    if (!parsed->md.directives.empty()) return NeedsBuild(p.file + " has ballot directives");
    if (!SameHeadings(p.md, parsed->md)) return NeedsBuild(p.file + ": its headings changed");
    e.parsed = std::move(*parsed);
    edits.push_back(std::move(e));
  }
  standing.StepDown();
  if (std::string why = CheckTermMovesTogether(session, edits, new_page ? &*new_page : nullptr);
      !why.empty())
    return NeedsBuild(why);

  new_copies.Keep();  // the change goes in
  leaving_copies.Keep();
  // Into the model. The page's place in the site (RenderCache's structure) is the same;
  // its place within its lists may not be (sorted again below).
  for (auto& e : edits) {
    Page& p = site.pages[e.page];
    p.text = std::move(e.parsed.text);
    p.body_offset = e.parsed.body_offset;
    p.body_line = e.parsed.body_line;
    p.fm = std::move(e.parsed.fm);
    p.md = std::move(e.parsed.md);
    p.external_links = std::move(e.parsed.external_links);
    session.links[e.page] = std::move(e.links);
  }
  bool front_matter = false;
  for (const auto& e : edits) {
    front_matter |= e.front_matter_hash != session.front_matter_hashes[e.page];
  }
  // The one thing the model copies from a page into others: the title of the notices
  // that stand in for its missing translations.
  std::vector<int> changed_pages;
  for (const auto& e : edits) changed_pages.push_back(e.page);
  if (front_matter && !session.indexed) {
    // Scanning every page takes longer than the rest of a patch: once per session.
    for (size_t q = 0; q < site.pages.size(); ++q) {
      const Page& p = site.pages[q];
      // Every list page, empty ones too: a new page may go into an empty section.
      if (p.IsList() || !p.pages.empty() || !p.sections.empty() || !p.term_pages.empty())
        session.list_holders.push_back(static_cast<int>(q));
      if (p.type == PageType::kMissingTranslation && p.original >= 0)
        session.notices.emplace(p.original, static_cast<int>(q));
    }
    session.indexed = true;
  }
  for (const auto& e : edits) {
    if (!front_matter) break;
    auto [from, to] = session.notices.equal_range(e.page);
    for (auto it = from; it != to; ++it) {
      Page& notice = site.pages[it->second];
      notice.fm.title = site.pages[e.page].fm.title;
      changed_pages.push_back(it->second);
    }
  }
  std::vector<std::string> removed_files;  // of the pages taken out: a deleted page, a term
  // The terms the pages joined, left and made (ApplyTermMoves): those pages' places change
  // (RenderCache::PlacesChanged below).
  std::vector<int> placed;
  bool pages_added = false;
  for (const auto& e : edits) {
    if (!e.placed) continue;
    placed.push_back(e.page);
    pages_added |= ApplyTermMoves(session, e.term_moves, e.page, placed, removed_files);
  }
  // A bundle's new or deleted resource is part of its page's place (RenderCache's
  // structure); a deleted page's is not.
  for (int owner : new_copies.owners()) placed.push_back(owner);
  for (int owner : leaving_copies.owners()) {
    if (std::find(deleted.begin(), deleted.end(), owner) == deleted.end()) placed.push_back(owner);
  }
  for (const std::string& output : leaving_copies.outputs()) removed_files.push_back(output);
  changed_pages.insert(changed_pages.end(), placed.begin(), placed.end());
  if (pages_added) {
    session.front_matter_hashes.resize(site.pages.size(), 0);
    session.links.resize(site.pages.size());
    session.renderer->PagesAdded();
  }
  std::sort(placed.begin(), placed.end());
  placed.erase(std::unique(placed.begin(), placed.end()), placed.end());
  // A new weight, date or title can move a page within its lists: the pages holding those
  // lists change with it (their order is part of what their jobs read).
  if (front_matter) {
    std::vector<int> edited;
    for (const auto& e : edits) edited.push_back(e.page);
    for (int holder : Resort(site, session.list_holders, edited)) changed_pages.push_back(holder);
  }

  // From here on the session holds the new sources; anything that fails clears it, so the
  // next change builds in full.
  for (const auto& e : edits) session.front_matter_hashes[e.page] = e.front_matter_hash;
  for (int page : changed_pages) {  // the edits' (deleted pages and a new one: below)
    session.renderer->PageChanged(page);
    if (std::binary_search(placed.begin(), placed.end(), page)) continue;  // below
    if (!session.render_cache->UpdatePage(page)) {
      session.Clear();
      return NeedsBuild("a page's place in the site changed");
    }
  }
  if (!placed.empty()) session.render_cache->PlacesChanged(placed);
  // Deleted pages after the edits, which may take away the links to them: each checked
  // against the model the changes before it left (the first was checked above when alone).
  for (size_t k = 0; k < deletions.size(); ++k) {
    if (k > 0 || !edits.empty()) {
      std::string why = CheckDeletedPage(session, originals[k], deleted, deletions[k]);
      if (why.empty() && k == 0 && !edits.empty()) why = check_rename();
      if (!why.empty()) {
        session.Clear();
        return NeedsBuild(why);
      }
    }
    RemovePage(session, deletions[k], changed_pages, removed_files);  // hashes what it changes
  }
  if (new_page) AddNewPage(session, *new_page, changed_pages);  // likewise
  while (!added.empty()) {                                      // the other new pages
    NewPage next;
    if (std::string why = NextNewPage(session, fs, added, next); !why.empty()) {
      session.Clear();
      return NeedsBuild(why);
    }
    AddNewPage(session, next, changed_pages);
  }
  // The sections of edited pages too: a date that comes or goes may give or take a feed.
  std::vector<int> lists = changed_pages;
  for (const auto& e : edits) lists.push_back(site.pages[e.page].parent);
  if (std::string why = MatchJobs(session, lists, removed_files); !why.empty()) {
    session.Clear();
    return NeedsBuild(why);
  }
  DiagnosticList local;
  std::sort(changed_pages.begin(), changed_pages.end());
  changed_pages.erase(std::unique(changed_pages.begin(), changed_pages.end()), changed_pages.end());
  std::vector<size_t> stale;
  for (size_t j = 0; j < session.jobs.size(); ++j) {
    // The structure is as it was, so only a job that read a changed page can have
    // another fingerprint (a job reads its own page, a feed its section's pages).
    const PageReads& read = session.reads[j];
    if (!read.all && !std::any_of(changed_pages.begin(), changed_pages.end(), [&](int page) {
          return std::binary_search(read.pages.begin(), read.pages.end(), page) ||
                 std::binary_search(read.places.begin(), read.places.end(), page);
        }))
      continue;
    if (session.render_cache->Fingerprint(session.jobs[j], read) != session.fingerprints[j])
      stale.push_back(j);
  }
  // On every core, as a build renders: a page that many others show (a section's title
  // in its pages' breadcrumbs) can make thousands of jobs stale.
  std::vector<std::vector<std::pair<std::string, std::string>>> outputs(stale.size());
  ParallelForWorker(stale.size(), [&](size_t k, unsigned worker) {
    size_t j = stale[k];
    PageReads reads;
    {
      RecordPageReads record(reads);
      session.renderer->Render(
          session.jobs[j], worker,
          [&](const std::string& path, std::string content) {
            outputs[k].emplace_back(path, std::move(content));
          },
          local);
    }
    reads.Normalize();
    session.fingerprints[j] = session.render_cache->Fingerprint(session.jobs[j], reads);
    session.reads[j] = std::move(reads);
  });
  if (local.has_errors()) {
    session.Clear();
    return NeedsBuild("a page did not render");
  }
  for (const StaticFile& f : copies) {
    Status s = out.Copy(fs, f.source, f.output);
    if (!s.ok()) {
      diags.Error({f.source, 0, 0}, s.message());
      session.Clear();
      return NeedsBuild("a file could not be copied: " + s.message());
    }
  }
  PatchResult result;
  result.outcome = PatchResult::kPatched;
  result.pages = edits.size() + new_pages;
  for (const StaticFile& f : copies) result.written.push_back(f.output);
  for (const DeletedPage& d : deletions) result.pages += d.versions.size();
  result.removed = std::move(removed_files);
  result.jobs = stale.size();
  for (const auto& job_files : outputs) {
    for (const auto& [path, content] : job_files) {
      Status s = out.Write(path, content);
      if (!s.ok()) {
        diags.Error({path, 0, 0}, s.message());
        session.Clear();
        return NeedsBuild("a file could not be written: " + s.message());
      }
      result.written.push_back(path);
    }
  }
  // A page, a term or a list page may take the address of a copied file deleted in the
  // same change: that file is written, not removed.
  if (!result.removed.empty()) {
    const std::unordered_set<std::string> written(result.written.begin(), result.written.end());
    std::erase_if(result.removed, [&](const std::string& f) { return written.count(f) > 0; });
  }
  return result;
}

}  // namespace yhdessa
