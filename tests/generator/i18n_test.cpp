// Languages: translations beside their page, hreflang alternates, the language switcher,
// notices for missing translations, and UI strings per language.
#include <catch2/catch.hpp>

#include "test_site.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {
bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

MemoryFileSystem Multilingual() {
  auto fs = SiteWithTheme(
      "title: Osallisuus\nbase_url: https://example.fi/\nlanguages:\n  fi: {name: Suomeksi, "
      "weight: 1}\n"
      "  sv: {name: På svenska, title: Delaktighet, weight: 2}\n  en: {name: In English, weight: "
      "3}\n");
  fs.Add("content/_index.md", "---\ntitle: Etusivu\n---\nTehdään yhdessä!\n");
  fs.Add("content/_index.sv.md", "---\ntitle: Startsida\n---\nVi gör det tillsammans!\n");
  fs.Add("content/osallisuus/suunnitelma.md", "---\ntitle: Suunnitelma\n---\nSuomeksi.\n");
  fs.Add("content/osallisuus/suunnitelma.sv.md", "---\ntitle: Planen\n---\nPå svenska.\n");
  fs.Add("content/osallisuus/vain-suomeksi.md", "---\ntitle: Vain suomeksi\n---\nTeksti.\n");
  return fs;
}
}  // namespace

TEST_CASE("i18n: a translation sits beside its page and lives under /sv/") {
  auto r = Build(Multilingual());
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& sv = r.files["sv/osallisuus/suunnitelma/index.html"];
  CHECK(Contains(sv, "<html lang=\"sv\">"));
  CHECK(Contains(sv, "Gå till huvudinnehållet"));
  CHECK(Contains(sv,
                 "<link rel=\"alternate\" hreflang=\"fi\" "
                 "href=\"https://example.fi/osallisuus/suunnitelma/\">"));
  CHECK(Contains(sv,
                 "<link rel=\"alternate\" hreflang=\"sv\" "
                 "href=\"https://example.fi/sv/osallisuus/suunnitelma/\">"));
  CHECK_FALSE(
      Contains(sv, "hreflang=\"en\" href=\"https://example.fi/en/osallisuus/suunnitelma/\">\n"));
  const std::string& fi = r.files["osallisuus/suunnitelma/index.html"];
  CHECK(Contains(
      fi, "<a href=\"/sv/osallisuus/suunnitelma/\" lang=\"sv\" hreflang=\"sv\">På svenska</a>"));
  CHECK(Contains(fi,
                 "<a href=\"/osallisuus/suunnitelma/\" lang=\"fi\" hreflang=\"fi\" "
                 "aria-current=\"true\">Suomeksi</a>"));
}

TEST_CASE("i18n: a missing translation leads to a notice in that language, never a dead link") {
  auto r = Build(Multilingual());
  REQUIRE(r.ok);
  const std::string& fi = r.files["osallisuus/vain-suomeksi/index.html"];
  CHECK(Contains(
      fi, "<a href=\"/en/osallisuus/vain-suomeksi/\" lang=\"en\" hreflang=\"en\">In English</a>"));
  const std::string& en = r.files["en/osallisuus/vain-suomeksi/index.html"];
  CHECK(Contains(en, "<html lang=\"en\">"));
  CHECK(Contains(en, "<h1>This page is not available in English</h1>"));
  CHECK(Contains(
      en,
      "<a href=\"/osallisuus/vain-suomeksi/\" lang=\"fi\" hreflang=\"fi\">Vain suomeksi</a> – "
      "<span>read the page in Finnish</span>"));
  CHECK(Contains(en, "<meta name=\"robots\" content=\"noindex\">"));
  CHECK(Contains(r.files["sv/osallisuus/vain-suomeksi/index.html"],
                 "<h1>Sidan finns inte på svenska</h1>"));
  CHECK_FALSE(Contains(r.files["sitemap.xml"], "/en/osallisuus/vain-suomeksi/"));
}

TEST_CASE("i18n: a UI string missing in one language is an error naming key and language") {
  auto fs = Multilingual();
  auto sv = fs.ReadFile("themes/default/i18n/sv.yaml");
  std::string text = *sv;
  text.replace(text.find("next_page:"), std::string("next_page:").size(), "nextpage:");
  fs.Add("themes/default/i18n/sv.yaml", text);
  auto r = Build(fs);
  CHECK_FALSE(r.ok);
  CHECK(Contains(
      r.diagnostics,
      "themes/default/i18n/sv.yaml: error: UI string 'next_page' is missing for language 'sv'\n"
      "  hint: add a line 'next_page: …' to themes/default/i18n/sv.yaml"));
}

TEST_CASE("i18n: a translation shares its original's typed data and needs no kind") {
  auto fs = SiteWithTheme(
      "title: T\nbase_url: https://example.fi/\nlanguages: {fi: {name: Suomeksi}, sv: {name: "
      "Svenska}}\n"
      "statuses: [{id: valmis, label: {fi: Valmis, sv: Klar}, colour: \"#1b5e20\", icon: "
      "check}]\n");
  fs.Add(
      "content/plan.md",
      "---\ntitle: Suunnitelma\nkind: plan\ngoals:\n  - id: g\n    title: Tavoite\n    measures:\n"
      "      - {id: m, text: Toimenpide, status: valmis}\n---\n");
  fs.Add("content/plan.sv.md", "---\ntitle: Planen\n---\nSammanfattning på svenska.\n");
  fs.Add("content/vaali/_index.md",
         "---\ntitle: Äänestys\nkind: pb-round\nround: r\nopens: 2024-01-01T00:00:00Z\ncloses: "
         "2030-01-01T00:00:00Z\n"
         "areas: [{id: a, name: Alue, budget: 100}]\n---\n");
  fs.Add("content/vaali/_index.sv.md", "---\ntitle: Röstning\n---\n");
  fs.Add("content/vaali/p.md",
         "---\ntitle: Penkki\nkind: proposal\nround: r\narea: a\ncost: 10\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& plan = r.files["sv/plan/index.html"];
  CHECK(Contains(plan, "<tr id=\"m-g-m\">"));
  CHECK(Contains(plan, "✓</span> Klar</span>"));
  CHECK(Contains(plan, "<section class=\"goal\" aria-labelledby=\"goal-g\" lang=\"fi\">"));
  const std::string& round = r.files["sv/vaali/index.html"];
  CHECK(Contains(round, "<input type=\"hidden\" name=\"lang\" value=\"sv\">"));
  CHECK(Contains(round, "<span lang=\"fi\">Penkki</span>"));
  CHECK(Contains(round, "Så här röstar du"));
}

TEST_CASE(
    "i18n: missing-translation notices and translations of schema-only kinds render (no crash)") {
  auto fs = SiteWithTheme(
      "title: T\nbase_url: https://example.fi/\nlanguages: {fi: {name: Suomeksi}, sv: {name: "
      "Svenska}, en: {name: English}}\n");
  fs.Add("content/arvio.md",
         "---\ntitle: Arvio\nkind: assessment\nalternatives: [{id: a, name: Aluetoimikunnat}]\n"
         "dimensions: [{id: d, name: Asukas, entries: {a: Lähellä}}]\n---\n");
  fs.Add("content/arvio.sv.md", "---\ntitle: Bedömning\n---\nPå svenska.\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(
      Contains(r.files["sv/arvio/index.html"], "<td data-label=\"Aluetoimikunnat\">Lähellä</td>"));
  CHECK(Contains(r.files["en/arvio/index.html"], "This page is not available in English"));
}

TEST_CASE("i18n: menus and sitemaps per language") {
  auto fs = SiteWithTheme(
      "title: T\nbase_url: https://example.fi/\nlanguages: {fi: {name: Suomeksi}, sv: {name: "
      "Svenska}, en: {name: English}}\n"
      "menus:\n  main: [{title: Osallisuus, url: /a/}]\n  main.sv: [{title: Delaktighet, url: "
      "/sv/a/}]\n");
  fs.Add("content/a.md", "---\ntitle: A\n---\n");
  fs.Add("content/a.sv.md", "---\ntitle: A på svenska\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(Contains(r.files["a/index.html"], "<li><a href=\"/a/\">Osallisuus</a></li>"));
  CHECK(Contains(r.files["sv/a/index.html"], "<li><a href=\"/sv/a/\">Delaktighet</a></li>"));
  CHECK_FALSE(Contains(r.files["sv/a/index.html"], ">Osallisuus<"));
  // No English menu: the Finnish one, marked as Finnish (WCAG 3.1.2).
  CHECK(
      Contains(r.files["en/a/index.html"], "<li><a href=\"/a/\" lang=\"fi\">Osallisuus</a></li>"));
  CHECK(Contains(r.files["sitemap.xml"],
                 "<sitemap><loc>https://example.fi/sitemaps/sv.xml</loc></sitemap>"));
  CHECK(Contains(r.files["sitemaps/sv.xml"], "<loc>https://example.fi/sv/a/</loc>"));
  CHECK_FALSE(Contains(r.files["sitemaps/sv.xml"], "<loc>https://example.fi/a/</loc>"));
  CHECK(Contains(r.files["sitemaps/fi.xml"], "<loc>https://example.fi/a/</loc>"));
}
