// Whole sites built in memory with the real default theme.
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <utility>

#include "generator/content/text.h"
#include "generator/model/links.h"
#include "test_site.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {
bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

MemoryFileSystem NewsSite() {
  auto fs = SiteWithTheme(
      "title: Testi\nbase_url: https://example.fi/\npaginate: 2\ntaxonomies:\n  tags: {title: "
      "Asiasanat}\n"
      "menus:\n  main:\n    - {title: Uutiset, url: /uutiset/}\n");
  fs.Add("content/_index.md",
         "---\ntitle: Etusivu\n---\nTehdään yhdessä! [Uutiset](uutiset/_index.md)\n");
  fs.Add("content/uutiset/_index.md", "---\ntitle: Uutiset\n---\n");
  for (int i = 1; i <= 5; ++i) {
    fs.Add("content/uutiset/u" + std::to_string(i) + ".md",
           "---\ntitle: Uutinen " + std::to_string(i) + "\ndate: 2024-0" + std::to_string(i) +
               "-10\ntags: [Nuoret, budjetti]\n---\nKappale " + std::to_string(i) +
               ".\n\n## Lisää\n");
  }
  return fs;
}
}  // namespace

TEST_CASE("site: clean URLs, sections, home, sitemap, robots, 404, feed") {
  auto r = Build(NewsSite());
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  for (const char* f : {"index.html", "uutiset/index.html", "uutiset/u1/index.html",
                        "uutiset/atom.xml", "sitemap.xml", "robots.txt", "404.html",
                        "tags/index.html", "tags/nuoret/index.html", "tags/budjetti/index.html"}) {
    INFO(f);
    CHECK(r.files.count(f));
  }
  CHECK(Contains(r.files["index.html"], "<a href=\"/uutiset/\">Uutiset</a>"));
  CHECK(Contains(r.files["robots.txt"], "Sitemap: https://example.fi/sitemap.xml"));
  CHECK(Contains(r.files["sitemap.xml"],
                 "<loc>https://example.fi/uutiset/u3/</loc><lastmod>2024-03-10</lastmod>"));
  const std::string& feed = r.files["uutiset/atom.xml"];
  CHECK(Contains(feed, "<updated>2024-05-10T00:00:00Z</updated>"));
  CHECK(feed.find("Uutinen 5") < feed.find("Uutinen 4"));
}

TEST_CASE("site: the build counts the files it read and wrote, for --verbose") {
  auto fs = NewsSite();
  auto r = Build(fs);
  REQUIRE(r.ok);
  // site.yaml, the 7 pages, and the theme's files the build reads (templates, CSS, i18n).
  size_t theme_files = fs.ListFiles("themes/default").size();
  CHECK(r.stats.reading.files >= 1 + 7);
  CHECK(r.stats.reading.files <= 1 + 7 + theme_files);
  CHECK(r.stats.reading.ms >= 0);
  // Every file of the site goes through a write or a copy, each counted once.
  CHECK(r.stats.writing.files == r.stats.files);
  CHECK(r.stats.writing.files == r.files.size());
  CHECK(r.stats.writing.ms >= 0);
}

TEST_CASE("site: a build ends early, with no error, when BuildOptions::stop is set") {
  auto fs = NewsSite();
  for (int i = 0; i < 300; ++i)
    fs.Add("content/muut/m" + std::to_string(i) + ".md", "---\ntitle: M\n---\nTeksti.\n");
  fs.Add("content/muut/_index.md", "---\ntitle: Muut\n---\n");
  size_t all = Build(fs).files.size();
  REQUIRE(all > 300);
  auto build = [&](const std::atomic<bool>& stop, std::function<void(size_t, size_t)> progress) {
    BuildOptions options;
    options.filter.now = 1735689600;
    options.stop = &stop;
    options.progress = std::move(progress);
    MemoryOutput out;
    DiagnosticList diags;
    BuildStats stats = BuildSite(fs, out, options, diags);
    CHECK_FALSE(diags.has_errors());
    return std::pair{stats, out.files.size()};
  };
  // Set before it starts: it ends at its first look, nothing rendered.
  std::atomic<bool> at_once{true};
  auto [first, first_files] = build(at_once, nullptr);
  CHECK(first.stopped);
  CHECK(first_files == 0);
  // Set while pages are rendered (from the progress callback, on a worker): the loops
  // skip what is left and the build ends before its later phases.
  std::atomic<bool> later{false};
  auto [mid, mid_files] = build(later, [&](size_t done, size_t) {
    if (done >= 1) later = true;
  });
  CHECK(mid.stopped);
  CHECK(mid_files < all);
  // Never set: the whole site, as without it.
  std::atomic<bool> never{false};
  auto [whole, whole_files] = build(never, nullptr);
  CHECK_FALSE(whole.stopped);
  CHECK(whole_files == all);
}

TEST_CASE("site: feeds, sitemap and robots.txt can each be turned off") {
  auto with = [](const std::string& keys) {
    MemoryFileSystem fs = NewsSite();
    fs.Add("site.yaml", "title: Testi\nbase_url: https://example.fi/\npaginate: 2\n" + keys);
    return fs;
  };
  auto r =
      Build(with("generate_feeds: false\ngenerate_sitemap: false\ngenerate_robots_txt: false\n"));
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK_FALSE(r.files.count("uutiset/atom.xml"));
  CHECK_FALSE(r.files.count("sitemap.xml"));
  CHECK_FALSE(r.files.count("robots.txt"));
  CHECK(r.files.count("uutiset/u1/index.html"));
  CHECK(r.files.count("404.html"));
  for (const auto& [path, content] : r.files) {
    INFO(path);
    CHECK_FALSE(Contains(content, "atom.xml"));     // no feed link in the head or the list
    CHECK_FALSE(Contains(content, "sitemap.xml"));  // nor in the footer
  }

  // robots.txt without a sitemap names none.
  auto robots = Build(with("generate_sitemap: false\n"));
  REQUIRE(robots.ok);
  CHECK(robots.files["robots.txt"] == "User-agent: *\nAllow: /\n");
  CHECK(robots.files.count("uutiset/atom.xml"));

  // A link to a file the site does not make is a broken link.
  MemoryFileSystem fs = with("generate_sitemap: false\n");
  fs.Add("content/uutiset/u1.md",
         "---\ntitle: Uutinen 1\ndate: 2024-01-10\n---\n[Kartta](/sitemap.xml)\n");
  auto broken = Build(fs);
  CHECK_FALSE(broken.ok);
  CHECK(Contains(broken.diagnostics, "content/uutiset/u1.md:5:1: error: link to '/sitemap.xml'"));
}

TEST_CASE("site: pagination splits lists with labelled navigation") {
  auto r = Build(NewsSite());
  REQUIRE(r.ok);
  CHECK(r.files.count("uutiset/page/2/index.html"));
  CHECK(r.files.count("uutiset/page/3/index.html"));
  CHECK_FALSE(r.files.count("uutiset/page/4/index.html"));
  const std::string& p1 = r.files["uutiset/index.html"];
  CHECK(Contains(p1, "Uutinen 5"));
  CHECK(Contains(p1, "Uutinen 4"));
  CHECK_FALSE(Contains(p1, "Uutinen 3"));
  CHECK(Contains(p1, "<nav class=\"pagination\" aria-label=\"Sivutus\">"));
  CHECK(Contains(p1, "href=\"/uutiset/page/2/\" rel=\"next\""));
  CHECK(Contains(r.files["uutiset/page/3/index.html"], "Uutinen 1"));
}

TEST_CASE("site: accessible page skeleton") {
  auto r = Build(NewsSite());
  REQUIRE(r.ok);
  const std::string& html = r.files["uutiset/u2/index.html"];
  CHECK(Contains(html, "<html lang=\"fi\">"));
  CHECK(Contains(html, "<a class=\"skip-link\" href=\"#main\">"));
  CHECK(Contains(html, "<main id=\"main\""));
  CHECK(Contains(html, "<nav class=\"breadcrumbs wrap\" aria-label=\"Murupolku\">"));
  CHECK(Contains(html, "aria-current=\"page\">Uutinen 2</a>"));
  size_t h1 = 0;
  for (size_t p = html.find("<h1"); p != std::string::npos; p = html.find("<h1", p + 1)) ++h1;
  CHECK(h1 == 1);
  CHECK_FALSE(Contains(html, "<script"));
  CHECK_FALSE(Contains(html, "http://"));  // no external fonts, CDNs or trackers
}

TEST_CASE("site: drafts, future and expired pages are left out unless asked for") {
  auto fs = SiteWithTheme();
  fs.Add("content/a.md", "---\ntitle: Luonnos\ndraft: true\n---\n");
  fs.Add("content/b.md", "---\ntitle: Tuleva\npublish_date: 2030-01-01\n---\n");
  fs.Add("content/c.md", "---\ntitle: Vanhentunut\nexpiry_date: 2020-01-01\n---\n");
  fs.Add("content/d.md", "---\ntitle: Tulevan päivän uutinen\ndate: 2031-01-01\n---\n");
  fs.Add("content/e.md", "---\ntitle: Julkinen\n---\n");
  auto r = Build(fs);
  REQUIRE(r.ok);
  CHECK(r.files.count("e/index.html"));
  CHECK_FALSE(r.files.count("a/index.html"));
  CHECK_FALSE(r.files.count("b/index.html"));
  CHECK_FALSE(r.files.count("c/index.html"));
  CHECK_FALSE(r.files.count("d/index.html"));
  auto all = Build(fs, BuildFilter{true, true, true, 0});
  REQUIRE(all.ok);
  for (const char* f : {"a/index.html", "b/index.html", "c/index.html", "d/index.html"})
    CHECK(all.files.count(f));
  CHECK(Contains(all.files["a/index.html"], "Luonnos – ei julkaistu"));
  // Shown future pages (serve shows them) say they are not published yet; others do not.
  auto shown = Build(fs, BuildFilter{true, true, true, 1735689600});
  REQUIRE(shown.ok);
  for (const char* f : {"b/index.html", "d/index.html"})
    CHECK(Contains(shown.files[f], "Ajastettu – julkaistaan myöhemmin"));
  for (const char* f : {"a/index.html", "c/index.html", "e/index.html"})
    CHECK_FALSE(Contains(shown.files[f], "Ajastettu"));
  CHECK_FALSE(Contains(shown.files["e/index.html"], "Luonnos"));
}

TEST_CASE("site: links to source files and site paths become URLs, broken ones are errors") {
  auto fs = SiteWithTheme();
  fs.Add("content/_index.md", "---\ntitle: Koti\n---\n");
  fs.Add("content/osallisuus/_index.md", "---\ntitle: Osallisuus\n---\n## Miksi yhdessä?\n");
  fs.Add("content/osallisuus/kasite.md",
         "---\ntitle: Käsite\n---\n[Osallisuus](_index.md#miksi-yhdessa) [koti](../_index.md) "
         "[kansio](../hankkeet/) [polku](/osallisuus/) [oma](#tama)\n\n## Tämä\n");
  fs.Add("content/hankkeet/_index.md", "---\ntitle: Hankkeet\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& html = r.files["osallisuus/kasite/index.html"];
  CHECK(Contains(html, "<a href=\"/osallisuus/#miksi-yhdessa\">Osallisuus</a>"));
  CHECK(Contains(html, "<a href=\"/\">koti</a>"));
  CHECK(Contains(html, "<a href=\"/hankkeet/\">kansio</a>"));
  CHECK(Contains(html, "<a href=\"/osallisuus/\">polku</a>"));

  fs.Add("content/rikki.md",
         "---\ntitle: "
         "Rikki\n---\n[a](puuttuu.md)\n[b](osallisuus/_index.md#miksi)\n[c](/ei-ole/)\n[d](#ei)\n");
  auto bad = Build(fs);
  CHECK_FALSE(bad.ok);
  CHECK(bad.diagnostics ==
        "content/rikki.md:4:1: error: link to 'puuttuu.md': there is no page content/puuttuu.md\n"
        "  [a](puuttuu.md)\n"
        "  ^\n"
        "  hint: check the file name; paths are relative to this page's folder (content/)\n"
        "content/rikki.md:5:1: error: link to '#miksi': content/osallisuus/_index.md has no "
        "heading with this id\n"
        "  [b](osallisuus/_index.md#miksi)\n"
        "  ^\n"
        "  hint: anchors are made from headings: '## Miksi yhdessä?' -> #miksi-yhdessa\n"
        "content/rikki.md:6:1: error: link to '/ei-ole/': no page or file has this address\n"
        "  [c](/ei-ole/)\n"
        "  ^\n"
        "  hint: link to the page's source file instead, e.g. [text](../section/page.md)\n"
        "content/rikki.md:7:1: error: link to '#ei': content/rikki.md has no heading with this id\n"
        "  [d](#ei)\n"
        "  ^\n"
        "  hint: anchors are made from headings: '## Miksi yhdessä?' -> #miksi-yhdessa\n");
}

TEST_CASE("site: a link to a draft says so") {
  auto fs = SiteWithTheme();
  fs.Add("content/a.md", "---\ntitle: A\n---\n[luonnos](b.md)\n");
  fs.Add("content/b.md", "---\ntitle: B\ndraft: true\n---\n");
  auto r = Build(fs);
  CHECK(Contains(r.diagnostics,
                 "content/a.md:4:1: error: link to 'b.md': content/b.md is not published"));
}

TEST_CASE("site: two pages on one URL name both files") {
  auto fs = SiteWithTheme();
  fs.Add("content/a.md", "---\ntitle: A\nslug: sama\n---\n");
  fs.Add("content/sama.md", "---\ntitle: B\n---\n");
  auto r = Build(fs);
  CHECK_FALSE(r.ok);
  CHECK(Contains(r.diagnostics, "error: the address '/sama/' is also the address of content/"));
  CHECK(Contains(r.diagnostics, "content/a.md"));
  CHECK(Contains(r.diagnostics, "content/sama.md"));
}

TEST_CASE("site: page bundles copy their files beside the page, aliases redirect") {
  auto fs = SiteWithTheme();
  fs.Add("content/hankkeet/rata/index.md",
         "---\ntitle: Rata\naliases: [/vanha-rata/]\n---\n![Frisbeegolfrata](kuva.jpg)\n");
  fs.Add("content/hankkeet/rata/kuva.jpg", "JPEG");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(r.files["hankkeet/rata/kuva.jpg"] == "JPEG");
  CHECK(Contains(r.files["hankkeet/rata/index.html"],
                 "<img src=\"/hankkeet/rata/kuva.jpg\" alt=\"Frisbeegolfrata\""));
  CHECK(Contains(r.files["vanha-rata/index.html"],
                 "<meta http-equiv=\"refresh\" content=\"0; url=/hankkeet/rata/\">"));
}

TEST_CASE("site: every error of a build is reported, not only the first") {
  auto fs = SiteWithTheme();
  fs.Add("content/a.md", "---\ntitel: A\n---\n");
  fs.Add("content/b.md", "---\ntitle: B\n---\n![](x.png)\n");
  fs.Add("content/c.md", std::string("---\ntitle: C\n---\nLatin-1: \xE4\n"));
  fs.Add("content/d.md", "---\ntitle: D\n");
  auto r = Build(fs);
  CHECK_FALSE(r.ok);
  CHECK(
      Contains(r.diagnostics, "content/a.md:2:1: error: 'titel' is not a known front-matter key"));
  CHECK(Contains(r.diagnostics, "content/b.md:4:1: error: image 'x.png' has no alt text"));
  CHECK(Contains(r.diagnostics, "content/c.md:4:10: error: file is not valid UTF-8"));
  CHECK(Contains(r.diagnostics, "content/d.md:1:1: error: front matter is not closed"));
}

TEST_CASE("site: a missing template is named with where it was looked for") {
  auto fs = SiteWithTheme();
  fs.Add("content/a.md", "---\ntitle: A\nlayout: juhla\n---\n");
  auto r = Build(fs);
  CHECK_FALSE(r.ok);
  CHECK(Contains(r.diagnostics,
                 "content/a.md: error: template 'juhla' not found in themes/default/templates\n"
                 "  hint: create themes/default/templates/juhla.mustache or set another 'layout'"));
}

TEST_CASE("site: base path from base_url prefixes every link") {
  auto fs = SiteWithTheme("title: T\nbase_url: https://example.fi/kouvola/\n");
  fs.Add("content/a.md", "---\ntitle: A\n---\n[B](b.md)\n");
  fs.Add("content/b.md", "---\ntitle: B\n---\n");
  auto r = Build(fs);
  REQUIRE(r.ok);
  CHECK(Contains(r.files["a/index.html"], "<a href=\"/kouvola/b/\">B</a>"));
  CHECK(Contains(r.files["a/index.html"], "href=\"/kouvola/assets/css/main."));
}

TEST_CASE("site: the same input gives byte-identical output") {
  auto a = Build(NewsSite());
  auto b = Build(NewsSite());
  REQUIRE(a.ok);
  CHECK(a.files == b.files);
}

TEST_CASE("site: data/ YAML files are available to templates as site.data") {
  auto fs = SiteWithTheme();
  fs.Add("data/kunta/alueet.yaml", "- {nimi: Elimäki}\n- {nimi: Kuusankoski}\n");
  fs.Add("themes/default/templates/alueet.mustache",
         "<ul>{{#site.data.kunta.alueet}}<li>{{nimi}}</li>{{/site.data.kunta.alueet}}</ul>");
  fs.Add("content/alueet.md", "---\ntitle: Alueet\nlayout: alueet\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(Contains(r.files["alueet/index.html"], "<ul><li>Elimäki</li><li>Kuusankoski</li></ul>"));
}

TEST_CASE("site: a language suffix that site.yaml does not declare is an error") {
  auto fs = SiteWithTheme();
  fs.Add("content/a.sv.md", "---\ntitle: A\n---\n");
  auto r = Build(fs);
  CHECK_FALSE(r.ok);
  CHECK(Contains(
      r.diagnostics,
      "content/a.sv.md: error: language 'sv' of this file is not in site.yaml's languages"));
}

// The renderer puts a page's HTML and the rendered layout into the output after Mustache
// has run (SiteRenderer::Splice): the result must be what Mustache itself would write,
// escaped or not, repeated, inside sections and on standalone lines.
TEST_CASE("site: page content and layout reach the output as Mustache would write them") {
  auto fs = SiteWithTheme();
  fs.Add("themes/default/templates/kokeilu.mustache",
         "[{{{page.content}}}]\n"
         "<{{page.content}}>\n"
         "{{#page.content}}({{{.}}}){{/page.content}}\n"
         "  {{#page.title}}{{{page.content}}}{{/page.title}}  \n"
         "{{^page.content}}ei{{/page.content}}.\n");
  fs.Add("themes/default/templates/baseof.mustache",
         "{{{main}}}|{{main}}|{{#main}}{{/main}}{{{page.content}}}\n");
  fs.Add("content/a.md", "---\ntitle: A\nlayout: kokeilu\n---\n*a* & 'b'\n");
  fs.Add("content/b.md", "---\ntitle: B\nlayout: kokeilu\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string a =
      "[<p><em>a</em> &amp; 'b'</p>\n]\n"
      "<&lt;p&gt;&lt;em&gt;a&lt;/em&gt; &amp;amp; &apos;b&apos;&lt;/p&gt;\n>\n"
      "(<p><em>a</em> &amp; 'b'</p>\n)\n"
      "  <p><em>a</em> &amp; 'b'</p>\n  \n"
      ".\n";
  CHECK(r.files["a/index.html"] ==
        a + "|" + HtmlEscapeWith(a, "&apos;") + "|<p><em>a</em> &amp; 'b'</p>\n\n");
  // An empty body: the standalone section line is left out, as Mustache does.
  const std::string b = "[]\n<>\n()\n.\n";
  CHECK(r.files["b/index.html"] == b + "|" + HtmlEscapeWith(b, "&apos;") + "|\n");
}

// The renderer builds the translation and breadcrumb lists only for themes whose
// templates mention them (TemplateSet::Mentions); any template mentioning them gets them.
TEST_CASE("site: lists a theme mentions are built, in any template") {
  auto fs = SiteWithTheme();
  fs.Add("themes/default/templates/baseof.mustache", "{{{main}}}");
  for (const char* name : {"section", "page", "home"}) {
    fs.Add(std::string("themes/default/templates/") + name + ".mustache", "{{page.title}}");
  }
  fs.Add("themes/default/templates/polku.mustache",
         "{{#page.has_breadcrumbs}}{{#page.breadcrumbs}}{{title}}>{{/page.breadcrumbs}}"
         "{{/page.has_breadcrumbs}}{{#page.translations}}[{{code}}]{{/page.translations}}");
  fs.Add("content/osa/_index.md", "---\ntitle: Osa\n---\n");
  fs.Add("content/osa/a.md", "---\ntitle: A\nlayout: polku\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(r.files["osa/a/index.html"] == "Etusivu>Osa>[fi]");
}

// Hugo's .WordCount and .ReadingTime (213 words a minute, rounded up), on the page and on
// its list items, for a theme that mentions them.
TEST_CASE("site: word count and reading time where a theme shows them") {
  auto fs = SiteWithTheme();
  fs.Add("themes/default/templates/baseof.mustache", "{{{main}}}");
  fs.Add("themes/default/templates/page.mustache", "{{page.word_count}}/{{page.reading_time}}");
  fs.Add("themes/default/templates/section.mustache",
         "{{#pages}}{{title}}:{{word_count}}:{{reading_time}};{{/pages}}");
  fs.Add("themes/default/templates/home.mustache", "{{page.title}}");
  fs.Add("content/osa/_index.md", "---\ntitle: Osa\n---\n");
  std::string long_body;
  for (int i = 0; i < 214; ++i) long_body += "sana ";
  fs.Add("content/osa/a.md", "---\ntitle: A\nweight: 1\n---\nKolme *sanaa* tässä.\n");
  fs.Add("content/osa/b.md", "---\ntitle: B\nweight: 2\n---\n" + long_body + "\n");
  fs.Add("content/osa/c.md", "---\ntitle: C\nweight: 3\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(r.files["osa/a/index.html"] == "3/1");
  CHECK(r.files["osa/b/index.html"] == "214/2");
  CHECK(r.files["osa/c/index.html"] == "0/0");
  CHECK(r.files["osa/index.html"] == "A:3:1;B:214:2;C:0:0;");
}

// A page's front matter is built as template data once and shared by page.params and the
// params of its list item (SiteRenderer::SharedParams): every way of reaching it works.
TEST_CASE("site: front matter params reach page views and list items alike") {
  auto fs = SiteWithTheme();
  fs.Add("themes/default/templates/baseof.mustache", "{{{main}}}");
  fs.Add("themes/default/templates/page.mustache",
         "{{page.params.status}}/{{#page.params}}{{status}},{{has_status}}{{/page.params}}/"
         "{{^page.params.puuttuu}}ei{{/page.params.puuttuu}}");
  fs.Add("themes/default/templates/section.mustache",
         "{{#pages}}{{title}}={{params.status}}{{#params}}:{{status}}{{/params}};{{/pages}}");
  fs.Add("themes/default/templates/home.mustache", "{{page.title}}");
  fs.Add("content/osa/_index.md", "---\ntitle: Osa\n---\n");
  fs.Add("content/osa/a.md", "---\ntitle: A\nweight: 1\nstatus: valmis\n---\n");
  fs.Add("content/osa/b.md", "---\ntitle: B\nweight: 2\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  // (booleans print nothing; a map is one pass of its section even without the key)
  CHECK(r.files["osa/a/index.html"] == "valmis/valmis,/ei");
  CHECK(r.files["osa/b/index.html"] == "/,/ei");
  CHECK(r.files["osa/index.html"] == "A=valmis:valmis;B=:;");
}

TEST_CASE("site: LinksTo tells a link to a page, its anchors or a query from a link elsewhere") {
  CHECK(LinksTo("/kouvola/a/", "/kouvola/a/"));
  CHECK(LinksTo("/kouvola/a/#osio", "/kouvola/a/"));
  CHECK(LinksTo("/kouvola/a/?sivu=2", "/kouvola/a/"));
  CHECK_FALSE(LinksTo("/kouvola/a/b/", "/kouvola/a/"));
  CHECK_FALSE(LinksTo("/kouvola/ab/", "/kouvola/a/"));
  CHECK_FALSE(LinksTo("/kouvola/a/kuva.jpg", "/kouvola/a/"));
  CHECK_FALSE(LinksTo("https://example.fi/kouvola/a/", "/kouvola/a/"));
}
