// The demo site and the Hamina example, built from the repository as they are: counts
// taken from the source documents in ../shared/seeds (docs/content-model.md, "Counts").
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "generator/patch/site_patch.h"
#include "test_site.h"
#include "workspace.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {

// The site at `dir` of the repository, read into memory (themes from the repository).
MemoryFileSystem RepoSite(const std::string& dir) {
  MemoryFileSystem fs;
  auto disk = NewDiskFileSystem(std::string(YHDESSA_SOURCE_DIR) + "/" + dir);
  for (const auto& f : disk->ListFiles("")) {
    if (f.rfind("content/", 0) == 0 || f.rfind("data/", 0) == 0 || f.rfind("static/", 0) == 0 ||
        f == "site.yaml") {
      fs.Add(f, *disk->ReadFile(f));
    }
  }
  auto repo = NewDiskFileSystem(YHDESSA_SOURCE_DIR);
  for (const auto& f : repo->ListFiles("themes/default")) {
    fs.Add(dir == "." ? f : "../../" + f,
           *repo->ReadFile(f));  // examples/* use themes_dir: ../../themes
  }
  return fs;
}

size_t Count(const std::string& s, const std::string& pattern) {
  std::regex re(pattern);
  return std::distance(std::sregex_iterator(s.begin(), s.end(), re), std::sregex_iterator());
}

}  // namespace

TEST_CASE("demo site: builds without errors, the welfare plan 2024 has the source's statuses") {
  auto fs = RepoSite(".");
  auto r = Build(fs, BuildFilter{false, false, false, 1795000000});  // November 2026
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& plan = r.files["suunnitelmat/hyvinvointisuunnitelma-2024/index.html"];
  // 002: 59 measures of 2024 with a status (counted once under each status they carry) and
  // 22 council-term measures without one.
  CHECK(plan.find("(toimenpiteitä yhteensä: 81)") != std::string::npos);
  size_t at = plan.find("<h2 id=\"plan-status-title\"");  // not the table of contents' link
  REQUIRE(at != std::string::npos);
  std::string summary = plan.substr(at, 6000);
  CHECK(summary.find("Valmis</span></th><td>16</td>") != std::string::npos);
  CHECK(summary.find("Etenee</span></th><td>37</td>") != std::string::npos);
  CHECK(summary.find("Aloittamatta</span></th><td>2</td>") != std::string::npos);
  CHECK(summary.find("Uusi</span></th><td>7</td>") != std::string::npos);
  CHECK(summary.find("Jatkuva</span></th><td>1</td>") != std::string::npos);
  CHECK(Count(plan, "<tr id=\"m-") == 81);
  // The same measures in the open data.
  const std::string& csv = r.files["suunnitelmat/hyvinvointisuunnitelma-2024/toimenpiteet.csv"];
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 82);
  // 000: 23 project proposals, every one a page.
  size_t projects = 0;
  for (const auto& [path, html] : r.files) {
    if (path.rfind("hankkeet/", 0) == 0 && Count(path, "/") == 3 &&
        html.find("class=\"wrap content project\"") != std::string::npos) {
      ++projects;
    }
  }
  CHECK(projects == 23);
  const std::string& catalogue = r.files["hankkeet/hankkeet.csv"];
  CHECK(std::count(catalogue.begin(), catalogue.end(), '\n') == 24);
  // The demo round is open and its manifest is published for the voting server.
  CHECK(r.files.count("_yhdessa/rounds/omakouvola-2026.json"));
  CHECK(r.files["omakouvola/index.html"].find("<form class=\"ballot\"") != std::string::npos);
}

TEST_CASE("Hamina example: a second site with its own vocabulary, every method of 003 present") {
  auto fs = RepoSite("examples/hamina");
  auto r = Build(fs, BuildFilter{false, false, false, 1795000000});
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& plan = r.files["osallisuussuunnitelma/index.html"];
  // 003 numbers its methods 1-15; 6-8 are missing in the source and must not be invented.
  for (int n : {1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 15}) {
    INFO(n);
    CHECK(plan.find("aria-labelledby=\"goal-menetelma-" + std::to_string(n) + "\"") !=
          std::string::npos);
  }
  for (int n : {6, 7, 8})
    CHECK(plan.find("goal-menetelma-" + std::to_string(n) + "\"") == std::string::npos);
  CHECK(Count(plan, "<section class=\"goal\"") == 12);
  CHECK(plan.find("Kouvola") == std::string::npos);  // nothing of the Kouvola site leaks in
}

// The build cache keeps, for each page, the pages its rendering read (RenderCache): a
// missed read would leave a stale page after an edit. Edits of every kind of page of the
// demo site, one after another, must give what a fresh build gives: with `build` and its
// cache files, and with `serve`, which patches what it can (SitePatch) and builds the rest.
TEST_CASE("demo site: title and text edits of every kind of page rebuild to the fresh site") {
  const std::vector<std::string> files = {
      "content/uutiset/2023-09-19-osallistuvan-budjetoinnin-pilotit.md",  // news, with tags
      "content/osallisuus/osallisuuskasite.md",                           // weighted page
      "content/osallisuus/osallisuussuunnitelma.sv.md",                   // a translation
      "content/uutiset/_index.md",                                        // a section
      "content/_index.md",                                                // the home page
      "content/omakouvola/alue-1-penkit.md",                              // a proposal
      "content/suunnitelmat/hyvinvointisuunnitelma-2024.md",              // a plan
  };
  for (bool serve : {false, true}) {
    INFO((serve ? "serve" : "build"));
    auto fs = RepoSite(".");
    Workspace ws(serve);
    ws.Build(fs);
    size_t patched = 0;
    int n = 0;
    for (const auto& file : files) {
      for (bool title : {true, false}) {
        INFO(file << (title ? ": title" : ": text"));
        std::string text = *fs.ReadFile(file);
        if (title) {
          size_t at = text.find("\ntitle:");
          REQUIRE(at != std::string::npos);
          size_t end = text.find('\n', at + 1);
          text.replace(at, end - at, "\ntitle: Muokattu otsikko " + std::to_string(++n));
        } else {
          text += "\nLisätty kappale " + std::to_string(++n) + ".\n";
        }
        fs.Add(file, text);
        patched += ws.PatchOrBuild(fs, {file});
        RequireSameAsFreshBuild(ws.site, fs, ws.now);
        // A proposal's title is in its round's definition, which every page may show (the
        // rounds are part of the structure): the other edits, the home page's included (every
        // page's breadcrumbs lead to it, by its place only), render a part of the site.
        bool everywhere = title && file.find("penkit") != file.npos;
        if (!serve && !everywhere) CHECK(ws.last.pages_rendered < ws.last.html_pages);
      }
    }
    // Pages without a kind are patched whatever changed in them but their place.
    if (serve) CHECK(patched >= 8);
  }
}

namespace {

// `text` with `key: value` in its front matter, in place of the key's line if it has one.
std::string SetKey(std::string text, const std::string& key, const std::string& value) {
  size_t end = text.find("\n---", 3);
  REQUIRE(end != std::string::npos);
  std::string line = key + ": " + value;
  size_t at = text.find("\n" + key + ":");
  if (at != std::string::npos && at < end) {
    text.replace(at + 1, text.find('\n', at + 1) - at - 1, line);
  } else {
    text.insert(end + 1, line + "\n");
  }
  return text;
}

}  // namespace

TEST_CASE("demo site: edits of what lists, feeds and sitemaps show rebuild to the fresh site") {
  // Each edit changes what other pages show of the page (list summaries, feed entries,
  // sitemap dates, params), one after another on the same site: in serve mode patch after
  // patch (or a build where a patch cannot be sure), in build mode all at once.
  const std::vector<std::string> files = {
      "content/uutiset/2023-09-19-osallistuvan-budjetoinnin-pilotit.md",  // feed, recent, tags
      "content/osallisuus/osallisuuskasite.md",          // notices for sv and en copy its title
      "content/osallisuus/osallisuussuunnitelma.en.md",  // shares its plan's kind and keys
      "content/_index.en.md",                            // a home page
  };
  auto edit = [](std::string text, int which, const std::string& tag) {
    if (which == 0) return SetKey(text, "description", "Uusi kuvaus " + tag + ".");
    if (which == 1) {
      text = SetKey(SetKey(text, "summary", "Tiivistelmä " + tag), "teema", tag);
      return SetKey(SetKey(text, "toc", "true"), "lastmod", "2024-12-1" + tag.substr(0, 1));
    }
    size_t body = text.find('\n', text.find("\n---", 3) + 1) + 1;
    return text.insert(body, "Uusi ensimmäinen kappale " + tag + ".\n\n");
  };
  for (bool serve : {false, true}) {
    INFO((serve ? "serve" : "build"));
    auto fs = RepoSite(".");
    Workspace ws(serve);
    ws.Build(fs);
    std::vector<std::vector<int>> steps = {{0, 1, 2}};
    if (serve) steps = {{0}, {1}, {2}};
    size_t patched = 0;
    int n = 0;
    for (const auto& file : files) {
      for (const auto& step : steps) {
        std::string text = *fs.ReadFile(file);
        for (int which : step) text = edit(text, which, std::to_string(++n));
        INFO(file << ": edit " << step.front());
        fs.Add(file, text);
        patched += ws.PatchOrBuild(fs, {file});
        RequireSameAsFreshBuild(ws.site, fs, ws.now);
      }
    }
    // Front-matter edits of the plan's translation are left to a build (it has the plan's
    // kind); the rest, and its text edit, are patched.
    if (serve) CHECK(patched == 10);
  }
}

TEST_CASE(
    "demo site: a ballot directive moved or pointed at another area rebuilds to the fresh site") {
  // The directive's paragraph is left out of the page's HTML: the HTML stays the same when
  // the directive changes.
  const std::string file = "content/osallistumispalvelut/osallistuva-budjetointi.md";
  const std::string directive =
      "{{< ballot round=\"nuorten-omakouvola-2026\" area=\"koko-kouvola\" >}}";
  for (bool serve : {false, true}) {
    for (bool move : {false, true}) {
      INFO((serve ? "serve" : "build") << (move ? ": moved" : ": another area"));
      auto fs = RepoSite(".");
      Workspace ws(serve);
      ws.Build(fs);
      std::string text = *fs.ReadFile(file);
      size_t at = text.find(directive);
      REQUIRE(at != std::string::npos);
      if (move) {
        text.erase(at, directive.size());
        size_t heading = text.find("## Kokeile äänestystä");
        REQUIRE(heading != std::string::npos);
        text.insert(heading, directive + "\n\n");
      } else {
        text.replace(at, directive.size(),
                     "{{< ballot round=\"omakouvola-2026\" area=\"alue-1\" >}}");
      }
      fs.Add(file, text);
      ws.Build(fs);
      CHECK_FALSE(ws.reused.count("osallistumispalvelut/osallistuva-budjetointi/index.html"));
      RequireSameAsFreshBuild(ws.site, fs, ws.now);
    }
  }
}
