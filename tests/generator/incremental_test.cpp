// Incremental builds: a build with the cache of the previous one must write exactly the
// files a fresh full build writes, for every kind of change, and skip what is unchanged.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>

#include "generator/cache/build_cache.h"
#include "generator/cache/content_hash.h"
#include "generator/cache/source_cache.h"
#include "generator/cache/source_index.h"
#include "temp_folder.h"
#include "test_site.h"
#include "workspace.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {

// Builds SampleSite() cold, applies `change`, builds again with the cache and compares the whole
// output with a fresh full build of the changed site; both with the cache files of
// `yhdessa build` and with the in-memory caches of `serve` (which also keep the
// parsed sources). Returns the pages rendered (the same for both).
size_t RebuildAfter(const std::function<void(MemoryFileSystem&)>& change) {
  size_t rendered[2] = {0, 0};
  for (bool serve : {false, true}) {
    INFO((serve ? "serve" : "build"));
    auto fs = SampleSite();
    Workspace ws(serve);
    ws.Build(fs);
    REQUIRE(ws.last.pages_rendered == ws.last.html_pages);
    change(fs);
    ws.Build(fs);
    auto fresh = Build(fs);
    INFO(fresh.diagnostics);
    REQUIRE(fresh.ok);
    RequireSameSite(ws.site, fresh.files);
    rendered[serve] = ws.last.pages_rendered;
  }
  CHECK(rendered[0] == rendered[1]);
  return rendered[1];
}

// Builds OneLanguageSite() (after `setup`, if any) cold, applies `change` and builds again,
// as RebuildAfter does; returns the HTML files rendered again (not reused), the same for
// build and serve.
std::vector<std::string> RenderedAfter(
    const std::function<void(MemoryFileSystem&)>& change,
    const std::function<void(MemoryFileSystem&)>& setup = nullptr) {
  std::vector<std::string> rendered[2];
  for (bool serve : {false, true}) {
    INFO((serve ? "serve" : "build"));
    auto fs = OneLanguageSite();
    if (setup) setup(fs);
    Workspace ws(serve);
    ws.Build(fs);
    change(fs);
    ws.Build(fs);
    auto fresh = Build(fs);
    REQUIRE(fresh.ok);
    RequireSameSite(ws.site, fresh.files);
    for (const auto& [path, content] : ws.site) {
      if (path.ends_with(".html") && !ws.reused.count(path)) rendered[serve].push_back(path);
    }
  }
  CHECK(rendered[0] == rendered[1]);
  return rendered[0];
}

size_t in_section(const std::vector<std::string>& rendered, const std::string& section) {
  return std::count_if(rendered.begin(), rendered.end(),
                       [&](const std::string& path) { return path.starts_with(section); });
}

bool has(const std::vector<std::string>& rendered, const std::string& path) {
  return std::count(rendered.begin(), rendered.end(), path) == 1;
}

}  // namespace

TEST_CASE("incremental: an unchanged rebuild renders no page and writes the same site") {
  auto fs = SampleSite();
  Workspace ws;
  ws.Build(fs);
  CHECK(ws.last.bodies_rendered == ws.last.bodies);
  ws.Build(fs);
  CHECK(ws.last.pages_rendered == 0);
  CHECK(ws.last.bodies_rendered == 0);
  CHECK(ws.site == Build(fs).files);
  CHECK(RebuildAfter([](MemoryFileSystem&) {}) == 0);
}

TEST_CASE("incremental: a body edit re-renders only that page") {
  size_t rendered = RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/uutiset/u3.md");
    fs.Add("content/uutiset/u3.md", t.replace(t.find("Toinen kappale."), 15, "Muutettu kappale."));
  });
  CHECK(rendered == 1);
}

TEST_CASE("incremental: a section's feed and the sitemap are reused while what they read is") {
  auto fs = SiteWithTheme("title: Testi\nbase_url: https://example.fi/\n");
  fs.Add("content/_index.md", "---\ntitle: Etusivu\n---\nHei.\n");
  fs.Add("content/uutiset/_index.md", "---\ntitle: Uutiset\n---\n");
  fs.Add("content/tiedotteet/_index.md", "---\ntitle: Tiedotteet\n---\n");
  for (const char* section : {"uutiset", "tiedotteet"}) {
    for (int i = 1; i <= 3; ++i) {
      std::string n = std::to_string(i);
      fs.Add(std::string("content/") + section + "/u" + n + ".md",
             "---\ntitle: Uutinen " + n + "\ndate: 2024-0" + n + "-10\n---\nKappale " + n +
                 ".\n\nToinen kappale.\n");
    }
  }
  Workspace ws;
  ws.Build(fs);
  REQUIRE(ws.site.count("uutiset/atom.xml"));
  REQUIRE(ws.site.count("tiedotteet/atom.xml"));
  REQUIRE(ws.site.count("sitemap.xml"));
  // A body edit: the page's own feed carries the new body; the other feed and the
  // sitemap (addresses and dates) are kept.
  std::string t = Read(fs, "content/uutiset/u2.md");
  fs.Add("content/uutiset/u2.md", t.replace(t.find("Toinen kappale."), 15, "Uusi kappale."));
  ws.Build(fs);
  RequireSameSite(ws.site, Build(fs).files);
  CHECK(ws.site.at("uutiset/atom.xml").find("Uusi kappale.") != std::string::npos);
  CHECK_FALSE(ws.reused.count("uutiset/atom.xml"));
  CHECK(ws.reused.count("tiedotteet/atom.xml"));
  CHECK(ws.reused.count("sitemap.xml"));
  // A date edit changes a summary: every page, both feeds and the sitemap are rendered.
  t = Read(fs, "content/tiedotteet/u3.md");
  fs.Add("content/tiedotteet/u3.md", t.replace(t.find("2024-03-10"), 10, "2024-04-11"));
  ws.Build(fs);
  RequireSameSite(ws.site, Build(fs).files);
  CHECK(ws.site.at("sitemap.xml").find("2024-04-11") != std::string::npos);
  CHECK_FALSE(ws.reused.count("sitemap.xml"));
  CHECK_FALSE(ws.reused.count("tiedotteet/atom.xml"));
}

TEST_CASE("incremental: build reads only the sources whose version changed") {
  auto fs = SampleSite();
  Workspace ws;
  ws.keep_html = true;  // only the bodies whose links changed are rendered (counted below)
  ws.Build(fs);
  size_t all = ws.last.sources_parsed;
  CHECK(all > 5);
  ws.Build(fs);
  CHECK(ws.last.sources_parsed == 0);
  CHECK(ws.site == Build(fs).files);
  // A body edit: that file is read; the others' pages come from the index and the cache.
  std::string t = Read(fs, "content/uutiset/u4.md");
  fs.Add("content/uutiset/u4.md", t.replace(t.find("Toinen kappale."), 15, "Uusi kappale."));
  ws.Build(fs);
  CHECK(ws.last.sources_parsed == 1);
  CHECK(ws.last.pages_rendered == 1);
  RequireSameSite(ws.site, Build(fs).files);
  // A file not read whose link now resolves otherwise is read and rendered after all.
  t = Read(fs, "content/uutiset/u2.md");
  fs.Add("content/uutiset/u2.md", t.replace(t.find("date:"), 5, "slug: toinen\ndate:"));
  ws.Build(fs);
  CHECK(ws.last.sources_parsed == 1);
  CHECK(ws.last.bodies_rendered == 2);  // u2 itself and rata/index.md, which links to it
  RequireSameSite(ws.site, Build(fs).files);
  // A change of site.yaml that makes an unread file's page wrong is reported as a fresh
  // parse reports it: the file is read and parsed again.
  std::string sv = Read(fs, "site.yaml");
  const std::string sv_line = "  sv: {name: På svenska, weight: 2}\n";
  REQUIRE(sv.find(sv_line) != std::string::npos);
  fs.Add("site.yaml", sv.replace(sv.find(sv_line), sv_line.size(), ""));
  CHECK_FALSE(ws.TryBuild(fs));
  CHECK(ws.errors.find("language 'sv' of this file is not in site.yaml's languages") !=
        std::string::npos);
  // A damaged index is an empty one: every file is read.
  fs = SampleSite();
  ws.Build(fs);
  ws.saved_sources[ws.saved_sources.size() / 2] ^= 1;
  ws.Build(fs);
  CHECK(ws.last.sources_parsed == all);
  CHECK(ws.site == Build(fs).files);
}

TEST_CASE("incremental: a summary edit re-renders the page and its lists") {
  size_t rendered = RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/uutiset/u3.md");
    fs.Add("content/uutiset/u3.md", t.replace(t.find("Kappale 3."), 10, "Uusi alku."));
  });
  CHECK(rendered > 1);
}

TEST_CASE("incremental: a title edit re-renders the pages that read the page, no others") {
  size_t all = 0;
  {
    Workspace ws(false);
    ws.Build(SampleSite());
    all = ws.last.html_pages;
  }
  size_t rendered = RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/uutiset/u2.md");
    fs.Add("content/uutiset/u2.md", t.replace(t.find("Uutinen 2"), 9, "Uusi otsikko"));
  });
  CHECK(rendered > 1);    // the page and its lists
  CHECK(rendered < all);  // not the pages that do not show it
  // A section's title: its list, its pages' breadcrumbs.
  rendered = RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/uutiset/_index.md");
    fs.Add("content/uutiset/_index.md", t.replace(t.find("Uutiset"), 7, "Tiedotteet"));
  });
  CHECK(rendered > 1);
}

TEST_CASE("incremental: title edit, new, deleted and renamed pages") {
  RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/uutiset/u2.md");
    fs.Add("content/uutiset/u2.md", t.replace(t.find("Uutinen 2"), 9, "Uusi otsikko"));
  });
  RebuildAfter([](MemoryFileSystem& fs) {
    fs.Add("content/uutiset/u6.md",
           "---\ntitle: Uutinen 6\ndate: 2024-06-10\ntags: [uusi]\n---\nUusi.\n");
  });
  RebuildAfter([](MemoryFileSystem& fs) { fs.Remove("content/uutiset/u4.md"); });
  RebuildAfter([](MemoryFileSystem& fs) {
    fs.Add("content/uutiset/siirretty.md", Read(fs, "content/uutiset/u5.md"));
    fs.Remove("content/uutiset/u5.md");
  });
  RebuildAfter([](MemoryFileSystem& fs) { fs.Remove("content/uutiset/u1.sv.md"); });
}

TEST_CASE("incremental: a page added, deleted or renamed re-renders what reads its section") {
  // OneLanguageSite: two sections of six pages with the same term. The pages after the
  // changed one in the model get other numbers: the cache finds them by their address.
  // Rendered again: the page, its section's list, its term's and the taxonomy's lists,
  // the home page, and (the default theme shows the section in their breadcrumbs, a read
  // of the section and so of its list) the other pages of the section; of the other
  // section, nothing.
  // A new page early in the model (before every page of the other section).
  auto rendered = RenderedAfter([](MemoryFileSystem& fs) {
    fs.Add("content/uutiset/a0.md",
           "---\ntitle: Uusi sivu\ndate: 2024-02-01\ntags: [Nuoret]\n---\nUusi.\n");
  });
  CHECK(has(rendered, "uutiset/a0/index.html"));
  CHECK(has(rendered, "uutiset/index.html"));
  CHECK(has(rendered, "tags/nuoret/index.html"));
  CHECK(in_section(rendered, "palvelut/") == 0);
  CHECK(rendered.size() < 14);
  // Pages of the second section (no other page links to them).
  rendered = RenderedAfter([](MemoryFileSystem& fs) { fs.Remove("content/palvelut/p2.md"); });
  CHECK(has(rendered, "palvelut/index.html"));
  CHECK(in_section(rendered, "uutiset/") == 0);
  CHECK(rendered.size() < 14);
  rendered = RenderedAfter([](MemoryFileSystem& fs) {
    fs.Add("content/palvelut/a1.md", Read(fs, "content/palvelut/p5.md"));
    fs.Remove("content/palvelut/p5.md");
  });
  CHECK(has(rendered, "palvelut/a1/index.html"));
  CHECK(in_section(rendered, "uutiset/") == 0);
  CHECK(rendered.size() < 14);
}

TEST_CASE("incremental: an alias added, changed or removed re-renders its redirect and its page") {
  // Before, the aliases were part of what every job read: one alias added rendered every
  // page and every Markdown body again (1 s on the 10 000-page corpus, twice the target).
  // p2.md with `aliases` (a front-matter line, or "") in place of the aliases it had.
  auto with_alias = [](const std::string& aliases) {
    return [aliases](MemoryFileSystem& fs) {
      std::string t = Read(fs, "content/palvelut/p2.md");
      if (size_t at = t.find("aliases:"); at != std::string::npos)
        t.erase(at, t.find('\n', at) + 1 - at);
      fs.Add("content/palvelut/p2.md", t.replace(t.find("title:"), 0, aliases));
    };
  };
  auto rendered = RenderedAfter(with_alias("aliases: [/vanha/]\n"));
  CHECK(has(rendered, "vanha/index.html"));
  CHECK(has(rendered, "palvelut/p2/index.html"));
  CHECK(in_section(rendered, "uutiset/") == 0);
  CHECK(rendered.size() < 14);
  // Another alias beside it (the first one's redirect is rendered again too: it reads
  // the page, whose front matter changed).
  rendered = RenderedAfter(with_alias("aliases: [/vanha/, /toinen/]\n"),
                           with_alias("aliases: [/vanha/]\n"));
  CHECK(has(rendered, "toinen/index.html"));
  CHECK(rendered.size() < 14);
  // Removed: its file goes (RenderedAfter compares the whole site with a fresh build's).
  rendered = RenderedAfter(with_alias(""), with_alias("aliases: [/vanha/]\n"));
  CHECK_FALSE(has(rendered, "vanha/index.html"));
  CHECK(rendered.size() < 14);
  // The page it leads to gets a new title, or moves: the redirect shows both.
  rendered = RenderedAfter(
      [](MemoryFileSystem& fs) { Replace(fs, "content/palvelut/p2.md", "Palvelu 2", "Uusi nimi"); },
      with_alias("aliases: [/vanha/]\n"));
  CHECK(has(rendered, "vanha/index.html"));
  rendered = RenderedAfter(
      [](MemoryFileSystem& fs) {
        fs.Add("content/palvelut/siirretty.md", Read(fs, "content/palvelut/p2.md"));
        fs.Remove("content/palvelut/p2.md");
      },
      with_alias("aliases: [/vanha/]\n"));
  CHECK(has(rendered, "vanha/index.html"));
  // An alias on another page: this redirect is left as it was.
  rendered = RenderedAfter(
      [](MemoryFileSystem& fs) {
        Replace(fs, "content/palvelut/p4.md", "title:", "aliases: [/muu/]\ntitle:");
      },
      with_alias("aliases: [/vanha/]\n"));
  CHECK(has(rendered, "muu/index.html"));
  CHECK_FALSE(has(rendered, "vanha/index.html"));
}

TEST_CASE("incremental: a term used for the first or the last time re-renders what lists it") {
  // The taxonomy's list page has its terms' pages as child pages: a new term makes it and
  // the new term's page stale, and the page that names it; not every page (the terms were
  // once part of the site-wide structure). Output identical to a fresh build (RenderedAfter).
  auto add_term = [](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/palvelut/p3.md");
    fs.Add("content/palvelut/p3.md", t.replace(t.find("[Nuoret]"), 8, "[Nuoret, Liikunta]"));
  };
  auto rendered = RenderedAfter(add_term);
  CHECK(has(rendered, "palvelut/p3/index.html"));
  CHECK(has(rendered, "tags/index.html"));
  CHECK(has(rendered, "tags/liikunta/index.html"));
  CHECK(in_section(rendered, "uutiset/") == 0);
  CHECK(rendered.size() < 10);
  // A page's term in another taxonomy, the first of that taxonomy's: its list page is new.
  rendered = RenderedAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/palvelut/p4.md");
    fs.Add("content/palvelut/p4.md", t.replace(t.find("tags:"), 5, "aiheet: [Sport]\ntags:"));
  });
  CHECK(has(rendered, "aiheet/sport/index.html"));
  CHECK(has(rendered, "palvelut/p4/index.html"));
  // The term's only page lets go of it: its page goes, the taxonomy's list is rendered.
  rendered = RenderedAfter(
      [](MemoryFileSystem& fs) {
        std::string t = Read(fs, "content/palvelut/p3.md");
        fs.Add("content/palvelut/p3.md", t.replace(t.find(", Liikunta"), 10, ""));
      },
      add_term);
  CHECK(has(rendered, "palvelut/p3/index.html"));
  CHECK(has(rendered, "tags/index.html"));
  CHECK(!has(rendered, "tags/liikunta/index.html"));
  CHECK(in_section(rendered, "uutiset/") == 0);
  CHECK(rendered.size() < 10);
}

TEST_CASE("incremental: a date or weight edit re-renders the jobs that read the moved lists") {
  // u1 moves from last to first in its section (paginate: 2) and its terms: those lists,
  // the section's pages (their breadcrumbs read the section), the feed, the front page
  // and the sitemap are rendered again; the pages outside the section are not.
  size_t all = 0;
  {
    Workspace ws;
    ws.Build(SampleSite());
    all = ws.last.html_pages;
  }
  size_t dated = RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/uutiset/u1.md");
    fs.Add("content/uutiset/u1.md", t.replace(t.find("2024-01-10"), 10, "2024-12-10"));
  });
  size_t weighted = RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/uutiset/u5.md");
    fs.Add("content/uutiset/u5.md", t.replace(t.find("date:"), 5, "weight: 2\ndate:"));
  });
  CHECK(dated > 0);
  CHECK(dated < all);
  CHECK(weighted > 0);
  CHECK(weighted < all);
}

TEST_CASE("incremental: a changed link target renders an unchanged body again") {
  // rata/index.md links to u2.md; u2's address changes, rata's text does not.
  RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "content/uutiset/u2.md");
    fs.Add("content/uutiset/u2.md", t.replace(t.find("date:"), 5, "slug: toinen\ndate:"));
  });
  // A link that breaks is reported on a warm build as on a cold one.
  auto fs = SampleSite();
  Workspace ws;
  ws.Build(fs);
  fs.Remove("content/uutiset/u2.md");
  BuildCache cache;
  REQUIRE(cache.DecodeMarkdown(ws.saved_markdown).ok());
  PersistentOutput out;
  DiagnosticList diags;
  BuildOptions options;
  options.filter.now = 1735689600;
  options.cache = &cache;
  BuildSite(fs, out, options, diags);
  CHECK(diags.Format().find("u2.md") != std::string::npos);
  CHECK(diags.has_errors());
}

TEST_CASE("incremental: template, UI string, asset, data, config and static changes") {
  RebuildAfter([](MemoryFileSystem& fs) {
    fs.Add("themes/default/templates/page.mustache",
           Read(fs, "themes/default/templates/page.mustache") + "<!-- v2 -->");
  });
  // Words are counted only for a theme that shows them: the cached bodies of a theme that
  // did not are not reused.
  RebuildAfter([](MemoryFileSystem& fs) {
    fs.Add("themes/default/templates/page.mustache",
           Read(fs, "themes/default/templates/page.mustache") + "{{page.reading_time}}");
  });
  RebuildAfter([](MemoryFileSystem& fs) {
    fs.Add("themes/default/partials/footer.mustache",
           Read(fs, "themes/default/partials/footer.mustache") + "<p>v2</p>");
  });
  RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "themes/default/i18n/fi.yaml");
    fs.Add("themes/default/i18n/fi.yaml", t.replace(t.find("home: Etusivu"), 13, "home: Kotisivu"));
  });
  RebuildAfter([](MemoryFileSystem& fs) {
    fs.Add("themes/default/assets/css/main.css",
           Read(fs, "themes/default/assets/css/main.css") + "\nbody{}\n");
  });
  RebuildAfter([](MemoryFileSystem& fs) { fs.Add("data/kunta.yaml", "nimi: Muutettu\n"); });
  RebuildAfter([](MemoryFileSystem& fs) {
    std::string t = Read(fs, "site.yaml");
    fs.Add("site.yaml", t.replace(t.find("title: Osallisuus"), 17, "title: Yhdessä"));
  });
  RebuildAfter([](MemoryFileSystem& fs) { fs.Add("static/logo.svg", "<svg>v2</svg>"); });
  RebuildAfter([](MemoryFileSystem& fs) { fs.Add("static/uusi.txt", "uusi"); });
  RebuildAfter([](MemoryFileSystem& fs) {
    fs.Remove("content/palvelut/rata/kuva.jpg");
    fs.Add("content/palvelut/rata/kuva.png", "PNG");
    std::string t = Read(fs, "content/palvelut/rata/index.md");
    fs.Add("content/palvelut/rata/index.md", t.replace(t.find("kuva.jpg"), 8, "kuva.png"));
  });
}

TEST_CASE("incremental: a changed or missing previous file is rendered again") {
  auto fs = SampleSite();
  Workspace ws;
  ws.Build(fs);
  ws.site["uutiset/u1/index.html"] = "edited by hand";
  ws.site.erase("uutiset/u2/index.html");
  ws.Build(fs);
  CHECK(ws.last.pages_rendered == 2);
  CHECK(ws.site == Build(fs).files);
}

TEST_CASE("incremental: a corrupt, truncated or other-version cache is ignored") {
  auto fs = SampleSite();
  std::vector<std::function<void(std::string&)>> damages = {
      [](std::string& b) { b[b.size() / 2] ^= 1; }, [](std::string& b) { b.resize(b.size() - 3); },
      [](std::string& b) { b.clear(); }, [](std::string& b) { b[8] = 9; },  // the format version
  };
  for (size_t i = 0; i < damages.size(); ++i) {
    const auto& damage = damages[i];
    Workspace ws;
    ws.Build(fs);
    auto decoded = BuildCache::Decode(ws.saved);
    REQUIRE(decoded.ok());
    CHECK(!decoded->previous_page_ids().empty());
    auto destination = BuildCache::DestinationOf(ws.saved);
    REQUIRE(destination.ok());
    CHECK(*destination == decoded->previous_destination());
    damage(ws.saved);
    damage(ws.saved_markdown);
    CHECK(!BuildCache::Decode(ws.saved).ok());
    CHECK(!BuildCache::DestinationOf(ws.saved).ok());
    // markdown.bin's records are checked when they are used (the next test), its framing
    // when it is read.
    if (i != 0) CHECK(!BuildCache().DecodeMarkdown(ws.saved_markdown).ok());
    ws.Build(fs);
    CHECK(ws.last.pages_rendered == ws.last.html_pages);
    CHECK(ws.site == Build(fs).files);
  }
}

TEST_CASE("incremental: a log without HTML renders the bodies a job needs from their files") {
  // u2's body edit renders the section's feed, which carries every news item's body; a
  // title edit renders u3's page, whose body did not change. With the HTML in the log
  // only the edited bodies go through cmark-gfm, without it the others too, from their
  // files; the sites are the same, and a missing HTML is no damage (the log is appended to).
  for (bool keep_html : {false, true}) {
    INFO("keep_html " << keep_html);
    auto fs = SampleSite();
    Workspace ws;
    ws.keep_html = keep_html;
    ws.Build(fs);
    ws.Build(fs);
    CHECK(ws.last.bodies_rendered == 0);
    CHECK(ws.last.pages_rendered == 0);
    std::string t = Read(fs, "content/uutiset/u2.md");
    fs.Add("content/uutiset/u2.md", t.replace(t.find("Toinen kappale."), 15, "Uusi kappale."));
    ws.Build(fs);
    CHECK_FALSE(ws.reused.count("uutiset/atom.xml"));
    CHECK(ws.last.bodies_rendered == (keep_html ? 1 : 5));  // u1–u5 are the feed's entries
    RequireSameSite(ws.site, Build(fs).files);
    CHECK(ws.markdown_save == BuildCache::MarkdownSave::kAppend);
    t = Read(fs, "content/uutiset/u3.md");
    fs.Add("content/uutiset/u3.md", t.replace(t.find("Uutinen 3"), 9, "Uutinen III"));
    size_t before = ws.saved_markdown.size();
    ws.Build(fs);
    CHECK_FALSE(ws.reused.count("uutiset/u3/index.html"));
    // u3's file was read for its front matter, whose new record is appended; its body's
    // record (its first paragraph) stays as it was.
    CHECK(ws.markdown_save == BuildCache::MarkdownSave::kAppend);
    CHECK(ws.saved_markdown.find("Uutinen III", before) != std::string::npos);
    CHECK(ws.saved_markdown.find("Kappale 3.", before) == std::string::npos);
    // Without the HTML: the feed's five entries, u3's translation (its page shows the
    // title) and the two front pages (they list the newest items).
    CHECK(ws.last.bodies_rendered == (keep_html ? 0 : 8));
    RequireSameSite(ws.site, Build(fs).files);
    // A file read again whose page and body are as they were (a comment in its front
    // matter; on disk also a file saved unchanged): its page is reused, its body not rendered.
    t = Read(fs, "content/uutiset/u4.md");
    fs.Add("content/uutiset/u4.md", t.replace(t.find("Uutinen 4"), 9, "Uutinen 4  # huom"));
    ws.Build(fs);
    CHECK(ws.last.sources_parsed == 1);
    CHECK(ws.last.pages_rendered == 0);
    CHECK(ws.last.bodies_rendered == 0);
    CHECK(ws.site == Build(fs).files);
    // A template change renders every page: without the HTML every body, whose records
    // stay as they were (nothing is appended to the log).
    fs.Add("themes/default/templates/page.mustache",
           Read(fs, "themes/default/templates/page.mustache") + "<!-- v2 -->");
    ws.Build(fs);
    CHECK(ws.last.bodies_rendered == (keep_html ? 0 : ws.last.bodies));
    RequireSameSite(ws.site, Build(fs).files);
    CHECK(ws.markdown_save == BuildCache::MarkdownSave::kNone);
  }
}

TEST_CASE("incremental: markdown.bin without build.bin and sources.bin") {
  // Every file read, no previous outputs: pages are rendered right after their Markdown,
  // so a body found in the log must not wait there for a job (it holds no HTML).
  auto fs = SampleSite();
  Workspace ws;
  ws.Build(fs);
  ws.saved.clear();
  ws.saved_sources.clear();
  ws.Build(fs);
  CHECK(ws.last.pages_rendered == ws.last.html_pages);
  RequireSameSite(ws.site, Build(fs).files);
}

TEST_CASE("incremental: a damaged record of markdown.bin is found when it is used") {
  // u3's record: the checked part (its first paragraph) comes first, the HTML after it.
  auto damage = [](std::string& log, const std::string& text, bool in_html) {
    size_t at = log.find(text);
    REQUIRE(at != std::string::npos);
    if (in_html) at = log.find(text, at + 1);
    REQUIRE(at != std::string::npos);
    log[at] ^= 1;
  };
  SECTION("in the HTML, read only when a render needs it") {
    auto fs = SampleSite();
    Workspace ws;
    ws.keep_html = true;  // a build's log holds none (see the next test)
    ws.Build(fs);
    REQUIRE(ws.site.count("uutiset/atom.xml"));
    damage(ws.saved_markdown, "Kappale 3.", true);
    CHECK(BuildCache().DecodeMarkdown(ws.saved_markdown).ok());
    // Nothing needs u3's HTML: its file and the feed are reused.
    ws.Build(fs);
    CHECK(ws.last.pages_rendered == 0);
    CHECK(ws.site == Build(fs).files);
    // u2's edit renders the section's feed, which carries u3's body: read from the
    // damaged cache it would be wrong, so u3's body is rendered again from its file.
    std::string t = Read(fs, "content/uutiset/u2.md");
    fs.Add("content/uutiset/u2.md", t.replace(t.find("Toinen kappale."), 15, "Uusi kappale."));
    ws.Build(fs);
    CHECK_FALSE(ws.reused.count("uutiset/atom.xml"));
    CHECK(ws.site.at("uutiset/atom.xml").find("Kappale 3.") != std::string::npos);
    RequireSameSite(ws.site, Build(fs).files);
    CHECK(ws.markdown_save == BuildCache::MarkdownSave::kRewrite);
    ws.Build(fs);
    CHECK(ws.last.bodies_rendered == 0);
    CHECK(ws.last.pages_rendered == 0);
    CHECK(ws.site == Build(fs).files);
  }
  SECTION("in the checked part, read when the page takes the record") {
    auto fs = SampleSite();
    Workspace ws;
    ws.Build(fs);
    damage(ws.saved_markdown, "Kappale 3.", false);
    ws.Build(fs);
    CHECK(ws.last.bodies_rendered == 1);  // u3, from its file
    CHECK(ws.site == Build(fs).files);
    CHECK(ws.markdown_save == BuildCache::MarkdownSave::kRewrite);
    ws.Build(fs);
    CHECK(ws.last.bodies_rendered == 0);
    CHECK(ws.site == Build(fs).files);
  }
  SECTION("in a front matter's record") {
    auto fs = SampleSite();
    Workspace ws;
    ws.Build(fs);
    damage(ws.saved_markdown, "Uutinen 4", false);
    ws.Build(fs);
    CHECK(ws.last.front_matters_parsed == 1);
    CHECK(ws.site == Build(fs).files);
  }
}

TEST_CASE(
    "incremental: rendered bodies are appended to markdown.bin, which is rewritten when "
    "mostly unused") {
  auto fs = SampleSite();
  Workspace ws;
  ws.keep_html = true;  // so that the feed's other entries need no render (counted below)
  ws.Build(fs);
  CHECK(ws.markdown_save == BuildCache::MarkdownSave::kRewrite);  // there was none
  std::string first = ws.saved_markdown;
  ws.Build(fs);
  CHECK(ws.markdown_save == BuildCache::MarkdownSave::kNone);  // nothing rendered
  CHECK(ws.saved_markdown == first);
  std::string t = Read(fs, "content/uutiset/u3.md");
  fs.Add("content/uutiset/u3.md", t.replace(t.find("Toinen kappale."), 15, "Muutettu kappale."));
  ws.Build(fs);
  CHECK(ws.markdown_save == BuildCache::MarkdownSave::kAppend);
  CHECK(ws.saved_markdown.compare(0, first.size(), first) == 0);
  CHECK(ws.saved_markdown.size() < first.size() * 2);
  // The superseded record is still in the log, the new one wins: a warm build renders nothing.
  ws.Build(fs);
  CHECK(ws.last.bodies_rendered == 0);
  CHECK(ws.site == Build(fs).files);
  // A partial last record (a build that crashed while appending) is dropped, the rest used,
  // and the next save writes the log anew.
  ws.saved_markdown.resize(ws.saved_markdown.size() - 5);
  t = Read(fs, "content/uutiset/u4.md");
  fs.Add("content/uutiset/u4.md", t.replace(t.find("Toinen kappale."), 15, "Muutettu kappale."));
  ws.Build(fs);
  CHECK(ws.last.bodies_rendered == 2);  // u4 and u3, whose record was cut
  CHECK(ws.markdown_save == BuildCache::MarkdownSave::kRewrite);
  CHECK(BuildCache().DecodeMarkdown(ws.saved_markdown).ok());
  CHECK(ws.site == Build(fs).files);
}

TEST_CASE("incremental: markdown.bin is written anew when most of it is bodies no page has") {
  auto fs = SampleSite();
  fs.Add("content/uutiset/iso.md",
         "---\ntitle: Iso\ndate: 2024-02-01\n---\n" + std::string(3 << 20, 'x') + "\n");
  Workspace ws;
  ws.Build(fs);
  size_t with_big = ws.saved_markdown.size();
  REQUIRE(with_big > (3u << 20));
  fs.Remove("content/uutiset/iso.md");
  std::string t = Read(fs, "content/uutiset/u3.md");
  fs.Add("content/uutiset/u3.md", t.replace(t.find("Toinen kappale."), 15, "Muutettu kappale."));
  ws.Build(fs);
  CHECK(ws.markdown_save == BuildCache::MarkdownSave::kRewrite);
  CHECK(ws.saved_markdown.size() < with_big / 100);
  ws.Build(fs);
  CHECK(ws.last.bodies_rendered == 0);
  CHECK(ws.site == Build(fs).files);
}

TEST_CASE("incremental: unchanged front matter is not parsed again") {
  auto fs = SampleSite();
  Workspace ws;
  ws.Build(fs);
  size_t all = ws.last.front_matters_parsed;
  CHECK(all > 5);
  ws.Build(fs);
  CHECK(ws.last.front_matters_parsed == 0);
  std::string t = Read(fs, "content/uutiset/u3.md");
  fs.Add("content/uutiset/u3.md", t.replace(t.find("Toinen kappale."), 15, "Muutettu kappale."));
  ws.Build(fs);
  CHECK(ws.last.front_matters_parsed == 0);  // a body edit
  t = Read(fs, "content/uutiset/u3.md");
  fs.Add("content/uutiset/u3.md", t.replace(t.find("title: Uutinen 3"), 16, "title: Uusi otsikko"));
  ws.Build(fs);
  CHECK(ws.last.front_matters_parsed == 1);
  CHECK(ws.site == Build(fs).files);
}

TEST_CASE("incremental: front matter from the cache reports errors where a fresh parse does") {
  auto fs = SampleSite();
  fs.Add("content/uutiset/u2.md",
         "---\ntitle: Uutinen 2\ndate: 2024-02-10\nweight: paljon\ntags: [a, b]\n---\nTeksti.\n");
  std::string saved_markdown;
  std::string messages[2];
  size_t parsed[2];
  for (int run = 0; run < 2; ++run) {
    BuildCache cache;
    if (!saved_markdown.empty()) REQUIRE(cache.DecodeMarkdown(saved_markdown).ok());
    PersistentOutput out;
    DiagnosticList diags;
    BuildOptions options;
    options.filter.now = 1735689600;
    options.cache = &cache;
    parsed[run] = BuildSite(fs, out, options, diags).front_matters_parsed;
    messages[run] = diags.Format();
    saved_markdown = cache.EncodeMarkdown();
  }
  CHECK(messages[0].find("content/uutiset/u2.md:4:9") != std::string::npos);
  CHECK(messages[1] == messages[0]);
  CHECK(parsed[0] > 5);
  CHECK(parsed[1] == 0);
}

TEST_CASE("incremental: without a cache every page is rendered") {
  auto fs = SampleSite();
  Workspace ws;
  ws.Build(fs);
  ws.Build(fs, /*use_cache=*/false);
  CHECK(ws.last.pages_rendered == ws.last.html_pages);
  CHECK(ws.site == Build(fs).files);
}

namespace {

// The sample site with feed_limit 2: three of the five news pages are in no feed, so a
// build that renders plain pages with their Markdown frees their HTML as soon as their
// own page is written.
MemoryFileSystem SampleSiteShortFeeds() {
  auto fs = SampleSite();
  std::string yaml = *fs.ReadFile("site.yaml");
  fs.Add("site.yaml", yaml + "feed_limit: 2\n");
  return fs;
}

size_t PhaseCount(const BuildStats& stats, const std::string& name) {
  return static_cast<size_t>(std::count_if(stats.phases.begin(), stats.phases.end(),
                                           [&](const auto& ph) { return ph.name == name; }));
}

}  // namespace

TEST_CASE(
    "incremental: without a cache plain pages are rendered with their Markdown: the same site, "
    "and each feed still carries its entries' whole text") {
  auto fs = SampleSiteShortFeeds();
  Workspace ws(/*serve=*/true);
  ws.Build(fs);  // serve keeps the model: every body rendered before any page
  auto fresh = Build(fs);
  INFO(fresh.diagnostics);
  REQUIRE(fresh.ok);
  RequireSameSite(ws.site, fresh.files);
  CHECK(fresh.stats.pages_rendered == fresh.stats.html_pages);
  CHECK(PhaseCount(fresh.stats, "markdown + pages") == 1);
  const std::string& feed = fresh.files["uutiset/atom.xml"];
  for (const char* text : {"Kappale 5.", "Kappale 4."}) {
    INFO(text);
    CHECK(feed.find(std::string("&lt;p&gt;") + text + "&lt;/p&gt;") != std::string::npos);
  }
  CHECK(feed.find("Kappale 3.") == std::string::npos);
  CHECK(fresh.files["uutiset/u1/index.html"].find("<p>Kappale 1.</p>") != std::string::npos);
}

TEST_CASE(
    "incremental: a first build with the cache renders plain pages with their Markdown, and "
    "the next build reuses every one of them") {
  auto fs = SampleSiteShortFeeds();
  Workspace ws;
  ws.Build(fs);
  CHECK(PhaseCount(ws.last, "markdown + pages") == 1);
  CHECK(ws.last.pages_rendered == ws.last.html_pages);
  RequireSameSite(ws.site, Build(fs).files);
  // What each early page read was kept with its fingerprint: nothing is rendered again.
  ws.Build(fs);
  CHECK(ws.last.pages_rendered == 0);
  CHECK(PhaseCount(ws.last, "markdown + pages") == 0);
  // A body edit past the summary renders its page again (and the feed that carries it),
  // as after a full build.
  std::string t = Read(fs, "content/uutiset/u5.md");
  fs.Add("content/uutiset/u5.md", t.replace(t.find("Toinen kappale."), 15, "Muutettu kappale."));
  ws.Build(fs);
  CHECK(ws.last.pages_rendered == 1);
  RequireSameSite(ws.site, Build(fs).files);
  CHECK(ws.site["uutiset/atom.xml"].find("Muutettu kappale.") != std::string::npos);
}

TEST_CASE("incremental: serve re-reads and re-parses only the changed sources") {
  auto fs = SampleSite();
  Workspace ws(/*serve=*/true);
  ws.Build(fs);
  size_t sources = ws.last.sources_parsed;
  CHECK(sources == 10);
  ws.Build(fs);
  CHECK(ws.last.sources_parsed == 0);
  CHECK(ws.last.pages_rendered == 0);
  std::string t = Read(fs, "content/uutiset/u3.md");
  fs.Add("content/uutiset/u3.md", t.replace(t.find("Toinen kappale."), 15, "Muutettu kappale."));
  ws.Build(fs);
  CHECK(ws.last.sources_parsed == 1);
  CHECK(ws.last.front_matters_parsed == 0);  // its front matter is the same text
  CHECK(ws.last.pages_rendered == 1);
  RequireSameSite(ws.site, Build(fs).files);
  // A config change may change how every file parses (languages, taxonomies); the front
  // matters' YAML is still the same.
  std::string c = Read(fs, "site.yaml");
  fs.Add("site.yaml", c.replace(c.find("title: Osallisuus"), 17, "title: Yhdessä"));
  ws.Build(fs);
  CHECK(ws.last.sources_parsed == sources);
  CHECK(ws.last.front_matters_parsed == 0);
  RequireSameSite(ws.site, Build(fs).files);
}

TEST_CASE("incremental: serve's in-memory cache carries the output manifest over") {
  BuildCache cache;
  cache.RecordFiles("/site/public", {"b.html", "a.html"});
  cache.CarryOver(false);  // not committed: the previous manifest (none) stays
  CHECK(cache.previous_destination().empty());
  CHECK(cache.previous_files().empty());
  cache.RecordFiles("/site/public", {"b.html", "a.html"});
  cache.CarryOver(true);
  CHECK(cache.previous_destination() == "/site/public");
  CHECK(cache.previous_files() == std::vector<std::string>{"a.html", "b.html"});
  cache.RecordFiles("/site/public", {"c.html"});
  cache.CarryOver(false);
  CHECK(cache.previous_files() == std::vector<std::string>{"a.html", "b.html"});
}

TEST_CASE("incremental: serve after a failed rebuild: errors again each time, then the fix") {
  auto fs = SampleSite();
  Workspace ws(/*serve=*/true);
  ws.Build(fs);
  auto good = ws.site;
  std::string t = Read(fs, "content/uutiset/u3.md");
  fs.Add("content/uutiset/u3.md", "---\ntitel: Rikki\n---\nRikki.\n");
  CHECK_FALSE(ws.TryBuild(fs));
  CHECK(ws.site == good);  // the last good site stays
  // The broken file's messages come again: its failed parse was not kept.
  CHECK_FALSE(ws.TryBuild(fs));
  fs.Add("content/uutiset/u3.md", t.replace(t.find("Toinen kappale."), 15, "Korjattu."));
  ws.Build(fs);
  CHECK(ws.last.sources_parsed == 1);
  CHECK(ws.last.pages_rendered == 1);
  RequireSameSite(ws.site, Build(fs).files);
}

TEST_CASE("incremental: a source written in the last seconds is not indexed by its version") {
  auto dir = yhdessa::testing::TempDir("changed-recently");
  { std::ofstream(dir / "a.md") << "---\ntitle: A\n---\nHei.\n"; }
  auto fs = NewDiskFileSystem(dir.string());
  REQUIRE(fs->ReadFile("a.md").ok());
  CHECK(*fs->ReadFile("a.md") == "---\ntitle: A\n---\nHei.\n");
  // BuildSite asks it of the look it took before the read (Stat).
  auto looked = fs->Stat("a.md");
  REQUIRE(looked);
  CHECK(looked->id == *fs->Version("a.md"));
  CHECK(ChangedWithin(*looked, 2));          // just written
  CHECK_FALSE(ChangedWithin(*looked, -60));  // "a minute before now" is after it
  CHECK_FALSE(fs->Stat("missing.md"));       // unknown: no version, nothing indexed
  MemoryFileSystem memory;
  memory.Add("a.md", "x");
  CHECK_FALSE(ChangedWithin(*memory.Stat("a.md"), 2));
}

TEST_CASE(
    "incremental: a site with a voting round reuses its pages until the round opens or closes") {
  auto fs = RoundSite();
  fs.Add("content/omakouvola/penkit.md",
         "---\ntitle: Penkit\nkind: proposal\nround: omakouvola-2025\narea: elimaki\ncost: "
         "1200\n---\nKuvaus.\n");
  fs.Add("content/uutiset/a.md", "---\ntitle: Uutinen\n---\nTeksti.\n");
  for (bool serve : {false, true}) {
    INFO((serve ? "serve" : "build"));
    Workspace ws(serve);
    auto same_as_fresh_build = [&] { RequireSameAsFreshBuild(ws.site, fs, ws.now); };
    ws.now = 1735689600;  // 2025-01-01: upcoming
    ws.Build(fs);
    ws.now += 3600;  // an hour later the clock differs, the round's phase does not
    ws.Build(fs);
    CHECK(ws.last.pages_rendered == 0);
    same_as_fresh_build();
    ws.now = 1736600000;  // 2025-01-11: open
    ws.Build(fs);
    CHECK(ws.last.pages_rendered > 0);
    same_as_fresh_build();
    ws.now = 1738400000;  // 2025-02-01: closed
    ws.Build(fs);
    CHECK(ws.last.pages_rendered > 0);
    same_as_fresh_build();
  }
}

// ---- review of 16150e2 ----
namespace {
void SetAliases(MemoryFileSystem& fs, const std::string& file, const std::string& aliases) {
  std::string t = Read(fs, file);
  if (size_t at = t.find("aliases:"); at != std::string::npos)
    t.erase(at, t.find('\n', at) + 1 - at);
  if (!aliases.empty()) t.replace(t.find("title:"), 0, "aliases: " + aliases + "\n");
  fs.Add(file, t);
}
void SetTitle(MemoryFileSystem& fs, const std::string& file, const std::string& title) {
  std::string t = Read(fs, file);
  size_t at = t.find("title:");
  t.replace(at, t.find('\n', at) - at, "title: " + title);
  fs.Add(file, t);
}
void Steps(const std::vector<std::function<void(MemoryFileSystem&)>>& steps) {
  for (bool serve : {false, true}) {
    INFO((serve ? "serve" : "build"));
    auto fs = SampleSite();
    Workspace ws(serve);
    ws.Build(fs);
    for (size_t k = 0; k < steps.size(); ++k) {
      INFO("step " << k);
      steps[k](fs);
      auto fresh = Build(fs);
      bool ok = ws.TryBuild(fs);
      INFO(fresh.diagnostics);
      INFO(ws.errors);
      REQUIRE(ok == fresh.ok);
      if (ok) RequireSameSite(ws.site, fresh.files);
    }
  }
}
}  // namespace

TEST_CASE("incremental: alias sequences, build and serve (a review's)") {
  const std::string u3 = "content/uutiset/u3.md", u4 = "content/uutiset/u4.md";
  const std::string sv = "content/uutiset/u1.sv.md", rata = "content/palvelut/rata/index.md";
  Steps({
      [&](MemoryFileSystem& fs) { SetAliases(fs, u3, "[/vanha/, /x.html]"); },
      [&](MemoryFileSystem& fs) { SetTitle(fs, u3, "Uusi kolme"); },
      // moved to another page, with titles changed
      [&](MemoryFileSystem& fs) {
        SetAliases(fs, u3, "");
        SetAliases(fs, u4, "[/vanha/, /x.html]");
        SetTitle(fs, u4, "Nelonen");
      },
      // the target renamed (same alias)
      [&](MemoryFileSystem& fs) {
        fs.Add("content/uutiset/u4b.md", Read(fs, u4));
        fs.Remove(u4);
      },
      // a translation gets the alias of another; the track's alias swapped with it
      [&](MemoryFileSystem& fs) {
        SetAliases(fs, "content/uutiset/u4b.md", "");
        SetAliases(fs, sv, "[/vanha/]");
        SetAliases(fs, rata, "[/x.html]");
      },
      // the translation's title; the original renamed to .sv? -> its language
      [&](MemoryFileSystem& fs) { SetTitle(fs, sv, "Nyhet ett"); },
      [&](MemoryFileSystem& fs) {
        fs.Add("content/uutiset/u5.sv.md",
               "---\naliases: [/u5sv/]\ntitle: Nyhet 5\ndate: 2024-05-10\n---\nS.\n");
      },
      [&](MemoryFileSystem& fs) {  // u5.sv -> u6.sv (no original: lang of redirect)
        fs.Add("content/uutiset/u6.sv.md", Read(fs, "content/uutiset/u5.sv.md"));
        fs.Remove("content/uutiset/u5.sv.md");
      },
      [&](MemoryFileSystem& fs) {  // alias at a page removed by the same build
        fs.Remove(u3);
        SetAliases(fs, rata, "[/x.html, /uutiset/u3/]");
      },
      [&](MemoryFileSystem& fs) {  // base url change
        std::string y = Read(fs, "site.yaml");
        fs.Add("site.yaml", y.replace(y.find("https://example.fi/"), 19, "https://example.org/"));
      },
  });
}

TEST_CASE("incremental: alias collisions (a review's)") {
  const std::string u3 = "content/uutiset/u3.md", u4 = "content/uutiset/u4.md";
  Steps({
      [&](MemoryFileSystem& fs) { SetAliases(fs, u3, "[/uutiset/atom.xml]"); },
      [&](MemoryFileSystem& fs) { SetAliases(fs, u3, "[/vanha/]"); },
      [&](MemoryFileSystem& fs) { SetAliases(fs, u4, "[/vanha]"); },
      [&](MemoryFileSystem& fs) { SetAliases(fs, u4, "[/404.html]"); },
      [&](MemoryFileSystem& fs) { SetAliases(fs, u4, "[/uutiset/page/3/]"); },
      [&](MemoryFileSystem& fs) { SetAliases(fs, u4, "[/uutiset/page/4/]"); },
      [&](MemoryFileSystem& fs) {
        fs.Add("content/uutiset/u6.md", "---\ntitle: U6\ndate: 2024-06-11\n---\nA.\n");
        fs.Add("content/uutiset/u7.md", "---\ntitle: U7\ndate: 2024-06-12\n---\nA.\n");
      },
      [&](MemoryFileSystem& fs) { fs.Remove("content/uutiset/u7.md"); },
  });
}
