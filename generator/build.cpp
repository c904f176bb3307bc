#include "generator/build.h"

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "generator/cache/content_hash.h"
#include "generator/cache/front_matter_cache.h"
#include "generator/cache/markdown_cache.h"
#include "generator/cache/render_cache.h"
#include "generator/cache/source_cache.h"
#include "generator/cache/source_index.h"
#include "generator/config/site_config.h"
#include "generator/core/file_time.h"
#include "generator/core/parallel.h"
#include "generator/data/yaml_reader.h"
#include "generator/kinds/ballot_directive.h"
#include "generator/kinds/kind_registry.h"
#include "generator/kinds/round_content.h"
#include "generator/model/links.h"
#include "generator/model/measure_index.h"
#include "generator/model/project_catalogue.h"
#include "generator/model/round_results.h"
#include "generator/model/site_assembly.h"
#include "generator/patch/site_patch.h"
#include "generator/render/site_renderer.h"
#include "generator/render/template_set.h"

namespace yhdessa {
namespace {

// Wall and CPU time per phase, and the peak memory at its end: CPU time near twice the
// wall time means both cores were busy; near the wall time, the phase ran on one core (or
// waited for the disk).
class PhaseTimer {
 public:
  explicit PhaseTimer(BuildStats& stats)
      : stats_(stats), start_(Clock::now()), cpu_ms_(Now().cpu_ms) {}
  void Done(const char* name) {
    auto now = Clock::now();
    Usage usage = Now();
    stats_.phases.push_back({name, std::chrono::duration<double, std::milli>(now - start_).count(),
                             usage.cpu_ms - cpu_ms_, usage.peak_mib});
    start_ = now;
    cpu_ms_ = usage.cpu_ms;
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Usage {
    double cpu_ms = 0;    // user + system, all threads, since the process started
    double peak_mib = 0;  // peak resident memory so far
  };
  static Usage Now() {
    rusage u{};
    if (::getrusage(RUSAGE_SELF, &u) != 0) return {};
    auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
    return {ms(u.ru_utime) + ms(u.ru_stime), u.ru_maxrss / 1024.0};  // ru_maxrss: KiB on Linux
  }
  BuildStats& stats_;
  Clock::time_point start_;
  double cpu_ms_;
};

// FNV-1a, 64 bits: enough to bust caches when an asset changes; not a security hash.
std::string Fingerprint(std::string_view data) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 10; ++i) out += kHex[(h >> (60 - 4 * i)) & 0xF];
  return out;
}

std::map<std::string, std::map<std::string, std::string>> LoadI18n(const FileSystem& fs,
                                                                   const std::string& dir,
                                                                   DiagnosticList& diags) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& f : fs.ListFiles(dir)) {
    std::string base = BaseName(f);
    if (base.size() < 6 || base.compare(base.size() - 5, 5, ".yaml") != 0) continue;
    auto text = fs.ReadFile(f);
    if (!text.ok()) continue;
    auto v = ParseYaml(*text, f, 1, diags);
    if (!v || !v->is_map()) continue;
    auto& strings = out[base.substr(0, base.size() - 5)];
    for (const auto& [k, s] : v->entries()) {
      if (s.is_scalar()) {
        strings[k] = s.text();
      } else {
        diags.Error(s.pos(), "UI string '" + k + "' must be a text");
      }
    }
  }
  return out;
}

// data/**/*.yaml (and .yml) as one map, nested by folder and file name, for templates
// (`site.data.kunnat.alueet`).
Value LoadData(const FileSystem& fs, DiagnosticList& diags) {
  Value root = Value::Map({"data", 0, 0});
  for (const auto& f : fs.ListFiles("data")) {
    std::string rel = f.substr(5);
    size_t dot = rel.rfind('.');
    if (dot == std::string::npos) continue;
    std::string ext = rel.substr(dot);
    if (ext != ".yaml" && ext != ".yml") continue;
    auto text = fs.ReadFile(f);
    if (!text.ok()) continue;
    auto v = ParseYaml(*text, f, 1, diags);
    if (!v) continue;
    // Walk/create the folders as nested maps.
    std::vector<std::string> parts;
    std::string stem = rel.substr(0, dot);
    for (size_t start = 0;;) {
      size_t slash = stem.find('/', start);
      parts.push_back(
          stem.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    Value* at = &root;
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      if (!at->Find(parts[i])) at->Insert(parts[i], Value::Map({f, 0, 0}), {f, 0, 0});
      at = at->Find(parts[i]);
    }
    if (at->Find(parts.back())) {
      diags.Error({f, 0, 0},
                  "data '" + stem + "' is defined twice (a file and a folder, or .yaml and .yml)");
      continue;
    }
    at->Insert(parts.back(), std::move(*v), {f, 0, 0});
  }
  return root;
}

// The accessibility statement, one page per language at the address its UI strings give
// (/saavutettavuusseloste/, /sv/tillganglighetsutlatande/, /en/accessibility-statement/).
void AddAccessibilityStatement(
    const FileSystem& fs, const std::map<std::string, std::map<std::string, std::string>>& i18n,
    Site& site, DiagnosticList& diags) {
  const std::string& file = site.config.accessibility_statement;
  if (file.empty()) return;
  auto text = fs.ReadFile(file);
  if (!text.ok()) {
    diags.Error({"site.yaml", 0, 0}, "accessibility_statement: " + text.status().message(),
                "create the file or fix the path (relative to the site folder)");
    return;
  }
  auto v = ParseYaml(*text, file, 1, diags);
  if (!v) return;
  site.accessibility = ParseAccessibilityStatement(*v, file, diags);
  if (!site.accessibility) return;
  for (const auto& l : site.config.languages) {
    auto strings = i18n.find(l.code);
    auto get = [&](const char* key) {
      if (strings == i18n.end()) return std::string(key);
      auto it = strings->second.find(key);
      return it == strings->second.end() ? std::string(key) : it->second;
    };
    Page p;
    p.type = PageType::kAccessibility;
    p.lang = l.code;
    p.file = file;
    p.fm.title = get("a11y_title");
    p.url =
        (l.code == site.config.default_language ? "" : "/" + l.code) + "/" + get("a11y_slug") + "/";
    p.parent = site.home(l.code);
    p.translation_key = "_yhdessa/accessibility-statement";
    site.pages.push_back(std::move(p));
    int idx = static_cast<int>(site.pages.size()) - 1;
    auto [it, fresh] = site.by_url.emplace(site.pages[idx].url, idx);
    if (!fresh) {
      diags.Error(
          {site.pages[it->second].file, 1, 1},
          "the address '" + site.pages[idx].url + "' is reserved for the accessibility statement");
    }
    site.accessibility_pages[l.code] = idx;
    site.translations["_yhdessa/accessibility-statement"][l.code] = idx;
  }
}

// Every language of the site needs every UI string the theme uses in any language:
// a missing one would show its key to readers.
void CheckI18n(const std::map<std::string, std::map<std::string, std::string>>& i18n,
               const SiteConfig& config, const std::string& dir, DiagnosticList& diags) {
  if (i18n.empty()) return;  // a theme without UI strings (all text in its templates)
  std::set<std::string> keys;
  for (const auto& l : config.languages) {
    if (auto it = i18n.find(l.code); it != i18n.end()) {
      for (const auto& [k, v] : it->second) keys.insert(k);
    }
  }
  for (const auto& l : config.languages) {
    std::string file = dir + "/" + l.code + ".yaml";
    auto it = i18n.find(l.code);
    if (it == i18n.end()) {
      diags.Error({file, 0, 0}, "the theme has no UI strings for language '" + l.code + "'",
                  "create " + file + " with the same keys as the other languages");
      continue;
    }
    for (const auto& k : keys) {
      if (!it->second.count(k)) {
        diags.Error({file, 0, 0}, "UI string '" + k + "' is missing for language '" + l.code + "'",
                    "add a line '" + k + ": …' to " + file);
      }
    }
  }
}

// A body reused from the Markdown cache whose HTML was left there (LazyHtml), with what
// rendering it again takes: a build's log holds no HTML (BuildCache::set_keep_html), and
// HTML held may turn out damaged.
struct DeferredBody {
  LazyHtml html;
  std::vector<std::string> answers;  // the link resolver's, replayed by Reuse
  uint64_t body_hash = 0;            // SourceIndex's
};

// Loads the HTML of the deferred bodies that the jobs not reused read: a page job its
// page's, a feed its entries'. (The other jobs read no body: see RenderCache.)
// A body whose HTML the log does not hold, or holds damaged, is read from its file and
// rendered again.
void LoadDeferredBodies(const FileSystem& fs, Site& site, const std::vector<RenderJob>& jobs,
                        const std::vector<RenderCache::Lookup>& lookups,
                        const std::vector<std::optional<DeferredBody>>& deferred,
                        const MarkdownCache& md_cache,
                        const std::function<MarkdownOptions(const Page&)>& options_for,
                        DiagnosticList& diags) {
  std::vector<char> needed(site.pages.size(), 0);
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (lookups[i].reused || jobs[i].page < 0) continue;
    if (jobs[i].kind == RenderJob::kPage) needed[jobs[i].page] = 1;
    if (jobs[i].kind == RenderJob::kFeed) {
      for (int p : FeedEntries(site, site.pages[jobs[i].page])) needed[p] = 1;
    }
  }
  std::vector<size_t> load;
  for (size_t i = 0; i < needed.size(); ++i) {
    if (needed[i] && deferred[i]) load.push_back(i);
  }
  ParallelFor(load.size(), [&](size_t k) {
    size_t i = load[k];
    Page& p = site.pages[i];
    const DeferredBody& d = *deferred[i];
    if (std::optional<std::string> html = md_cache.Html(d.html)) {
      p.md.html = std::move(*html);
      return;
    }
    auto text = fs.ReadFile(p.file);
    std::string_view body;
    if (text.ok() && p.body_offset <= text->size())
      body = std::string_view(*text).substr(p.body_offset);
    if (!text.ok() || HashBytes(body) != d.body_hash) {
      diags.Error({p.file, 0, 0}, "the file changed while the site was built", "build again");
      return;
    }
    // The same body makes the same calls: all of them are answered from the replay.
    std::vector<AnchorRef> anchors;  // checked with the replay already
    auto resolve = [&](const std::string& url, bool, SourcePos pos) {
      return ResolveLink(site, static_cast<int>(i), url, pos, diags, anchors);
    };
    p.md.html = md_cache
                    .RenderAgain(body, d.body_hash, p.file, p.body_line, options_for(p), resolve,
                                 d.answers, diags)
                    .html;
  });
}

// `base` as it is, its writes and copies counted into `time` (FileTime).
class TimedSink : public OutputSink {
 public:
  TimedSink(OutputSink& base, FileTime& time) : base_(base), time_(time) {}
  Status Write(const std::string& path, std::string_view data) override {
    auto start = std::chrono::steady_clock::now();
    Status s = base_.Write(path, data);
    time_.Add(start);
    return s;
  }
  Status Copy(const FileSystem& fs, const std::string& source, const std::string& path) override {
    auto start = std::chrono::steady_clock::now();
    Status s = base_.Copy(fs, source, path);
    time_.Add(start);
    return s;
  }
  bool Reuse(const std::string& path, uint64_t stamp) override { return base_.Reuse(path, stamp); }
  void PrepareFolders(std::vector<std::string> folders) override {
    base_.PrepareFolders(std::move(folders));
  }

 private:
  OutputSink& base_;
  FileTime& time_;
};

}  // namespace

BuildStats BuildSite(const FileSystem& source_fs, OutputSink& sink, const BuildOptions& options,
                     DiagnosticList& diags, Site* model) {
  BuildStats stats;
  PhaseTimer timer(stats);
  // BuildOptions::stop: `stopping` in the loops (the item is skipped), `stop` after them
  // (the build ends before anything reads what they skipped).
  auto stopping = [&] { return options.stop && options.stop->load(std::memory_order_relaxed); };
  auto stop = [&] { return stats.stopped = stopping(); };
  FileTime reading, writing;
  const TimedFileSystem fs(source_fs, reading);
  TimedSink out(sink, writing);
  auto file_work = [&] {
    stats.reading = {reading.files(), reading.ms()};
    stats.writing = {writing.files(), writing.ms()};
  };

  // Config.
  auto config_text = fs.ReadFile("site.yaml");
  if (!config_text.ok()) {
    diags.Error({"site.yaml", 0, 0}, "no site.yaml in the site folder",
                "run yhdessa in the site's root folder, or pass --source DIR");
    return stats;
  }
  std::optional<SiteConfig> config = ParseSiteConfig(*config_text, "site.yaml", diags);
  if (!config) return stats;
  if (!options.base_url.empty()) {
    config->base_url = options.base_url;
    if (config->base_url.back() != '/') config->base_url += '/';
  }

  // Theme.
  // Not normalised with JoinPath: a theme may live outside the site (themes_dir: ../../themes).
  std::string themes_dir = config->themes_dir;
  while (themes_dir.size() > 1 && themes_dir.back() == '/') themes_dir.pop_back();
  std::string theme_dir = themes_dir + "/" + config->theme;
  if (!fs.IsDirectory(theme_dir)) {
    diags.Error({"site.yaml", 0, 0},
                "theme '" + config->theme + "' not found in " + config->themes_dir + "/",
                "set 'theme' and 'themes_dir' in site.yaml");
    return stats;
  }
  auto templates = TemplateSet::Load(fs, theme_dir, diags);
  for (const char* required :
       {"baseof", "home", "section", "page", "taxonomy", "term", "404", "alias"}) {
    if (!templates->Has(required)) {
      diags.Error({theme_dir + "/templates/" + required + ".mustache", 0, 0},
                  std::string("missing template '") + required + "'",
                  "every theme needs it; looked in " + templates->dir() + "/");
    }
  }
  auto i18n = LoadI18n(fs, theme_dir + "/i18n", diags);
  CheckI18n(i18n, *config, theme_dir + "/i18n", diags);
  timer.Done("load theme");

  // Content: read and parse in parallel.
  std::vector<std::string> content_files = fs.ListFiles("content");
  if (options.session) {
    options.session->Clear();
    options.session->content_files.insert(content_files.begin(), content_files.end());
  }
  std::vector<std::string> md_files, other_files;
  for (auto& f : content_files) {
    std::string rel = f.substr(8);  // after "content/"
    if (rel.size() > 3 && rel.compare(rel.size() - 3, 3, ".md") == 0) {
      md_files.push_back(std::move(rel));
    } else {
      other_files.push_back(std::move(rel));
    }
  }
  // Each page is made in its place in the vector the model takes over (AssembleSite), with
  // room for the pages the model adds (sections, taxonomies, ...): a page is large, and
  // moving 10 000 of them from vector to vector was a tenth of a warm build's model phase.
  std::vector<Page> parsed;
  parsed.reserve(md_files.size() + md_files.size() / 4 + 256);
  parsed.resize(md_files.size());
  std::vector<char> made(md_files.size(), 0);  // parsed[i] holds a page
  auto put = [&](size_t i, std::optional<Page> page) {
    if (!page) return;
    parsed[i] = std::move(*page);
    made[i] = 1;
  };
  const std::vector<std::string> kind_keys = AllKindKeys();
  std::optional<FrontMatterCache> fm_cache;  // unchanged front matter is not parsed again
  FrontMatterParser parse_yaml;
  if (options.cache) {
    // serve renders its next builds from the records in memory; a build's log on disk is
    // smaller without the HTML (see set_keep_html).
    if (options.session) options.cache->set_keep_html(true);
    fm_cache.emplace(*options.cache);
    parse_yaml = [&](std::string_view text, const std::string& file, int line, DiagnosticList& d) {
      return fm_cache->Parse(text, file, line, d);
    };
  }
  if (options.sources)
    options.sources->Begin(ContentHash().Bytes(*config_text).Bytes(options.base_url).Digest());
  // Files not read (unchanged since the previous build, SourceIndex): their body's hash,
  // by file, for the Markdown phase.
  SourceIndex* index =
      fm_cache && !options.sources && !options.keep_sources ? options.source_index : nullptr;
  std::vector<std::optional<uint64_t>> unread_body(md_files.size());
  std::atomic<size_t> files_read{0};
  ParallelFor(md_files.size(), [&](size_t i) {
    if (stopping()) return;
    if (options.sources) {
      put(i, options.sources->Parse(fs, md_files[i], *config, kind_keys, diags, parse_yaml));
      return;
    }
    std::string file = "content/" + md_files[i];
    // Taken before the read, as SourceCache does. Its times also tell whether the file was
    // written too recently for its version to be trusted next time: a write after this
    // look changes the version (its change time is later), unless the one before it was
    // in the same tick, and then that one is recent.
    // With no facts to look up (a first build), from the read's own look.
    std::optional<FileSystem::FileVersion> looked;
    if (index && !index->no_previous()) looked = fs.Stat(file);
    if (const SourceFacts* facts = looked ? index->Find(file, looked->id) : nullptr) {
      std::optional<Value> tree = facts->front_matter_line > 0
                                      ? fm_cache->Take(facts->front_matter_key)
                                      : std::optional<Value>(Value());
      if (tree) {
        DiagnosticList local;
        std::optional<Page> page =
            PageFromFrontMatter(file, md_files[i], std::move(*tree), facts->front_matter_line,
                                facts->body_offset, facts->body_line, *config, kind_keys, local);
        // Anything to report (site.yaml changed, say): the file is read and parsed below,
        // which reports it as a fresh parse does.
        if (page && local.error_count() + local.warning_count() == 0) {
          index->Record(file, *facts);
          unread_body[i] = facts->body_hash;
          put(i, std::move(page));
          return;
        }
      }
    }
    ++files_read;
    FileSystem::FileVersion read_version;
    const bool version_from_read = index && !looked;
    auto text = version_from_read ? fs.ReadFileAndVersion(file, read_version) : fs.ReadFile(file);
    if (version_from_read && text.ok()) looked = read_version;
    if (!text.ok()) {
      diags.Error({file, 0, 0}, text.status().message());
      return;
    }
    if (!looked) {
      put(i, ParsePage(file, md_files[i], std::move(*text), *config, kind_keys, diags, parse_yaml));
      return;
    }
    SourceFacts facts;
    facts.version = looked->id;
    DiagnosticList local;
    put(i, ParsePage(file, md_files[i], std::move(*text), *config, kind_keys, local,
                     [&](std::string_view fm, const std::string& f, int line, DiagnosticList& d) {
                       facts.front_matter_line = line;
                       facts.front_matter_key = FrontMatterCache::Key(fm, f, line);
                       return fm_cache->Parse(fm, f, line, d);
                     }));
    bool clean = local.error_count() + local.warning_count() == 0;
    diags.Merge(std::move(local));
    // Bodies with directives are never taken from the Markdown cache: always read. A file
    // written in the last seconds is read again next time too: on a file system with
    // coarse times a second write of the same size could leave its version as it is.
    if (made[i] && clean && parsed[i].Body().find("{{<") == std::string_view::npos &&
        !ChangedWithin(*looked, 2)) {
      facts.body_offset = parsed[i].body_offset;
      facts.body_line = parsed[i].body_line;
      facts.body_hash = HashBytes(parsed[i].Body());
      index->Record(file, facts);
    }
  });
  if (stop()) return stats;
  std::unordered_map<std::string, uint64_t> unread;  // file -> body hash
  for (size_t i = 0; i < md_files.size(); ++i) {
    if (unread_body[i] && made[i]) unread.emplace(parsed[i].file, *unread_body[i]);
  }
  if (options.sources) {
    options.sources->Prune();
    stats.sources_parsed = options.sources->parsed();
  } else {
    stats.sources_parsed = files_read;
  }
  stats.front_matters_parsed = fm_cache ? fm_cache->parsed() : stats.sources_parsed;
  timer.Done("read + parse");
  if (stop()) return stats;

  // The first moment after the build's clock at which a page's date makes it published,
  // future or expired (SitePatch keeps the model only until then).
  int64_t valid_until = INT64_MAX;
  auto until = [&](const std::optional<DateTime>& d) {
    if (d && d->Epoch() > options.filter.now) valid_until = std::min(valid_until, d->Epoch());
  };
  if (options.session) {
    for (size_t i = 0; i < parsed.size(); ++i) {
      if (!made[i]) continue;
      until(parsed[i].fm.date);
      until(parsed[i].fm.publish_date);
      until(parsed[i].fm.expiry_date);
    }
  }
  // The files that made no page (errors) leave the vector; the others stay where they are.
  size_t kept = 0;
  for (size_t i = 0; i < parsed.size(); ++i) {
    if (!made[i]) continue;
    if (kept != i) parsed[kept] = std::move(parsed[i]);
    ++kept;
  }
  parsed.erase(parsed.begin() + static_cast<std::ptrdiff_t>(kept), parsed.end());
  SiteInputs inputs;
  inputs.pages = std::move(parsed);
  inputs.content_files = std::move(other_files);
  for (const auto& f : fs.ListFiles("static")) inputs.static_files.push_back(f.substr(7));
  std::optional<KindContext> kind_context = ParseKindContext(config->extra, diags);
  // On the heap: a BuildSession keeps it, and the renderer it holds, after the build.
  auto owned_site = std::make_unique<Site>(
      AssembleSite(std::move(*config), std::move(inputs), options.filter, diags));
  Site& site = *owned_site;
  if (kind_context) site.kinds = std::move(*kind_context);
  {
    // Each page's folder, made ahead by the output while Markdown is rendered.
    std::vector<std::string> folders;
    folders.reserve(site.pages.size());
    for (size_t i = 0; i < site.pages.size(); ++i)
      folders.push_back(DirName(SiteRenderer::OutputPath(site.pages.Place(i).url)));
    out.PrepareFolders(std::move(folders));
  }
  timer.Done("model");
  if (stop()) return stats;

  // Typed content (plans, projects, rounds, ...): check each page against its kind.
  ParallelFor(site.pages.size(), [&](size_t i) {
    Page& p = site.pages[i];
    if (p.fm.kind.empty()) return;
    if (p.lang != site.config.default_language && site.DefaultLanguageVersion(p) >= 0)
      return;  // shares its original's
    std::string stem = BaseName(p.content_path);
    stem = stem.substr(0, stem.find('.'));
    if (stem == "index") stem = BaseName(DirName(p.content_path));
    DiagnosticList local;  // the kind parsers count their own errors
    p.typed = ParseTypedContent(p.fm, stem, site.kinds, local);
    diags.Merge(std::move(local));
  });
  // A translation carries only its title and prose (ShareOriginalFrontMatter).
  for (auto& p : site.pages) {
    if (p.typed || p.lang == site.config.default_language || p.translation_key.empty()) continue;
    if (p.type == PageType::kMissingTranslation) continue;  // a notice, not a translation
    int o = site.DefaultLanguageVersion(p);
    if (o < 0) continue;
    const Page& original = site.pages[o];
    if (!original.typed) continue;
    if (!p.fm.kind.empty() && p.fm.kind != original.fm.kind) {
      diags.Error(
          {p.file, 1, 1},
          "kind '" + p.fm.kind + "' differs from the original's kind '" + original.fm.kind + "'",
          "a translation shares its original's data; leave 'kind' out of the translation");
      continue;
    }
    p.typed = original.typed;
    ShareOriginalFrontMatter(p.fm, original.fm);
  }
  {
    std::vector<RoundSource> rounds;
    std::vector<ProposalSource> proposals;
    const std::string& dl = site.config.default_language;
    for (const auto& p : site.pages) {
      if (!p.typed || p.lang != dl) continue;  // translations share the original's round
      if (p.typed->round) {
        rounds.push_back({*p.typed->round, {p.file, 1, 1}});
        rounds.back().round.url = SiteUrl(site, p.url);
      }
      if (p.typed->proposal)
        proposals.push_back({&*p.typed->proposal, SiteUrl(site, p.url), p.file});
    }
    site.rounds = CollectRounds(std::move(rounds), proposals, diags);
    for (const auto& p : site.pages) {
      if (!p.typed || !p.typed->proposal || p.typed->proposal->image.empty()) continue;
      const std::string& image = p.typed->proposal->image;
      if (image.find("://") != std::string::npos) continue;
      if (!site.content_file_urls.count(JoinPath(DirName(p.content_path), image))) {
        diags.Error(
            p.fm.raw.Find("image")->pos(), "image '" + image + "' not found next to " + p.file,
            "put the image in the proposal's folder (a page bundle: <name>/index.md + the image)");
      }
    }
  }
  AddMeasureIndexes(site, diags);
  AddProjectCatalogues(site, diags);
  site.data = LoadData(fs, diags);
  AddAccessibilityStatement(fs, i18n, site, diags);
  site.results = LoadRoundResults(fs, site.rounds, diags);
  AddRoundResultsPages(
      [&](const std::string& lang, const std::string& key) {
        for (const std::string& l : {lang, site.config.default_language}) {
          auto strings = i18n.find(l);
          if (strings == i18n.end()) continue;
          if (auto it = strings->second.find(key); it != strings->second.end()) return it->second;
        }
        return key;
      },
      site, diags);
  timer.Done("typed content");

  // Markdown, then anchors (which need every page's headings).
  MarkdownOptions md_options;
  md_options.unsafe_html = site.config.unsafe_html;
  md_options.count_words = SiteRenderer::ShowsWords(*templates);
  // The page's language's words for the screen-reader texts Markdown adds.
  auto markdown_options_for = [&](const std::string& lang) {
    auto str = [&](const char* key, const char* fallback) {
      auto l = i18n.find(lang);
      if (l != i18n.end()) {
        auto it = l->second.find(key);
        if (it != l->second.end()) return it->second;
      }
      return std::string(fallback);
    };
    MarkdownOptions o = md_options;
    o.anchor_label = str("heading_anchor", "Link to this section");
    o.task_done_label = str("task_done", "done");
    o.task_open_label = str("task_open", "not done");
    return o;
  };
  // Per language, before the renderer takes the UI strings; a language with no strings
  // of its own gets the fallbacks, as markdown_options_for gives it.
  std::map<std::string, MarkdownOptions> options_by_lang;
  for (const auto& l : site.config.languages)
    options_by_lang[l.code] = markdown_options_for(l.code);
  for (const auto& [lang, strings] : i18n) options_by_lang[lang] = markdown_options_for(lang);
  const MarkdownOptions fallback_options = markdown_options_for("");
  auto options_for = [&](const std::string& lang) -> const MarkdownOptions& {
    auto it = options_by_lang.find(lang);
    return it == options_by_lang.end() ? fallback_options : it->second;
  };

  // Assets: fingerprinted names so browsers can cache them for ever.
  std::map<std::string, std::string> assets;
  std::atomic<size_t> files{0};
  for (const auto& f : fs.ListFiles(theme_dir + "/assets")) {
    auto data = fs.ReadFile(f);
    if (!data.ok()) continue;
    std::string rel = f.substr(theme_dir.size() + 8);  // after "<theme>/assets/"
    size_t dot = rel.rfind('.');
    std::string hashed = dot == std::string::npos
                             ? rel + "." + Fingerprint(*data)
                             : rel.substr(0, dot) + "." + Fingerprint(*data) + rel.substr(dot);
    assets[rel] = "/assets/" + hashed;
    Status s = out.Write("assets/" + hashed, *data);
    if (!s.ok()) diags.Error({f, 0, 0}, s.message());
    ++files;
  }

  {
    std::string css = StatusStylesheet(site.kinds.statuses);
    std::string name = "css/statuses." + Fingerprint(css) + ".css";
    assets["css/statuses.css"] = "/assets/" + name;
    Status s = out.Write("assets/" + name, css);
    if (!s.ok()) diags.Error({"site.yaml", 0, 0}, s.message());
    ++files;
  }
  // The renderer reads no page's Markdown until it renders a job (its site views hold
  // titles, menus and addresses), so it is made before the Markdown phase: a full build
  // without the cache renders the plain pages there (see early_render below).
  auto owned_renderer = std::make_unique<SiteRenderer>(site, *templates, std::move(i18n),
                                                       std::move(assets), WorkerCount());
  SiteRenderer& renderer = *owned_renderer;
  stats.partials_rendered_once.assign(renderer.cached_partials().begin(),
                                      renderer.cached_partials().end());
  std::vector<RenderJob> jobs = renderer.Jobs();
  std::atomic<size_t> done_jobs{0}, pages_rendered{0};
  auto job_done_now = [&]() {  // for the progress line
    size_t done = ++done_jobs;
    if (options.progress && (done % 256 == 0 || done == jobs.size()))
      options.progress(done, jobs.size());
  };
  auto write = [&](const std::string& path, std::string content) {
    Status s = out.Write(path, content);
    if (!s.ok()) diags.Error({path, 0, 0}, s.message());
    ++files;
  };

  // A full build renders each plain page (SiteRenderer::ReadsOnlyOwnBody) soon after its
  // Markdown, on the same worker, and then frees that page's HTML unless a feed carries it:
  // the site's rendered bodies are never all in memory at once (peak memory 236 -> 165 MiB
  // on the 10 000-page corpus, and 3-7 % less CPU, most of it the kernel's zeroing of fresh
  // memory). With the build cache only when it has no previous outputs (a first build),
  // where no job can reuse its file: a job's fingerprint needs every page's hashes, so an
  // early job keeps what it read and its files, and its page the hash of its HTML, until
  // the render cache is made after the Markdown phase. Not when SitePatch or `check` keep
  // the whole model.
  const bool cold_cache = options.cache && options.cache->previous_size() == 0;
  const bool early_render = (!options.cache || cold_cache) && !options.session && !model &&
                            !options.keep_sources && unread.empty() && !diags.has_errors();
  std::vector<int> early_job;   // by page: its page job (the first of a list's)
  std::vector<char> job_done;   // by job: rendered early
  std::vector<char> html_kept;  // by page: a feed's entry
  struct EarlyJob {             // with the cache: what a job rendered early read and wrote
    PageReads reads;
    std::vector<std::string> written;
  };
  std::vector<EarlyJob> early_jobs;                        // by job
  std::vector<std::optional<uint64_t>> early_html_hashes;  // by page: of its freed HTML
  if (early_render) {
    early_job.assign(site.pages.size(), -1);
    job_done.assign(jobs.size(), 0);
    html_kept.assign(site.pages.size(), 0);
    if (options.cache) {
      early_jobs.resize(jobs.size());
      early_html_hashes.resize(site.pages.size());
    }
    for (size_t j = 0; j < jobs.size(); ++j) {
      const RenderJob& job = jobs[j];
      if (job.kind == RenderJob::kPage && job.pager == 1) early_job[job.page] = static_cast<int>(j);
      if (job.kind == RenderJob::kFeed) {
        for (int e : FeedEntries(site, site.pages[job.page])) html_kept[e] = 1;
      }
    }
  }
  std::vector<std::vector<AnchorRef>> anchors(site.pages.size());
  std::vector<uint64_t> front_matter_hashes;
  std::vector<std::vector<std::string>> links;  // by page, for the session (SitePatch)
  if (options.session) {
    front_matter_hashes.assign(site.pages.size(), 0);
    links.resize(site.pages.size());
  }
  std::optional<MarkdownCache> md_cache;  // unchanged bodies are not rendered again
  if (options.cache) md_cache.emplace(*options.cache);
  // Bodies reused from the cache whose HTML stays there until a render needs it (most
  // pages reuse their output file; a build's log holds no HTML), by page: files not read
  // and files read whose body did not change. Not when the caller keeps the model, nor
  // when pages are rendered right after their Markdown.
  std::vector<std::optional<DeferredBody>> deferred;
  if (md_cache && !early_render && !model && !options.session && !options.keep_sources)
    deferred.resize(site.pages.size());
  std::atomic<size_t> bodies{0}, bypassed{0};
  // Each worker renders its plain pages 64 at a time, after their Markdown: one page, 8 or
  // 256 at a time took more CPU (docs/benchmarks.md, "Session 13").
  constexpr size_t kEarlyBatch = 64;
  std::vector<std::vector<size_t>> pending(WorkerCount());  // by worker
  auto render_early = [&](size_t i, unsigned worker) {
    const size_t j = static_cast<size_t>(early_job[i]);
    const RenderJob& job = jobs[j];
    if (!renderer.ReadsOnlyOwnBody(job)) return;
    job_done_now();
    ++pages_rendered;
    EarlyJob* e = early_jobs.empty() ? nullptr : &early_jobs[j];
    {
      std::optional<RecordPageReads> record;
      if (e) record.emplace(e->reads);
      renderer.Render(
          job, worker,
          [&](const std::string& path, std::string content) {
            if (e) e->written.push_back(path);
            write(path, std::move(content));
          },
          diags);
    }
    if (e) e->reads.Normalize();
    job_done[j] = 1;
    if (html_kept[i]) return;
    if (!early_html_hashes.empty()) early_html_hashes[i] = HashBytes(site.pages[i].md.html);
    std::string().swap(site.pages[i].md.html);
  };
  ParallelForWorker(site.pages.size(), [&](size_t i, unsigned worker) {
    if (stopping()) return;
    Page& p = site.pages[i];
    if (p.text.empty() && p.content_path.empty()) return;  // generated page
    const MarkdownOptions& o = options_for(p.lang);
    LinkResolver resolve =
        BodyLinkResolver(site, static_cast<int>(i), diags, anchors[i], p.external_links);
    if (options.session) resolve = RecordLinks(std::move(resolve), links[i]);
    ++bodies;
    // The body's entry from the cache when its links resolve as then; its HTML stays in
    // the log until a job rendered again needs it (LoadDeferredBodies) when bodies are
    // deferred. False: `answers` holds the replayed calls' answers for RenderAgain.
    auto reuse = [&](uint64_t body_hash, std::vector<std::string>& answers) {
      LazyHtml lazy;
      auto md = md_cache->Reuse(body_hash, p.file, p.body_line, o, resolve, answers,
                                deferred.empty() ? nullptr : &lazy);
      if (!md) return false;
      p.md = std::move(*md);
      if (!deferred.empty()) deferred[i] = DeferredBody{lazy, std::move(answers), body_hash};
      return true;
    };
    if (auto u = unread.find(p.file); u != unread.end()) {
      std::vector<std::string> answers;
      if (reuse(u->second, answers)) return;
      // Not in the cache, or a link now resolves otherwise: the body is read after all.
      auto text = fs.ReadFile(p.file);
      std::string_view body;
      if (text.ok() && p.body_offset <= text->size())
        body = std::string_view(*text).substr(p.body_offset);
      if (!text.ok() || HashBytes(body) != u->second) {
        diags.Error({p.file, 0, 0}, "the file changed while the site was built", "build again");
        return;
      }
      p.md =
          md_cache->RenderAgain(body, u->second, p.file, p.body_line, o, resolve, answers, diags);
      return;
    }
    // Bodies with directives are not cached: their directive list is not stored.
    bool cacheable = md_cache && p.Body().find("{{<") == std::string_view::npos;
    if (md_cache && !cacheable) ++bypassed;
    if (cacheable && !deferred.empty()) {
      // As for a file not read (a file touched, or read for its front matter).
      uint64_t body_hash = HashBytes(p.Body());
      std::vector<std::string> answers;
      if (!reuse(body_hash, answers)) {
        p.md = md_cache->RenderAgain(p.Body(), body_hash, p.file, p.body_line, o, resolve, answers,
                                     diags);
      }
    } else {
      p.md = cacheable ? md_cache->Render(p.Body(), p.file, p.body_line, o, resolve, diags)
                       : RenderMarkdown(p.Body(), p.file, p.body_line, o, resolve, diags);
    }
    if (options.session && !p.text.empty())
      front_matter_hashes[i] = HashBytes(std::string_view(p.text).substr(0, p.body_offset));
    // Freed page by page, not after the loop: every source and every page's HTML at once
    // was the build's peak memory (diagnostics read their source lines from the files).
    if (!options.keep_sources) std::string().swap(p.text);
    if (!early_render || early_job[i] < 0) return;
    std::vector<size_t>& batch = pending[worker];
    batch.push_back(i);
    if (batch.size() < kEarlyBatch) return;
    for (size_t k : batch) render_early(k, worker);
    batch.clear();
  });
  if (stop()) return stats;
  if (early_render) {
    std::vector<size_t> rest;
    for (const auto& batch : pending) rest.insert(rest.end(), batch.begin(), batch.end());
    ParallelForWorker(rest.size(),
                      [&](size_t k, unsigned worker) { render_early(rest[k], worker); });
  }
  for (const auto& list : anchors) CheckAnchors(site, list, diags);
  // Directives name rounds, which are all known by now.
  for (auto& p : site.pages) {
    if (!p.md.directives.empty())
      p.ballots = ResolveDirectives(p.md.directives, site.rounds, diags);
  }
  // Menu entries are links too.
  for (const auto& [name, items] : site.config.menus) {
    for (const auto& item : items) {
      if (!item.url.empty() && item.url[0] == '/' && !site.by_url.count(item.url)) {
        diags.Error(item.pos, "menu '" + name + "' links to '" + item.url + "', which no page has",
                    "use the address of an existing page, e.g. /osallisuus/");
      }
    }
  }
  stats.bodies = bodies;
  stats.bodies_rendered = md_cache ? md_cache->rendered() + bypassed : stats.bodies;
  timer.Done(early_render ? "markdown + pages" : "markdown");
  for (const auto& p : site.pages) {
    if (p.type == PageType::kPage) ++stats.pages;
    if (p.type == PageType::kSection || p.type == PageType::kHome) ++stats.sections;
  }
  if (diags.has_errors() || stop()) {
    if (model) *model = std::move(site);
    return stats;
  }

  // The build cache: a job whose inputs are unchanged reuses its previous output file.
  std::unique_ptr<RenderCache> cache;
  if (options.cache) {
    std::string settings = options.base_url + (options.filter.drafts ? " drafts" : "") +
                           (options.filter.future ? " future" : "") +
                           (options.filter.expired ? " expired" : "");
    std::vector<std::optional<uint64_t>> html_hashes = std::move(early_html_hashes);
    html_hashes.resize(std::max(html_hashes.size(), deferred.size()));
    for (size_t i = 0; i < deferred.size(); ++i) {
      if (deferred[i]) html_hashes[i] = deferred[i]->html.hash;
    }
    cache = std::make_unique<RenderCache>(
        *options.cache, site, GlobalInputsHash(fs, site, theme_dir, settings), html_hashes);
    if (stop()) return stats;
  }
  auto reuse = [&](const std::string& path, uint64_t stamp) { return out.Reuse(path, stamp); };
  // For SitePatch.
  std::map<std::string, MarkdownOptions> session_markdown_options;
  if (options.session) {
    for (const auto& l : site.config.languages)
      session_markdown_options[l.code] = options_for(l.code);
  }
  // Which jobs reuse their file is known first, so that the deferred bodies the others
  // read (a page its own, a feed its entries') are loaded before they render.
  std::vector<RenderCache::Lookup> lookups(jobs.size());
  if (cache) {
    ParallelFor(jobs.size(), [&](size_t i) {
      if (!stopping()) lookups[i] = cache->Find(jobs[i], reuse);
    });
  }
  if (stop()) return stats;
  if (!deferred.empty()) {
    LoadDeferredBodies(
        fs, site, jobs, lookups, deferred, *md_cache,
        [&](const Page& p) { return options_for(p.lang); }, diags);
    stats.bodies_rendered = md_cache->rendered() + bypassed;  // with the bodies rendered again
  }
  // For SitePatch: each job's fingerprint and the pages it read.
  bool keep = options.session && cache;
  std::vector<uint64_t> fingerprints(keep ? jobs.size() : 0);
  std::vector<PageReads> job_reads(keep ? jobs.size() : 0);
  // The jobs left: all of them, or those not rendered with their page's Markdown.
  std::vector<size_t> left;
  left.reserve(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (job_done.empty() || !job_done[i]) left.push_back(i);
  }
  std::vector<size_t> order = FrontAndBackOrder(left.size());
  ParallelForWorker(order.size(), [&](size_t at, unsigned worker) {
    if (stopping()) return;
    size_t i = left[order[at]];
    const RenderCache::Lookup& lookup = lookups[i];
    job_done_now();
    if (lookup.reused) {
      if (keep) {
        fingerprints[i] = lookup.previous->fingerprint;
        job_reads[i] = lookup.reads;
      }
      ++files;
      return;
    }
    if (jobs[i].kind == RenderJob::kPage) ++pages_rendered;
    std::vector<std::string> written;
    PageReads reads;
    std::optional<RecordPageReads> record;
    if (cache) record.emplace(reads);
    renderer.Render(
        jobs[i], worker,
        [&](const std::string& path, std::string content) {
          written.push_back(path);
          write(path, std::move(content));
        },
        diags);
    record.reset();
    if (!cache) return;
    reads.Normalize();
    uint64_t fingerprint = cache->Store(jobs[i], lookup, reads, written);
    if (keep) {
      fingerprints[i] = fingerprint;
      job_reads[i] = std::move(reads);
    }
  });
  if (stop()) return stats;
  // The jobs rendered with their page's Markdown, now that every page is hashed.
  if (cache && !early_jobs.empty()) {
    ParallelFor(jobs.size(), [&](size_t i) {
      if (job_done[i])
        cache->Store(jobs[i], lookups[i], early_jobs[i].reads, early_jobs[i].written);
    });
  }
  for (const auto& j : jobs) stats.html_pages += j.kind == RenderJob::kPage;
  stats.pages_rendered = pages_rendered;
  timer.Done("render + write");
  if (stop()) return stats;

  std::vector<StaticFile> copies = site.static_files;
  for (const auto& f : fs.ListFiles(theme_dir + "/static")) {
    copies.push_back({f, f.substr(theme_dir.size() + 8)});
    site.theme_files.insert(copies.back().output);
  }
  ParallelFor(copies.size(), [&](size_t i) {
    Status s = out.Copy(fs, copies[i].source, copies[i].output);
    if (!s.ok()) diags.Error({copies[i].source, 0, 0}, s.message());
    ++files;
  });
  timer.Done("copy");
  stats.files = files;
  if (options.session && cache && !diags.has_errors()) {
    BuildSession& session = *options.session;
    for (const auto& r : site.rounds) {
      for (const std::string* t : {&r.opens, &r.closes}) until(ParseDateTime(*t));
    }
    session.markdown_options = std::move(session_markdown_options);
    session.valid_until = valid_until;
    session.front_matter_hashes = std::move(front_matter_hashes);
    links.resize(site.pages.size());
    session.links = std::move(links);
    session.jobs = std::move(jobs);
    session.fingerprints = std::move(fingerprints);
    session.reads = std::move(job_reads);
    session.render_cache = std::move(cache);
    session.renderer = std::move(owned_renderer);
    session.templates = std::move(templates);
    session.site = std::move(owned_site);
    file_work();
    return stats;
  }
  if (options.session) options.session->Clear();
  if (model) {
    *model = std::move(site);
  } else if (options.leave_model_to_exit) {
    static_cast<void>(owned_renderer.release());  // freed by the OS at exit
    static_cast<void>(owned_site.release());      // likewise
  }
  file_work();
  return stats;
}

}  // namespace yhdessa
