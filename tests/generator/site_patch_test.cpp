// SitePatch, `serve`'s fast path: after an edit of a page's text or front matter the
// patched site must be exactly what a fresh full build of the edited sources writes, and
// every change it cannot be sure of must be left to a full build, with nothing written and
// the session unchanged.
#include "generator/patch/site_patch.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "test_site.h"
#include "workspace.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {

constexpr int64_t kNow = 1735689600;  // as testing::Build

// The serve loop: the patch when it can, else a full build with serve's caches.
struct Serve : Workspace {
  Serve() : Workspace(/*serve=*/true) {}

  // Returns the outcome and the files the patch wrote; a full build's success goes to
  // `built` (required when null). `at`: the clock.
  PatchResult Change(const MemoryFileSystem& fs, const std::vector<std::string>& changed,
                     std::set<std::string>* written = nullptr, int64_t at = kNow,
                     bool* built = nullptr) {
    MemoryOutput out;
    DiagnosticList diags;
    PatchResult r = PatchSite(session, fs, changed, at, out, diags);
    if (r.outcome == PatchResult::kPatched) {
      CHECK_FALSE(diags.has_errors());
      for (auto& [path, content] : out.files) {
        if (written) written->insert(path);
        site[path] = std::move(content);
      }
      for (const auto& path : r.removed) {
        CHECK(out.files.count(path) == 0);
        CHECK(site.erase(path) == 1);
      }
    } else {
      CHECK(out.files.empty());  // nothing is written before a full build is asked for
      now = at;
      bool ok = TryBuild(fs);
      if (built) {
        *built = ok;
      } else {
        INFO(errors);
        REQUIRE(ok);
      }
    }
    return r;
  }
};

// SampleSite with a page published later (its date bounds the session), a link to
// another page's heading, and pages without dates, listed by title.
MemoryFileSystem PatchSampleSite() {
  auto fs = SampleSite();
  fs.Add("content/tulossa.md", "---\ntitle: Tulossa\ndate: 2025-06-01\n---\nPian.\n");
  fs.Add("content/palvelut/aa.md", "---\ntitle: Aaa\n---\nEka.\n");
  fs.Add("content/palvelut/bb.md", "---\ntitle: Bbb\n---\nToka.\n");
  fs.Add("content/palvelut/rata/index.md",
         "---\ntitle: Rata\n---\n![Frisbeegolfrata](kuva.jpg)\n\nLue "
         "[uutinen](../../uutiset/u2.md#lisaa).\n");
  return fs;
}

// The site the serve loop has now is the one a fresh build of `fs` writes.
void RequireSameAsFreshBuild(const Serve& s, const MemoryFileSystem& fs, int64_t now = kNow) {
  testing::RequireSameAsFreshBuild(s.site, fs, now);
}

// One page's text changed from `from` to `to`: patched or built, as `patched` says.
struct TextEdit {
  const char* what;
  const char* file;
  const char* from;
  const char* to;
  bool patched;
};

// Applies `edit` and lets the serve loop take it: the outcome must be the one expected and
// the site a fresh build's. Returns whether it was patched; the files written to `written`.
bool ApplyEdit(Serve& s, MemoryFileSystem& fs, const TextEdit& edit,
               std::set<std::string>* written = nullptr) {
  Replace(fs, edit.file, edit.from, edit.to);
  PatchResult r = s.Change(fs, {edit.file}, written);
  INFO(r.reason);
  CHECK((r.outcome == PatchResult::kPatched) == edit.patched);
  RequireSameAsFreshBuild(s, fs);
  return r.outcome == PatchResult::kPatched;
}

// ApplyEdit for each of `steps`, in order.
template <size_t N>
void ApplyEdits(Serve& s, MemoryFileSystem& fs, const TextEdit (&steps)[N]) {
  for (const auto& step : steps) {
    INFO(step.what);
    ApplyEdit(s, fs, step);
  }
}

// The serve loop leaves the files `changed` to a full build, which reports errors (a link,
// an alias or an address the change breaks): the site stays the last good one.
void RequireFailedBuild(Serve& s, const MemoryFileSystem& fs,
                        const std::vector<std::string>& changed) {
  bool built = true;
  PatchResult r = s.Change(fs, changed, nullptr, kNow, &built);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  CHECK_FALSE(built);
}

// The serve loop patches the files `changed`, and its site is then a fresh build's.
void RequirePatched(Serve& s, const MemoryFileSystem& fs, const std::vector<std::string>& changed) {
  PatchResult r = s.Change(fs, changed);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  RequireSameAsFreshBuild(s, fs);
}

// Writes each file of `files` into `fs` (an empty text deletes it); returns their names:
// the change the serve loop sees.
std::vector<std::string> WriteFiles(MemoryFileSystem& fs,
                                    const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> changed;
  for (const auto& [file, text] : files) {
    if (text.empty())
      fs.Remove(file);
    else
      fs.Add(file, text);
    changed.push_back(file);
  }
  return changed;
}

// PatchSite alone, without the full build the serve loop would run when it says no: its
// outcome, the files it would write in `out`.
PatchResult AskPatch(Serve& s, const MemoryFileSystem& fs, const std::vector<std::string>& changed,
                     MemoryOutput& out) {
  DiagnosticList diags;
  PatchResult r = PatchSite(s.session, fs, changed, kNow, out, diags);
  CHECK_FALSE(diags.has_errors());
  return r;
}

}  // namespace

TEST_CASE("site patch: a body edit rewrites the page and its section's feed, as a build does") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  REQUIRE(s.session.ready());
  Replace(fs, "content/uutiset/u3.md", "Toinen kappale.", "Muutettu *kappale* ja [linkki](u4.md).");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"content/uutiset/u3.md"}, &written);
  INFO(r.reason);
  REQUIRE(r.outcome == PatchResult::kPatched);
  CHECK(r.pages == 1);
  CHECK(written == std::set<std::string>{"uutiset/u3/index.html", "uutiset/atom.xml"});
  RequireSameAsFreshBuild(s, fs);

  SECTION("patches follow each other, several pages at once") {
    Replace(fs, "content/uutiset/u3.md", "Muutettu", "Taas muutettu");
    Replace(fs, "content/palvelut/rata/index.md", "Lue", "Lue myös");
    r = s.Change(fs, {"content/palvelut/rata/index.md", "content/uutiset/u3.md"});
    CHECK(r.outcome == PatchResult::kPatched);
    CHECK(r.pages == 2);
    RequireSameAsFreshBuild(s, fs);
  }
  SECTION("a full build after a patch renders the patched pages from the new text") {
    fs.Add("data/kunta.yaml", "nimi: Toinen\n");
    CHECK(s.Change(fs, {"data/kunta.yaml"}).outcome == PatchResult::kNeedsBuild);
    RequireSameAsFreshBuild(s, fs);
    // Back to the text of the first build: a stale cache entry must not bring it back.
    Replace(fs, "content/uutiset/u3.md", "Muutettu *kappale* ja [linkki](u4.md).",
            "Toinen kappale.");
    CHECK(s.Change(fs, {"content/uutiset/u3.md"}).outcome == PatchResult::kPatched);
    RequireSameAsFreshBuild(s, fs);
  }
  SECTION("an editor's temporary file, gone after the save, is not a change") {
    Replace(fs, "content/uutiset/u2.md", "Toinen", "Kolmas");
    RequirePatched(s, fs, {"content/4913", "content/uutiset/u2.md", "content/uutiset/u2.md~"});
  }
}

TEST_CASE("site patch: what a body edit cannot be trusted with goes to a full build") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  int64_t now = kNow;
  bool errors = false;  // the full build must report them
  std::vector<std::string> changed{"content/uutiset/u3.md"};
  SECTION("a date after the build's clock, which says when a page is published") {
    Replace(fs, "content/uutiset/u3.md", "date: 2024-03-10", "date: 2025-03-11");
  }
  SECTION("a new term that two pages make at once, spelling it each their own way") {
    Replace(fs, "content/uutiset/u3.md", "budjetti]\n---", "budjetti, liikunta]\n---");
    Replace(fs, "content/uutiset/u4.md", "budjetti]\n---", "budjetti, Liikunta]\n---");
    changed.push_back("content/uutiset/u4.md");
  }
  SECTION("a slug, which is the page's address") {
    Replace(fs, "content/uutiset/u3.md", "title: Uutinen 3", "title: Uutinen 3\nslug: kolmas");
  }
  SECTION("a kind, which makes typed content") {
    Replace(fs, "content/uutiset/u3.md", "title: Uutinen 3", "title: Uutinen 3\nkind: project");
  }
  SECTION("a heading that another page's link names: a full build reports the link") {
    Replace(fs, "content/uutiset/u2.md", "## Lisää", "## Enemmän");
    changed = {"content/uutiset/u2.md"};
    errors = true;
  }
  SECTION("a heading changed with another page edited in the same change") {
    Replace(fs, "content/uutiset/u4.md", "## Lisää", "## Enemmän");
    Replace(fs, "content/uutiset/u3.md", "Toinen kappale.", "Muutettu.");
    changed = {"content/uutiset/u3.md", "content/uutiset/u4.md"};
  }
  SECTION("a broken link: a full build reports it") {
    Replace(fs, "content/uutiset/u3.md", "Toinen kappale.", "[Rikki](ei-ole.md)");
    errors = true;
  }
  SECTION("a ballot directive") {
    Replace(fs, "content/uutiset/u3.md", "Toinen kappale.", "{{< aanestys kierros=\"x\" >}}");
    errors = true;  // no such round
  }
  SECTION("a new page in a new folder") {
    fs.Add("content/uusi/u6.md", "---\ntitle: Uutinen 6\n---\nUusi.\n");
    changed = {"content/uusi/u6.md"};
  }
  SECTION("a deleted page that another page links to: a full build reports the link") {
    fs.Remove("content/uutiset/u2.md");
    changed = {"content/uutiset/u2.md"};
    errors = true;
  }
  SECTION("data, templates and site.yaml") {
    fs.Add("data/kunta.yaml", "nimi: Toinen\n");
    changed = {"data/kunta.yaml"};
  }
  SECTION("a page's date passed since the build: it is no longer future") {
    Replace(fs, "content/uutiset/u3.md", "Toinen kappale.", "Muutettu.");
    now = 1748736000 + 1;  // 2025-06-01 and a second
  }
  bool built = false;
  PatchResult r = s.Change(fs, changed, nullptr, now, &built);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  CHECK_FALSE(r.reason.empty());
  if (errors) {
    CHECK_FALSE(built);
    CHECK_FALSE(s.session.ready());
  } else {
    CHECK(built);
    RequireSameAsFreshBuild(s, fs, now);
  }
}

TEST_CASE("site patch: headings come, go and change, as a build does") {
  auto fs = PatchSampleSite();  // rata links to u2's #lisaa
  Serve s;
  REQUIRE(s.TryBuild(fs));
  const TextEdit steps[] = {
      {"a heading added", "content/uutiset/u4.md", "## Lisää", "## Lisää\n\nX.\n\n## Uusi osa",
       true},
      {"a heading no link names renamed", "content/uutiset/u4.md", "## Uusi osa", "## Toinen osa",
       true},
      {"a heading no link names removed", "content/uutiset/u4.md", "## Lisää", "Lisää", true},
      {"a link to its own new heading, in the same save", "content/uutiset/u3.md", "## Lisää",
       "[alas](#loppu)\n\n## Lisää\n\n## Loppu", true},
      {"the heading a page links to one level lower", "content/uutiset/u2.md", "## Lisää",
       "### Lisää", true},
      {"a heading added where another page links (its anchor stays)", "content/uutiset/u2.md",
       "### Lisää", "## Alku\n\n### Lisää", true},
      {"the heading its own link names removed: a build reports the link", "content/uutiset/u3.md",
       "## Loppu", "Loppu", false},
  };
  for (const auto& step : steps) {
    INFO(step.what);
    if (step.patched) {
      ApplyEdit(s, fs, step);
    } else {
      Replace(fs, step.file, step.from, step.to);
      RequireFailedBuild(s, fs, {step.file});
      Replace(fs, step.file, step.to, step.from);  // put back: a build, which succeeds
      s.Change(fs, {step.file});
      RequireSameAsFreshBuild(s, fs);
    }
  }
  // The page that links to u2 and u2's heading, saved again: still patched.
  Replace(fs, "content/uutiset/u2.md", "## Alku", "## Alussa");
  RequirePatched(s, fs, {"content/uutiset/u2.md"});
}

TEST_CASE("site patch: a front-matter edit re-renders the pages that show it, as a build does") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  std::set<std::string> written;
  std::vector<std::string> changed{"content/uutiset/u3.md"};
  SECTION("a title: the page, its lists, its feed and its missing translation's notice") {
    Replace(fs, "content/uutiset/u3.md", "title: Uutinen 3", "title: Uutinen kolme");
    PatchResult r = s.Change(fs, changed, &written);
    INFO(r.reason);
    REQUIRE(r.outcome == PatchResult::kPatched);
    CHECK(written.count("uutiset/u3/index.html"));
    CHECK(written.count("uutiset/atom.xml"));
    CHECK(written.count("sv/uutiset/u3/index.html"));
    CHECK_FALSE(written.count("palvelut/rata/index.html"));  // does not show it
    CHECK_FALSE(written.count("uutiset/u1/index.html"));
  }
  SECTION("a section's title, which its pages show in their breadcrumbs") {
    changed = {"content/uutiset/_index.md"};
    Replace(fs, "content/uutiset/_index.md", "title: Uutiset", "title: Tiedotteet");
    PatchResult r = s.Change(fs, changed, &written);
    INFO(r.reason);
    REQUIRE(r.outcome == PatchResult::kPatched);
    CHECK(written.count("uutiset/index.html"));
  }
  SECTION("a title that moves the page within its section's list") {
    changed = {"content/palvelut/bb.md"};
    Replace(fs, "content/palvelut/bb.md", "title: Bbb", "title: A");
    PatchResult r = s.Change(fs, changed, &written);
    INFO(r.reason);
    REQUIRE(r.outcome == PatchResult::kPatched);
    CHECK(written.count("palvelut/index.html"));
  }
  SECTION("a date that moves the page within its section, its terms and the front page") {
    // u3 (2024-03-10) becomes the newest: first in the section's first page of two
    // (paginate: 2), in its terms' lists and in the feed.
    Replace(fs, "content/uutiset/u3.md", "date: 2024-03-10", "date: 2024-12-24T18:00:00+02:00");
    PatchResult r = s.Change(fs, changed, &written);
    INFO(r.reason);
    REQUIRE(r.outcome == PatchResult::kPatched);
    CHECK(written.count("uutiset/index.html"));
    CHECK(written.count("uutiset/page/2/index.html"));
    CHECK(written.count("uutiset/atom.xml"));
    CHECK(written.count("tags/nuoret/index.html"));
    CHECK_FALSE(written.count("palvelut/rata/index.html"));  // shows no list with it
  }
  SECTION("a weight, which puts the page before the dated ones") {
    Replace(fs, "content/uutiset/u1.md", "title: Uutinen 1", "title: Uutinen 1\nweight: 1");
    changed = {"content/uutiset/u1.md"};
    PatchResult r = s.Change(fs, changed, &written);
    INFO(r.reason);
    REQUIRE(r.outcome == PatchResult::kPatched);
    CHECK(written.count("uutiset/index.html"));
    // (the section's pages show its title in their breadcrumbs: they read the section,
    // whose list order changed, and are rendered again, to the same HTML)
    // and back: the lists return to date order
    RequireSameAsFreshBuild(s, fs);
    Replace(fs, "content/uutiset/u1.md", "\nweight: 1", "");
    REQUIRE(s.Change(fs, changed, &written).outcome == PatchResult::kPatched);
  }
  SECTION("a date added to a page of a section without a feed, then taken away") {
    changed = {"content/palvelut/bb.md"};
    Replace(fs, "content/palvelut/bb.md", "title: Bbb", "title: Bbb\ndate: 2024-05-01");
    PatchResult r = s.Change(fs, changed, &written);
    INFO(r.reason);
    REQUIRE(r.outcome == PatchResult::kPatched);
    CHECK(written.count("palvelut/bb/index.html"));
    CHECK(written.count("index.html"));  // the front page's newest pages
    RequireSameAsFreshBuild(s, fs);
    Replace(fs, "content/palvelut/bb.md", "\ndate: 2024-05-01", "");
    REQUIRE(s.Change(fs, changed, &written).outcome == PatchResult::kPatched);
  }
  SECTION("a date that goes takes the section's feed away, and brings it back when it comes") {
    Replace(fs, "content/uutiset/u3.md", "date: 2024-03-10\n", "");
    PatchResult r = s.Change(fs, changed, &written);
    INFO(r.reason);
    REQUIRE(r.outcome == PatchResult::kPatched);
    CHECK(r.removed == std::vector<std::string>{"uutiset/atom.xml"});
    CHECK(written.count("uutiset/index.html"));  // its link to the feed goes
    RequireSameAsFreshBuild(s, fs);
    REQUIRE(s.site.count("uutiset/atom.xml") == 0);
    Replace(fs, "content/uutiset/u3.md", "title: Uutinen 3", "title: Uutinen 3\ndate: 2024-03-10");
    REQUIRE(s.Change(fs, changed).outcome == PatchResult::kPatched);
    RequireSameAsFreshBuild(s, fs);
    REQUIRE(s.site.count("uutiset/atom.xml") == 1);
  }
  SECTION("a translation's record of its source, which only `check` reads") {
    changed = {"content/uutiset/u1.sv.md"};
    Replace(fs, "content/uutiset/u1.sv.md", "title: Nyhet 1",
            "title: Nyhet 1\ntranslation_of: 0123456789ab");
    PatchResult r = s.Change(fs, changed, &written);
    INFO(r.reason);
    REQUIRE(r.outcome == PatchResult::kPatched);
  }
  SECTION("a title that keeps the page's place in its list") {
    changed = {"content/palvelut/bb.md"};
    Replace(fs, "content/palvelut/bb.md", "title: Bbb", "title: Ab");
    REQUIRE(s.Change(fs, changed, &written).outcome == PatchResult::kPatched);
    CHECK(written.count("palvelut/bb/index.html"));
    CHECK(written.count("palvelut/index.html"));
  }
  SECTION("a description and a new key, with the body") {
    Replace(fs, "content/uutiset/u3.md", "title: Uutinen 3",
            "title: Uutinen 3\ndescription: Lyhyesti.\nteema: liikunta");
    Replace(fs, "content/uutiset/u3.md", "Toinen kappale.", "Uusi kappale.");
    REQUIRE(s.Change(fs, changed, &written).outcome == PatchResult::kPatched);
  }
  SECTION("the first paragraph, which lists and feeds show") {
    Replace(fs, "content/uutiset/u3.md", "Kappale 3.", "Ensimmäinen kappale.");
    REQUIRE(s.Change(fs, changed, &written).outcome == PatchResult::kPatched);
    CHECK(written.count("uutiset/index.html"));
  }
  RequireSameAsFreshBuild(s, fs);
  // And the patched session goes on: a body edit of another page after it.
  Replace(fs, "content/uutiset/u2.md", "Toinen kappale.", "Vielä kappale.");
  REQUIRE(s.Change(fs, {"content/uutiset/u2.md"}).outcome == PatchResult::kPatched);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: no session after a failed build, until a build succeeds") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  fs.Add("content/rikki.md", "---\ntitle: [\n---\n");
  CHECK_FALSE(s.TryBuild(fs));
  CHECK_FALSE(s.session.ready());
  MemoryOutput out;
  DiagnosticList diags;
  CHECK(PatchSite(s.session, fs, {"content/uutiset/u3.md"}, kNow, out, diags).outcome ==
        PatchResult::kNeedsBuild);
  fs.Remove("content/rikki.md");
  REQUIRE(s.TryBuild(fs));
  CHECK(s.session.ready());
}

TEST_CASE("site patch: a translation of a typed page keeps what it shares with its original") {
  // The build gives a translation its original's kind (its layout) and the keys it does not
  // set itself; the translation's own file has neither.
  auto fs = PatchSampleSite();
  fs.Add("content/palvelut/kysely.md",
         "---\ntitle: Kyselyt\nkind: service\nwhat: Kyselysivu.\nhow_to_take_part: Vastaa "
         "kyselyihin.\naudience: Asukkaat\n---\nKyselyt kootusti.\n");
  fs.Add("content/palvelut/kysely.sv.md", "---\ntitle: Enkäter\n---\nEnkäter samlade.\n");
  const std::string sv = "content/palvelut/kysely.sv.md";
  Serve s;
  REQUIRE(s.TryBuild(fs));
  std::set<std::string> written;
  // Its text, twice: patched, and the session goes on.
  Replace(fs, sv, "Enkäter samlade.", "Alla enkäter.");
  PatchResult r = s.Change(fs, {sv}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(written.count("sv/palvelut/kysely/index.html"));
  RequireSameAsFreshBuild(s, fs);
  Replace(fs, sv, "Alla enkäter.", "Alla stadens enkäter.");
  CHECK(s.Change(fs, {sv}).outcome == PatchResult::kPatched);
  RequireSameAsFreshBuild(s, fs);
  // Its title and a key of its own: typed content, left to a build.
  Replace(fs, sv, "title: Enkäter", "title: Stadens enkäter\naudience: Invånare");
  CHECK(s.Change(fs, {sv}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
  // Its text after that build.
  Replace(fs, sv, "Alla stadens enkäter.", "Enkäterna.");
  CHECK(s.Change(fs, {sv}).outcome == PatchResult::kPatched);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a title edit rewrites the redirects of the page's aliases") {
  // An alias's redirect page carries its target's title: an alias job reads the page.
  auto fs = SampleSite();  // the track has the alias /vanha-rata/
  const std::string rata = "content/palvelut/rata/index.md";
  Replace(fs, rata, "Lue ", "Ensin.\n\nLue ");
  SECTION("serve") {
    Serve s;
    REQUIRE(s.TryBuild(fs));
    std::set<std::string> written;
    Replace(fs, rata, "title: Rata", "title: Frisbeegolfrata");
    REQUIRE(s.Change(fs, {rata}, &written).outcome == PatchResult::kPatched);
    CHECK(written.count("vanha-rata/index.html"));
    RequireSameAsFreshBuild(s, fs);
    // A text edit after it leaves the redirect as it is.
    written.clear();
    Replace(fs, rata, "Ensin.", "Aluksi.");
    REQUIRE(s.Change(fs, {rata}, &written).outcome == PatchResult::kPatched);
    CHECK_FALSE(written.count("vanha-rata/index.html"));
    RequireSameAsFreshBuild(s, fs);
  }
  SECTION("a warm build") {
    Workspace ws;
    ws.Build(fs);
    Replace(fs, rata, "title: Rata", "title: Frisbeegolfrata");
    ws.Build(fs);
    CHECK_FALSE(ws.reused.count("vanha-rata/index.html"));
    CHECK(ws.reused.count("uutiset/u3/index.html"));
    testing::RequireSameAsFreshBuild(ws.site, fs, ws.now);
  }
}

// PatchSampleSite with the alias /vanha-rata/ on the track.
MemoryFileSystem AliasSite() {
  auto fs = PatchSampleSite();
  Replace(fs, "content/palvelut/rata/index.md", "title: Rata",
          "title: Rata\naliases: [/vanha-rata/]");
  return fs;
}

TEST_CASE("site patch: an edited page's aliases come and go, as a build does") {
  auto fs = AliasSite();
  const char* aa = "content/palvelut/aa.md";
  Serve s;
  REQUIRE(s.TryBuild(fs));
  std::set<std::string> written;
  // Gained: its redirect is written.
  CHECK(ApplyEdit(s, fs, {"an alias", aa, "title: Aaa", "title: Aaa\naliases: [/vanha-aa/]", true},
                  &written));
  CHECK(written.count("vanha-aa/index.html"));
  // Another beside it, without its final slash (a folder all the same).
  written.clear();
  CHECK(ApplyEdit(
      s, fs, {"another", aa, "aliases: [/vanha-aa/]", "aliases: [/vanha-aa/, /toinen-aa]", true},
      &written));
  CHECK(written.count("toinen-aa/index.html"));
  // One with an extension is a file of that name, which the build checks against every file
  // it writes (a feed, 404.html, a page's index.html): a build.
  CHECK_FALSE(ApplyEdit(s, fs,
                        {"a file's name", aa, "aliases: [/vanha-aa/, /toinen-aa]",
                         "aliases: [/vanha-aa/, /toinen-aa, /vanha/aa.html]", false}));
  REQUIRE(s.site.count("vanha/aa.html"));
  // Lost: its file goes.
  PatchResult r;
  Replace(fs, aa, "/vanha-aa/, ", "");
  r = s.Change(fs, {aa});
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.removed == std::vector<std::string>{"vanha-aa/index.html"});
  RequireSameAsFreshBuild(s, fs);
  // Another page's alias goes; this page's stay.
  CHECK(ApplyEdit(s, fs,
                  {"the track's alias", "content/palvelut/rata/index.md",
                   "aliases: [/vanha-rata/]\n", "", true}));
  // An alias moved from one page to another in two saves: its address is free between.
  CHECK(ApplyEdit(s, fs, {"all gone", aa, "aliases: [/toinen-aa, /vanha/aa.html]\n", "", true}));
  CHECK(ApplyEdit(s, fs,
                  {"to the other page", "content/palvelut/bb.md", "title: Bbb",
                   "title: Bbb\naliases: [/toinen-aa/]", true}));
  // A body and title edit of the page afterwards rewrites its redirect.
  written.clear();
  CHECK(ApplyEdit(s, fs, {"its title", "content/palvelut/bb.md", "title: Bbb", "title: Bee", true},
                  &written));
  CHECK(written.count("toinen-aa/index.html"));
}

TEST_CASE("site patch: new, deleted and renamed pages with aliases, as a build does") {
  auto fs = AliasSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  std::set<std::string> written;
  // A new page with an alias.
  const char* uusi = "content/palvelut/uusi.md";
  fs.Add(uusi, "---\ntitle: Uusi\naliases: [/vanha-uusi/]\n---\nA.\n");
  PatchResult r = s.Change(fs, {uusi}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(written.count("vanha-uusi/index.html"));
  RequireSameAsFreshBuild(s, fs);
  // Renamed (git mv), its old address made an alias beside the one it had.
  const char* siirretty = "content/palvelut/siirretty.md";
  fs.Add(siirretty, "---\ntitle: Uusi\naliases: [/vanha-uusi/, /palvelut/uusi/]\n---\nA.\n");
  fs.Remove(uusi);
  written.clear();
  r = s.Change(fs, {uusi, siirretty}, &written);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(written.count("vanha-uusi/index.html"));
  CHECK(written.count("palvelut/uusi/index.html"));  // the old page's file, now a redirect
  CHECK(std::count(r.removed.begin(), r.removed.end(), "palvelut/uusi/index.html") == 0);
  RequireSameAsFreshBuild(s, fs);
  // Deleted: its redirects go.
  fs.Remove(siirretty);
  r = s.Change(fs, {siirretty});
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(std::count(r.removed.begin(), r.removed.end(), "vanha-uusi/index.html") == 1);
  CHECK(std::count(r.removed.begin(), r.removed.end(), "palvelut/uusi/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  // A new page whose alias is its own address, or another page's alias: the build reports it.
  fs.Add(uusi, "---\ntitle: Uusi\naliases: [/palvelut/uusi/]\n---\nA.\n");
  RequireFailedBuild(s, fs, {uusi});
  fs.Add(uusi, "---\ntitle: Uusi\naliases: [/vanha-rata/]\n---\nA.\n");
  RequireFailedBuild(s, fs, {uusi});
  fs.Remove(uusi);
  r = s.Change(fs, {uusi});
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a deleted translation with an alias gives its place to a notice") {
  auto fs = AliasSite();  // uutiset/u1 has a Swedish translation
  Replace(fs, "content/uutiset/u1.sv.md", "title:", "aliases: [/gammal/]\ntitle:");
  fs.Add("content/uutiset/_index.sv.md", "---\ntitle: Nyheter\n---\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  REQUIRE(s.site.count("gammal/index.html"));
  fs.Remove("content/uutiset/u1.sv.md");
  PatchResult r = s.Change(fs, {"content/uutiset/u1.sv.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(std::count(r.removed.begin(), r.removed.end(), "gammal/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: an alias at a taken address, or with other changes, goes to a build") {
  const char* aa = "content/palvelut/aa.md";
  SECTION("taken: a build reports it, or writes one file twice") {
    for (const char* alias : {"/uutiset/", "/uutiset/u2", "/vanha-rata/"}) {
      INFO(alias);
      auto fs = AliasSite();
      Serve s;
      REQUIRE(s.TryBuild(fs));
      Replace(fs, aa, "title: Aaa", std::string("title: Aaa\naliases: [") + alias + "]");
      RequireFailedBuild(s, fs, {aa});
    }
    {  // A static file's address: the build decides.
      auto fs = AliasSite();
      Serve s;
      REQUIRE(s.TryBuild(fs));
      Replace(fs, aa, "title: Aaa", "title: Aaa\naliases: [/logo.svg]");
      MemoryOutput out;
      CHECK(AskPatch(s, fs, {aa}, out).outcome == PatchResult::kNeedsBuild);
    }
    auto fs = PatchSampleSite();
    Serve s;
    REQUIRE(s.TryBuild(fs));
    Replace(fs, aa, "title: Aaa", "title: Aaa\naliases: [/kaksi/, /kaksi]");
    RequireFailedBuild(s, fs, {aa});
  }
  SECTION("two pages gaining one alias in one save") {
    auto fs = AliasSite();
    Serve s;
    REQUIRE(s.TryBuild(fs));
    Replace(fs, aa, "title: Aaa", "title: Aaa\naliases: [/kaksi/]");
    Replace(fs, "content/palvelut/bb.md", "title: Bbb", "title: Bbb\naliases: [/kaksi]");
    RequireFailedBuild(s, fs, {aa, "content/palvelut/bb.md"});
  }
  SECTION("with new or deleted pages, or with terms") {
    auto fs = PatchSampleSite();
    Serve s;
    REQUIRE(s.TryBuild(fs));
    Replace(fs, aa, "title: Aaa", "title: Aaa\naliases: [/vanha-aa/]");
    fs.Add("content/palvelut/cc.md", "---\ntitle: Ccc\n---\nKolmas.\n");
    PatchResult r = s.Change(fs, {aa, "content/palvelut/cc.md"});
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    CHECK_FALSE(r.reported);
    RequireSameAsFreshBuild(s, fs);
    // The new term would take the alias's address: the build reports it.
    Replace(fs, aa, "aliases: [/vanha-aa/]", "aliases: [/tags/aivan-uusi/]");
    Replace(fs, "content/palvelut/bb.md", "title: Bbb", "title: Bbb\ntags: [aivan-uusi]");
    RequireFailedBuild(s, fs, {aa, "content/palvelut/bb.md"});
  }
}

TEST_CASE("site patch: a new page goes into its section's and terms' lists, as a build does") {
  struct Case {
    const char* file;
    const char* text;
  };
  const Case cases[] = {
      // Newest: first in the section's list and in the feed; links to a heading.
      {"content/uutiset/uusi.md",
       "---\ntitle: Uusin\ndate: 2024-11-01\ntags: [Nuoret]\n---\nKatso [tämä](u2.md#lisaa).\n"},
      // Weighted, in the middle by path, into a section without a feed, without terms.
      {"content/palvelut/p35.md", "---\ntitle: Väliin\nweight: 2\n---\nUusi palvelu.\n"},
      // The same date as u6, and before it by path: the front page's recent list puts the
      // earlier file first among equals, as in a build, whatever the pages' numbers.
      {"content/uutiset/a-uusi.md",
       "---\ntitle: Sama päivä\ndate: 2024-06-10\ntags: [Nuoret]\n---\nSamana päivänä.\n"},
      // Its own anchor, a slug of its own.
      {"content/palvelut/oma.md",
       "---\ntitle: Oma\nslug: oma-osoite\n---\n## Osio\n\n[Alas](#osio)\n"},
      // Terms no page has yet, one before and one after the existing one by slug: their
      // pages are made with it.
      {"content/uutiset/uusi.md",
       "---\ntitle: Uusi\ndate: 2024-11-01\ntags: [Uusi, Aikuiset, Nuoret]\n---\nA.\n"},
      // Only a new term: the taxonomy's list shows it, though no term it had changed.
      {"content/palvelut/uusi.md", "---\ntitle: Uusi palvelu\ntags: [Ainoa]\n---\nB.\n"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    auto fs = OneLanguageSite();
    Serve s;
    s.Build(fs);
    fs.Add(c.file, c.text);
    std::set<std::string> written;
    PatchResult r = s.Change(fs, {c.file}, &written);
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kPatched);
    RequireSameAsFreshBuild(s, fs);
    CHECK(written.count("sitemap.xml") == 1);
    // Not the other section's pages (this section's show it in their breadcrumbs).
    std::string other =
        std::string(c.file).starts_with("content/uutiset/") ? "palvelut/" : "uutiset/";
    CHECK(std::count_if(written.begin(), written.end(),
                        [&](const std::string& f) { return f.starts_with(other); }) == 0);
    // The session goes on: an edit of the new page, then of another page, is patched too.
    std::string edited = std::string(c.text) + "\nLisäys.\n";
    fs.Add(c.file, edited);
    RequirePatched(s, fs, {c.file});
    Replace(fs, "content/uutiset/u3.md", "Uutinen 3", "Uutinen kolme");
    RequirePatched(s, fs, {"content/uutiset/u3.md"});
  }
}

TEST_CASE("site patch: a page's terms change among the site's terms, as a build does") {
  // OneLanguageSite and three pages with a second term, "Liikunta", which the first of
  // them by path names (the other spelling, "LIIKUNTA", comes second), and a term "Ainoa"
  // that only zz has.
  auto site = [] {
    auto fs = OneLanguageSite();
    fs.Add("content/palvelut/a-liikunta.md",
           "---\ntitle: Liikuntapalvelu\ntags: [Liikunta, Nuoret]\n---\nA.\n");
    fs.Add("content/palvelut/b-liikunta.md", "---\ntitle: Toinen\ntags: [LIIKUNTA]\n---\nB.\n");
    fs.Add("content/palvelut/zz.md", "---\ntitle: Viimeinen\ntags: [Liikunta, Ainoa]\n---\nZ.\n");
    return fs;
  };
  const TextEdit cases[] = {
      {"joins a term", "content/palvelut/p3.md", "[Nuoret]", "[Nuoret, Liikunta]", true},
      {"moves from one term to another", "content/palvelut/p3.md", "[Nuoret]", "[Liikunta]", true},
      {"leaves its only term", "content/palvelut/p3.md", "tags: [Nuoret]\n", "", true},
      {"leaves a term another page names", "content/palvelut/zz.md", "[Liikunta, Ainoa]", "[Ainoa]",
       true},
      {"a dated page joins a term", "content/uutiset/u2.md", "[Nuoret]", "[Liikunta, Nuoret]",
       true},
      {"spells a term otherwise", "content/palvelut/p3.md", "[Nuoret]", "[nuoret]", false},
      {"makes a term", "content/palvelut/p3.md", "[Nuoret]", "[Nuoret, Uusi]", true},
      {"makes two terms and leaves one", "content/palvelut/zz.md", "[Liikunta, Ainoa]",
       "[Ainoa, Yksi, Kaksi]", true},
      {"leaves a term no other page has, which goes", "content/palvelut/zz.md", "[Liikunta, Ainoa]",
       "[Liikunta]", true},
      {"leaves the term it names, spelled otherwise by the next page",
       "content/palvelut/a-liikunta.md", "[Liikunta, Nuoret]", "[Nuoret]", false},
      {"the first term of a taxonomy", "content/palvelut/p3.md", "tags: [Nuoret]",
       "tags: [Nuoret]\naiheet: [Sport]", false},
  };
  for (const TextEdit& c : cases) {
    INFO(c.what);
    auto fs = site();
    Serve s;
    s.Build(fs);
    std::set<std::string> written;
    if (!ApplyEdit(s, fs, c, &written)) continue;
    CHECK(written.count("tags/index.html"));  // it shows each term's count
    if (std::string(c.to).find("Uusi") != std::string::npos) {
      CHECK(written.count("tags/uusi/index.html"));
      // The model knows its address: a link to it is not broken.
      Replace(fs, "content/palvelut/b-liikunta.md", "B.", "B, [uusi](/tags/uusi/).");
      RequirePatched(s, fs, {"content/palvelut/b-liikunta.md"});
    }
    CHECK_FALSE(written.count("uutiset/u5/index.html"));
    CHECK(written.size() < 12);
    // The session goes on: the page again, then another page's title.
    Replace(fs, c.file, "\n---\n", "\nweight: 3\n---\n");
    RequirePatched(s, fs, {c.file});
    Replace(fs, "content/palvelut/b-liikunta.md", "title: Toinen", "title: Aaa");
    RequirePatched(s, fs, {"content/palvelut/b-liikunta.md"});
  }
}

TEST_CASE("site patch: pages moving one term at once, as a build does") {
  // "Pari" has pages p1 and p2 (and p3 in the cases that say so). Each page's moves are
  // checked against the model as it was: together they may empty a term, or make one twice.
  struct Case {
    const char* what;
    bool three;                                             // p3 has "Pari" too
    std::vector<std::pair<const char*, const char*>> tags;  // file -> its new tags
    bool patched;
  };
  const Case cases[] = {
      {"both its pages leave it", false, {{"p1", "[Nuoret]"}, {"p2", "[Nuoret]"}}, false},
      {"two of its three pages leave it", true, {{"p1", "[Nuoret]"}, {"p2", "[Nuoret]"}}, true},
      {"two pages join it", false, {{"p3", "[Nuoret, Pari]"}, {"p4", "[Pari, Nuoret]"}}, true},
      {"both leave, one joins",
       false,
       {{"p1", "[Nuoret]"}, {"p2", "[Nuoret]"}, {"p5", "[Nuoret, Pari]"}},
       true},
      {"two pages make one term", false, {{"p3", "[Nuoret, Uusi]"}, {"p4", "[Uusi]"}}, false},
      {"one page drops a term another joins",
       false,
       {{"p1", "[Nuoret, Yksin]"}, {"p6", "[Nuoret]"}, {"p2", "[Nuoret]"}},
       false},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto fs = OneLanguageSite();
    for (const char* f : {"p1", "p2", "p3"}) {
      if (std::string(f) != "p3" || c.three)
        Replace(fs, std::string("content/palvelut/") + f + ".md", "[Nuoret]", "[Nuoret, Pari]");
    }
    Replace(fs, "content/palvelut/p6.md", "[Nuoret]", "[Nuoret, Yksin]");
    Serve s;
    s.Build(fs);
    std::vector<std::string> changed;
    for (const auto& [name, tags] : c.tags) {
      std::string file = std::string("content/palvelut/") + name + ".md";
      std::string text = Read(fs, file);
      size_t at = text.find("tags: ");
      fs.Add(file, text.substr(0, at + 6) + tags + text.substr(text.find('\n', at)));
      changed.push_back(file);
    }
    PatchResult r = s.Change(fs, changed);
    INFO(r.reason);
    CHECK((r.outcome == PatchResult::kPatched) == c.patched);
    RequireSameAsFreshBuild(s, fs);
  }
}

TEST_CASE("site patch: pages leaving a term together leave it to the page that stays") {
  // A review's case: "Pari" is named by p1, p3 spells it "PARI". p1 and p2 leave it in one
  // save: each checked alone sees the other stay and name it, but p3 names it after them.
  auto fs = OneLanguageSite();
  Replace(fs, "content/palvelut/p1.md", "[Nuoret]", "[Nuoret, Pari]");
  Replace(fs, "content/palvelut/p2.md", "[Nuoret]", "[Nuoret, Pari]");
  Replace(fs, "content/palvelut/p3.md", "[Nuoret]", "[Nuoret, PARI]");
  Serve s;
  s.Build(fs);
  REQUIRE(s.site.count("tags/pari/index.html") == 1);
  Replace(fs, "content/palvelut/p1.md", "[Nuoret, Pari]", "[Nuoret]");
  Replace(fs, "content/palvelut/p2.md", "[Nuoret, Pari]", "[Nuoret]");
  PatchResult r = s.Change(fs, {"content/palvelut/p1.md", "content/palvelut/p2.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: pages changing different terms at once, as a build does") {
  auto fs = OneLanguageSite();
  fs.Add("content/palvelut/zz.md", "---\ntitle: Viimeinen\ntags: [Nuoret, Ainoa]\n---\nZ.\n");
  Serve s;
  s.Build(fs);
  // One page makes a term that goes before the others ("aaa"), another takes away the term
  // it alone had ("ainoa"): the second's term is found by name, not by its old number.
  Replace(fs, "content/palvelut/p1.md", "[Nuoret]", "[Nuoret, Aaa]");
  Replace(fs, "content/palvelut/zz.md", "[Nuoret, Ainoa]", "[Nuoret]");
  Replace(fs, "content/uutiset/u2.md", "[Nuoret]", "[Liikenne]");
  std::set<std::string> written;
  PatchResult r = s.Change(
      fs, {"content/palvelut/p1.md", "content/palvelut/zz.md", "content/uutiset/u2.md"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.removed == std::vector<std::string>{"tags/ainoa/index.html"});
  CHECK(written.count("tags/aaa/index.html") == 1);
  CHECK(written.count("tags/liikenne/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  // A page linking to the term another page takes away: the build reports the link.
  Replace(fs, "content/palvelut/p1.md", "[Nuoret, Aaa]", "[Nuoret]");
  Replace(fs, "content/palvelut/p2.md", "Katso", "Katso [aaa](/tags/aaa/) ja");
  RequireFailedBuild(s, fs, {"content/palvelut/p1.md", "content/palvelut/p2.md"});
  // The last two terms of a taxonomy, each taken away by its only page.
  Replace(fs, "content/palvelut/p2.md", "Katso [aaa](/tags/aaa/) ja", "Katso");
  fs.Add("content/palvelut/a1.md", "---\ntitle: A1\naiheet: [Eka]\n---\nA.\n");
  fs.Add("content/palvelut/a2.md", "---\ntitle: A2\naiheet: [Toka]\n---\nA.\n");
  s.Change(fs, {"content/palvelut/p2.md", "content/palvelut/a1.md", "content/palvelut/a2.md"});
  RequireSameAsFreshBuild(s, fs);
  REQUIRE(s.site.count("aiheet/index.html") == 1);
  Replace(fs, "content/palvelut/a1.md", "aiheet: [Eka]\n", "");
  Replace(fs, "content/palvelut/a2.md", "aiheet: [Toka]\n", "");
  r = s.Change(fs, {"content/palvelut/a1.md", "content/palvelut/a2.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: tag edits in a site of several languages, as a build does") {
  // SampleSite: fi and sv, paginate: 2, u1-u5 with [Nuoret, budjetti]; no sv page has tags.
  const TextEdit cases[] = {
      {"leaves a term (5 -> 4 pages: 3 list pages -> 2, its third goes)", "content/uutiset/u3.md",
       "[Nuoret, budjetti]", "[Nuoret]", true},
      {"makes a term", "content/uutiset/u3.md", "[Nuoret, budjetti]",
       "[Nuoret, budjetti, Liikunta]", true},
      {"a page whose translation has none", "content/uutiset/u1.md", "[Nuoret, budjetti]",
       "[Nuoret, budjetti, Liikunta]", true},
      {"its terms in another order", "content/uutiset/u3.md", "[Nuoret, budjetti]",
       "[budjetti, Nuoret]", true},
      {"the first tag of a language", "content/uutiset/u1.sv.md", "date: 2024-01-10",
       "date: 2024-01-10\ntags: [Unga]", false},
  };
  for (const TextEdit& c : cases) {
    INFO(c.what);
    auto fs = PatchSampleSite();
    Serve s;
    REQUIRE(s.TryBuild(fs));
    ApplyEdit(s, fs, c);
    Replace(fs, "content/uutiset/u2.md", "Uutinen 2", "Uutinen kaksi");
    RequirePatched(s, fs, {"content/uutiset/u2.md"});
  }
}

TEST_CASE("site patch: a new term at the address of an alias goes to a full build") {
  auto fs = OneLanguageSite();
  Replace(fs, "content/palvelut/p1.md", "title: Palvelu 1",
          "title: Palvelu 1\naliases: [/tags/uusi/]");
  Serve s;
  s.Build(fs);
  Replace(fs, "content/palvelut/p3.md", "[Nuoret]", "[Nuoret, Uusi]");
  RequireFailedBuild(s, fs, {"content/palvelut/p3.md"});  // the build reports the alias
}

TEST_CASE("site patch: a new page that changes more than its lists goes to a full build") {
  const std::pair<const char*, const char*> cases[] = {
      {"content/uutiset/uusi.md", "---\ntitle: Uusi\ndate: 2024-11-01\ntags: [nuoret]\n---\nA.\n"},
      {"content/uutiset/uusi.md", "---\ntitle: Uusi\ndate: 2030-01-01\n---\nFuture.\n"},
      {"content/uutiset/uusi.md", "---\ntitle: Uusi\ndate: 2024-11-01\ndraft: true\n---\nA.\n"},
      {"content/uutiset/uusi.md", "---\ntitle: Uusi\ndate: 2024-11-01\nslug: u1\n---\nA.\n"},
      {"content/uutiset/uusi.md", "---\ntitle: Uusi\ndate: 2024-11-01\n---\n[X](ei-ole.md)\n"},
      {"content/uusi-kansio/sivu.md", "---\ntitle: Uusi\n---\nA new folder.\n"},
  };
  for (const auto& [file, text] : cases) {
    INFO(file << ": " << text);
    auto fs = OneLanguageSite();
    Serve s;
    s.Build(fs);
    fs.Add(file, text);
    bool built = false;
    PatchResult r = s.Change(fs, {file}, nullptr, kNow, &built);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    if (built) RequireSameAsFreshBuild(s, fs);
  }
  // An address that an alias redirects from: a build reports it.
  {
    auto fs = OneLanguageSite();
    fs.Add("content/palvelut/p1.md",
           "---\ntitle: Palvelu 1\naliases: [/uutiset/uusi/]\n---\nKatso "
           "[uutinen](../uutiset/u1.md).\n");
    Serve s;
    s.Build(fs);
    fs.Add("content/uutiset/uusi.md", "---\ntitle: Uusi\ndate: 2024-11-01\n---\nA.\n");
    RequireFailedBuild(s, fs, {"content/uutiset/uusi.md"});
  }
  // A translation in a section of another language without a section page of its own
  // there (a notice stands in for it).
  auto fs = SampleSite();
  fs.Add("content/palvelut/_index.md", "---\ntitle: Palvelut\n---\n");
  fs.Add("content/palvelut/p1.md", "---\ntitle: Palvelu 1\n---\nA.\n");
  Serve s;
  s.Build(fs);
  fs.Add("content/palvelut/p1.sv.md", "---\ntitle: Tjänst 1\n---\nA.\n");
  CHECK(s.Change(fs, {"content/palvelut/p1.sv.md"}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a page bundle alone in its folder comes and goes as a page does") {
  auto fs = SampleSite();
  Serve s;
  s.Build(fs);
  // New, with a link to a heading of its own; then its translation takes its notice's place.
  fs.Add("content/uutiset/kesa/index.md",
         "---\ntitle: Kesä\ndate: 2024-07-01\ntags: [Nuoret]\n---\n## Ohjelma\n\n"
         "[Ohjelmaan](#ohjelma) tai [uutisiin](../u2.md).\n");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"content/uutiset/kesa/index.md"}, &written);
  INFO(r.reason);
  REQUIRE(r.outcome == PatchResult::kPatched);
  CHECK(written.count("uutiset/kesa/index.html") == 1);
  CHECK(written.count("sv/uutiset/kesa/index.html") == 1);  // its notice
  RequireSameAsFreshBuild(s, fs);
  fs.Add("content/uutiset/kesa/index.sv.md", "---\ntitle: Sommar\n---\nPå svenska.\n");
  RequirePatched(s, fs, {"content/uutiset/kesa/index.sv.md"});
  Replace(fs, "content/uutiset/kesa/index.md", "Kesä", "Kesä 2024");
  RequirePatched(s, fs, {"content/uutiset/kesa/index.md"});
  // A page links to it by its folder, and later by its file after a rename.
  Replace(fs, "content/uutiset/u3.md", "Kappale 3.", "[Kesä](kesa/)");
  RequirePatched(s, fs, {"content/uutiset/u3.md"});
  fs.Remove("content/uutiset/kesa/index.sv.md");
  RequirePatched(s, fs, {"content/uutiset/kesa/index.sv.md"});
  Replace(fs, "content/uutiset/u3.md", "[Kesä](kesa/)", "Kappale 3.");
  RequirePatched(s, fs, {"content/uutiset/u3.md"});
  std::string text = Read(fs, "content/uutiset/kesa/index.md");
  fs.Remove("content/uutiset/kesa/index.md");
  fs.Add("content/uutiset/heina/index.md", text);
  RequirePatched(s, fs, {"content/uutiset/kesa/index.md", "content/uutiset/heina/index.md"});
  Replace(fs, "content/uutiset/u3.md", "Kappale 3.", "[Heinä](heina/index.md)");
  RequirePatched(s, fs, {"content/uutiset/u3.md"});
  fs.Remove("content/uutiset/heina/index.md");
  RequireFailedBuild(s, fs, {"content/uutiset/heina/index.md"});  // the link
  Replace(fs, "content/uutiset/u3.md", "[Heinä](heina/index.md)", "Kappale 3.");
  s.Change(fs, {"content/uutiset/u3.md"});  // built: the failed build left no session
  RequireSameAsFreshBuild(s, fs);
  fs.Add("content/uutiset/heina/index.md", text);
  RequirePatched(s, fs, {"content/uutiset/heina/index.md"});
  fs.Remove("content/uutiset/heina/index.md");
  r = s.Change(fs, {"content/uutiset/heina/index.md"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(std::find(r.removed.begin(), r.removed.end(), "uutiset/heina/index.html") !=
        r.removed.end());
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a page bundle comes and goes over the files in its folder") {
  // The folder's files keep their addresses when the page's address is the folder's path:
  // patched. Otherwise, or with another page in the folder, the build decides.
  struct Case {
    const char* what;
    const char* other;  // in the folder before the bundle's page
    const char* front_matter;
    bool patched;
    bool builds;  // a page there makes the folder a section at the bundle's address
  };
  const Case cases[] = {
      {"a picture", "content/palvelut/uusi/kuva.jpg", "", true, true},
      {"a picture below it", "content/palvelut/uusi/kuvat/a.jpg", "", true, true},
      {"a picture, and a slug", "content/palvelut/uusi/kuva.jpg", "slug: nippu\n", false, true},
      {"a page", "content/palvelut/uusi/toinen.md", "", false, false},
      {"a draft", "content/palvelut/uusi/luonnos.md", "", false, true},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto fs = OneLanguageSite();
    fs.Add(c.other, std::string(c.other).ends_with(".md")
                        ? std::string("---\ntitle: Toinen\ndraft: ") +
                              (std::string(c.what) == "a draft" ? "true" : "false") + "\n---\nA.\n"
                        : std::string("JPEG"));
    Serve s;
    s.Build(fs);
    // New: the file or page becomes the bundle's.
    fs.Add("content/palvelut/uusi/index.md",
           std::string("---\ntitle: Nippu\n") + c.front_matter + "---\nA bundle.\n");
    bool built = false;
    PatchResult r = s.Change(fs, {"content/palvelut/uusi/index.md"}, nullptr, kNow, &built);
    INFO(r.reason);
    CHECK((r.outcome == PatchResult::kPatched) == c.patched);
    if (r.outcome == PatchResult::kNeedsBuild) CHECK(built == c.builds);
    if (!built && !c.patched) continue;
    RequireSameAsFreshBuild(s, fs);
    // Deleted: the files are the folder's again.
    fs.Remove("content/palvelut/uusi/index.md");
    r = s.Change(fs, {"content/palvelut/uusi/index.md"});
    CHECK((r.outcome == PatchResult::kPatched) == c.patched);
    RequireSameAsFreshBuild(s, fs);
  }
}

TEST_CASE("site patch: a folder in the change stands for the files below it") {
  // The change watcher names a folder that came or went ("content/x/"): files may have
  // come and gone in it unseen. The files the model has below it and those there now are
  // the change.
  auto fs = SampleSite();
  fs.Add("content/uutiset/kesa/index.md", "---\ntitle: Kesä\ndate: 2024-07-01\n---\nA.\n");
  Serve s;
  s.Build(fs);
  // Made and emptied again, and another made with a page and a picture in it, unseen.
  fs.Remove("content/uutiset/kesa/index.md");
  fs.Add("content/uutiset/talvi/index.md",
         "---\ntitle: Talvi\ndate: 2024-12-01\n---\n![Lumi](lumi.jpg)\n");
  fs.Add("content/uutiset/talvi/lumi.jpg", "JPEG");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"content/uutiset/kesa/", "content/uutiset/talvi/"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(std::set<std::string>(r.removed.begin(), r.removed.end()) ==
        std::set<std::string>{"sv/uutiset/kesa/index.html", "uutiset/kesa/index.html"});
  CHECK(written.count("uutiset/talvi/lumi.jpg") == 1);
  RequireSameAsFreshBuild(s, fs);
  // A folder of the theme: a build.
  CHECK(s.Change(fs, {"themes/default/partials/"}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: says when the build it asks for will report the change's files") {
  // serve keeps its model through such a build, for the fix (PatchResult::reported).
  auto fs = OneLanguageSite();
  Serve s;
  s.Build(fs);
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> writes;
    bool reported;
  };
  const Case cases[] = {
      {"front matter that does not parse",
       {{"content/uutiset/u1.md", "---\ntitel: Uutinen 1\n---\nA.\n"}},
       true},
      {"a broken link in a new page",
       {{"content/uutiset/uusi.md", "---\ntitle: Uusi\n---\n[X](ei-ole.md)\n"}},
       true},
      {"a deleted page that another links to", {{"content/uutiset/u1.md", ""}}, true},
      {"a data file", {{"data/kunta.yaml", "nimi: Testilä\n"}}, false},
      {"a page in a new folder", {{"content/uusi-kansio/sivu.md", "---\ntitle: U\n---\n"}}, false},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    MemoryFileSystem changed_fs = fs;
    MemoryOutput out;
    PatchResult r = AskPatch(s, changed_fs, WriteFiles(changed_fs, c.writes), out);
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    CHECK(r.reported == c.reported);
  }
}

TEST_CASE("site patch: a new page bundle beside a page of its folder's name builds") {
  // A review's case: a link `rata` finds rata/index.md before rata.md, so the new bundle
  // takes the links to rata.md (whose slug gives it another address).
  auto fs = OneLanguageSite();
  fs.Add("content/palvelut/rata.md", "---\ntitle: Rata\nslug: kentta\n---\nR.\n");
  Replace(fs, "content/palvelut/p1.md", "Katso", "[Rata](rata) ja katso");
  Serve s;
  s.Build(fs);
  CHECK(s.site.at("palvelut/p1/index.html").find("/palvelut/kentta/") != std::string::npos);
  fs.Add("content/palvelut/rata/index.md", "---\ntitle: Uusi rata\n---\nUusi.\n");
  PatchResult r = s.Change(fs, {"content/palvelut/rata/index.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a new page with edits of other pages, as a build does") {
  auto fs = SampleSite();
  Serve s;
  s.Build(fs);
  // Linked from an edited page by its file and by its address, to its heading too.
  fs.Add("content/uutiset/uusi.md",
         "---\ntitle: Uusi\ndate: 2024-11-01\ntags: [Nuoret]\n---\n## Ohjelma\n\nA.\n");
  Replace(fs, "content/uutiset/u3.md", "Kappale 3.", "[Uusi](uusi.md#ohjelma)");
  Replace(fs, "content/_index.md", "Tehdään yhdessä!", "Tehdään yhdessä! [Uusin](/uutiset/uusi/)");
  std::set<std::string> written;
  PatchResult r = s.Change(
      fs, {"content/uutiset/uusi.md", "content/uutiset/u3.md", "content/_index.md"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(written.count("uutiset/uusi/index.html") == 1);
  CHECK(written.count("uutiset/u3/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  // The session knows the links: the new page cannot go while they stand.
  fs.Remove("content/uutiset/uusi.md");
  RequireFailedBuild(s, fs, {"content/uutiset/uusi.md"});
  fs.Add("content/uutiset/uusi.md",
         "---\ntitle: Uusi\ndate: 2024-11-01\ntags: [Nuoret]\n---\n## Ohjelma\n\nA.\n");
  s.Change(fs, {"content/uutiset/uusi.md"});
  RequireSameAsFreshBuild(s, fs);

  // With an edit that takes away a term (its page was the term's only page): patched,
  // unless the new page links to the term's page (the build reports that link).
  for (bool linked : {false, true}) {
    INFO((linked ? "the new page links to the term" : "no link to the term"));
    auto fs1 = OneLanguageSite();
    Replace(fs1, "content/palvelut/p6.md", "[Nuoret]", "[Nuoret, Yksin]");
    Serve s1;
    s1.Build(fs1);
    fs1.Add("content/uutiset/uusi.md", std::string("---\ntitle: Uusi\ndate: 2024-11-01\n---\n") +
                                           (linked ? "[Yksin](/tags/yksin/)\n" : "A.\n"));
    Replace(fs1, "content/palvelut/p6.md", "[Nuoret, Yksin]", "[Nuoret]");
    const std::vector<std::string> change = {"content/uutiset/uusi.md", "content/palvelut/p6.md"};
    if (linked) {
      RequireFailedBuild(s1, fs1, change);
    } else {
      RequirePatched(s1, fs1, change);
      CHECK(s1.site.count("tags/yksin/index.html") == 0);
    }
  }

  // What a build decides otherwise: an anchor the new page does not have (a build reports
  // it), a term the new page and an edit both make.
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> writes;  // file, text ("" deletes it)
    bool builds;
  };
  // u4 as SampleSite has it (its heading kept), with other tags and a line more.
  auto u4 = [](const std::string& tags, const std::string& line) {
    return "---\ntitle: Uutinen 4\ndate: 2024-04-10\ntags: [" + tags +
           "]\n---\nKappale 4.\n\nToinen kappale.\n\n## Lisää\n\nKatso "
           "[etusivu](../_index.md).\n" +
           line;
  };
  const Case cases[] = {
      {"no such heading",
       {{"content/uutiset/toinen.md", "---\ntitle: Toinen\ndate: 2024-11-02\n---\nB.\n"},
        {"content/uutiset/u4.md", u4("Nuoret, budjetti", "[X](toinen.md#ei-ole)\n")}},
       false},
      {"one term made twice",
       {{"content/uutiset/toinen.md",
         "---\ntitle: Toinen\ndate: 2024-11-02\ntags: [Uusi aihe]\n---\nB.\n"},
        {"content/uutiset/u4.md", u4("Nuoret, budjetti, Uusi aihe", "")}},
       true},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto fs2 = SampleSite();
    Serve s2;
    s2.Build(fs2);
    std::vector<std::string> changed = WriteFiles(fs2, c.writes);
    // Asked alone first: the model is as it was after a check said no (the new page stood
    // in it only while the edits were checked).
    const size_t pages = s2.session.site->pages.size();
    MemoryOutput out;
    PatchResult r2 = AskPatch(s2, fs2, changed, out);
    INFO(r2.reason);
    CHECK(r2.outcome == PatchResult::kNeedsBuild);
    REQUIRE(s2.session.site != nullptr);
    CHECK(s2.session.site->pages.size() == pages);
    CHECK(s2.session.site->by_content_path.count("uutiset/toinen.md") == 0);
    CHECK(s2.session.site->by_url.count("/uutiset/toinen/") == 0);
    bool built = false;
    s2.Change(fs2, changed, nullptr, kNow, &built);
    CHECK(built == c.builds);
    if (built) RequireSameAsFreshBuild(s2, fs2);
  }
}

TEST_CASE("site patch: pages added and deleted in one change (a git pull), as a build does") {
  auto fs = SampleSite();
  fs.Add("content/uutiset/ainoa.md",
         "---\ntitle: Ainoa\ndate: 2024-06-10\ntags: [Harvinainen]\n---\nYksin.\n");
  Serve s;
  s.Build(fs);
  // Two new pages, one deleted; then two new (one linking to the other) and two deleted.
  std::vector<std::string> changed = WriteFiles(
      fs, {{"content/uutiset/toinen.md", "---\ntitle: Toinen\ndate: 2024-11-02\n---\nB.\n"},
           {"content/uutiset/kolmas.md", "---\ntitle: Kolmas\ndate: 2024-11-03\n---\nC.\n"},
           {"content/uutiset/u5.md", ""}});
  PatchResult r = s.Change(fs, changed);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(std::count(r.removed.begin(), r.removed.end(), "uutiset/u5/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  changed = WriteFiles(
      fs, {{"content/uutiset/neljas.md", "---\ntitle: Neljäs\n---\n[Viides](viides.md)\n"},
           {"content/uutiset/viides.md", "---\ntitle: Viides\ndate: 2024-11-05\n---\nE.\n"},
           {"content/uutiset/u4.md", ""},
           {"content/uutiset/toinen.md", ""}});
  RequirePatched(s, fs, changed);
  // A new page that links to a deleted one: the build reports the link, and the model is
  // as it was. Checked first (it passes against the model as it is) or after another new
  // page it links to (once the deleted page is out: the session is cleared).
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> writes;
  };
  const Case linked[] = {
      {"the first new page",
       {{"content/uutiset/kuudes.md", "---\ntitle: Kuudes\n---\n[U3](u3.md)\n"},
        {"content/uutiset/u3.md", ""}}},
      {"a later new page",
       {{"content/uutiset/kuudes.md", "---\ntitle: Kuudes\n---\n[U3](u3.md) [S](seitsemas.md)\n"},
        {"content/uutiset/seitsemas.md", "---\ntitle: Seitsemäs\n---\nS.\n"},
        {"content/uutiset/u3.md", ""}}},
  };
  for (const Case& c : linked) {
    INFO(c.what);
    MemoryFileSystem changed_fs = fs;
    changed = WriteFiles(changed_fs, c.writes);
    MemoryOutput out;
    const size_t pages = s.session.site->pages.size();
    r = AskPatch(s, changed_fs, changed, out);
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    CHECK_FALSE(testing::Build(changed_fs, BuildFilter{}).ok);
    if (std::string(c.what) == "the first new page") {
      CHECK(r.reported);
      REQUIRE(s.session.ready());
      CHECK(s.session.site->pages.size() == pages);
      CHECK(s.session.site->by_content_path.count("uutiset/u3.md") == 1);
    } else {
      CHECK_FALSE(s.session.ready());
      s.Build(fs);
    }
  }
  // A deleted page that was a term's only page, with a new page: a build.
  changed = WriteFiles(fs, {{"content/uutiset/ainoa.md", ""},
                            {"content/uutiset/kahdeksas.md", "---\ntitle: K\n---\nK.\n"}});
  r = s.Change(fs, changed);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: several new pages at once, as a build does") {
  auto fs = SampleSite();
  Serve s;
  s.Build(fs);
  // A page with its translation (the translation named first), and a page named before it
  // that links to it and shares a term it makes.
  fs.Add("content/uutiset/kesa.sv.md", "---\ntitle: Sommar\n---\nPå svenska.\n");
  fs.Add("content/uutiset/kesa.md",
         "---\ntitle: Kesä\ndate: 2024-07-01\ntags: [Kesä]\n---\n## Ohjelma\n\nA.\n");
  fs.Add("content/palvelut/uimala.md",
         "---\ntitle: Uimala\ntags: [Kesä]\n---\nKatso [ohjelma](../uutiset/kesa.md#ohjelma).\n");
  std::set<std::string> written;
  PatchResult r = s.Change(
      fs, {"content/uutiset/kesa.sv.md", "content/palvelut/uimala.md", "content/uutiset/kesa.md"},
      &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.pages == 3);
  CHECK(written.count("tags/kesa/index.html") == 1);
  CHECK(written.count("sv/uutiset/kesa/index.html") == 1);  // the translation, no notice
  RequireSameAsFreshBuild(s, fs);
  // The session goes on: all three edited, one of them deleted.
  Replace(fs, "content/palvelut/uimala.md", "Uimala", "Maauimala");
  RequirePatched(s, fs, {"content/palvelut/uimala.md"});
  fs.Remove("content/palvelut/uimala.md");
  RequirePatched(s, fs, {"content/palvelut/uimala.md"});

  // A page that links to one named after it goes in after it. What the patch does not take
  // goes to a build: when no new page passes, with the model untouched; when one passed and
  // went in but the rest do not, with the session cleared.
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> pages;
    bool patched;
    bool cleared;
  };
  const std::string draft = "---\ntitle: X\ndate: 2024-07-05\ndraft: true\n---\nX.\n";
  const Case cases[] = {
      {"a link to one after it",
       {{"content/uutiset/b.md", "---\ntitle: B\ndate: 2024-07-02\n---\n[C](c.md)\n"},
        {"content/uutiset/c.md", "---\ntitle: C\ndate: 2024-07-03\n---\nC.\n"}},
       true,
       false},
      {"a draft after one that went in",
       {{"content/uutiset/a.md", "---\ntitle: A\ndate: 2024-07-01\n---\nA.\n"},
        {"content/uutiset/x.md", draft}},
       false,
       true},
      {"none that can go in",
       {{"content/uutiset/x.md", draft},
        {"content/uutiset/y.md", "---\ntitle: Y\ndate: 2030-01-01\n---\nFuture.\n"}},
       false,
       false},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto fs2 = SampleSite();
    Serve s2;
    s2.Build(fs2);
    std::vector<std::string> changed = WriteFiles(fs2, c.pages);
    const size_t pages = s2.session.site->pages.size();
    MemoryOutput out;
    PatchResult r2 = AskPatch(s2, fs2, changed, out);
    INFO(r2.reason);
    CHECK((r2.outcome == PatchResult::kPatched) == c.patched);
    if (!c.patched) {
      CHECK(out.files.empty());
      CHECK((s2.session.site == nullptr) == c.cleared);
      if (!c.cleared) CHECK(s2.session.site->pages.size() == pages);
      s2.Change(fs2, changed);
    } else {
      for (auto& [path, content] : out.files) s2.site[path] = std::move(content);
    }
    RequireSameAsFreshBuild(s2, fs2);
  }
}

TEST_CASE("site patch: a page renamed with the links to it put right, as a build does") {
  auto fs = OneLanguageSite();
  Serve s;
  s.Build(fs);
  // u2 renamed (and retitled), p2's link to its heading put right in the same save.
  std::string text = Read(fs, "content/uutiset/u2.md");
  fs.Remove("content/uutiset/u2.md");
  fs.Add("content/uutiset/toinen.md", text + "\nSiirretty.\n");
  Replace(fs, "content/palvelut/p2.md", "u2.md#lisaa", "toinen.md#lisaa");
  std::set<std::string> written;
  PatchResult r =
      s.Change(fs, {"content/uutiset/u2.md", "content/uutiset/toinen.md", "content/palvelut/p2.md"},
               &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.removed == std::vector<std::string>{"uutiset/u2/index.html"});
  CHECK(written.count("uutiset/toinen/index.html") == 1);
  CHECK(written.count("palvelut/p2/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  // A link to the old name left in place: the deletion is checked after the edits went in,
  // so the session is cleared and the build reports the link.
  text = Read(fs, "content/uutiset/u3.md");
  fs.Remove("content/uutiset/u3.md");
  fs.Add("content/uutiset/kolmas.md", text);
  Replace(fs, "content/palvelut/p2.md", "Palvelu 2", "Palvelu kaksi");
  RequireFailedBuild(
      s, fs, {"content/uutiset/u3.md", "content/uutiset/kolmas.md", "content/palvelut/p2.md"});
  Replace(fs, "content/palvelut/p3.md", "u3.md#lisaa", "kolmas.md#lisaa");
  s.Change(fs, {"content/palvelut/p3.md"});  // built: the failed build left no session
  RequireSameAsFreshBuild(s, fs);
  // The only page of a term renamed, with the link to it put right: the new page was
  // checked with the term there, the old one takes it away. Built, the session cleared.
  fs.Add("content/uutiset/yksin.md",
         "---\ntitle: Yksin\ndate: 2024-02-02\ntags: [Nuoret, Yksin]\n---\n## Lisää\n\nA.\n");
  Replace(fs, "content/palvelut/p4.md", "u4.md#lisaa", "../uutiset/yksin.md#lisaa");
  s.Change(fs, {"content/uutiset/yksin.md", "content/palvelut/p4.md"});
  RequireSameAsFreshBuild(s, fs);
  text = Read(fs, "content/uutiset/yksin.md");
  fs.Remove("content/uutiset/yksin.md");
  fs.Add("content/uutiset/yksin2.md", text);
  Replace(fs, "content/palvelut/p4.md", "yksin.md#lisaa", "yksin2.md#lisaa");
  r = s.Change(fs,
               {"content/uutiset/yksin.md", "content/uutiset/yksin2.md", "content/palvelut/p4.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a static file or a page's picture written anew is copied again") {
  auto fs = SampleSite();
  Serve s;
  s.Build(fs);
  fs.Add("static/logo.svg", "<svg>uusi</svg>");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"static/logo.svg"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(written == std::set<std::string>{"logo.svg"});
  RequireSameAsFreshBuild(s, fs);
  // A bundle's picture, with an edit of its page in the same save.
  fs.Add("content/palvelut/rata/kuva.jpg", "JPEG, rajattu");
  Replace(fs, "content/palvelut/rata/index.md", "Lue ", "Lue lisää: ");
  written.clear();
  r = s.Change(fs, {"content/palvelut/rata/index.md", "content/palvelut/rata/kuva.jpg"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(written.count("palvelut/rata/kuva.jpg") == 1);
  CHECK(written.count("palvelut/rata/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  // New files are copied too, at the address a build gives them, and the pages of the
  // same save may link to them: a PDF, a picture beside a bundle's page (below its address,
  // the page's slug included) and one beside a plain page.
  fs.Add("static/uusi.pdf", "PDF");
  RequirePatched(s, fs, {"static/uusi.pdf"});
  fs.Add("content/palvelut/rata/kartta.png", "PNG");
  Replace(fs, "content/palvelut/rata/index.md",
          "Lue lisää: ", "![Kartta](kartta.png) [Esite](/uusi.pdf) Lue lisää: ");
  written.clear();
  r = s.Change(fs, {"content/palvelut/rata/kartta.png", "content/palvelut/rata/index.md"},
               &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(written.count("palvelut/rata/kartta.png") == 1);
  RequireSameAsFreshBuild(s, fs);
  fs.Add("content/uutiset/kuva.jpg", "JPEG");
  Replace(fs, "content/uutiset/u2.md", "Toinen kappale.", "![Kuva](kuva.jpg)");
  RequirePatched(s, fs, {"content/uutiset/u2.md", "content/uutiset/kuva.jpg"});
  // What changes more than the file: a data file (the build reads it), a new file where
  // the build writes its own or at a taken address. Each builds; a refused new file leaves
  // nothing behind in the model.
  fs.Add("data/kunta.yaml", "nimi: Toinen\n");
  CHECK(s.Change(fs, {"data/kunta.yaml"}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
  for (const char* file : {"static/uutiset/u9/index.html", "static/sitemap.xml", "content/logo.svg",
                           "static/palvelut/rata/kuva.jpg"}) {
    INFO(file);
    fs.Add(file, "X");
    MemoryOutput out;
    r = AskPatch(s, fs, {file}, out);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    CHECK(s.session.site->static_urls.count(
              "/" + std::string(file).substr(std::string(file).find('/') + 1)) ==
          (std::string(file) == "content/logo.svg" || std::string(file).ends_with("kuva.jpg")
               ? 1u
               : 0u));
    CHECK(s.session.content_files.count(file) == 0);
    fs.Remove(file);
  }
  // New pictures with a page edit the patch refuses (a broken link): they stood in the
  // model while the edit was checked, and leave it again.
  fs.Add("content/uutiset/uusi.jpg", "JPEG");
  fs.Add("content/palvelut/rata/uusi.jpg", "JPEG");
  Replace(fs, "content/uutiset/u3.md", "Toinen kappale.", "![Uusi](uusi.jpg) [X](ei-ole.md)");
  MemoryOutput out;
  r = AskPatch(
      s, fs,
      {"content/uutiset/uusi.jpg", "content/palvelut/rata/uusi.jpg", "content/uutiset/u3.md"}, out);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  const Site& site = *s.session.site;
  CHECK(site.static_urls.count("/uutiset/uusi.jpg") == 0);
  CHECK(site.content_file_urls.count("palvelut/rata/uusi.jpg") == 0);
  CHECK(s.session.content_files.count("content/uutiset/uusi.jpg") == 0);
  const Page& rata = site.pages[site.by_content_path.at("palvelut/rata/index.md")];
  CHECK(rata.resources ==
        std::vector<std::string>{"palvelut/rata/kartta.png", "palvelut/rata/kuva.jpg"});
  CHECK(std::none_of(site.static_files.begin(), site.static_files.end(),
                     [](const StaticFile& f) { return f.source.ends_with("uusi.jpg"); }));
}

TEST_CASE("site patch: a deleted static file or picture goes when nothing links to it") {
  auto fs = SampleSite();
  fs.Add("static/esite.pdf", "PDF");
  fs.Add("content/uutiset/kartta.png", "PNG");
  fs.Add("content/uutiset/nippu1/index.md", "---\ntitle: Nippu\n---\n![Kartta](../kartta.png)\n");
  fs.Add("content/uutiset/nippu1/liite.pdf", "PDF");
  fs.Add("content/uutiset/nippu2/index.md",
         "---\ntitle: Toinen nippu\n---\n[Liite](liite.pdf) [Esite](/esite.pdf)\n");
  fs.Add("content/uutiset/nippu2/liite.pdf", "PDF");
  Serve s;
  s.Build(fs);
  // Nothing links to it: its copy goes, nothing else is written.
  fs.Remove("static/logo.svg");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"static/logo.svg"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.removed == std::vector<std::string>{"logo.svg"});
  CHECK(written.empty());
  RequireSameAsFreshBuild(s, fs);
  // A bundle's file: its page is rendered again (its files are part of its place).
  fs.Remove("content/uutiset/nippu1/liite.pdf");
  RequirePatched(s, fs, {"content/uutiset/nippu1/liite.pdf"});
  // Linked to, from a page that stays or is new: the build will report the broken link, and
  // the model is as it was.
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> writes;
  };
  const Case linked[] = {
      {"a picture its page shows", {{"content/palvelut/rata/kuva.jpg", ""}}},
      {"a picture a page beside it shows", {{"content/uutiset/kartta.png", ""}}},
      {"a file a bundle links to", {{"static/esite.pdf", ""}}},
      {"a page edited to link to it",
       {{"content/uutiset/kartta.png", ""},
        {"content/uutiset/nippu1/index.md",
         "---\ntitle: Nippu\n---\n![Kartta](../kartta.png) A.\n"}}},
      {"a new page linking to it",
       {{"static/esite.pdf", ""},
        {"content/uutiset/nippu2/index.md", ""},
        {"content/uutiset/u9.md", "---\ntitle: U9\n---\n[Esite](/esite.pdf)\n"}}},
  };
  for (const Case& c : linked) {
    INFO(c.what);
    MemoryFileSystem changed_fs = fs;
    MemoryOutput out;
    r = AskPatch(s, changed_fs, WriteFiles(changed_fs, c.writes), out);
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    CHECK(r.reported);
    const Site& site = *s.session.site;
    CHECK(site.static_urls.count("/esite.pdf") == 1);
    CHECK(site.static_urls.count("/uutiset/kartta.png") == 1);
    CHECK(site.content_file_urls.count("palvelut/rata/kuva.jpg") == 1);
    CHECK(s.session.content_files.count("content/uutiset/kartta.png") == 1);
    CHECK(site.static_files.size() == 4);
    const Page& rata = site.pages[site.by_content_path.at("palvelut/rata/index.md")];
    CHECK(rata.resources == std::vector<std::string>{"palvelut/rata/kuva.jpg"});
  }
  // With the links taken away in the same change: the page edited, the bundle that links
  // to it deleted with its files (the change watcher names its folder).
  fs.Remove("content/palvelut/rata/kuva.jpg");
  Replace(fs, "content/palvelut/rata/index.md", "![Frisbeegolfrata](kuva.jpg)", "Rata.");
  RequirePatched(s, fs, {"content/palvelut/rata/kuva.jpg", "content/palvelut/rata/index.md"});
  fs.Remove("static/esite.pdf");
  fs.Remove("content/uutiset/nippu2/index.md");
  fs.Remove("content/uutiset/nippu2/liite.pdf");
  r = s.Change(fs, {"content/uutiset/nippu2/", "static/esite.pdf"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(std::set<std::string>(r.removed.begin(), r.removed.end()) ==
        std::set<std::string>{"esite.pdf", "sv/uutiset/nippu2/index.html",
                              "uutiset/nippu2/index.html", "uutiset/nippu2/liite.pdf",
                              "uutiset/page/4/index.html"});
  RequireSameAsFreshBuild(s, fs);
  // Moved: deleted, and new at another address.
  fs.Remove("content/uutiset/kartta.png");
  fs.Add("static/kartta.png", "PNG");
  Replace(fs, "content/uutiset/nippu1/index.md", "../kartta.png", "/kartta.png");
  RequirePatched(
      s, fs,
      {"content/uutiset/kartta.png", "static/kartta.png", "content/uutiset/nippu1/index.md"});
}

TEST_CASE("site patch: a deleted proposal's picture builds") {
  auto fs = RoundSite();
  fs.Add("content/omakouvola/penkit/index.md",
         "---\ntitle: Penkit\nkind: proposal\nround: omakouvola-2025\narea: elimaki\ncost: "
         "1200\nimage: penkki.jpg\nimage_alt: Puinen penkki\n---\nKuvaus.\n");
  fs.Add("content/omakouvola/penkit/penkki.jpg", "JPEG");
  fs.Add("content/palvelut/vanha.pdf", "PDF");
  Serve s;
  s.Build(fs);
  // A proposal's picture (its page shows it; the build reports the picture missing).
  fs.Remove("content/omakouvola/penkit/penkki.jpg");
  bool built = true;
  PatchResult r = s.Change(fs, {"content/omakouvola/penkit/penkki.jpg"}, nullptr, kNow, &built);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  CHECK_FALSE(built);
  // The fix builds (the failed build left no session); a file nothing shows is patched away.
  Replace(fs, "content/omakouvola/penkit/index.md", "image: penkki.jpg\nimage_alt: Puinen penkki\n",
          "");
  s.Change(fs, {"content/omakouvola/penkit/index.md"});
  RequireSameAsFreshBuild(s, fs);
  fs.Remove("content/palvelut/vanha.pdf");
  RequirePatched(s, fs, {"content/palvelut/vanha.pdf"});
}

TEST_CASE("site patch: a page, term or list page may take the address of a file deleted with it") {
  // From a review: the file is written, not removed (PatchResult::removed holds no file
  // of PatchResult::written).
  struct Case {
    const char* what;
    const char* file;  // deleted
    std::vector<std::pair<std::string, std::string>> writes;
  };
  const Case cases[] = {
      {"a new page",
       "static/uutiset/u9/index.html",
       {{"content/uutiset/u9.md", "---\ntitle: U9\n---\nUusi.\n"}}},
      {"a new term",
       "static/tags/uusi/index.html",
       {{"content/uutiset/u3.md",
         "---\ntitle: Uutinen 3\ndate: 2024-03-10\ntags: [Nuoret, budjetti, Uusi]\n---\nKappale "
         "3.\n\nToinen kappale.\n\n## Lisää\n\nKatso [etusivu](../_index.md).\n"}}},
      {"a new list page",
       "static/uutiset/page/4/index.html",
       {{"content/uutiset/u9.md", "---\ntitle: U9\n---\nUusi.\n"}}},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto fs = SampleSite();  // u1-u5, paginate: 2
    fs.Add("content/uutiset/u6.md", "---\ntitle: U6\n---\nKuusi.\n");
    fs.Add(c.file, "<p>vanha</p>");
    Serve s;
    s.Build(fs);
    fs.Remove(c.file);
    std::vector<std::string> changed = WriteFiles(fs, c.writes);
    changed.push_back(c.file);
    PatchResult r = s.Change(fs, changed);
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kPatched);
    RequireSameAsFreshBuild(s, fs);
  }
}

TEST_CASE("site patch: a new list page or feed over a static file builds") {
  // From a review: the build reports the file written twice.
  auto fs = SampleSite();                                            // u1-u5, paginate: 2
  fs.Add("content/uutiset/u6.md", "---\ntitle: U6\n---\nKuusi.\n");  // no date: no feed
  fs.Add("static/uutiset/page/4/index.html", "<p>vanha</p>");
  fs.Add("static/uutiset/atom.xml", "<feed/>");
  Serve s;
  s.Build(fs);
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> writes;
  };
  const Case cases[] = {
      {"a list page", {{"content/uutiset/u9.md", "---\ntitle: U9\n---\nUusi.\n"}}},
      {"a feed (every page of the section dated)",
       {{"content/uutiset/u6.md", "---\ntitle: U6\ndate: 2024-06-10\n---\nKuusi.\n"}}},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    MemoryFileSystem changed_fs = fs;
    std::vector<std::string> changed = WriteFiles(changed_fs, c.writes);
    CHECK_FALSE(testing::Build(changed_fs, BuildFilter{}).ok);
    MemoryOutput out;
    PatchResult r = AskPatch(s, changed_fs, changed, out);
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    s.Build(fs);  // a refusal after the model changed clears the session
  }
}

TEST_CASE("site patch: a picture of a bundle in two languages goes") {
  auto fs = SampleSite();
  fs.Add("content/palvelut/rata/index.sv.md", "---\ntitle: Banan\n---\nBanan.\n");
  fs.Add("content/palvelut/rata/kartta.png", "PNG");
  Serve s;
  s.Build(fs);
  fs.Remove("content/palvelut/rata/kartta.png");
  RequirePatched(s, fs, {"content/palvelut/rata/kartta.png"});
  // and the picture its page shows, with the link
  fs.Remove("content/palvelut/rata/kuva.jpg");
  Replace(fs, "content/palvelut/rata/index.md", "![Frisbeegolfrata](kuva.jpg)", "Rata.");
  RequirePatched(s, fs, {"content/palvelut/rata/kuva.jpg", "content/palvelut/rata/index.md"});
}

TEST_CASE("site patch: a bundle's folder renamed with its picture") {
  auto fs = SampleSite();
  fs.Add("content/uutiset/nippu/index.md", "---\ntitle: Nippu\n---\n![Kuva](kuva.png)\n");
  fs.Add("content/uutiset/nippu/kuva.png", "PNG");
  Serve s;
  s.Build(fs);
  fs.Remove("content/uutiset/nippu/index.md");
  fs.Remove("content/uutiset/nippu/kuva.png");
  fs.Add("content/uutiset/nippu2/index.md", "---\ntitle: Nippu\n---\n![Kuva](kuva.png)\n");
  fs.Add("content/uutiset/nippu2/kuva.png", "PNG");
  PatchResult r = s.Change(fs, {"content/uutiset/nippu/", "content/uutiset/nippu2/"});
  INFO(r.reason);
  RequireSameAsFreshBuild(s, fs);
  // and back, as separate events
  fs.Remove("content/uutiset/nippu2/index.md");
  fs.Remove("content/uutiset/nippu2/kuva.png");
  fs.Add("content/uutiset/nippu/index.md", "---\ntitle: Nippu\n---\n![Kuva](kuva.png)\n");
  fs.Add("content/uutiset/nippu/kuva.png", "PNG");
  r = s.Change(fs, {"content/uutiset/nippu2/index.md", "content/uutiset/nippu2/kuva.png",
                    "content/uutiset/nippu/index.md", "content/uutiset/nippu/kuva.png"});
  INFO(r.reason);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a bundle's page deleted, its files later, the page back between") {
  auto fs = SampleSite();
  fs.Add("content/uutiset/nippu/index.md", "---\ntitle: Nippu\n---\nNippu.\n");
  fs.Add("content/uutiset/nippu/a.pdf", "A");
  fs.Add("content/uutiset/nippu/b.pdf", "B");
  Serve s;
  s.Build(fs);
  fs.Remove("content/uutiset/nippu/index.md");
  RequirePatched(s, fs, {"content/uutiset/nippu/index.md"});
  fs.Remove("content/uutiset/nippu/a.pdf");
  RequirePatched(s, fs, {"content/uutiset/nippu/a.pdf"});
  fs.Add("content/uutiset/nippu/index.md", "---\ntitle: Nippu\n---\n[B](b.pdf)\n");
  RequirePatched(s, fs, {"content/uutiset/nippu/index.md"});
  fs.Remove("content/uutiset/nippu/b.pdf");
  Replace(fs, "content/uutiset/nippu/index.md", "[B](b.pdf)", "Ei liitettä.");
  RequirePatched(s, fs, {"content/uutiset/nippu/b.pdf", "content/uutiset/nippu/index.md"});
  fs.Add("content/uutiset/nippu/c.pdf", "C");
  RequirePatched(s, fs, {"content/uutiset/nippu/c.pdf"});
  fs.Remove("content/uutiset/nippu/c.pdf");
  fs.Remove("content/uutiset/nippu/index.md");
  RequirePatched(s, fs, {"content/uutiset/nippu/"});
}

namespace {
struct ModelSnapshot {
  std::vector<std::pair<std::string, std::string>> static_files;
  std::map<std::string, std::string> static_urls, content_file_urls;
  std::set<std::string> content_files;
  std::vector<std::vector<std::string>> resources;
  size_t pages = 0;
  explicit ModelSnapshot(const BuildSession& session) {
    const Site& site = *session.site;
    for (const auto& f : site.static_files) static_files.emplace_back(f.source, f.output);
    static_urls = site.static_urls;
    content_file_urls = site.content_file_urls;
    content_files.insert(session.content_files.begin(), session.content_files.end());
    for (const auto& p : site.pages) resources.push_back(p.resources);
    pages = site.pages.size();
  }
  bool operator==(const ModelSnapshot& o) const {
    return static_files == o.static_files && static_urls == o.static_urls &&
           content_file_urls == o.content_file_urls && content_files == o.content_files &&
           resources == o.resources && pages == o.pages;
  }
};
}  // namespace

TEST_CASE("site patch: a declined change with new and deleted copies leaves the model as it was") {
  auto fs = SampleSite();
  fs.Add("content/palvelut/rata/a.png", "A");
  fs.Add("content/palvelut/rata/b.png", "B");
  fs.Add("content/palvelut/rata/c.png", "C");
  fs.Add("static/x.pdf", "X");
  fs.Add("static/y.pdf", "Y");
  Serve s;
  s.Build(fs);
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> writes;
  };
  const Case cases[] = {
      {"edit with a broken link",
       {{"content/palvelut/rata/c.png", ""},
        {"content/palvelut/rata/a.png", ""},
        {"static/x.pdf", ""},
        {"content/palvelut/rata/d.png", "D"},
        {"static/z.pdf", "Z"},
        {"content/uutiset/u2.md", "---\ntitle: U2\ndate: 2024-02-10\n---\n[x](/nope.pdf)\n"}}},
      {"new page with a broken link",
       {{"content/palvelut/rata/b.png", ""},
        {"static/y.pdf", ""},
        {"content/palvelut/rata/e.png", "E"},
        {"content/uutiset/u9.md", "---\ntitle: U9\n---\n[x](/y.pdf)\n"}}},
      {"deleted page linked to",
       {{"content/palvelut/rata/a.png", ""}, {"static/x.pdf", ""}, {"content/uutiset/u2.md", ""}}},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    ModelSnapshot before(s.session);
    MemoryFileSystem changed_fs = fs;
    MemoryOutput out;
    PatchResult r = AskPatch(s, changed_fs, WriteFiles(changed_fs, c.writes), out);
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    REQUIRE(s.session.ready());
    CHECK(ModelSnapshot(s.session) == before);
  }
}

namespace {
// As a disk does: "./static/x" is "static/x".
class DotSlashFileSystem : public MemoryFileSystem {
 public:
  Result<std::string> ReadFile(const std::string& path) const override {
    return MemoryFileSystem::ReadFile(path.starts_with("./") ? path.substr(2) : path);
  }
  bool IsFile(const std::string& path) const override {
    return MemoryFileSystem::IsFile(path.starts_with("./") ? path.substr(2) : path);
  }
};
}  // namespace

TEST_CASE("site patch: the accessibility statement, spelled ./static/..., deleted builds") {
  DotSlashFileSystem fs;
  MemoryFileSystem base = SiteWithTheme(
      "title: T\nbase_url: https://example.fi/\naccessibility_statement: ./static/seloste.yaml\n");
  for (const auto& f : base.ListFiles("")) fs.Add(f, *base.ReadFile(f));
  fs.Add("content/_index.md", "---\ntitle: Etusivu\n---\nHei.\n");
  fs.Add("content/a.md", "---\ntitle: A\n---\nA.\n");
  fs.Add("static/seloste.yaml",
         "organisation: {fi: Kouvolan kaupunki}\ncompliance: partial\n"
         "non_accessible:\n  - {content: {fi: Kaaviot}, reason: {fi: Korjataan}}\n"
         "prepared: 2023-01-10\nreviewed: 2023-06-01\nassessment: self\n"
         "feedback: {email: a@kouvola.fi, response_time_days: 14}\n"
         "authority: {name: {fi: Valvonta}, url: https://www.saavutettavuusvaatimukset.fi/}\n");
  Serve s;
  s.Build(fs);
  REQUIRE(s.site.count("saavutettavuusseloste/index.html"));
  fs.Remove("static/seloste.yaml");
  MemoryOutput out;
  PatchResult r = AskPatch(s, fs, {"static/seloste.yaml"}, out);
  INFO(r.reason);
  CHECK_FALSE(testing::Build(fs, BuildFilter{}).ok);  // the statement's file is gone
  CHECK(r.outcome == PatchResult::kNeedsBuild);
}

TEST_CASE("site patch: list pages come and go with the lists, as a build does") {
  auto fs = SampleSite();  // paginate: 2; u1-u5 with [Nuoret, budjetti], u1 in Swedish too
  fs.Add("content/uutiset/u3.sv.md", "---\ntitle: Nyhet 3\ndate: 2024-03-10\n---\nNy.\n");
  Serve s;
  s.Build(fs);
  REQUIRE(s.site.count("uutiset/page/3/index.html") == 1);
  REQUIRE(s.site.count("sv/uutiset/page/2/index.html") == 0);
  // A translation that gives its section a second list page.
  fs.Add("content/uutiset/u2.sv.md", "---\ntitle: Nyhet 2\ndate: 2024-02-10\n---\nNy.\n");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"content/uutiset/u2.sv.md"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(written.count("sv/uutiset/page/2/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  // A page deleted: its section and its terms lose their third list page (5 -> 4 pages).
  fs.Remove("content/uutiset/u5.md");
  r = s.Change(fs, {"content/uutiset/u5.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(std::count(r.removed.begin(), r.removed.end(), "uutiset/page/3/index.html") == 1);
  CHECK(std::count(r.removed.begin(), r.removed.end(), "tags/nuoret/page/3/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  // A new page brings them back; a page leaving a term takes that term's again.
  fs.Add("content/uutiset/u6.md",
         "---\ntitle: Uutinen 6\ndate: 2024-06-10\ntags: [Nuoret, budjetti]\n---\nA.\n");
  RequirePatched(s, fs, {"content/uutiset/u6.md"});
  CHECK(s.site.count("tags/budjetti/page/3/index.html") == 1);
  Replace(fs, "content/uutiset/u6.md", "[Nuoret, budjetti]", "[Nuoret]");
  RequirePatched(s, fs, {"content/uutiset/u6.md"});
  CHECK(s.site.count("tags/budjetti/page/3/index.html") == 0);
}

TEST_CASE("site patch: a new page in a site of several languages gets its notices") {
  auto fs = SampleSite();
  Serve s;
  s.Build(fs);
  fs.Add("content/uutiset/u9.md",
         "---\ntitle: Uutinen 9\ndate: 2024-09-10\ntags: [Nuoret]\n---\nUusi.\n");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"content/uutiset/u9.md"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(written.count("sv/uutiset/u9/index.html") == 1);  // the notice
  RequireSameAsFreshBuild(s, fs);
  // Its title, shown by its notice too, then its translation, in the notice's place.
  Replace(fs, "content/uutiset/u9.md", "Uutinen 9", "Uutinen yhdeksän");
  CHECK(s.Change(fs, {"content/uutiset/u9.md"}).outcome == PatchResult::kPatched);
  RequireSameAsFreshBuild(s, fs);
  fs.Add("content/uutiset/u9.sv.md", "---\ntitle: Nyhet 9\ndate: 2024-09-10\n---\nNy.\n");
  CHECK(s.Change(fs, {"content/uutiset/u9.sv.md"}).outcome == PatchResult::kPatched);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a deleted page leaves its section's and terms' lists, as a build does") {
  auto fs = OneLanguageSite();
  Serve s;
  s.Build(fs);
  fs.Remove("content/palvelut/p3.md");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"content/palvelut/p3.md"}, &written);
  INFO(r.reason);
  REQUIRE(r.outcome == PatchResult::kPatched);
  CHECK(r.removed == std::vector<std::string>{"palvelut/p3/index.html"});
  CHECK(written.count("palvelut/index.html") == 1);
  CHECK(written.count("tags/nuoret/index.html") == 1);
  CHECK(written.count("sitemap.xml") == 1);
  CHECK(std::none_of(written.begin(), written.end(),
                     [](const std::string& f) { return f.starts_with("uutiset/u"); }));
  RequireSameAsFreshBuild(s, fs);
  // The session goes on: an edit, the page back again, a page renamed (`git mv` and an
  // edit: the old file deleted, the new one added, in one change).
  Replace(fs, "content/palvelut/p4.md", "Palvelu 4", "Palvelu neljä");
  RequirePatched(s, fs, {"content/palvelut/p4.md"});
  fs.Add("content/palvelut/p3.md", "---\ntitle: Palvelu 3\ntags: [Nuoret]\n---\nTakaisin.\n");
  RequirePatched(s, fs, {"content/palvelut/p3.md"});
  std::string text = Read(fs, "content/palvelut/p5.md");
  fs.Remove("content/palvelut/p5.md");
  fs.Add("content/palvelut/viides.md", text + "\nSiirretty.\n");
  RequirePatched(s, fs, {"content/palvelut/p5.md", "content/palvelut/viides.md"});
  // A dated page out of a section with a feed, which keeps it, once the one link to it is
  // gone (the links are known from the edit, not only from the build).
  fs.Remove("content/uutiset/u6.md");
  RequireFailedBuild(s, fs, {"content/uutiset/u6.md"});  // a broken link
  fs.Add("content/uutiset/u6.md",
         "---\ntitle: Uutinen 6\ndate: 2024-06-10\ntags: [Nuoret]\n---\nA.\n");
  Replace(fs, "content/palvelut/p6.md", "../uutiset/u6.md#lisaa", "../uutiset/u5.md#lisaa");
  s.Change(fs, {"content/uutiset/u6.md", "content/palvelut/p6.md"});
  RequireSameAsFreshBuild(s, fs);
  Replace(fs, "content/palvelut/p6.md", "../uutiset/u5.md#lisaa", "../uutiset/u5.md");
  RequirePatched(s, fs, {"content/palvelut/p6.md"});
  fs.Remove("content/uutiset/u6.md");
  RequirePatched(s, fs, {"content/uutiset/u6.md"});
}

TEST_CASE("site patch: a deleted page takes its notices along in a site of several languages") {
  auto fs = SampleSite();
  fs.Add("content/uutiset/u6.md",
         "---\ntitle: Uutinen 6\ndate: 2024-06-10\ntags: [Nuoret, budjetti]\n---\nKuudes.\n");
  Serve s;
  s.Build(fs);
  REQUIRE(s.site.count("sv/uutiset/u6/index.html") == 1);  // its notice
  fs.Remove("content/uutiset/u6.md");
  PatchResult r = s.Change(fs, {"content/uutiset/u6.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.removed.size() == 2);
  RequireSameAsFreshBuild(s, fs);
  // A page with a translation, and a page another page links to: full builds.
  fs.Remove("content/uutiset/u1.md");
  CHECK(s.Change(fs, {"content/uutiset/u1.md"}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a deleted page that changes more than its lists goes to a full build") {
  struct Case {
    const char* what;
    const char* file;  // deleted
    const char* extra_file;
    const char* extra_text;
  };
  const Case cases[] = {
      {"another page links to it", "content/uutiset/u3.md", nullptr, nullptr},
      {"the last page of a section without its own file", "content/yksin/sivu.md",
       "content/yksin/sivu.md", "---\ntitle: Yksin\n---\nA.\n"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto fs = OneLanguageSite();
    if (c.extra_file) fs.Add(c.extra_file, c.extra_text);
    Serve s;
    s.Build(fs);
    fs.Remove(c.file);
    bool built = false;
    PatchResult r = s.Change(fs, {c.file}, nullptr, kNow, &built);
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    if (built) RequireSameAsFreshBuild(s, fs);
    CHECK(built == (std::string(c.what) != "another page links to it"));
  }
}

TEST_CASE("site patch: a page deleted in the save that takes the links to it away") {
  auto fs = OneLanguageSite();  // p3 links to u3
  Serve s;
  s.Build(fs);
  // u3 deleted, and the one page linking to it edited not to: patched together.
  fs.Remove("content/uutiset/u3.md");
  Replace(fs, "content/palvelut/p3.md", "Katso [uutinen](../uutiset/u3.md#lisaa).", "Katso.");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"content/uutiset/u3.md", "content/palvelut/p3.md"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.pages == 2);
  CHECK(written.count("palvelut/p3/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  // A deletion with an edit that keeps a link to it: checked after the edit, a full build
  // (which reports the link), and the session is cleared.
  fs.Remove("content/uutiset/u4.md");
  Replace(fs, "content/palvelut/p4.md", "Palvelu 4", "Palvelu neljä");
  RequireFailedBuild(s, fs, {"content/uutiset/u4.md", "content/palvelut/p4.md"});
  CHECK_FALSE(s.session.ready());
}

TEST_CASE("site patch: pages deleted at once leave together, as a build does") {
  auto fs = OneLanguageSite();
  fs.Add("content/palvelut/harvinainen.md",
         "---\ntitle: Harvinainen\ntags: [Harvinainen]\n---\nKatso [toinen](toinen.md).\n");
  fs.Add("content/palvelut/toinen.md",
         "---\ntitle: Toinen\ntags: [Harvinainen]\n---\nKatso [p1](p1.md).\n");
  fs.Add("content/muut/_index.md", "---\ntitle: Muut\n---\n");
  fs.Add("content/ilman/x1.md", "---\ntitle: X1\n---\nA.\n");  // no section file
  fs.Add("content/ilman/x2.md", "---\ntitle: X2\n---\nA.\n");
  for (const char* n : {"1", "2", "3", "4", "5", "6"}) {  // the term's list keeps two pages
    fs.Add(std::string("content/muut/m") + n + ".md",
           std::string("---\ntitle: Muu ") + n + "\ntags: [Nuoret]\n---\nA.\n");
  }
  Serve s;
  s.Build(fs);
  // Two pages of one section, one linking to the other, both of one term, which goes.
  fs.Remove("content/palvelut/harvinainen.md");
  fs.Remove("content/palvelut/toinen.md");
  PatchResult r = s.Change(fs, {"content/palvelut/toinen.md", "content/palvelut/harvinainen.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.pages == 2);
  CHECK(r.removed.size() == 3);  // the two pages and the term's page
  RequireSameAsFreshBuild(s, fs);
  // Pages of two sections, one linking to the other (the link goes with it).
  fs.Remove("content/palvelut/p1.md");
  fs.Remove("content/uutiset/u1.md");
  RequirePatched(s, fs, {"content/palvelut/p1.md", "content/uutiset/u1.md"});
  // A page that stays links to one of them: a full build, which reports the broken link.
  fs.Remove("content/palvelut/p2.md");
  fs.Remove("content/uutiset/u3.md");
  RequireFailedBuild(s, fs, {"content/palvelut/p2.md", "content/uutiset/u3.md"});
  fs.Add("content/uutiset/u3.md",
         "---\ntitle: Uutinen 3\ndate: 2024-03-10\ntags: [Nuoret]\n---\n"
         "Kappale 3.\n\n## Lisää\n\nToinen.\n");
  s.Change(fs, {"content/uutiset/u3.md"});
  RequireSameAsFreshBuild(s, fs);
  fs.Remove("content/palvelut/p3.md");
  fs.Remove("content/palvelut/p4.md");
  RequirePatched(s, fs, {"content/palvelut/p3.md", "content/palvelut/p4.md"});
  // The last two pages of a section: it stays, empty (it has its own file).
  fs.Remove("content/palvelut/p5.md");
  fs.Remove("content/palvelut/p6.md");
  RequirePatched(s, fs, {"content/palvelut/p5.md", "content/palvelut/p6.md"});
  // The last two of a section without its own file: the second, checked after the first has
  // left, would take the section away. A full build, and the session is the build's.
  fs.Remove("content/ilman/x1.md");
  fs.Remove("content/ilman/x2.md");
  r = s.Change(fs, {"content/ilman/x1.md", "content/ilman/x2.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  CHECK(r.reason.find("the last page of a section without its own file") != std::string::npos);
  RequireSameAsFreshBuild(s, fs);
  CHECK(s.session.ready());
  Replace(fs, "content/muut/m1.md", "Muu 1", "Muu yksi");
  RequirePatched(s, fs, {"content/muut/m1.md"});
}

TEST_CASE("site patch: a page deleted with its translations takes them along") {
  auto fs = SampleSite();  // paginate: 2
  fs.Add("content/uutiset/u6.md",
         "---\ntitle: Uutinen 6\ndate: 2024-06-10\ntags: [Nuoret, budjetti]\n---\nKuudes.\n");
  fs.Add("content/uutiset/_index.sv.md", "---\ntitle: Nyheter\n---\n");
  for (const char* n : {"1", "3", "4", "5"}) {
    fs.Add(std::string("content/uutiset/u") + n + ".sv.md",
           std::string("---\ntitle: Nyhet ") + n + "\ndate: 2024-0" + n +
               "-10\ntags: [Unga]\n---\nStycke.\n");
  }
  Serve s;
  s.Build(fs);
  REQUIRE(s.site.count("sv/uutiset/u3/index.html") == 1);
  fs.Remove("content/uutiset/u3.md");
  fs.Remove("content/uutiset/u3.sv.md");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"content/uutiset/u3.sv.md", "content/uutiset/u3.md"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.pages == 2);
  CHECK(r.removed.size() == 2);
  CHECK(written.count("sv/uutiset/index.html") == 1);
  CHECK(written.count("sv/tags/unga/index.html") == 1);
  RequireSameAsFreshBuild(s, fs);
  // A translation deleted without its page, which takes a list page from its section
  // (paginate: 2): its notice comes back. The page without its translation: a full build.
  fs.Remove("content/uutiset/u4.sv.md");
  CHECK(s.Change(fs, {"content/uutiset/u4.sv.md"}).outcome == PatchResult::kPatched);
  RequireSameAsFreshBuild(s, fs);
  fs.Remove("content/uutiset/u1.md");
  CHECK(s.Change(fs, {"content/uutiset/u1.md"}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a new translation takes its notice's place, as a build does") {
  auto fs = SiteWithTheme(
      "title: Osallisuus\nbase_url: https://example.fi/\ntaxonomies:\n  tags: {title: "
      "Asiasanat}\nlanguages:\n  fi: {name: Suomeksi, weight: 1}\n  sv: {name: På svenska, "
      "weight: 2}\n  en: {name: In English, weight: 3}\n");
  fs.Add("content/_index.md", "---\ntitle: Etusivu\n---\nTervetuloa.\n");
  fs.Add("content/_index.sv.md", "---\ntitle: Startsida\n---\nVälkommen.\n");
  fs.Add("content/_index.en.md", "---\ntitle: Home\n---\nWelcome.\n");
  fs.Add("content/uutiset/_index.md", "---\ntitle: Uutiset\n---\n");
  fs.Add("content/uutiset/_index.sv.md", "---\ntitle: Nyheter\n---\n");
  for (const char* n : {"1", "2", "3"}) {
    fs.Add(std::string("content/uutiset/u") + n + ".md",
           std::string("---\ntitle: Uutinen ") + n + "\ndate: 2024-0" + n +
               "-10\ntags: [Nuoret]\n---\nKappale.\n\n## Lisää\n\nToinen.\n");
  }
  fs.Add("content/uutiset/u1.sv.md",
         "---\ntitle: Nyhet 1\ndate: 2024-01-10\ntags: [Unga]\n---\nStycke.\n");
  Serve s;
  s.Build(fs);
  REQUIRE(s.site.count("sv/uutiset/u2/index.html") == 1);  // the notice
  // A title edit first: the session indexes the notices (it must then keep the index).
  Replace(fs, "content/uutiset/u3.md", "Uutinen 3", "Uutinen kolme");
  RequirePatched(s, fs, {"content/uutiset/u3.md"});
  // A translation with a term of its own language that exists, recording its source.
  fs.Add("content/uutiset/u2.sv.md",
         "---\ntitle: Nyhet 2\ndate: 2024-02-10\ntags: [Unga]\ntranslation_of: 0123456789ab\n"
         "---\nStycke två, se [nyhet 1](u1.sv.md).\n");
  std::set<std::string> written;
  PatchResult r = s.Change(fs, {"content/uutiset/u2.sv.md"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.removed.empty());
  CHECK(written.count("sv/uutiset/u2/index.html") == 1);
  CHECK(written.count("sv/uutiset/index.html") == 1);
  CHECK(written.count("sv/tags/unga/index.html") == 1);
  CHECK(written.count("uutiset/u2/index.html") == 1);  // its language links
  RequireSameAsFreshBuild(s, fs);
  // Edited, then its original's title (its English notice shows it), then one with a new
  // term.
  Replace(fs, "content/uutiset/u2.sv.md", "Stycke två", "Andra stycket");
  RequirePatched(s, fs, {"content/uutiset/u2.sv.md"});
  Replace(fs, "content/uutiset/u2.md", "Uutinen 2", "Uutinen kaksi");
  RequirePatched(s, fs, {"content/uutiset/u2.md"});
  fs.Add("content/uutiset/u3.sv.md",
         "---\ntitle: Nyhet 3\ndate: 2024-03-10\ntags: [Bibliotek]\n---\nStycke tre.\n");
  RequirePatched(s, fs, {"content/uutiset/u3.sv.md"});
  // A translation deleted: its notice comes back in its place; then added again.
  std::string sv3 = Read(fs, "content/uutiset/u3.sv.md");
  fs.Remove("content/uutiset/u3.sv.md");
  written.clear();
  r = s.Change(fs, {"content/uutiset/u3.sv.md"}, &written);
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.removed == std::vector<std::string>{"sv/tags/bibliotek/index.html"});  // its term
  CHECK(written.count("sv/uutiset/u3/index.html") == 1);                         // the notice
  RequireSameAsFreshBuild(s, fs);
  fs.Add("content/uutiset/u3.sv.md", sv3);
  RequirePatched(s, fs, {"content/uutiset/u3.sv.md"});
  // A translation that another page links to, by its heading or by its file: the build
  // reports the link (neither is the notice's). (Found by a review.)
  {
    fs.Add("content/uutiset/u1.sv.md",
           "---\ntitle: Nyhet 1\ndate: 2024-01-10\ntags: [Unga]\n---\nSe [nyhet 2](u2.sv.md).\n");
    s.Change(fs, {"content/uutiset/u1.sv.md"});
    RequireSameAsFreshBuild(s, fs);
    std::string text = Read(fs, "content/uutiset/u2.sv.md");
    fs.Remove("content/uutiset/u2.sv.md");
    RequireFailedBuild(s, fs, {"content/uutiset/u2.sv.md"});
    fs.Add("content/uutiset/u2.sv.md", text);
    s.Change(fs, {"content/uutiset/u2.sv.md"});
    RequireSameAsFreshBuild(s, fs);
  }
  fs.Add("content/uutiset/u1.sv.md",
         "---\ntitle: Nyhet 1\ndate: 2024-01-10\ntags: [Unga]\n---\nSe [mer](u2.sv.md#mer).\n");
  Replace(fs, "content/uutiset/u2.sv.md", "Andra stycket", "## Mer\n\nAndra stycket");
  s.Change(fs, {"content/uutiset/u1.sv.md", "content/uutiset/u2.sv.md"});
  RequireSameAsFreshBuild(s, fs);
  std::string sv2 = Read(fs, "content/uutiset/u2.sv.md");
  fs.Remove("content/uutiset/u2.sv.md");
  RequireFailedBuild(s, fs, {"content/uutiset/u2.sv.md"});
  fs.Add("content/uutiset/u2.sv.md", sv2);
  s.Change(fs, {"content/uutiset/u2.sv.md"});
  RequireSameAsFreshBuild(s, fs);
  Replace(fs, "content/uutiset/u1.sv.md", "Se [mer](u2.sv.md#mer).", "Stycke.");
  RequirePatched(s, fs, {"content/uutiset/u1.sv.md"});
  // The page with its translation, deleted: its English notice goes too.
  fs.Remove("content/uutiset/u2.md");
  fs.Remove("content/uutiset/u2.sv.md");
  RequirePatched(s, fs, {"content/uutiset/u2.md", "content/uutiset/u2.sv.md"});
  // Full builds: a translation in a language without the section (its notice stands in),
  // one at another address than its notice, one of no page.
  fs.Add("content/uutiset/u1.en.md", "---\ntitle: News 1\ndate: 2024-01-10\n---\nText.\n");
  CHECK(s.Change(fs, {"content/uutiset/u1.en.md"}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
  fs.Add("content/uutiset/u2.md",
         "---\ntitle: Uutinen 2\ndate: 2024-02-10\ntags: [Nuoret]\n---\nKappale.\n");
  s.Change(fs, {"content/uutiset/u2.md"});
  RequireSameAsFreshBuild(s, fs);
  fs.Add("content/uutiset/u2.sv.md",
         "---\ntitle: Nyhet 2\nslug: nyhet-tva\ndate: 2024-02-10\n---\nStycke.\n");
  CHECK(s.Change(fs, {"content/uutiset/u2.sv.md"}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
  fs.Add("content/uutiset/u7.sv.md", "---\ntitle: Nyhet 7\ndate: 2024-02-10\n---\nStycke.\n");
  CHECK(s.Change(fs, {"content/uutiset/u7.sv.md"}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
}

TEST_CASE("site patch: a term's only page leaving it takes the term away, as a build does") {
  auto fs = OneLanguageSite();
  fs.Add("content/palvelut/ainoa.md",
         "---\ntitle: Ainoa\ntags: [Nuorte, Harvinainen]\n---\nKirjoitusvirhe.\n");
  Serve s;
  s.Build(fs);
  REQUIRE(s.site.count("tags/nuorte/index.html") == 1);
  // A misspelt tag put right: the page leaves the term it alone had and joins the other.
  Replace(fs, "content/palvelut/ainoa.md", "[Nuorte, Harvinainen]", "[Nuoret, Harvinainen]");
  PatchResult r = s.Change(fs, {"content/palvelut/ainoa.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.removed == std::vector<std::string>{"tags/nuorte/index.html"});
  RequireSameAsFreshBuild(s, fs);
  // Both its terms' only page, deleted: both terms go with it.
  fs.Add("content/palvelut/toinen.md", "---\ntitle: Toinen\ntags: [Yksi, Kaksi]\n---\nB.\n");
  CHECK(s.Change(fs, {"content/palvelut/toinen.md"}).outcome == PatchResult::kPatched);
  RequireSameAsFreshBuild(s, fs);
  fs.Remove("content/palvelut/toinen.md");
  r = s.Change(fs, {"content/palvelut/toinen.md"});
  INFO(r.reason);
  CHECK(r.outcome == PatchResult::kPatched);
  CHECK(r.removed.size() == 3);
  RequireSameAsFreshBuild(s, fs);
  // The term of the taxonomy that has no other: its list page would go (a full build).
  Replace(fs, "content/palvelut/ainoa.md", "title: Ainoa\n", "title: Ainoa\naiheet: [Vain]\n");
  s.Change(fs, {"content/palvelut/ainoa.md"});
  RequireSameAsFreshBuild(s, fs);
  REQUIRE(s.site.count("aiheet/vain/index.html") == 1);
  Replace(fs, "content/palvelut/ainoa.md", "aiheet: [Vain]\n", "");
  CHECK(s.Change(fs, {"content/palvelut/ainoa.md"}).outcome == PatchResult::kNeedsBuild);
  RequireSameAsFreshBuild(s, fs);
  // A term page that another page links to: a full build, which reports the broken link.
  fs.Add("content/palvelut/p1.md",
         "---\ntitle: Palvelu 1\ntags: [Nuoret]\n---\nKatso [harvinaiset](/tags/harvinainen/).\n");
  s.Change(fs, {"content/palvelut/p1.md"});
  Replace(fs, "content/palvelut/ainoa.md", "[Nuoret, Harvinainen]", "[Nuoret]");
  RequireFailedBuild(s, fs, {"content/palvelut/ainoa.md"});
}

TEST_CASE("site patch: a rename or an edit that would meet what goes goes to a full build") {
  // A renamed page that was a term's only page (alone, and with a term it shares): a full
  // build keeps the term, which the deletion would take away before the new page joins it.
  for (const char* tags : {"[Harvinainen]", "[Nuoret, Harvinainen]"}) {
    INFO(tags);
    auto fs = OneLanguageSite();
    const std::string text = std::string("---\ntitle: Ainoa\ntags: ") + tags + "\n---\nA.\n";
    fs.Add("content/palvelut/ainoa.md", text);
    Serve s;
    s.Build(fs);
    fs.Remove("content/palvelut/ainoa.md");
    fs.Add("content/palvelut/uusi-nimi.md", text);
    PatchResult r = s.Change(fs, {"content/palvelut/ainoa.md", "content/palvelut/uusi-nimi.md"});
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    RequireSameAsFreshBuild(s, fs);
    CHECK(s.site.count("tags/harvinainen/index.html") == 1);
  }
  // A renamed page whose body links to its old name: the build reports the link.
  {
    auto fs = OneLanguageSite();
    const std::string text = "---\ntitle: Vanha\n---\n## Osa\n\nKatso [osa](vanha.md#osa).\n";
    fs.Add("content/palvelut/vanha.md", text);
    Serve s;
    s.Build(fs);
    fs.Remove("content/palvelut/vanha.md");
    fs.Add("content/palvelut/uusi.md", text);
    RequireFailedBuild(s, fs, {"content/palvelut/vanha.md", "content/palvelut/uusi.md"});
  }
  // An edit that leaves the term it alone had and links to that term's page.
  {
    auto fs = OneLanguageSite();
    fs.Add("content/palvelut/ainoa.md",
           "---\ntitle: Ainoa\ntags: [Nuoret, Harvinainen]\n---\nA.\n");
    Serve s;
    s.Build(fs);
    fs.Add("content/palvelut/ainoa.md",
           "---\ntitle: Ainoa\ntags: [Nuoret]\n---\nA [h](/tags/harvinainen/).\n");
    RequireFailedBuild(s, fs, {"content/palvelut/ainoa.md"});
  }
  // A link that a patched edit adds: the page it leads to is then not deleted by a patch.
  {
    auto fs = OneLanguageSite();
    Serve s;
    s.Build(fs);
    Replace(fs, "content/palvelut/p2.md", "Katso [", "Katso [kolmas](p3.md) ja [");
    RequirePatched(s, fs, {"content/palvelut/p2.md"});
    fs.Remove("content/palvelut/p3.md");
    RequireFailedBuild(s, fs, {"content/palvelut/p3.md"});
  }
  // A page another page links to, in a site of several languages.
  {
    auto fs = SampleSite();
    Serve s;
    s.Build(fs);
    fs.Remove("content/uutiset/u2.md");
    RequireFailedBuild(s, fs, {"content/uutiset/u2.md"});
  }
}

namespace {

// A random walk of the edits serve sees (text, titles, dates, weights, tags and headings edited;
// pages, page bundles and translations added, deleted, renamed; pictures added beside
// pages and deleted), in a site of two languages with paginated lists and a feed; after each change
// the site must be a fresh build's. Deterministic: the seed is in the test's name.
struct RandomEditor {
  std::mt19937 rng;
  MemoryFileSystem& fs;
  std::map<std::string, std::string> pages;     // content file -> its text (not _index files)
  std::map<std::string, std::string> pictures;  // beside pages: file -> its bytes
  int next = 0;                                 // for new names and markers

  RandomEditor(uint32_t seed, MemoryFileSystem& fs) : rng(seed), fs(fs) {}

  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }
  bool Chance(int percent) { return static_cast<int>(Pick(100)) < percent; }

  static bool Swedish(const std::string& file) { return file.ends_with(".sv.md"); }
  static std::string Section(const std::string& file) {
    return file.substr(8, file.find('/', 8) - 8);  // content/<section>/...
  }
  // The site address of a page file (no slugs are written).
  static std::string Url(const std::string& file) {
    std::string stem = file.substr(8, file.size() - 8 - (Swedish(file) ? 6 : 3));
    if (stem.ends_with("/index")) stem.resize(stem.size() - 6);  // a page bundle
    return (Swedish(file) ? "/sv/" : "/") + stem + "/";
  }
  std::vector<std::string> Files(bool swedish) const {
    std::vector<std::string> out;
    for (const auto& [file, text] : pages) {
      if (Swedish(file) == swedish) out.push_back(file);
    }
    return out;
  }
  std::string Text(const std::string& file) {
    const bool sv = Swedish(file);
    const bool news = Section(file) == "uutiset";
    std::string t =
        "---\ntitle: " + std::string(sv ? "Sida " : "Sivu ") + std::to_string(next++) + "\n";
    if (news ? !Chance(5) : Chance(20))
      t += "date: 2024-0" + std::to_string(1 + Pick(9)) + "-1" + std::to_string(Pick(10)) + "\n";
    if (Chance(30)) t += "weight: " + std::to_string(Pick(5)) + "\n";
    static const char* kFi[] = {"Nuoret", "Koulut", "Liikenne", "Harvinainen"};
    static const char* kSv[] = {"Unga", "Skolor"};
    std::string tags;
    for (int k = 0; k < (sv ? 2 : 4); ++k) {
      if (Chance(35)) tags += std::string(tags.empty() ? "" : ", ") + (sv ? kSv[k] : kFi[k]);
    }
    if (Chance(5)) tags += std::string(tags.empty() ? "" : ", ") + "Uusi" + std::to_string(next);
    if (!tags.empty()) t += "tags: [" + tags + "]\n";
    t += "---\nKappale " + std::to_string(next) + ".\n\n## Lisää\n\nToinen.\n";
    // A link to another page of its language, now and then: by its address or by its file,
    // to the page or to its heading.
    std::vector<std::string> others = Files(sv);
    if (!others.empty() && Chance(30)) {
      std::string to = others[Pick(others.size())];
      std::string anchor = Chance(30) ? "#lisaa" : "";
      if (to != file)
        t += "\nKatso [sivu](" + (Chance(50) ? Url(to) : Rel(file, to)) + anchor + ").\n";
    }
    return t;
  }
  static std::string Dir(const std::string& file) { return file.substr(0, file.rfind('/')); }
  // The path of file `to` from the folder of file `from`, as a body links to a source.
  static std::string Rel(const std::string& from, const std::string& to) {
    if (Dir(from) == Dir(to)) return to.substr(Dir(to).size() + 1);
    std::string up;  // from content/<folder>/... to content/
    for (size_t k = std::count(from.begin(), from.end(), '/'); k > 1; --k) up += "../";
    return up + to.substr(8);
  }
  // Takes `key: ...` out of the front matter, or puts `key: value` in.
  std::vector<std::string> Toggle(const std::string& file, const std::string& key,
                                  const std::string& value) {
    std::string text = pages[file];
    size_t at = text.find("\n" + key + ": ");
    if (at != std::string::npos && at < text.find("\n---\n")) {
      text.erase(at + 1, text.find('\n', at + 1) - at);
    } else {
      text.insert(4, key + ": " + value + "\n");
    }
    Write(file, text);
    return {file};
  }
  void Write(const std::string& file, std::string text) {
    pages[file] = text;
    fs.Add(file, std::move(text));
  }
  void Delete(const std::string& file) {
    pages.erase(file);
    fs.Remove(file);
  }
  std::string NewName(bool sv) {
    static const char* kFolders[] = {"uutiset/", "palvelut/", "uutiset/", "palvelut/", ""};
    // Now and then a page bundle, alone in its folder.
    return std::string("content/") + kFolders[Pick(sv ? 4 : 5)] + "s" + std::to_string(next++) +
           (Chance(25) ? "/index" : "") + (sv ? ".sv.md" : ".md");
  }
  static std::string Translation(const std::string& file) {
    return file.substr(0, file.size() - 3) + ".sv.md";
  }

  // One random change; returns the files it touched.
  std::vector<std::string> Change() {
    std::vector<std::string> fi = Files(false);
    std::vector<std::string> all = Files(false);
    std::vector<std::string> sv = Files(true);
    all.insert(all.end(), sv.begin(), sv.end());
    switch (Pick(20)) {
      case 19: {  // a heading renamed, or back (a build rejects a link to it that breaks)
        std::string file = all[Pick(all.size())];
        std::string text = pages[file];
        bool has = text.find("## Lisää") != std::string::npos;
        std::string from = has ? "## Lisää" : "## Muuta", to = has ? "## Muuta" : "## Lisää";
        if (text.find(from) == std::string::npos) return {};
        text.replace(text.find(from), from.size(), to);
        if (Chance(30)) text += "\n[Ylös](#" + std::string(has ? "muuta" : "lisaa") + ")\n";
        Write(file, text);
        return {file};
      }
      case 18: {  // a picture deleted, and mostly the pages that show it no longer do
        if (pictures.empty()) return {};
        auto it = std::next(pictures.begin(), static_cast<long>(Pick(pictures.size())));
        std::string picture = it->first;
        pictures.erase(it);
        fs.Remove(picture);
        std::vector<std::string> files = {picture};
        const std::string shown = "![Kuva](" + picture.substr(Dir(picture).size() + 1) + ")";
        for (const std::string& file : all) {
          std::string t = pages[file];
          if (Dir(file) != Dir(picture) || t.find(shown) == std::string::npos || Chance(20))
            continue;
          t.erase(t.find(shown), shown.size());
          Write(file, t);
          files.push_back(file);
        }
        std::shuffle(files.begin(), files.end(), rng);
        return files;
      }
      case 17: {  // a new picture beside a page, which shows it
        std::string file = all[Pick(all.size())];
        std::string picture = Dir(file) + "/kuva" + std::to_string(next++) + ".png";
        fs.Add(picture, "PNG " + picture);
        pictures[picture] = "PNG " + picture;
        Write(file, pages[file] + "\n![Kuva](" + picture.substr(Dir(file).size() + 1) + ")\n");
        return {picture, file};
      }
      case 16: {  // a page renamed, and the pages that link to it by file put right
        std::string file = fi[Pick(fi.size())];
        if (pages.count(Translation(file))) return {};
        std::string to = NewName(false);
        std::vector<std::string> files = {file, to};
        std::string text = pages[file];
        Delete(file);
        Write(to, text);
        for (const std::string& other : Files(false)) {
          std::string t = pages[other];
          std::string from = "(" + Rel(other, file);
          if (other == to || t.find(from) == std::string::npos) continue;
          t.replace(t.find(from), from.size(), "(" + Rel(other, to));
          Write(other, t);
          files.push_back(other);
        }
        return files;
      }
      case 15: {  // two or three new pages (a `git pull`), a translation of one perhaps,
                  // and now and then a page or two deleted
        std::vector<std::string> files;
        for (size_t k = 0, n = Chance(40) ? 1 + Pick(2) : 0; k < n && fi.size() > 4; ++k) {
          std::string file = fi[Pick(fi.size())];
          if (std::find(files.begin(), files.end(), file) != files.end()) continue;
          files.push_back(file);
          if (pages.count(Translation(file))) files.push_back(Translation(file));
        }
        for (const auto& file : files) Delete(file);
        for (size_t k = 0, n = 2 + Pick(2); k < n; ++k) {
          std::string file = NewName(false);
          Write(file, Text(file));  // may link to the ones before it
          files.push_back(file);
          if (Chance(30)) {
            Write(Translation(file), Text(Translation(file)));
            files.push_back(Translation(file));
          }
        }
        std::shuffle(files.begin(), files.end(), rng);
        return files;
      }
      case 14: {  // a new page, and a page edited to link to it (or to its heading)
        std::string file = NewName(false), edited = all[Pick(all.size())];
        Write(file, Text(file));
        std::string text = Chance(50) ? pages[edited] : Text(edited);
        if (!Swedish(edited))
          text += "\nUusi [sivu](" + (Chance(50) ? Url(file) : Rel(edited, file)) +
                  (Chance(30) ? "#lisaa" : "") + ").\n";
        Write(edited, text);
        return {file, edited};
      }
      case 13: {  // a page deleted, and another edited (perhaps taking a link to it away)
        if (fi.size() < 5) return {};
        std::string gone = fi[Pick(fi.size())], edited = all[Pick(all.size())];
        if (edited == gone || edited == Translation(gone)) return {};
        std::vector<std::string> files = {gone, edited};
        if (pages.count(Translation(gone))) files.push_back(Translation(gone));
        Delete(gone);
        if (files.size() == 3) Delete(files[2]);
        Write(edited, Text(edited));
        return files;
      }
      case 11:  // a date comes or goes, or an alias (one of three: two pages may want one)
        if (Chance(40))
          return Toggle(all[Pick(all.size())], "aliases",
                        "[/vanha-" + std::to_string(Pick(3)) + "/]");
        return Toggle(all[Pick(all.size())], "date", "2024-05-0" + std::to_string(1 + Pick(9)));
      case 12:  // a translation records its source, or no longer
        if (sv.empty()) return {};
        return Toggle(sv[Pick(sv.size())], "translation_of", "0123456789ab");
      case 0:
      case 1: {  // an edit of one page (text, front matter or both)
        std::string file = all[Pick(all.size())];
        std::string text = Text(file);
        if (Chance(50)) {  // the same front matter, another body
          const std::string& was = pages[file];
          size_t end = was.find("\n---\n") + 5;
          text = was.substr(0, end) + text.substr(text.find("\n---\n") + 5);
        }
        Write(file, text);
        return {file};
      }
      case 2: {  // two pages edited at once
        std::string a = all[Pick(all.size())], b = all[Pick(all.size())];
        Write(a, Text(a));
        Write(b, Text(b));
        return {a, b};
      }
      case 3: {  // a new page
        std::string file = NewName(false);
        Write(file, Text(file));
        return {file};
      }
      case 9: {  // a page's title only
        std::string file = all[Pick(all.size())];
        std::string text = pages[file];
        size_t at = text.find("title: ") + 7;
        text.replace(at, text.find('\n', at) - at, "Otsikko " + std::to_string(next++));
        Write(file, text);
        return {file};
      }
      case 4:
      case 10: {  // a translation of a page
        std::string file = Translation(fi[Pick(fi.size())]);
        if (pages.count(file)) return {};
        Write(file, Text(file));
        return {file};
      }
      case 5: {  // one to three pages deleted, a page's translation with it
        std::vector<std::string> gone;
        for (size_t k = 0, n = 1 + Pick(3); k < n && fi.size() > 4; ++k) {
          std::string file = fi[Pick(fi.size())];
          if (std::find(gone.begin(), gone.end(), file) != gone.end()) continue;
          gone.push_back(file);
          if (pages.count(Translation(file))) gone.push_back(Translation(file));
        }
        for (const auto& file : gone) Delete(file);
        return gone;
      }
      case 6: {  // a page renamed, and perhaps edited
        std::string file = fi[Pick(fi.size())];
        if (pages.count(Translation(file))) return {};
        std::string text = Chance(50) ? pages[file] : Text(file);
        std::string to = NewName(false);
        Delete(file);
        Write(to, text);
        return {file, to};
      }
      case 7: {  // a translation deleted
        if (sv.empty()) return {};
        std::string file = sv[Pick(sv.size())];
        Delete(file);
        return {file};
      }
      default: {  // a page's tags only
        std::string file = all[Pick(all.size())];
        std::string text = pages[file];
        size_t at = text.find("tags: [");
        if (at == std::string::npos) return {};
        text.insert(at + 7, Swedish(file) ? "Skolor, " : "Koulut, ");
        Write(file, text);
        return {file};
      }
    }
  }
};

}  // namespace

TEST_CASE("site patch: random edits, seeds 1-3, always leave a fresh build's site") {
  for (uint32_t seed : {1u, 2u, 3u}) {
    INFO("seed " << seed);
    // Short lists (their list pages come and go) and long ones (fewer full builds).
    auto fs = SiteWithTheme(
        "title: Osallisuus\nbase_url: https://example.fi/\npaginate: " +
        std::string(seed == 2 ? "50" : "3") +
        "\ntaxonomies:\n  tags: "
        "{title: Asiasanat}\nlanguages:\n  fi: {name: Suomeksi, weight: 1}\n  sv: {name: På "
        "svenska, weight: 2}\n");
    fs.Add("content/_index.md", "---\ntitle: Etusivu\n---\nTervetuloa.\n");
    fs.Add("content/_index.sv.md", "---\ntitle: Startsida\n---\nVälkommen.\n");
    for (const char* section : {"uutiset", "palvelut"}) {
      fs.Add(std::string("content/") + section + "/_index.md", "---\ntitle: Osio\n---\n");
      fs.Add(std::string("content/") + section + "/_index.sv.md", "---\ntitle: Avdelning\n---\n");
    }
    RandomEditor editor(seed, fs);
    for (int k = 0; k < 16; ++k) {
      std::string file = editor.NewName(k % 2 == 1);
      if (file.ends_with(".sv.md"))  // a translation of a page that exists
        file = RandomEditor::Translation(editor.Files(false).at(k / 2));
      editor.Write(file, editor.Text(file));
    }
    Serve s;
    REQUIRE(s.TryBuild(fs));
    size_t patched = 0, changes = 0;
    for (int step = 0; step < 150; ++step) {
      auto before = editor.pages;
      auto pictures_before = editor.pictures;
      std::vector<std::string> changed = editor.Change();
      if (changed.empty()) continue;
      INFO("step " << step << ": " << changed.front() << " and " << changed.size() - 1 << " more");
      bool built = true;
      PatchResult r = s.Change(fs, changed, nullptr, kNow, &built);
      INFO(r.reason);
      if (!built) {
        // A change a build rejects (a link it breaks): undone, and built again.
        for (const auto& file : changed) {
          if (before.count(file)) {
            editor.Write(file, before[file]);
          } else if (pictures_before.count(file)) {
            fs.Add(file, pictures_before[file]);
          } else {
            editor.Delete(file);
          }
        }
        editor.pictures = pictures_before;
        r = s.Change(fs, changed);
      }
      ++changes;
      patched += r.outcome == PatchResult::kPatched;
      RequireSameAsFreshBuild(s, fs);
    }
    INFO(patched << " of " << changes << " changes patched");
    CHECK(patched * 3 > changes);  // the walk exercises the patch, not only full builds
  }
}

namespace {
// From a review of new and deleted pages in one change: builds `base`, applies `writes`; patched ->
// fresh build's site; declined with the session kept -> a follow-up body edit of `probe` must still
// patch to a fresh build's site.
void ReviewCase(const MemoryFileSystem& base,
                const std::vector<std::pair<std::string, std::string>>& writes,
                const std::string& probe, const char* what) {
  INFO(what);
  Serve s;
  s.Build(base);
  MemoryFileSystem fs = base;
  auto changed = WriteFiles(fs, writes);
  MemoryOutput out;
  PatchResult r = AskPatch(s, fs, changed, out);
  INFO(r.reason);
  if (r.outcome == PatchResult::kPatched) {
    for (auto& [path, content] : out.files) s.site[path] = content;
    for (const auto& path : r.removed) CHECK(s.site.erase(path) == 1);
    RequireSameAsFreshBuild(s, fs);
    std::string t = *fs.ReadFile(probe);
    fs.Add(probe, t + "\nLisätty kappale.\n");
    s.Change(fs, {probe});
    RequireSameAsFreshBuild(s, fs);
  } else {
    CHECK(out.files.empty());
    if (s.session.ready()) {
      MemoryFileSystem fs2 = base;
      std::string t = *fs2.ReadFile(probe);
      fs2.Add(probe, t + "\nLisätty kappale.\n");
      PatchResult r2 = s.Change(fs2, {probe});
      INFO(r2.reason);
      RequireSameAsFreshBuild(s, fs2);
    }
  }
}
}  // namespace

TEST_CASE("site patch: new and deleted pages together, cases (a review's)") {
  auto base = SampleSite();
  const std::string u = "content/uutiset/";
  auto page = [](const std::string& title, const std::string& extra, const std::string& body) {
    return "---\ntitle: " + title + "\n" + extra + "---\n" + body + "\n";
  };
  ReviewCase(base,
             {{u + "u5.md", ""},
              {u + "u5/index.md", page("U5b", "date: 2024-05-10\n", "B.")},
              {u + "aa.md", page("Aa", "", "A.")}},
             u + "u1.md", "bundle at deleted address");
  ReviewCase(base,
             {{u + "u5.md", ""},
              {u + "u5.fi.md", page("U5fi", "date: 2024-05-10\n", "B.")},
              {u + "aa.md", page("Aa", "", "A.")}},
             u + "u1.md", "fi-suffixed at deleted address");
  ReviewCase(base,
             {{u + "u2.md", ""},
              {u + "u3.md", ""},
              {u + "zz.md", page("Zz", "slug: u2\n", "Z.")},
              {u + "aa.md", page("Aa", "", "A.")}},
             u + "u1.md", "slug at deleted address");
  ReviewCase(base,
             {{u + "u2.md", ""},
              {u + "aa.md", page("Aa", "", "A.")},
              {u + "aa.sv.md", page("Aa sv", "", "A sv.")}},
             u + "u1.md", "new with translation");
  ReviewCase(base,
             {{u + "u2.md", ""},
              {u + "aa.md", page("Aa", "", "A.")},
              {u + "u2.sv.md", page("U2 sv", "", "A sv.")}},
             u + "u1.md", "translation of deleted");
  ReviewCase(base, {{u + "u1.md", ""}, {u + "u1.sv.md", ""}, {u + "aa.md", page("Aa", "", "A.")}},
             u + "u2.md", "page+translation deleted with new");
  ReviewCase(base,
             {{u + "u1.md", ""},
              {u + "u1.sv.md", ""},
              {u + "aa.md", page("Aa", "", "A.")},
              {u + "u1/index.md", page("U1b", "", "x")},
              {u + "u1/index.sv.md", page("U1b sv", "", "y")}},
             u + "u2.md", "page+translation deleted, bundle and its translation new");
  ReviewCase(
      base,
      {{u + "u4.md", ""}, {u + "u5.md", ""}, {u + "aa.md", page("Aa", "tags: [Nuoret]\n", "A.")}},
      u + "u1.md", "pagination lost");
  ReviewCase(base,
             {{u + "u4.md", ""},
              {u + "aa.md", page("Aa", "tags: [Nuoret, Uusi]\n", "A.")},
              {u + "bb.md", page("Bb", "tags: [Uusi]\n", "B.")},
              {u + "cc.md", page("Cc", "", "[u4](u4.md)")}},
             u + "u1.md", "later page links to deleted");
  ReviewCase(base,
             {{u + "u4.md", ""},
              {u + "aa.md", page("Aa", "", "[b](bb.md)")},
              {u + "bb.md", page("Bb", "", "[u4](u4.md#lisaa)")}},
             u + "u1.md", "first links later, later links deleted");
  ReviewCase(base, {{u + "u4.md", ""}, {u + "aa.md", page("Aa", "", "[u4](/uutiset/u4/#lisaa)")}},
             u + "u1.md", "absolute anchor to deleted");
  ReviewCase(base,
             {{u + "u4.md", ""},
              {u + "u1.md",
               page("Uutinen 1", "date: 2024-01-10\ntags: [Nuoret, budjetti]\n", "[a](aa.md)")},
              {u + "aa.md", page("Aa", "", "A.")}},
             u + "u2.md", "edit links to new");
  ReviewCase(base,
             {{u + "u4.md", ""},
              {u + "u1.md", page("Uutinen 1", "date: 2024-01-10\ntags: [Nuoret]\n", "[a](aa.md)")},
              {u + "aa.md", page("Aa", "tags: [budjetti]\n", "A.")}},
             u + "u2.md", "edit leaves term, new joins");
  ReviewCase(base,
             {{u + "u4.md", ""},
              {u + "u5.md", ""},
              {u + "aa.md", page("Aa", "", "A.")},
              {u + "bb.md", page("Bb", "slug: u4\n", "B.")},
              {u + "cc.md", page("Cc", "slug: u5\n", "C.")}},
             u + "u1.md", "two slugs at deleted addresses");
  ReviewCase(base,
             {{u + "u5.md", ""},
              {"content/aa.md", page("Aa", "", "A.")},
              {"content/uutiset.md", page("Uu", "slug: zz\n", "U.")}},
             u + "u1.md", "home section new page");
}

TEST_CASE("site patch: new and deleted pages together, one language (a review's)") {
  auto base = OneLanguageSite();
  const std::string u = "content/uutiset/", p = "content/palvelut/";
  auto page = [](const std::string& title, const std::string& extra, const std::string& body) {
    return "---\ntitle: " + title + "\n" + extra + "---\n" + body + "\n";
  };
  auto b2 = base;
  b2.Add("content/muut/m1.md", page("M1", "", "m1"));
  b2.Add("content/muut/m2.md", page("M2", "", "m2"));
  ReviewCase(b2, {{"content/muut/m1.md", ""}, {"content/muut/m3.md", page("M3", "", "m3")}},
             u + "u1.md", "section without index: one of two deleted");
  ReviewCase(b2,
             {{"content/muut/m1.md", ""},
              {"content/muut/m2.md", ""},
              {"content/muut/m3.md", page("M3", "", "m3")}},
             u + "u1.md", "section without index: both deleted");
  ReviewCase(b2,
             {{"content/muut/m1.md", ""},
              {"content/muut/m2.md", ""},
              {u + "aa.md", page("Aa", "", "a")},
              {"content/muut/m3.md", page("M3", "", "m3")}},
             u + "u1.md", "section without index: both deleted, other first");
  auto b3 = base;
  b3.Add(p + "dated.md", page("Dated", "date: 2024-03-03\n", "d"));
  ReviewCase(b3, {{p + "dated.md", ""}, {p + "new.md", page("New", "", "n")}}, u + "u1.md",
             "feed lost");
  ReviewCase(base, {{p + "p1.md", ""}, {p + "new.md", page("New", "date: 2024-03-03\n", "n")}},
             u + "u1.md", "feed gained");
  auto b4 = base;
  b4.Add(u + "a0.md", page("A0", "tags: [nuoret]\n", "a"));
  ReviewCase(b4, {{u + "a0.md", ""}, {u + "a1.md", page("A1", "tags: [nuoret]\n", "a")}},
             u + "u2.md", "term name by first page");
  ReviewCase(b4, {{u + "a0.md", ""}, {u + "a1.md", page("A1", "tags: [Nuoret]\n", "a")}},
             u + "u2.md", "term name by first page 2");
  auto b5 = base;
  b5.Add(u + "yksin.md", page("Yksin", "aiheet: [Harvinainen]\n", "y"));
  b5.Add(u + "kaksi.md", page("Kaksi", "aiheet: [Harvinainen]\n", "y"));
  ReviewCase(b5,
             {{u + "yksin.md", ""},
              {u + "kaksi.md", ""},
              {u + "uusi.md", page("Uusi", "aiheet: [Harvinainen]\n", "u")}},
             u + "u2.md", "term of two deleted, new joins");
  ReviewCase(b5,
             {{u + "yksin.md", ""},
              {u + "kaksi.md", ""},
              {u + "uusi.md", page("Uusi", "aiheet: [Muu]\n", "u")}},
             u + "u2.md", "aiheet loses all its terms, new makes one");
  ReviewCase(b5,
             {{u + "yksin.md", ""},
              {u + "aa.md", page("Aa", "aiheet: [Harvinainen]\n", "u")},
              {u + "bb.md", page("Bb", "aiheet: [harvinainen]\n", "u")}},
             u + "u2.md", "term respelt by later page");
  ReviewCase(
      b5,
      {{u + "kaksi.md", ""}, {u + "aa.md", page("Aa", "aiheet: [Harvinainen]\n", "[k](kaksi.md)")}},
      u + "u2.md", "link to deleted");
}

TEST_CASE("site patch: new and deleted pages together, bundles (a review's)") {
  auto base = PatchSampleSite();
  const std::string u = "content/uutiset/", p = "content/palvelut/";
  auto page = [](const std::string& title, const std::string& extra, const std::string& body) {
    return "---\ntitle: " + title + "\n" + extra + "---\n" + body + "\n";
  };
  ReviewCase(base,
             {{p + "rata/index.md", ""},
              {p + "ab.md", page("Ab", "", "A.")},
              {p + "rata.md", page("Rata2", "", "R.")}},
             u + "u1.md", "deleted bundle, page of its name later");
  ReviewCase(base,
             {{p + "rata/index.md", ""}, {p + "ab.md", page("Ab", "", "![k](rata/kuva.jpg)")}},
             u + "u1.md", "deleted bundle, new links its picture");
  ReviewCase(base,
             {{p + "rata/index.md", ""}, {p + "rata.md", page("Rata2", "slug: toinen\n", "R.")}},
             u + "u1.md", "deleted bundle, page of its name first with slug");
  ReviewCase(base,
             {{p + "aa.md", ""},
              {p + "aa/index.md", page("Aa2", "", "R.")},
              {p + "ab.md", page("Ab", "", "A.")}},
             u + "u1.md", "deleted page, bundle of its name later");
  ReviewCase(base,
             {{p + "aa.md", ""},
              {p + "rata/uusi.md", page("Uusi", "", "R.")},
              {p + "ab.md", page("Ab", "", "A.")}},
             u + "u1.md", "page inside bundle");
  ReviewCase(base,
             {{p + "rata/index.md", ""},
              {p + "rata/uusi.md", page("Uusi", "", "R.")},
              {p + "ab.md", page("Ab", "", "A.")}},
             u + "u1.md", "bundle deleted, page inside its folder");
  ReviewCase(base,
             {{p + "aa.md", ""},
              {p + "cc/index.md", page("Cc", "", "![k](kuva.png)")},
              {p + "cc/kuva.png", "PNG"}},
             u + "u1.md", "new bundle with picture, deleted page");
  ReviewCase(base,
             {{p + "aa.md", ""},
              {p + "bb.md", ""},
              {p + "rata/index.md", ""},
              {p + "cc.md", page("Cc", "", "c")}},
             u + "u1.md", "palvelut emptied?");
  ReviewCase(base, {{"content/tulossa.md", ""}, {p + "cc.md", page("Cc", "", "c")}}, u + "u1.md",
             "future page deleted");
}

// ---- review of ac58b78 (aliases patched) ----

// The patch must decline, before writing anything and with the session as it was, every
// alias a fresh build fails on. Or, with `keeps_session` false, declined half-way (a list
// page or feed that the change makes, found taken once the pages are in): nothing written,
// the session cleared for the build.
void RequireDeclinedAsBuildFails(Serve& s, const MemoryFileSystem& fs,
                                 const std::vector<std::string>& changed,
                                 bool keeps_session = true) {
  auto fresh = Build(fs);
  INFO(fresh.diagnostics);
  REQUIRE_FALSE(fresh.ok);  // the build fails ("written twice" or "alias ... is the address of")
  MemoryOutput out;
  DiagnosticList diags;
  PatchResult r = PatchSite(s.session, fs, changed, kNow, out, diags);
  INFO(r.reason);
  for (const auto& [path, content] : out.files)
    UNSCOPED_INFO("patch wrote " << path
                                 << (content.find("<title>Aaa</title>") != std::string::npos
                                         ? " (the redirect)"
                                         : ""));
  CHECK(r.outcome == PatchResult::kNeedsBuild);
  CHECK(out.files.empty());
  CHECK(s.session.ready() == keeps_session);
}

TEST_CASE("site patch: a list page that goes takes its address along") {
  // uutiset has 5 pages (paginate: 2): list pages 1-3. Two deleted leave 1-2, and a link to
  // the third is then broken, as in a build.
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  REQUIRE(s.site.count("uutiset/page/3/index.html"));
  fs.Remove("content/uutiset/u4.md");
  fs.Remove("content/uutiset/u5.md");
  RequirePatched(s, fs, {"content/uutiset/u4.md", "content/uutiset/u5.md"});
  CHECK_FALSE(s.site.count("uutiset/page/3/index.html"));
  CHECK(s.session.site->by_url.count("/uutiset/page/3/") == 0);
  Replace(fs, "content/palvelut/aa.md", "Eka.", "Eka. [Vanhat](/uutiset/page/3/)");
  RequireFailedBuild(s, fs, {"content/palvelut/aa.md"});
}

TEST_CASE(
    "site patch: an alias at the file of a feed, 404.html, a sitemap or a page (a review's)") {
  const char* aa = "content/palvelut/aa.md";
  for (const char* alias : {"/uutiset/atom.xml", "/404.html", "/uutiset/index.html",
                            "/uutiset/u2/index.html", "/sitemaps/fi.xml", "/robots.txt"}) {
    INFO(alias);
    auto fs = AliasSite();
    Serve s;
    REQUIRE(s.TryBuild(fs));
    Replace(fs, aa, "title: Aaa", std::string("title: Aaa\naliases: [") + alias + "]");
    RequireDeclinedAsBuildFails(s, fs, {aa});
  }
}

TEST_CASE("site patch: an alias at a list page that a patched new page made (a review's)") {
  // uutiset has 5 pages (paginate: 2): pages 1-3. Two new pages, one save each, make page 4.
  const char* aa = "content/palvelut/aa.md";
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  fs.Add("content/uutiset/u6.md", "---\ntitle: Uutinen 6\ndate: 2024-07-10\n---\nKuusi.\n");
  RequirePatched(s, fs, {"content/uutiset/u6.md"});
  fs.Add("content/uutiset/u7.md", "---\ntitle: Uutinen 7\ndate: 2024-08-10\n---\nSeitsemän.\n");
  RequirePatched(s, fs, {"content/uutiset/u7.md"});
  REQUIRE(s.site.count("uutiset/page/4/index.html"));
  CHECK(s.session.site->by_url.count("/uutiset/page/4/") == 1);  // as AssembleSite claims it
  Replace(fs, aa, "title: Aaa", "title: Aaa\naliases: [/uutiset/page/4/]");
  RequireDeclinedAsBuildFails(s, fs, {aa});
}

namespace {
void SetFm(MemoryFileSystem& fs, const std::string& file, const std::string& key,
           const std::string& value) {
  std::string t = *fs.ReadFile(file);
  if (size_t at = t.find("\n" + key + ":"); at != std::string::npos) {
    size_t end = t.find('\n', at + 1);
    if (value.empty())
      t.erase(at + 1, end - at);
    else
      t.replace(at + 1, end - at - 1, key + ": " + value);
  } else if (!value.empty()) {
    t.replace(t.find("title:"), 0, key + ": " + value + "\n");
  }
  fs.Add(file, t);
}
// A save of `files`: patched or built, the site must be a fresh build's (or, when a fresh
// build fails, nothing patched).
void Save(Serve& s, MemoryFileSystem& fs, const std::vector<std::string>& files) {
  auto fresh = Build(fs);
  MemoryOutput out;
  DiagnosticList diags;
  PatchResult r = PatchSite(s.session, fs, files, kNow, out, diags);
  INFO(r.reason);
  INFO(fresh.diagnostics);
  if (r.outcome == PatchResult::kPatched) {
    CHECK(fresh.ok);
    for (auto& [path, content] : out.files) s.site[path] = std::move(content);
    for (const auto& path : r.removed) s.site.erase(path);
    if (fresh.ok) RequireSameSite(s.site, fresh.files);
  } else {
    CHECK(out.files.empty());
    bool ok = s.TryBuild(fs);
    CHECK(ok == fresh.ok);
    if (ok) RequireSameSite(s.site, fresh.files);
  }
}
}  // namespace

TEST_CASE("site patch: alias sequences (a review's)") {
  auto fs = PatchSampleSite();
  fs.Add("content/palvelut/aa.sv.md", "---\ntitle: Aaa sv\n---\nSv.\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  const std::string aa = "content/palvelut/aa.md", bb = "content/palvelut/bb.md",
                    aasv = "content/palvelut/aa.sv.md", u3 = "content/uutiset/u3.md",
                    u1sv = "content/uutiset/u1.sv.md", rata = "content/palvelut/rata/index.md";
  SetFm(fs, aasv, "aliases", "[/sv/gammal/]");
  Save(s, fs, {aasv});
  SetFm(fs, aasv, "title", "Aaa svenska");
  Save(s, fs, {aasv});
  SetFm(fs, u3, "aliases", "[/u3-vanha]");
  SetFm(fs, u3, "title", "Kolme");
  Save(s, fs, {u3});
  SetFm(fs, u3, "date", "2024-12-01");
  Save(s, fs, {u3});
  SetFm(fs, u1sv, "aliases", "[/sv/u1/]");
  SetFm(fs, aa, "weight", "1");
  SetFm(fs, bb, "aliases", "[/bb.html, /b/b/]");
  Save(s, fs, {u1sv, aa, bb});
  SetFm(fs, bb, "aliases", "[/b/b/]");
  SetFm(fs, aa, "aliases", "[/bb.html]");
  Save(s, fs, {aa, bb});  // one save: declined
  Save(s, fs, {aa, bb});
  SetFm(fs, aa, "aliases", "[/sv/uutiset/u3/]");
  Save(s, fs, {aa});  // notice's address
  SetFm(fs, aa, "aliases", "[/sv/palvelut/bb/]");
  Save(s, fs, {aa});  // bb's notice
  SetFm(fs, aa, "aliases", "[/palvelut/rata/kuva.jpg]");
  Save(s, fs, {aa});
  SetFm(fs, aa, "aliases", "[/palvelut/aa/]");
  Save(s, fs, {aa});  // its own
  SetFm(fs, aa, "aliases", "[/tags/]");
  Save(s, fs, {aa});
  SetFm(fs, aa, "aliases", "[/tags/nuoret/page/2/]");
  Save(s, fs, {aa});
  SetFm(fs, aa, "aliases", "[/sv/]");
  Save(s, fs, {aa});
  SetFm(fs, aa, "aliases", "[/palvelut/]");
  Save(s, fs, {aa});
  SetFm(fs, aa, "aliases", "[/logo.svg/]");
  Save(s, fs, {aa});
  SetFm(fs, aa, "aliases", "");
  Save(s, fs, {aa});
  // a static file goes and an alias takes its address in one save
  fs.Remove("static/logo.svg");
  SetFm(fs, aa, "aliases", "[/logo.svg]");
  Save(s, fs, {"static/logo.svg", aa});
  // and a static file comes at a lost alias's address
  fs.Add("static/logo.svg", "<svg/>");
  SetFm(fs, aa, "aliases", "");
  Save(s, fs, {"static/logo.svg", aa});
  SetFm(fs, u3, "aliases", "");
  Save(s, fs, {u3});
  // the target of an alias deleted / renamed later
  Save(s, fs, {u3});
  fs.Remove(bb);
  Save(s, fs, {bb});
  fs.Add("content/palvelut/cc.md", *fs.ReadFile(aasv));
  fs.Remove(aasv);
  Save(s, fs, {aasv, "content/palvelut/cc.md"});
  SetFm(fs, rata, "aliases", "[/vanha-rata/, /r]");
  Save(s, fs, {rata});
  SetFm(fs, rata, "title", "Uusi rata");
  Save(s, fs, {rata});
}

// A review of new and deleted pages with aliases, and of list pages that come and go.

TEST_CASE("site patch: a link to a list page that a deletion takes away (a review's)") {
  // uutiset has 5 pages (paginate: 2): list pages 1-3. A page links to the third; two
  // deleted pages take it away: a build reports the link.
  auto fs = PatchSampleSite();
  Replace(fs, "content/palvelut/aa.md", "Eka.", "Eka. [Vanhat](/uutiset/page/3/)");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  fs.Remove("content/uutiset/u4.md");
  fs.Remove("content/uutiset/u5.md");
  RequireFailedBuild(s, fs, {"content/uutiset/u4.md", "content/uutiset/u5.md"});
}

TEST_CASE("site patch: a link to a term's list page that tag edits take away (a review's)") {
  // tags/nuoret has 5 pages: list pages 1-3. Two pages leave the term.
  auto fs = PatchSampleSite();
  Replace(fs, "content/palvelut/aa.md", "Eka.", "Eka. [Vanhat](/tags/nuoret/page/3/)");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  Replace(fs, "content/uutiset/u4.md", "tags: [Nuoret, budjetti]", "tags: [budjetti]");
  Replace(fs, "content/uutiset/u5.md", "tags: [Nuoret, budjetti]", "tags: [budjetti]");
  RequireFailedBuild(s, fs, {"content/uutiset/u4.md", "content/uutiset/u5.md"});
}

TEST_CASE("site patch: a new page links to a list page its change takes away (a review's)") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  fs.Remove("content/uutiset/u4.md");
  fs.Remove("content/uutiset/u5.md");
  fs.Add("content/palvelut/cc.md", "---\ntitle: Ccc\n---\n[Vanhat](/uutiset/page/3/)\n");
  RequireFailedBuild(s, fs,
                     {"content/uutiset/u4.md", "content/uutiset/u5.md", "content/palvelut/cc.md"});
}

TEST_CASE("site patch: a menu entry at a list page that a deletion takes away (a review's)") {
  auto fs = PatchSampleSite();
  Replace(fs, "site.yaml", "url: /uutiset/}",
          "url: /uutiset/}\n    - {title: Vanhat, url: /uutiset/page/3/}");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  fs.Remove("content/uutiset/u4.md");
  fs.Remove("content/uutiset/u5.md");
  RequireFailedBuild(s, fs, {"content/uutiset/u4.md", "content/uutiset/u5.md"});
}

TEST_CASE("site patch: alias sequences with new and deleted pages (a review's)") {
  auto fs = AliasSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  const std::string aa = "content/palvelut/aa.md", bb = "content/palvelut/bb.md";
  auto body_edit = [&] {
    Replace(fs, aa, "Eka.", "Eka!");
    Save(s, fs, {aa});
    Replace(fs, aa, "Eka!", "Eka.");
    Save(s, fs, {aa});
  };
  // two new pages: one's alias is the other's address
  fs.Add("content/palvelut/a1.md", "---\ntitle: A1\naliases: [/palvelut/a2/]\n---\nA.\n");
  fs.Add("content/palvelut/a2.md", "---\ntitle: A2\n---\nB.\n");
  Save(s, fs, {"content/palvelut/a1.md", "content/palvelut/a2.md"});
  fs.Remove("content/palvelut/a1.md");
  fs.Remove("content/palvelut/a2.md");
  Save(s, fs, {"content/palvelut/a1.md", "content/palvelut/a2.md"});
  body_edit();
  // two new pages, the same alias
  fs.Add("content/palvelut/a1.md", "---\ntitle: A1\naliases: [/sama/]\n---\nA.\n");
  fs.Add("content/palvelut/a2.md", "---\ntitle: A2\naliases: [/sama]\n---\nB.\n");
  Save(s, fs, {"content/palvelut/a1.md", "content/palvelut/a2.md"});
  fs.Remove("content/palvelut/a2.md");
  Save(s, fs, {"content/palvelut/a2.md"});
  body_edit();
  // a new page with an alias at the new term page of another new page / itself
  fs.Add("content/palvelut/a3.md", "---\ntitle: A3\naliases: [/tags/uusi-termi/]\n---\nA.\n");
  fs.Add("content/palvelut/a4.md", "---\ntitle: A4\ntags: [uusi-termi]\n---\nB.\n");
  Save(s, fs, {"content/palvelut/a3.md", "content/palvelut/a4.md"});
  fs.Remove("content/palvelut/a3.md");
  fs.Remove("content/palvelut/a4.md");
  Save(s, fs, {"content/palvelut/a3.md", "content/palvelut/a4.md"});
  body_edit();
  // a new page with an alias at its own notice's address
  fs.Add("content/palvelut/a5.md", "---\ntitle: A5\naliases: [/sv/palvelut/a5/]\n---\nA.\n");
  Save(s, fs, {"content/palvelut/a5.md"});
  fs.Remove("content/palvelut/a5.md");
  Save(s, fs, {"content/palvelut/a5.md"});
  body_edit();
  // a new post that makes list page 4 with an alias there
  fs.Add("content/uutiset/u6.md",
         "---\ntitle: U6\ndate: 2024-07-10\naliases: [/uutiset/page/3/]\n---\nA.\n");
  Save(s, fs, {"content/uutiset/u6.md"});
  fs.Add("content/uutiset/u6.md",
         "---\ntitle: U6\ndate: 2024-07-10\naliases: [/vanha-u6/]\n---\nA.\n");
  Save(s, fs, {"content/uutiset/u6.md"});
  fs.Add("content/uutiset/u7.md",
         "---\ntitle: U7\ndate: 2024-08-10\naliases: [/uutiset/page/4/, "
         "/tags/nuoret/page/4/]\ntags: [Nuoret]\n---\nA.\n");
  Save(s, fs, {"content/uutiset/u7.md"});
  fs.Add("content/uutiset/u7.md",
         "---\ntitle: U7\ndate: 2024-08-10\naliases: [/tags/nuoret/page/4/]\n---\nA.\n");
  Save(s, fs, {"content/uutiset/u7.md"});
  body_edit();
  // rename u6: keeps its alias, takes its old address
  fs.Remove("content/uutiset/u6.md");
  fs.Add("content/uutiset/u6b.md",
         "---\ntitle: U6\ndate: 2024-07-10\naliases: [/vanha-u6/, /uutiset/u6/]\n---\nA.\n");
  Save(s, fs, {"content/uutiset/u6.md", "content/uutiset/u6b.md"});
  body_edit();
  // delete u6b and u7 (list shrinks), a new page takes u6b's alias and the freed list page
  fs.Remove("content/uutiset/u6b.md");
  fs.Remove("content/uutiset/u7.md");
  fs.Add("content/palvelut/a6.md",
         "---\ntitle: A6\naliases: [/vanha-u6/, /uutiset/u6/]\n---\nA.\n");
  Save(s, fs, {"content/uutiset/u6b.md", "content/uutiset/u7.md", "content/palvelut/a6.md"});
  body_edit();
  fs.Add("content/palvelut/a7.md", "---\ntitle: A7\naliases: [/uutiset/page/4/]\n---\nA.\n");
  Save(s, fs, {"content/palvelut/a7.md"});
  body_edit();
  // grow again
  fs.Add("content/uutiset/u8.md", "---\ntitle: U8\ndate: 2024-08-10\n---\nA.\n");
  Save(s, fs, {"content/uutiset/u8.md"});
  fs.Add("content/uutiset/u9.md", "---\ntitle: U9\ndate: 2024-09-10\n---\nA.\n");
  Save(s, fs, {"content/uutiset/u9.md"});
  body_edit();
  fs.Remove("content/palvelut/a7.md");
  Save(s, fs, {"content/palvelut/a7.md"});
  fs.Add("content/uutiset/u9.md", "---\ntitle: U9\ndate: 2024-09-10\n---\nA.\n");
  Save(s, fs, {"content/uutiset/u9.md"});
  body_edit();
}

TEST_CASE("site patch: translations and bundles with aliases (a review's)") {
  auto fs = AliasSite();
  fs.Add("content/uutiset/_index.sv.md", "---\ntitle: Nyheter\n---\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  const std::string aa = "content/palvelut/aa.md";
  auto body_edit = [&] {
    Replace(fs, aa, "Eka.", "Eka!");
    Save(s, fs, {aa});
    Replace(fs, aa, "Eka!", "Eka.");
    Save(s, fs, {aa});
  };
  // a new translation with aliases, in a notice's place
  fs.Add("content/uutiset/u2.sv.md",
         "---\ntitle: Nyhet 2\ndate: 2024-02-10\naliases: [/sv/gammal2/, /gammal2/]\n---\nS.\n");
  Save(s, fs, {"content/uutiset/u2.sv.md"});
  body_edit();
  // deleted again, its aliases with it; then back with another
  fs.Remove("content/uutiset/u2.sv.md");
  Save(s, fs, {"content/uutiset/u2.sv.md"});
  fs.Add("content/uutiset/u2.sv.md",
         "---\ntitle: Nyhet 2\ndate: 2024-02-10\naliases: [/gammal2/]\n---\nS.\n");
  Save(s, fs, {"content/uutiset/u2.sv.md"});
  body_edit();
  // a translation whose alias is its own notice's... its own address
  fs.Add("content/uutiset/u3.sv.md", "---\ntitle: Nyhet 3\naliases: [/sv/uutiset/u3/]\n---\nS.\n");
  Save(s, fs, {"content/uutiset/u3.sv.md"});
  fs.Remove("content/uutiset/u3.sv.md");
  Save(s, fs, {"content/uutiset/u3.sv.md"});
  // the original deleted with its translation (both with aliases)
  Replace(fs, "content/palvelut/rata/index.md", "Lue [uutinen](../../uutiset/u2.md#lisaa).",
          "Lue.");
  Save(s, fs, {"content/palvelut/rata/index.md"});
  fs.Remove("content/uutiset/u2.md");
  fs.Remove("content/uutiset/u2.sv.md");
  Save(s, fs, {"content/uutiset/u2.md", "content/uutiset/u2.sv.md"});
  body_edit();
  // a new bundle with aliases, one at its old name's address
  fs.Add("content/palvelut/nippu/index.md",
         "---\ntitle: Nippu\naliases: [/uutiset/u2/, /gammal2/]\n---\n![k](k.jpg)\n");
  fs.Add("content/palvelut/nippu/k.jpg", "JPG");
  Save(s, fs, {"content/palvelut/nippu/index.md", "content/palvelut/nippu/k.jpg"});
  body_edit();
  // the track bundle renamed, its alias kept and its address added
  fs.Remove("content/palvelut/rata/index.md");
  fs.Remove("content/palvelut/rata/kuva.jpg");
  fs.Add("content/palvelut/rata2/index.md",
         "---\ntitle: Rata\naliases: [/vanha-rata/, "
         "/palvelut/rata/]\n---\n![Frisbeegolfrata](kuva.jpg)\n\nLue.\n");
  fs.Add("content/palvelut/rata2/kuva.jpg", "JPEG");
  Save(s, fs,
       {"content/palvelut/rata/index.md", "content/palvelut/rata/kuva.jpg",
        "content/palvelut/rata2/index.md", "content/palvelut/rata2/kuva.jpg"});
  body_edit();
  fs.Remove("content/palvelut/nippu/index.md");
  fs.Remove("content/palvelut/nippu/k.jpg");
  Save(s, fs, {"content/palvelut/nippu/"});
  body_edit();
}

TEST_CASE("site patch: a new page's alias at a term page an edit drops (a review's)") {
  auto fs = AliasSite();
  Replace(fs, "content/palvelut/bb.md", "title: Bbb", "title: Bbb\ntags: [yksin]");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  Replace(fs, "content/palvelut/bb.md", "tags: [yksin]\n", "");
  fs.Add("content/palvelut/cc.md", "---\ntitle: Ccc\naliases: [/tags/yksin/]\n---\nC.\n");
  Save(s, fs, {"content/palvelut/bb.md", "content/palvelut/cc.md"});
  Replace(fs, "content/palvelut/aa.md", "Eka.", "Eka!");
  Save(s, fs, {"content/palvelut/aa.md"});
  fs.Remove("content/palvelut/cc.md");
  Replace(fs, "content/palvelut/bb.md", "title: Bbb", "title: Bbb\ntags: [yksin]");
  Save(s, fs, {"content/palvelut/bb.md", "content/palvelut/cc.md"});
  Replace(fs, "content/palvelut/aa.md", "Eka!", "Eka.");
  Save(s, fs, {"content/palvelut/aa.md"});
}

// A review of what comes at an alias that names a file.
// ---- review 24c: addresses a build derives that the patch does not keep in step ----

namespace {
// PatchSampleSite with `alias` (one naming a file) added to `file`, whose title line is
// `title`, built by `s`.
MemoryFileSystem BuiltWithAlias(Serve& s, const std::string& file, const std::string& title,
                                const std::string& alias) {
  auto fs = PatchSampleSite();
  Replace(fs, file, title, title + "\naliases: [" + alias + "]");
  REQUIRE(s.TryBuild(fs));
  return fs;
}
}  // namespace

TEST_CASE("site patch: a feed comes where an alias names its file (a review's)") {
  // palvelut: aa, bb, rata undated (no feed). An alias at the feed's file; dating all three
  // gives the section a feed: a build writes palvelut/atom.xml twice.
  Serve s;
  MemoryFileSystem fs;
  SECTION("the alias of a page of the section") {
    fs = BuiltWithAlias(s, "content/palvelut/aa.md", "title: Aaa", "/palvelut/atom.xml");
    REQUIRE_FALSE(s.site.count("palvelut/atom.xml") == 0);  // the redirect
  }
  SECTION("the alias of another section's page") {
    fs = BuiltWithAlias(s, "content/uutiset/u3.md", "title: Uutinen 3", "/palvelut/atom.xml");
  }
  const std::vector<std::string> dated = {"content/palvelut/aa.md", "content/palvelut/bb.md",
                                          "content/palvelut/rata/index.md"};
  for (const auto& f : dated) Replace(fs, f, "\n---\n", "\ndate: 2024-02-01\n---\n");
  RequireDeclinedAsBuildFails(s, fs, dated, /*keeps_session=*/false);
}

TEST_CASE("site patch: a list page comes where an alias names its index.html (a review's)") {
  Serve s;
  auto fs = BuiltWithAlias(s, "content/palvelut/aa.md", "title: Aaa", "/uutiset/page/4/index.html");
  fs.Add("content/uutiset/u6.md", "---\ntitle: Uutinen 6\ndate: 2024-07-10\n---\nKuusi.\n");
  fs.Add("content/uutiset/u7.md", "---\ntitle: Uutinen 7\ndate: 2024-08-10\n---\nSeitsemän.\n");
  RequireDeclinedAsBuildFails(s, fs, {"content/uutiset/u6.md", "content/uutiset/u7.md"},
                              /*keeps_session=*/false);
}

TEST_CASE("site patch: a term comes where an alias names its index.html (a review's)") {
  Serve s;
  auto fs = BuiltWithAlias(s, "content/palvelut/aa.md", "title: Aaa", "/tags/uusi/index.html");
  Replace(fs, "content/palvelut/bb.md", "title: Bbb", "title: Bbb\ntags: [uusi]");
  RequireDeclinedAsBuildFails(s, fs, {"content/palvelut/bb.md"});
}

TEST_CASE(
    "site patch: a new page or its notice comes where an alias names its index.html (a "
    "review's)") {
  Serve s;
  MemoryFileSystem fs;
  SECTION("the page's") {
    fs = BuiltWithAlias(s, "content/palvelut/aa.md", "title: Aaa", "/palvelut/cc/index.html");
  }
  SECTION("its notice's (no Swedish version)") {
    fs = BuiltWithAlias(s, "content/palvelut/aa.md", "title: Aaa", "/sv/palvelut/cc/index.html");
  }
  fs.Add("content/palvelut/cc.md", "---\ntitle: Ccc\n---\nC.\n");
  RequireDeclinedAsBuildFails(s, fs, {"content/palvelut/cc.md"});
}

TEST_CASE("site patch: sequences of list pages, terms and feeds coming and going (a review's)") {
  auto fs = PatchSampleSite();
  fs.Add("content/uutiset/_index.sv.md", "---\ntitle: Nyheter\n---\n");
  fs.Add("content/uutiset/u2.sv.md",
         "---\ntitle: Nyhet 2\ndate: 2024-02-10\ntags: [unga]\n---\nS.\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  const std::string aa = "content/palvelut/aa.md", bb = "content/palvelut/bb.md",
                    u4 = "content/uutiset/u4.md", u5 = "content/uutiset/u5.md";
  auto body_edit = [&] {
    Replace(fs, aa, "Eka", "Ekaa");
    Save(s, fs, {aa});
  };
  // term nuoret: 5 pages (3 list pages). Leave with two edits, join with a new page
  Replace(fs, u4, "tags: [Nuoret, budjetti]", "tags: [budjetti]");
  Replace(fs, u5, "tags: [Nuoret, budjetti]", "tags: [budjetti]");
  fs.Add("content/palvelut/cc.md", "---\ntitle: Ccc\ntags: [Nuoret]\n---\nC.\n");
  Save(s, fs, {u4, u5, "content/palvelut/cc.md"});
  body_edit();
  // delete the new page and a tagged one, a new one joins
  fs.Remove("content/palvelut/cc.md");
  fs.Remove("content/uutiset/u3.md");
  fs.Add("content/palvelut/dd.md", "---\ntitle: Ddd\ntags: [Nuoret, uusi]\n---\nD.\n");
  Save(s, fs, {"content/palvelut/cc.md", "content/uutiset/u3.md", "content/palvelut/dd.md"});
  body_edit();
  // term page/2 comes back via edits
  Replace(fs, u4, "tags: [budjetti]", "tags: [budjetti, Nuoret]");
  Replace(fs, u5, "tags: [budjetti]", "tags: [Nuoret]");
  Save(s, fs, {u4, u5});
  body_edit();
  // a page links to the term page 2, the term list shrinks
  Replace(fs, bb, "Toka.", "Toka [t](/tags/nuoret/page/2/#main).");
  Save(s, fs, {bb});
  Replace(fs, u5, "tags: [Nuoret]", "tags: []");
  Save(s, fs, {u5});
  Replace(fs, bb, "Toka [t](/tags/nuoret/page/2/#main).", "Toka.");
  Save(s, fs, {bb});
  Save(s, fs, {u5});
  body_edit();
  // the sv side: a new sv translation (the sv section), sv term made
  fs.Add("content/uutiset/u4.sv.md",
         "---\ntitle: Nyhet 4\ndate: 2024-04-10\ntags: [unga]\n---\nS.\n");
  Save(s, fs, {"content/uutiset/u4.sv.md"});
  fs.Add("content/uutiset/u5.sv.md", "---\ntitle: Nyhet 5\ntags: [unga]\n---\nS.\n");  // undated
  Save(s, fs, {"content/uutiset/u5.sv.md"});
  body_edit();
  fs.Remove("content/uutiset/u5.sv.md");
  Save(s, fs, {"content/uutiset/u5.sv.md"});
  fs.Remove("content/uutiset/u4.sv.md");
  fs.Remove("content/uutiset/u2.sv.md");
  Save(s, fs, {"content/uutiset/u4.sv.md", "content/uutiset/u2.sv.md"});
  body_edit();
  // the feed of palvelut comes and goes
  for (const char* f : {"content/palvelut/aa.md", "content/palvelut/bb.md",
                        "content/palvelut/rata/index.md", "content/palvelut/dd.md"})
    Replace(fs, f, "\n---\n", "\ndate: 2024-02-01\n---\n");
  Save(s, fs, {aa, bb, "content/palvelut/rata/index.md", "content/palvelut/dd.md"});
  body_edit();
  fs.Add("content/palvelut/ee.md", "---\ntitle: Eee\n---\nE.\n");
  Save(s, fs, {"content/palvelut/ee.md"});
  body_edit();
  fs.Remove("content/palvelut/ee.md");
  Save(s, fs, {"content/palvelut/ee.md"});
  body_edit();
  // drop the term uusi, make it again
  Replace(fs, "content/palvelut/dd.md", "tags: [Nuoret, uusi]", "tags: [Nuoret]");
  Save(s, fs, {"content/palvelut/dd.md"});
  body_edit();
  Replace(fs, bb, "title: Bbb", "title: Bbb\ntags: [uusi]");
  Save(s, fs, {bb});
  body_edit();
}

// A review of files the build copies or writes that the patch did not know.

namespace {
// The outcome, then the site must be a fresh build's.
PatchResult ChangeAndCompare(Serve& s, const MemoryFileSystem& fs,
                             const std::vector<std::string>& changed) {
  PatchResult r = s.Change(fs, changed);
  UNSCOPED_INFO("outcome " << (r.outcome == PatchResult::kPatched ? "patched" : "build") << ": "
                           << r.reason);
  RequireSameAsFreshBuild(s, fs);
  return r;
}
}  // namespace

TEST_CASE("site patch: a new file where the site already has one (a review's)") {
  // Each a "written twice" in a build: the theme's static files, the files of aliases that
  // name a file, and static files, against new static and content files, pages and aliases.
  const std::string aa = "content/palvelut/aa.md";
  auto aa_with_alias = [](const std::string& alias) {
    return "---\ntitle: Aaa\naliases: [" + alias + "]\n---\nEka.\n";
  };
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> before, change;
    const char* present = nullptr;  // the file the build makes from `before`
  };
  const Case cases[] = {
      {"a static file at a theme static file's address",
       {{"themes/default/static/favicon.ico", "ICO"}},
       {{"static/favicon.ico", "MINE"}},
       "favicon.ico"},
      {"a content file at a theme static file's address",
       {{"themes/default/static/favicon.ico", "ICO"}},
       {{"content/favicon.ico", "MINE"}}},
      {"a static file at an alias's file address",
       {{aa, aa_with_alias("/vanha.php")}},
       {{"static/vanha.php", "<?php"}},
       "vanha.php"},
      {"a bundle picture at an alias's file address",
       {{aa, aa_with_alias("/palvelut/rata/kartta.png")}},
       {{"content/palvelut/rata/kartta.png", "PNG"}}},
      {"a page where the theme has a static index.html",
       {{"themes/default/static/ohje/index.html", "<p>ohje</p>"}},
       {{"content/ohje.md", "---\ntitle: Ohje\n---\nHei.\n"}}},
      {"an alias where the theme has a static index.html",
       {{"themes/default/static/ohje/index.html", "<p>ohje</p>"}},
       {{aa, aa_with_alias("/ohje/")}}},
      {"a page at a static file's folder (its index.html is the static file's)",
       {{"static/docs/index.html", "<p>docs</p>"}},
       {{"content/docs.md", "---\ntitle: Docs\n---\nHi.\n"}}},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto fs = PatchSampleSite();
    WriteFiles(fs, c.before);
    Serve s;
    REQUIRE(s.TryBuild(fs));
    if (c.present) REQUIRE(s.site.count(c.present) == 1);
    RequireFailedBuild(s, fs, WriteFiles(fs, c.change));
  }
}

TEST_CASE("site patch: the home page's newest pages when dates come and change (a review's)") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  Replace(fs, "content/palvelut/aa.md", "title: Aaa\n", "title: Aaa\ndate: 2024-12-01\n");
  ChangeAndCompare(s, fs, {"content/palvelut/aa.md"});
  Replace(fs, "content/uutiset/u1.md", "date: 2024-01-10", "date: 2024-12-24");
  ChangeAndCompare(s, fs, {"content/uutiset/u1.md"});
  Replace(fs, "content/palvelut/aa.md", "date: 2024-12-01\n", "");
  ChangeAndCompare(s, fs, {"content/palvelut/aa.md"});
}

TEST_CASE("site patch: a page moves between sections, the link to it put right (a review's)") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  std::string text = Read(fs, "content/uutiset/u2.md");
  fs.Remove("content/uutiset/u2.md");
  fs.Add("content/palvelut/u2.md", text);
  Replace(fs, "content/palvelut/rata/index.md", "../../uutiset/u2.md#lisaa", "../u2.md#lisaa");
  ChangeAndCompare(
      s, fs, {"content/uutiset/u2.md", "content/palvelut/u2.md", "content/palvelut/rata/index.md"});
}

TEST_CASE("site patch: a page moves between sections, one language (a review's)") {
  auto fs = OneLanguageSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  std::string text = Read(fs, "content/uutiset/u3.md");
  fs.Remove("content/uutiset/u3.md");
  fs.Add("content/palvelut/u3.md", text);
  Replace(fs, "content/palvelut/p3.md", "../uutiset/u3.md#lisaa", "u3.md#lisaa");
  ChangeAndCompare(s, fs,
                   {"content/uutiset/u3.md", "content/palvelut/u3.md", "content/palvelut/p3.md"});
}

TEST_CASE("site patch: a section's title shown in breadcrumbs and menus (a review's)") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  Replace(fs, "content/uutiset/_index.md", "title: Uutiset", "title: Uutisia");
  ChangeAndCompare(s, fs, {"content/uutiset/_index.md"});
  Replace(fs, "content/uutiset/u3.md", "title: Uutinen 3", "title: Uutinen kolme");
  ChangeAndCompare(s, fs, {"content/uutiset/u3.md"});
}

TEST_CASE(
    "site patch: a translation comes and goes with a menu and links at its address (a review's)") {
  auto fs = PatchSampleSite();
  Replace(fs, "site.yaml", "url: /uutiset/}",
          "url: /uutiset/}\n    - {title: Nyhet, url: /sv/uutiset/u2/}");
  Replace(fs, "content/palvelut/aa.md", "Eka.", "Eka. [Nyhet](/sv/uutiset/u2/#main)");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  fs.Add("content/uutiset/u2.sv.md",
         "---\ntitle: Nyhet 2\ndate: 2024-02-10\n---\nStycke.\n\n## Rubrik\n\nText.\n");
  ChangeAndCompare(s, fs, {"content/uutiset/u2.sv.md"});
  Replace(fs, "content/palvelut/aa.md", "#main", "#rubrik");
  ChangeAndCompare(s, fs, {"content/palvelut/aa.md"});
  // The heading goes: a build reports the link.
  fs.Add("content/uutiset/u2.sv.md", "---\ntitle: Nyhet 2\ndate: 2024-02-10\n---\nStycke.\n");
  RequireFailedBuild(s, fs, {"content/uutiset/u2.sv.md"});
  fs.Remove("content/uutiset/u2.sv.md");
  RequireFailedBuild(s, fs, {"content/uutiset/u2.sv.md"});
}

TEST_CASE("site patch: a new page without alt text for its image (a review's)") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  fs.Add("content/palvelut/cc.md", "---\ntitle: Ccc\n---\n![](/logo.svg)\n");
  RequireFailedBuild(s, fs, {"content/palvelut/cc.md"});
}

TEST_CASE("site patch: a page's title in its neighbours' and its notices' pages (a review's)") {
  auto fs = PatchSampleSite();
  Serve s;
  REQUIRE(s.TryBuild(fs));
  Replace(fs, "content/uutiset/u1.md", "title: Uutinen 1", "title: Uutinen yksi");
  ChangeAndCompare(s, fs, {"content/uutiset/u1.md"});
  Replace(fs, "content/uutiset/u4.md", "title: Uutinen 4", "title: Uutinen neljä");
  ChangeAndCompare(s, fs, {"content/uutiset/u4.md"});
}

TEST_CASE("site patch: a new static file at a plan's toimenpiteet.json (a review's)") {
  auto fs = SiteWithTheme(
      "title: Testi\nbase_url: https://example.fi/\n"
      "statuses:\n"
      "  - {id: etenee, label: {fi: Etenee}, colour: \"#f9a825\", icon: progress}\n"
      "responsible_bodies: [Nuorisopalvelut]\n");
  fs.Add("content/_index.md", "---\ntitle: Etusivu\n---\nHei.\n");
  fs.Add("content/suunnitelmat/hyvinvointi.md",
         "---\ntitle: Hyvinvointisuunnitelma 2024\nkind: plan\nperiod: \"2024\"\n"
         "approval: {body: Kaupunginvaltuusto, date: 2021-11-15, section: \"§ 131\"}\n"
         "goals:\n  - id: elintavat\n    title: Terveelliset elintavat\n    measures:\n"
         "      - id: liikunta\n        text: Liikuntaneuvonta\n        responsible: "
         "[Nuorisopalvelut]\n        status: etenee\n        year: 2024\n"
         "---\nJohdanto.\n");
  Serve s;
  s.Build(fs);
  REQUIRE(s.site.count("suunnitelmat/hyvinvointi/toimenpiteet.json") == 1);
  fs.Add("static/suunnitelmat/hyvinvointi/toimenpiteet.json", "{}");
  RequireFailedBuild(s, fs, {"static/suunnitelmat/hyvinvointi/toimenpiteet.json"});
}

TEST_CASE(
    "site patch: (a review's, 25b) a link through a list page's second page names a heading") {
  auto fs = PatchSampleSite();  // uutiset: u1-u5, paginate 2: /uutiset/page/2/ is uutiset's
  fs.Add("content/uutiset/_index.md", "---\ntitle: Uutiset\n---\n## Arkisto\n\nVanhat.\n");
  fs.Add("content/palvelut/aa.md",
         "---\ntitle: Aaa\n---\nKatso [arkisto](/uutiset/page/2/#arkisto).\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  Replace(fs, "content/uutiset/_index.md", "## Arkisto", "Arkisto");
  auto fresh = Build(fs);
  INFO(fresh.diagnostics);
  REQUIRE_FALSE(fresh.ok);  // "link to '#arkisto': content/uutiset/_index.md has no heading ..."
  RequireFailedBuild(s, fs, {"content/uutiset/_index.md"});
}

TEST_CASE("site patch: (a review's, 25b) anchor links in other forms") {
  auto fs = PatchSampleSite();
  fs.Add("content/palvelut/aa.md",
         "---\ntitle: Aaa\n---\n[a](/uutiset/u2/?q=1#lisaa) [b](../uutiset/u3.md?x#lisaa) "
         "[c](/uutiset/u4/#lisaa) [d](../uutiset/u1.sv.md#osa) [e](../uutiset/_index.md#esittely) "
         "[f](../uutiset/u5#lisaa)\n");
  fs.Add("content/uutiset/u1.sv.md",
         "---\ntitle: Nyhet 1\ndate: 2024-01-10\n---\nStycke.\n\n## Osa\n\nX.\n");
  fs.Add("content/uutiset/_index.md", "---\ntitle: Uutiset\n---\n## Esittely\n\nX.\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  const char* cases[][3] = {
      {"content/uutiset/u2.md", "## Lisää", "## Lisää muuta"},
      {"content/uutiset/u3.md", "## Lisää", "Lisää"},
      {"content/uutiset/u4.md", "## Lisää", "## Muuta"},
      {"content/uutiset/u1.sv.md", "## Osa", "## Del"},
      {"content/uutiset/_index.md", "## Esittely", "## Intro"},
      {"content/uutiset/u5.md", "## Lisää", "### Enemmän"},
  };
  for (auto& c : cases) {
    INFO(c[0]);
    Replace(fs, c[0], c[1], c[2]);
    RequireFailedBuild(s, fs, {c[0]});
    Replace(fs, c[0], c[2], c[1]);
    s.Change(fs, {c[0]});
    RequireSameAsFreshBuild(s, fs);
  }
}

TEST_CASE("site patch: (a review's, 25b) duplicate headings") {
  auto fs = PatchSampleSite();
  Replace(fs, "content/uutiset/u2.md", "## Lisää", "## Lisää\n\nA.\n\n## Lisää\n\nB.\n\n## Lisää");
  fs.Add("content/palvelut/aa.md", "---\ntitle: Aaa\n---\n[a](../uutiset/u2.md#lisaa-2)\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  // one of three equal headings removed: #lisaa-2 goes
  Replace(fs, "content/uutiset/u2.md", "## Lisää\n\nA.", "Lisää\n\nA.");
  RequireFailedBuild(s, fs, {"content/uutiset/u2.md"});
  Replace(fs, "content/uutiset/u2.md", "Lisää\n\nA.", "## Lisää\n\nA.");
  s.Change(fs, {"content/uutiset/u2.md"});
  RequireSameAsFreshBuild(s, fs);
  // renamed first heading: lisaa-2 becomes lisaa-1 ... also goes
  Replace(fs, "content/uutiset/u2.md", "## Lisää\n\nA.", "## Alku\n\nA.");
  RequireFailedBuild(s, fs, {"content/uutiset/u2.md"});
}

TEST_CASE("site patch: (a review's, 25b) headings then other edits and builds") {
  auto fs = PatchSampleSite();
  fs.Add("content/palvelut/aa.md", "---\ntitle: Aaa\ntoc: true\n---\n## Yksi\n\n### Kaksi\n\nX.\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  const TextEdit steps[] = {
      {"toc heading renamed", "content/palvelut/aa.md", "### Kaksi", "### Kolme", true},
      {"toc heading level", "content/palvelut/aa.md", "### Kolme", "## Kolme", true},
      {"a link to it", "content/palvelut/bb.md", "Toka.", "Toka [x](aa.md#kolme).", true},
      {"heading back", "content/palvelut/aa.md", "## Kolme", "### Kolme", true},
      {"title edit", "content/palvelut/aa.md", "title: Aaa", "title: Aab", true},
  };
  ApplyEdits(s, fs, steps);
  // a full build with serve's caches, then the reverse
  s.Build(fs);
  RequireSameAsFreshBuild(s, fs);
  Replace(fs, "content/palvelut/aa.md", "### Kolme", "### Kaksi");
  RequireFailedBuild(s, fs, {"content/palvelut/aa.md"});
  Replace(fs, "content/palvelut/bb.md", "Toka [x](aa.md#kolme).", "Toka [x](aa.md#kaksi).");
  Save(s, fs, {"content/palvelut/bb.md"});
  Replace(fs, "content/palvelut/aa.md", "### Kaksi", "### Kolme");
  RequireFailedBuild(s, fs, {"content/palvelut/aa.md"});
}

TEST_CASE("site patch: (a review's, 25b) section headings with toc and reverts") {
  auto fs = PatchSampleSite();
  fs.Add("content/uutiset/_index.md",
         "---\ntitle: Uutiset\ntoc: true\n---\n## Arkisto\n\nVanhat.\n\n### Vuosi\n\nX.\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  const TextEdit steps[] = {
      {"section heading renamed", "content/uutiset/_index.md", "## Arkisto", "## Kaikki", true},
      {"section sub heading level", "content/uutiset/_index.md", "### Vuosi", "## Vuosi", true},
      {"u2 heading renamed", "content/uutiset/u3.md", "## Lisää", "## Muuta", true},
      {"u3 back", "content/uutiset/u3.md", "## Muuta", "## Lisää", true},
      {"section back", "content/uutiset/_index.md", "## Vuosi", "### Vuosi", true},
      {"section back 2", "content/uutiset/_index.md", "## Kaikki", "## Arkisto", true},
  };
  ApplyEdits(s, fs, steps);
  fs.Add("content/uutiset/u6.md",
         "---\ntitle: Uusi\ndate: 2024-07-10\n---\n[a](_index.md#vuosi)\n");
  s.Build(fs);
  RequireSameAsFreshBuild(s, fs);
  Replace(fs, "content/uutiset/_index.md", "### Vuosi", "### Vuodet");
  RequireFailedBuild(s, fs, {"content/uutiset/_index.md"});
}

TEST_CASE("site patch: (a review's, 25b) home page 2 anchor") {
  auto fs = PatchSampleSite();
  for (int i = 1; i <= 3; ++i)
    fs.Add("content/x" + std::to_string(i) + ".md",
           "---\ntitle: X" + std::to_string(i) + "\n---\nX.\n");
  fs.Add("content/_index.md",
         "---\ntitle: Etusivu\n---\nTehdään yhdessä!\n\n## Tervetuloa\n\nX.\n");
  fs.Add("content/palvelut/aa.md", "---\ntitle: Aaa\n---\n[a](/page/2/#tervetuloa)\n");
  Serve s;
  REQUIRE(s.TryBuild(fs));
  Replace(fs, "content/_index.md", "## Tervetuloa", "## Hei");
  REQUIRE_FALSE(Build(fs).ok);
  RequireFailedBuild(s, fs, {"content/_index.md"});
}

TEST_CASE("site patch: (a review's, 25b) a lost anchor is what the build will report") {
  auto fs = OneLanguageSite();  // p1 links to u1's #lisaa
  Serve s;
  s.Build(fs);
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> writes;
  };
  const Case cases[] = {
      {"a linked heading renamed",
       {{"content/uutiset/u1.md",
         "---\ntitle: Uutinen 1\ndate: 2024-01-10\ntags: [Nuoret]\n---\nA.\n\n## Muuta\n"}}},
      {"a link to its own missing heading",
       {{"content/uutiset/u2.md",
         "---\ntitle: Uutinen 2\ndate: 2024-02-10\ntags: "
         "[Nuoret]\n---\n[X](#ei-ole)\n\n## Lisää\n"}}},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    MemoryFileSystem changed_fs = fs;
    MemoryOutput out;
    PatchResult r = AskPatch(s, changed_fs, WriteFiles(changed_fs, c.writes), out);
    INFO(r.reason);
    CHECK(r.outcome == PatchResult::kNeedsBuild);
    CHECK_FALSE(Build(changed_fs).ok);
    CHECK(r.reported);
  }
}
