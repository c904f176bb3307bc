#include "generator/cache/render_cache.h"

#include <algorithm>
#include <unordered_map>

#include "common/round/round_definition.h"
#include "generator/cache/content_hash.h"
#include "generator/core/parallel.h"
#include "generator/model/site_assembly.h"
#include "generator/render/round_view.h"

namespace yhdessa {
namespace {

void HashValue(ContentHash& h, const Value& v) {
  h.U64(static_cast<uint64_t>(v.kind())).Bytes(v.text()).U64(v.quoted());
  h.U64(v.items().size());
  for (const auto& item : v.items()) HashValue(h, item);
  h.U64(v.entries().size());
  for (const auto& [key, value] : v.entries()) {
    h.Bytes(key);
    HashValue(h, value);
  }
}

// The fields, not Iso(): the same information without formatting a string (four dates
// of every page are hashed on every build).
void HashDate(ContentHash& h, const std::optional<DateTime>& d) {
  h.U64(d.has_value());
  if (!d) return;
  h.I64(d->year).I64(d->month).I64(d->day).U64(d->has_time);
  h.I64(d->hour).I64(d->minute).I64(d->second).I64(d->offset_minutes);
}

// `h` followed by the list's length and every hash in it.
uint64_t HashList(ContentHash h, const std::vector<uint64_t>& hashes) {
  h.U64(hashes.size());
  for (uint64_t v : hashes) h.U64(v);
  return h.Digest();
}

// Pages are hashed by their identity (PageIds), never by their index: a page added or
// removed shifts the indices of the pages after it, and what the previous build recorded
// must still match for every page that did not change.
using Ids = std::vector<uint64_t>;

uint64_t IdOf(const Ids& ids, int page) {
  return page < 0 ? 0 : ids[static_cast<size_t>(page)];
}

void HashPages(ContentHash& h, const Ids& ids, const std::vector<int>& v) {
  h.U64(v.size());
  for (int i : v) h.U64(IdOf(ids, i));
}

// The pages of a list whatever their order (PageOrder has the order).
void HashPageSet(ContentHash& h, const Ids& ids, const std::vector<int>& v) {
  std::vector<uint64_t> set;
  set.reserve(v.size());
  for (int i : v) set.push_back(IdOf(ids, i));
  std::sort(set.begin(), set.end());
  h.U64(set.size());
  for (uint64_t id : set) h.U64(id);
}

// A page's place in the site: what decides which pages exist, where, and which pages
// the jobs that read it go on to read. A job that read the page, or its place, is stale
// when it changes. Its lists count as sets here: their order is PageOrder's. With
// `versions`, the hash of the page's language versions (TranslationGroups: the switcher
// reads them from the model's translations, which are therefore not part of the site's
// structure).
uint64_t PageStructure(const Ids& ids, const Page& p, uint64_t versions) {
  ContentHash h;
  h.U64(static_cast<uint64_t>(p.type))
      .Bytes(p.file)
      .Bytes(p.content_path)
      .Bytes(p.lang)
      .Bytes(p.url);
  const FrontMatter& fm = p.fm;
  // Not its aliases: only their redirects read them (RenderCache::Fingerprint).
  h.Bytes(fm.slug).Bytes(fm.kind);
  h.U64(fm.taxonomies.size());
  for (const auto& [name, terms] : fm.taxonomies) {
    h.Bytes(name).U64(terms.size());
    for (const auto& t : terms) h.Bytes(t);
  }
  h.U64(IdOf(ids, p.parent));
  HashPageSet(h, ids, p.pages);
  HashPageSet(h, ids, p.sections);
  h.U64(p.resources.size());
  for (const auto& r : p.resources) h.Bytes(r);
  h.I64(p.taxonomy).Bytes(p.term);
  HashPageSet(h, ids, p.term_pages);
  h.Bytes(p.translation_key).U64(IdOf(ids, p.original)).Bytes(p.facet).Bytes(p.results_round);
  h.U64(p.measures.size());
  for (const auto& m : p.measures) h.U64(IdOf(ids, m.page)).U64(m.goal).U64(m.measure);
  h.U64(versions);
  return h.Digest();
}

// By page: the hash of its language versions (0: none), one walk over the translations.
std::vector<uint64_t> TranslationGroups(const Site& site, const Ids& ids) {
  std::vector<uint64_t> groups(site.pages.size(), 0);
  for (const auto& [key, langs] : site.translations) {
    ContentHash h;
    h.U64(langs.size());
    for (const auto& [lang, page] : langs) h.Bytes(lang).U64(IdOf(ids, page));
    uint64_t g = h.Digest();
    for (const auto& [lang, page] : langs) groups[static_cast<size_t>(page)] = g;
  }
  return groups;
}

// The order of a page's lists, for the jobs that read the page (see render_cache.h).
uint64_t PageOrder(const Ids& ids, const Page& p) {
  ContentHash h;
  HashPages(h, ids, p.pages);
  HashPages(h, ids, p.sections);
  HashPages(h, ids, p.term_pages);
  return h.Digest();
}

// What a page shows of itself to the jobs that read it: all of it but its place (above)
// and its rendered body. `typed_raw`: the front matter its typed content was read from
// (a translation shares its original's).
uint64_t PageDisplay(const Page& p, uint64_t raw, uint64_t typed_raw) {
  ContentHash h;
  const FrontMatter& fm = p.fm;
  h.Bytes(fm.title).Bytes(fm.description);
  HashDate(h, fm.date);
  HashDate(h, fm.lastmod);
  HashDate(h, fm.publish_date);
  HashDate(h, fm.expiry_date);
  h.U64(fm.draft).U64(fm.toc).I64(fm.weight).Bytes(fm.layout);
  h.U64(fm.plain_language).U64(raw).U64(typed_raw);
  h.U64(p.md.headings.size());
  for (const auto& hd : p.md.headings) h.I64(hd.level).Bytes(hd.text).Bytes(hd.id);
  h.Bytes(p.md.first_paragraph).U64(p.md.word_count);
  return h.Digest();
}

// A page's rendered body: its HTML (`html`, its hash) and where the ballots of its
// directives go in it. A directive's paragraph is left out of the HTML, so a directive
// moved, or pointed at another round or area, leaves the HTML as it was; the heading a
// ballot follows, by line, sets its heading's level.
uint64_t BodyHash(const Page& p, uint64_t html) {
  if (p.ballots.empty()) return html;
  ContentHash h;
  h.U64(html).U64(p.ballots.size());
  for (const auto& b : p.ballots) h.U64(b.round).U64(b.area).U64(b.html_offset).I64(b.line);
  for (const auto& hd : p.md.headings) h.I64(hd.line);
  return h.Digest();
}

uint64_t RawHash(const Page& p) {
  ContentHash h;
  HashValue(h, p.fm.raw);
  return h.Digest();
}

// What the model derives from pages into members of its own: renderers read these
// without reading the pages they come from. A change of any of it makes every job stale.
// Not here: a term's pages (renderers read them from the term's page, whose place and
// order have them), a taxonomy's terms (its list page has their pages as its child pages,
// and a page's own terms are in its place), a page's language versions (PageStructure),
// and the aliases (only an alias's own job reads it, and the page it leads to: its
// fingerprint has both), so that a new page in a section, a page's first use of a term,
// or an alias added, makes stale the jobs that read the section, the taxonomy, the terms
// or the page, not all.
uint64_t DerivedStructure(const Site& site, const Ids& ids) {
  ContentHash h;
  h.U64(site.taxonomies.size());
  for (const auto& t : site.taxonomies)
    h.Bytes(t.config.name).Bytes(t.config.title).Bytes(t.lang).U64(IdOf(ids, t.page)).Bytes(t.url);
  // The generated pages' versions (results, receipts, the accessibility statement) are
  // looked up by key, not through a page a job read.
  for (const auto& [key, langs] : site.translations) {
    if (!key.starts_with("_yhdessa/")) continue;
    h.Bytes(key).U64(langs.size());
    for (const auto& [lang, page] : langs) h.Bytes(lang).U64(IdOf(ids, page));
  }
  h.U64(site.catalogues.size());
  for (const auto& [section, facets] : site.catalogues) {
    h.U64(IdOf(ids, section)).U64(facets.size());
    for (const auto& [facet, values] : facets) {
      h.Bytes(facet).U64(values.size());
      for (const auto& [value, page] : values) h.Bytes(value).U64(IdOf(ids, page));
    }
  }
  h.U64(site.rounds.size());
  for (const auto& r : site.rounds) h.Bytes(RoundToJson(r));
  h.U64(site.results_pages.size());
  for (const auto& [round, page] : site.results_pages) h.Bytes(round).U64(IdOf(ids, page));
  h.U64(site.accessibility_pages.size());
  for (const auto& [lang, page] : site.accessibility_pages) h.Bytes(lang).U64(IdOf(ids, page));
  h.U64(site.unpublished.size());
  for (const auto& u : site.unpublished) h.Bytes(u);
  return h.Digest();
}

void HashFiles(ContentHash& h, const FileSystem& fs, const std::string& dir) {
  for (const auto& f : fs.ListFiles(dir)) {
    auto data = fs.ReadFile(f);
    h.Bytes(f).Bytes(data.ok() ? *data : std::string("\0unreadable", 11));
  }
}

}  // namespace

uint64_t GlobalInputsHash(const FileSystem& fs, const Site& site, const std::string& theme_dir,
                          const std::string& options) {
  ContentHash h;
  h.Bytes(options);
  auto config = fs.ReadFile("site.yaml");
  h.Bytes(config.ok() ? *config : std::string());
  h.Bytes(theme_dir);
  HashFiles(h, fs, theme_dir);
  HashFiles(h, fs, "data");
  if (!site.config.accessibility_statement.empty()) {
    auto a = fs.ReadFile(site.config.accessibility_statement);
    h.Bytes(a.ok() ? *a : std::string());
  }
  // Static files are copied, not read by templates; their addresses are (links, images).
  h.U64(site.static_files.size());
  for (const auto& s : site.static_files) h.Bytes(s.source).Bytes(s.output);
  h.U64(site.content_file_urls.size());
  for (const auto& [file, url] : site.content_file_urls) h.Bytes(file).Bytes(url);
  // Rounds say whether they are open: their pages depend on the clock, but only through
  // each round's phase (hashing the clock would render every page on every build).
  h.U64(site.rounds.size());
  for (const auto& r : site.rounds) h.U64(static_cast<uint64_t>(PhaseAt(r, site.now)));
  // So do the pages marked as not yet published (shown with --future).
  for (const Page& p : site.pages) {
    if (IsFuture(p.fm, site.now)) h.U64(PageId(p));
  }
  return h.Digest();
}

uint64_t PageId(const Page& p) {
  return HashBytes(p.url);
}

RenderCache::RenderCache(BuildCache& cache, const Site& site, uint64_t global_inputs,
                         const std::vector<std::optional<uint64_t>>& html_hashes)
    : cache_(cache),
      site_(site),
      ids_(site.pages.size()),
      structure_(site.pages.size()),
      order_(site.pages.size()),
      display_(site.pages.size()),
      bodies_(site.pages.size()) {
  size_t n = site.pages.size();
  raw_.resize(n);
  typed_owner_.assign(n, -1);
  ParallelFor(n, [&](size_t i) { ids_[i] = PageId(site.pages[i]); });
  // Most builds have the previous build's pages in the same places: nothing to translate.
  same_ids_ = cache_.previous_page_ids() == ids_;
  if (!same_ids_) {
    id_index_.reserve(n);
    for (size_t i = 0; i < n; ++i) id_index_.emplace(ids_[i], static_cast<int>(i));
  }
  cache_.RecordPageIds(ids_);
  versions_ = TranslationGroups(site, ids_);
  ParallelFor(n, [&](size_t i) {
    HashPage(i, i < html_hashes.size() && html_hashes[i] ? *html_hashes[i]
                                                         : HashBytes(site.pages[i].md.html));
  });
  // Typed content is read from one page's front matter and shared by its translations.
  std::unordered_map<const TypedContent*, int> owners;
  for (size_t i = 0; i < n; ++i) {
    const Page& p = site.pages[i];
    if (p.typed && p.lang == site.config.default_language)
      owners.emplace(p.typed.get(), static_cast<int>(i));
  }
  for (size_t i = 0; i < n; ++i) {
    const Page& p = site.pages[i];
    if (!p.typed) continue;
    auto o = owners.find(p.typed.get());
    typed_owner_[i] = o == owners.end() ? static_cast<int>(i) : o->second;
  }
  ParallelFor(n, [&](size_t i) { display_[i] = Display(i); });
  site_structure_ = ContentHash().U64(global_inputs).U64(DerivedStructure(site, ids_)).Digest();
  HashAll();
}

void RenderCache::HashPage(size_t i, uint64_t html) {
  const Page& p = site_.pages[i];
  structure_[i] = PageStructure(ids_, p, versions_[i]);
  order_[i] = PageOrder(ids_, p);
  raw_[i] = RawHash(p);
  bodies_[i] = BodyHash(p, html);
}

void RenderCache::HashAll() {
  structure_all_ = HashList(ContentHash().U64(site_structure_), structure_);
  display_all_ = HashList(ContentHash(), display_);
  order_all_ = HashList(ContentHash(), order_);
}

uint64_t RenderCache::Display(size_t page) const {
  int owner = typed_owner_[page];
  return PageDisplay(site_.pages[page], raw_[page], owner < 0 ? 0 : raw_[owner]);
}

bool RenderCache::UpdatePage(int page) {
  const Page& p = site_.pages[page];
  if (PageStructure(ids_, p, versions_[page]) != structure_[page]) return false;
  if (uint64_t order = PageOrder(ids_, p); order != order_[page]) {
    order_[page] = order;
    order_all_ = HashList(ContentHash(), order_);
  }
  bodies_[page] = BodyHash(p, HashBytes(p.md.html));
  raw_[page] = RawHash(p);
  // The pages that share its typed content (its translations) show it too.
  for (size_t i = 0; i < display_.size(); ++i) {
    if (static_cast<int>(i) == page || typed_owner_[i] == page) display_[i] = Display(i);
  }
  display_all_ = HashList(ContentHash(), display_);
  return true;
}

void RenderCache::PlacesChanged(const std::vector<int>& changed) {
  size_t before = ids_.size(), n = site_.pages.size();
  ids_.resize(n);
  structure_.resize(n);
  order_.resize(n);
  display_.resize(n);
  bodies_.resize(n);
  raw_.resize(n);
  typed_owner_.resize(n, -1);  // an added page has no typed content (SitePatch)
  for (size_t i = before; i < n; ++i) ids_[i] = PageId(site_.pages[i]);
  versions_ = TranslationGroups(site_, ids_);
  std::vector<size_t> again;
  for (size_t i = before; i < n; ++i) again.push_back(i);
  for (int i : changed) again.push_back(static_cast<size_t>(i));
  for (size_t i : again) HashPage(i, HashBytes(site_.pages[i].md.html));
  for (size_t i : again) display_[i] = Display(i);
  HashAll();
}

std::string RenderCache::Key(const RenderJob& job) const {
  switch (job.kind) {
    case RenderJob::kPage:
      return "page " + PaginationUrl(site_.pages[job.page].url, job.pager);
    case RenderJob::kAlias:
      return "alias " + site_.aliases[job.page].url;
    case RenderJob::kFeed:
      return "feed " + site_.pages[job.page].url;
    case RenderJob::kSitemap:
      return "sitemap";
    default:
      return "";
  }
}

uint64_t RenderCache::Fingerprint(const RenderJob& job, const PageReads& reads) const {
  ContentHash h;
  h.U64(site_structure_).U64(static_cast<uint64_t>(job.kind)).U64(job.pager);
  // Which job: its page's identity, an alias's address (the key's) and the page it leads
  // to (also in its reads, which have what the redirect shows of that page), a round by
  // number.
  if (job.kind == RenderJob::kAlias) {
    const Alias& a = site_.aliases[job.page];
    h.Bytes(a.url).U64(IdOf(ids_, a.page)).Bytes(a.file);
  } else if (job.page >= 0 && job.kind != RenderJob::kManifest) {
    h.U64(ids_[job.page]);
  } else {
    h.I64(job.page);
  }
  if (job.kind == RenderJob::kPage) {
    h.U64(bodies_[job.page]);
  } else if (job.kind == RenderJob::kFeed) {
    // A section's feed carries the bodies of the section's pages.
    for (int i : site_.pages[job.page].pages) h.U64(bodies_[i]);
  }
  if (reads.all) {
    h.U64(structure_all_).U64(display_all_).U64(order_all_);
  } else {
    h.U64(reads.pages.size());
    for (int r : reads.pages) {
      // A page number this site does not have (from a damaged cache): a value no
      // fingerprint recorded by this build has, so the job is rendered.
      if (r < 0 || static_cast<size_t>(r) >= display_.size()) return ~structure_all_;
      h.U64(ids_[r]).U64(structure_[r]).U64(display_[r]).U64(order_[r]);
    }
    h.U64(reads.places.size());
    for (int r : reads.places) {
      if (r < 0 || static_cast<size_t>(r) >= display_.size()) return ~structure_all_;
      h.U64(ids_[r]).U64(structure_[r]);
    }
  }
  return h.Digest();
}

std::optional<PageReads> RenderCache::Translate(const PageReads& previous) const {
  if (same_ids_) return previous;
  const std::vector<uint64_t>& before = cache_.previous_page_ids();
  PageReads now;
  now.all = previous.all;
  auto translate = [&](const std::vector<int>& from, std::vector<int>& to) {
    to.reserve(from.size());
    for (int r : from) {
      if (r < 0 || static_cast<size_t>(r) >= before.size()) return false;
      auto it = id_index_.find(before[static_cast<size_t>(r)]);
      if (it == id_index_.end()) return false;  // a page the site no longer has
      to.push_back(it->second);
    }
    return true;
  };
  if (!translate(previous.pages, now.pages) || !translate(previous.places, now.places))
    return std::nullopt;
  now.Normalize();
  return now;
}

RenderCache::Lookup RenderCache::Find(const RenderJob& job, const ReuseFn& reuse) const {
  Lookup l;
  l.key = Key(job);
  if (l.key.empty()) return l;
  const CacheEntry* prev = cache_.Previous(l.key);
  if (!prev || prev->outputs.size() != 1) return l;
  std::optional<PageReads> reads = Translate(prev->reads);
  if (!reads || Fingerprint(job, *reads) != prev->fingerprint) return l;
  if (!reuse(prev->outputs[0].path, prev->outputs[0].stamp)) return l;
  l.reused = true;
  l.previous = prev;
  l.reads = std::move(*reads);
  CacheEntry e = *prev;
  e.reads = l.reads;  // in this build's page numbers, as the next build will read them
  cache_.Record(l.key, std::move(e));
  return l;
}

uint64_t RenderCache::Store(const RenderJob& job, const Lookup& lookup, const PageReads& reads,
                            const std::vector<std::string>& paths) const {
  uint64_t fingerprint = Fingerprint(job, reads);
  if (lookup.key.empty()) return fingerprint;
  CacheEntry e;
  e.fingerprint = fingerprint;
  e.reads = reads;
  for (const auto& p : paths) e.outputs.push_back({p, 0});
  cache_.Record(lookup.key, std::move(e));
  return fingerprint;
}

}  // namespace yhdessa
