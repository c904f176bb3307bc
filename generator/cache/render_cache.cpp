#include "generator/cache/render_cache.h"

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

void HashInts(ContentHash& h, const std::vector<int>& v) {
  h.U64(v.size());
  for (int i : v) h.I64(i);
}

// Everything about a page that another page's rendering may read: all of it but the body.
uint64_t PageSummary(const Page& p) {
  ContentHash h;
  h.U64(static_cast<uint64_t>(p.type))
      .Bytes(p.file)
      .Bytes(p.content_path)
      .Bytes(p.lang)
      .Bytes(p.url);
  const FrontMatter& fm = p.fm;
  h.Bytes(fm.title).Bytes(fm.description);
  HashDate(h, fm.date);
  HashDate(h, fm.lastmod);
  HashDate(h, fm.publish_date);
  HashDate(h, fm.expiry_date);
  h.U64(fm.draft).U64(fm.toc).I64(fm.weight).Bytes(fm.slug).Bytes(fm.layout).Bytes(fm.kind);
  h.U64(fm.plain_language).Bytes(fm.translation_of);
  h.U64(fm.aliases.size());
  for (const auto& a : fm.aliases) h.Bytes(a);
  h.U64(fm.taxonomies.size());
  for (const auto& [name, terms] : fm.taxonomies) {
    h.Bytes(name).U64(terms.size());
    for (const auto& t : terms) h.Bytes(t);
  }
  HashValue(h, fm.raw);
  h.I64(p.parent);
  HashInts(h, p.pages);
  HashInts(h, p.sections);
  h.U64(p.resources.size());
  for (const auto& r : p.resources) h.Bytes(r);
  h.I64(p.taxonomy).Bytes(p.term);
  HashInts(h, p.term_pages);
  h.Bytes(p.translation_key).I64(p.original).Bytes(p.facet);
  h.U64(p.measures.size());
  for (const auto& m : p.measures) h.I64(m.page).U64(m.goal).U64(m.measure);
  h.U64(p.md.headings.size());
  for (const auto& hd : p.md.headings) h.I64(hd.level).Bytes(hd.text).Bytes(hd.id);
  h.Bytes(p.md.first_paragraph);  // word_count: read by `check` only
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
  for (size_t i = 0; i < site.pages.size(); ++i) {
    if (IsFuture(site.pages[i].fm, site.now)) h.U64(i);
  }
  return h.Digest();
}

RenderCache::RenderCache(BuildCache& cache, const Site& site, uint64_t global_inputs,
                         const std::vector<std::optional<uint64_t>>& html_hashes)
    : cache_(cache), site_(site), bodies_(site.pages.size()) {
  std::vector<uint64_t> summaries(site.pages.size());
  ParallelFor(site.pages.size(), [&](size_t i) {
    summaries[i] = PageSummary(site.pages[i]);
    bodies_[i] = i < html_hashes.size() && html_hashes[i] ? *html_hashes[i]
                                                          : HashBytes(site.pages[i].md.html);
  });
  ContentHash h;
  h.U64(global_inputs).U64(summaries.size());
  for (uint64_t s : summaries) h.U64(s);
  summaries_ = h.Digest();
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

std::optional<uint64_t> RenderCache::Fingerprint(const RenderJob& job) const {
  ContentHash h;
  h.U64(summaries_);
  if (job.kind == RenderJob::kPage) {
    h.I64(job.page).U64(job.pager).U64(bodies_[job.page]);
  } else if (job.kind == RenderJob::kAlias) {
    h.I64(job.page);
  } else if (job.kind == RenderJob::kFeed) {
    // A section's feed reads the summaries and the bodies of the section's pages.
    const Page& p = site_.pages[job.page];
    h.Bytes("feed").I64(job.page).U64(p.pages.size());
    for (int i : p.pages) h.U64(bodies_[i]);
  } else if (job.kind == RenderJob::kSitemap) {
    // Addresses and dates of every page: summaries only (one file on a one-language site;
    // with several languages it writes an index and one file each and is not cached).
    h.Bytes("sitemap");
  } else {
    return std::nullopt;
  }
  return h.Digest();
}

void RenderCache::UpdateBody(int page) {
  bodies_[page] = HashBytes(site_.pages[page].md.html);
}

RenderCache::Lookup RenderCache::Find(const RenderJob& job, const ReuseFn& reuse) const {
  Lookup l;
  std::optional<uint64_t> fingerprint = Fingerprint(job);
  if (!fingerprint) return l;
  l.key = Key(job);
  l.fingerprint = *fingerprint;
  const CacheEntry* prev = cache_.Previous(l.key);
  if (!prev || prev->fingerprint != l.fingerprint || prev->outputs.size() != 1) return l;
  if (!reuse(prev->outputs[0].path, prev->outputs[0].stamp)) return l;
  l.reused = true;
  cache_.Record(l.key, *prev);
  return l;
}

void RenderCache::Store(const Lookup& lookup, const std::vector<std::string>& paths) const {
  if (lookup.key.empty()) return;
  CacheEntry e;
  e.fingerprint = lookup.fingerprint;
  for (const auto& p : paths) e.outputs.push_back({p, 0});
  cache_.Record(lookup.key, std::move(e));
}

}  // namespace yhdessa
