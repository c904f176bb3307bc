// A site folder between builds, in memory: its public/, its cache files, or the caches
// `yhdessa serve` keeps in memory (for the incremental and SitePatch tests), and the
// sample site those tests change.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "generator/build.h"
#include "generator/cache/build_cache.h"
#include "generator/cache/content_hash.h"
#include "generator/cache/source_cache.h"
#include "generator/cache/source_index.h"
#include "generator/patch/site_patch.h"
#include "test_site.h"

namespace yhdessa::testing {

// The previous build's files stand for public/; a file is reused when its content still
// has the stamp the cache recorded (the disk output uses inode, size and mtime instead).
class PersistentOutput : public MemoryOutput {
 public:
  bool Reuse(const std::string& path, uint64_t stamp) override {
    auto it = previous.find(path);
    if (it == previous.end() || HashBytes(it->second) != stamp) return false;
    if (!Write(path, it->second).ok()) return false;
    std::lock_guard<std::mutex> lock(reused_mu);
    reused.insert(path);
    return true;
  }
  std::map<std::string, std::string> previous;
  std::set<std::string> reused;  // the files taken from `previous`
  std::mutex reused_mu;
};

// A site folder with its cache file and its public/ between builds; or, with `serve`,
// the caches `yhdessa serve` keeps in memory between its builds.
struct Workspace {
  explicit Workspace(bool serve = false) : serve(serve) {}
  bool serve;
  std::string saved;           // .yhdessa-cache/build.bin
  std::string saved_markdown;  // .yhdessa-cache/markdown.bin
  std::string saved_sources;   // .yhdessa-cache/sources.bin
  BuildCache::MarkdownSave markdown_save = BuildCache::MarkdownSave::kNone;
  BuildCache kept;       // serve: the cache, never encoded
  SourceCache sources;   // serve: the parsed sources
  BuildSession session;  // serve: the last good build's model (SitePatch)
  std::string errors;    // of the last build
  std::map<std::string, std::string> site;
  std::set<std::string> reused;  // of the last build: files kept from the one before
  BuildStats last;
  int64_t now = 1735689600;  // the build's clock, as testing::Build's
  bool keep_html = false;    // the log on disk holds the bodies' HTML (set_keep_html)

  /// Builds; false (and the site unchanged) when the build has errors.
  bool TryBuild(const MemoryFileSystem& fs, bool use_cache = true) {
    BuildCache decoded_cache;
    SourceIndex index;
    if (!serve) {
      if (auto decoded = SourceIndex::Decode(saved_sources); decoded.ok())
        index = std::move(*decoded);
      if (auto decoded = BuildCache::Decode(saved); decoded.ok())
        decoded_cache = std::move(*decoded);
      (void)decoded_cache.DecodeMarkdown(saved_markdown);  // a bad one: no bodies
    }
    BuildCache& cache = serve ? kept : decoded_cache;
    if (!serve) cache.set_keep_html(keep_html);
    PersistentOutput out;
    out.previous = site;
    DiagnosticList diags;
    BuildOptions options;
    options.filter.now = now;
    if (use_cache) options.cache = &cache;
    if (use_cache && serve) {
      options.sources = &sources;
      options.session = &session;
    }
    if (use_cache && !serve) options.source_index = &index;
    last = BuildSite(fs, out, options, diags);
    errors = diags.Format();
    if (diags.has_errors()) {
      if (serve) cache.CarryOver(false);
      return false;
    }
    site = std::move(out.files);
    reused = std::move(out.reused);
    if (!use_cache) return true;
    cache.StampOutputs([&](const std::string& path) -> std::optional<uint64_t> {
      auto it = site.find(path);
      if (it == site.end()) return std::nullopt;
      return HashBytes(it->second);
    });
    if (serve) {
      cache.CarryOver(true);
      return true;
    }
    saved = cache.Encode();
    saved_sources = index.Encode();
    // As SaveCache: new bodies are appended to the log, or the log is written anew.
    markdown_save = cache.markdown_save();
    if (markdown_save == BuildCache::MarkdownSave::kAppend) {
      cache.WriteMarkdown(true, [&](std::string_view bytes) { saved_markdown.append(bytes); });
    } else if (markdown_save == BuildCache::MarkdownSave::kRewrite) {
      saved_markdown = cache.EncodeMarkdown();
    }
    return true;
  }
  void Build(const MemoryFileSystem& fs, bool use_cache = true) {
    bool ok = TryBuild(fs, use_cache);
    INFO(errors);
    REQUIRE(ok);
  }
  /// The serve loop's step after `changed` (with `serve`): SitePatch when it can (true),
  /// else a build (false); without `serve` a build.
  bool PatchOrBuild(const MemoryFileSystem& fs, const std::vector<std::string>& changed) {
    if (serve) {
      MemoryOutput out;
      DiagnosticList diags;
      PatchResult r = PatchSite(session, fs, changed, now, out, diags);
      if (r.outcome == PatchResult::kPatched) {
        for (auto& [path, content] : out.files) site[path] = std::move(content);
        for (const auto& path : r.removed) site.erase(path);
        return true;
      }
    }
    Build(fs);
    return false;
  }
};

inline MemoryFileSystem SampleSite() {
  auto fs = SiteWithTheme(
      "title: Osallisuus\nbase_url: https://example.fi/\npaginate: 2\ntaxonomies:\n  tags: {title: "
      "Asiasanat}\n"
      "languages:\n  fi: {name: Suomeksi, weight: 1}\n  sv: {name: På svenska, weight: 2}\n"
      "menus:\n  main:\n    - {title: Uutiset, url: /uutiset/}\n");
  fs.Add("content/_index.md",
         "---\ntitle: Etusivu\n---\nTehdään yhdessä! [Uutiset](uutiset/_index.md)\n");
  fs.Add("content/_index.sv.md", "---\ntitle: Startsida\n---\nVi gör det tillsammans!\n");
  fs.Add("content/uutiset/_index.md", "---\ntitle: Uutiset\n---\n");
  for (int i = 1; i <= 5; ++i) {
    std::string n = std::to_string(i);
    fs.Add("content/uutiset/u" + n + ".md",
           "---\ntitle: Uutinen " + n + "\ndate: 2024-0" + n +
               "-10\ntags: [Nuoret, budjetti]\n---\nKappale " + n +
               ".\n\nToinen kappale.\n\n## Lisää\n\nKatso [etusivu](../_index.md).\n");
  }
  fs.Add("content/uutiset/u1.sv.md", "---\ntitle: Nyhet 1\ndate: 2024-01-10\n---\nStycke.\n");
  fs.Add("content/palvelut/rata/index.md",
         "---\ntitle: Rata\naliases: [/vanha-rata/]\n---\n![Frisbeegolfrata](kuva.jpg)\n\nLue "
         "[uutinen](../../uutiset/u2.md).\n");
  fs.Add("content/palvelut/rata/kuva.jpg", "JPEG");
  fs.Add("data/kunta.yaml", "nimi: Testilä\n");
  fs.Add("static/logo.svg", "<svg/>");
  return fs;
}

// One language, two sections of six pages sharing a term, the second without dates (no
// feed); one page links to another page's heading.
inline MemoryFileSystem OneLanguageSite() {
  auto fs = SiteWithTheme(
      "title: Osallisuus\nbase_url: https://example.fi/\ntaxonomies:\n  tags: {title: "
      "Asiasanat}\n  aiheet: {title: Aiheet}\n");
  fs.Add("content/_index.md", "---\ntitle: Etusivu\n---\nTervetuloa.\n");
  fs.Add("content/uutiset/_index.md", "---\ntitle: Uutiset\n---\n");
  fs.Add("content/palvelut/_index.md", "---\ntitle: Palvelut\n---\n");
  for (int i = 1; i <= 6; ++i) {
    std::string n = std::to_string(i);
    fs.Add("content/uutiset/u" + n + ".md", "---\ntitle: Uutinen " + n + "\ndate: 2024-0" + n +
                                                "-10\ntags: [Nuoret]\n---\nKappale " + n +
                                                ".\n\n## Lisää\n\nToinen.\n");
    fs.Add("content/palvelut/p" + n + ".md",
           "---\ntitle: Palvelu " + n + "\ntags: [Nuoret]\n---\nKatso [uutinen](../uutiset/u" + n +
               ".md#lisaa).\n");
  }
  return fs;
}

// A home page and a participatory budgeting round with one area in content/omakouvola/,
// open from 2025-01-10 to 2025-01-31.
inline MemoryFileSystem RoundSite() {
  auto fs = SiteWithTheme();
  fs.Add("content/_index.md", "---\ntitle: Etusivu\n---\nHei.\n");
  fs.Add("content/omakouvola/_index.md",
         "---\ntitle: OmaKouvola 2025\nkind: pb-round\nround: omakouvola-2025\n"
         "opens: 2025-01-10T09:00:00+02:00\ncloses: 2025-01-31T23:59:00+02:00\nrule: greedy\n"
         "areas:\n  - {id: elimaki, name: Elimäki, budget: 15000}\n---\nÄänestä!\n");
  return fs;
}

inline std::string Read(const MemoryFileSystem& fs, const std::string& path) {
  return *fs.ReadFile(path);
}

/// `file` in `fs` with its first `from` replaced by `to` (which must be there).
inline void Replace(MemoryFileSystem& fs, const std::string& file, const std::string& from,
                    const std::string& to) {
  std::string t = Read(fs, file);
  size_t at = t.find(from);
  REQUIRE(at != std::string::npos);
  fs.Add(file, t.replace(at, from.size(), to));
}

inline void RequireSameSite(const std::map<std::string, std::string>& site,
                            const std::map<std::string, std::string>& fresh) {
  REQUIRE(site.size() == fresh.size());
  for (const auto& [path, content] : fresh) {
    INFO(path);
    REQUIRE(site.count(path));
    CHECK(site.at(path) == content);
  }
}

// `site` is what a fresh full build of `fs` at the clock `now` writes.
inline void RequireSameAsFreshBuild(const std::map<std::string, std::string>& site,
                                    const MemoryFileSystem& fs, int64_t now = 1735689600) {
  BuildFilter filter;
  filter.now = now;
  auto fresh = Build(fs, filter);
  INFO(fresh.diagnostics);
  REQUIRE(fresh.ok);
  RequireSameSite(site, fresh.files);
}

}  // namespace yhdessa::testing
