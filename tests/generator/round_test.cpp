// Participatory-budgeting rounds as content: validation, round page with the ballot form.
#include <catch2/catch.hpp>

#include "test_site.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {
bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

MemoryFileSystem RoundSite(const std::string& round_extra = "") {
  auto fs = SiteWithTheme();
  fs.Add("content/omakouvola/_index.md",
         "---\ntitle: OmaKouvola 2025\nkind: pb-round\nround: omakouvola-2025\n"
         "opens: 2024-12-01T09:00:00+02:00\ncloses: 2025-01-31T23:59:00+02:00\nrule: greedy\n"
         "areas:\n  - {id: elimaki, name: Elimäki, budget: 15000}\n  - {id: kuusankoski, name: "
         "Kuusankoski, budget: 20000}\n"
         "min_choices: 1\nmax_choices: 3\nknapsack: true\nvoter_areas: one\neligibility: "
         "Kouvolassa asuvat 12 vuotta täyttäneet\n" +
             round_extra + "---\nÄänestä!\n");
  fs.Add("content/omakouvola/frisbeegolf.md",
         "---\ntitle: Frisbeegolfrata\nkind: proposal\nround: omakouvola-2025\narea: "
         "elimaki\ncost: 9500\n"
         "summary: Rata urheilupuistoon.\n---\nKuvaus.\n");
  fs.Add("content/omakouvola/penkit.md",
         "---\ntitle: Penkit\nkind: proposal\nround: omakouvola-2025\narea: elimaki\nid: "
         "penkit-2\ncost: 1200\n---\n");
  return fs;
}
}  // namespace

TEST_CASE(
    "round: the round page shows areas, proposals and a ballot form that works without "
    "JavaScript") {
  auto r = Build(RoundSite());  // the test clock is 2025-01-01: the round is open
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& html = r.files["omakouvola/index.html"];
  CHECK(Contains(
      html,
      "<form class=\"ballot\" method=\"post\" action=\"/api/rounds/omakouvola-2025/ballots\""));
  CHECK(Contains(html, "<input type=\"hidden\" name=\"area\" value=\"elimaki\">"));
  CHECK(Contains(html,
                 "<input type=\"checkbox\" id=\"p-elimaki-frisbeegolf\" name=\"proposal\" "
                 "value=\"frisbeegolf\" data-cost=\"9500\">"));
  CHECK(Contains(html, "value=\"penkit-2\""));
  CHECK(
      Contains(html, "<legend>Valitse ehdotukset: Elimäki (Budjetti 15\u00A0000\u00A0€)</legend>"));
  CHECK(Contains(html, "<label for=\"code-elimaki\">Äänestyskoodi</label>"));
  CHECK(Contains(html, "<time datetime=\"2025-01-31T23:59:00+02:00\">31.1.2025 klo 23.59</time>"));
  CHECK(Contains(html, "<script src=\"/assets/js/ballot."));
  // An area without proposals gets no form.
  CHECK(std::count(html.begin(), html.end(), '\n') > 0);
  size_t forms = 0;
  for (size_t p = html.find("<form"); p != std::string::npos; p = html.find("<form", p + 1))
    ++forms;
  CHECK(forms == 1);
  CHECK(Contains(r.files["omakouvola/frisbeegolf/index.html"], "<dd>9\u00A0500\u00A0€</dd>"));
}

TEST_CASE(
    "round: before it opens and after it closes the page says so, with the dates, and has no "
    "form") {
  auto before = Build(RoundSite(), BuildFilter{false, false, false, 1700000000});
  REQUIRE(before.ok);
  CHECK(Contains(before.files["omakouvola/index.html"],
                 "Äänestys ei ole vielä alkanut. Se alkaa <time "
                 "datetime=\"2024-12-01T09:00:00+02:00\">1.12.2024 klo 9.00</time>."));
  CHECK_FALSE(Contains(before.files["omakouvola/index.html"], "<form"));
  auto after = Build(RoundSite(), BuildFilter{false, false, false, 1800000000});
  REQUIRE(after.ok);
  CHECK(Contains(after.files["omakouvola/index.html"], "Äänestys on päättynyt. Se päättyi"));
  CHECK_FALSE(Contains(after.files["omakouvola/index.html"], "<form"));
}

TEST_CASE("round: validation errors for rounds and proposals") {
  auto fs = RoundSite();
  fs.Add("content/omakouvola/_index.md",
         "---\ntitle: R\nkind: pb-round\nround: omakouvola-2025\nopens: 2025-09-01\ncloses: "
         "2025-08-01T00:00:00Z\n"
         "rule: greedyy\nareas:\n  - {id: elimaki, name: Elimäki, budget: paljon}\n---\n");
  fs.Add("content/omakouvola/x.md",
         "---\ntitle: X\nkind: proposal\nround: omakouvola-2024\narea: elimaki\ncost: 10\n---\n");
  fs.Add("content/omakouvola/y.md",
         "---\ntitle: Y\nkind: proposal\nround: omakouvola-2025\narea: elimäki\ncost: 10\n---\n");
  auto r = Build(fs);
  CHECK_FALSE(r.ok);
  CHECK(Contains(r.diagnostics,
                 "content/omakouvola/_index.md:5:8: error: 'opens' needs a time and a UTC offset"));
  CHECK(Contains(r.diagnostics, "content/omakouvola/_index.md:7:7: error: unknown rule 'greedyy'"));
  CHECK(Contains(r.diagnostics, "hint: did you mean 'greedy'?"));
  CHECK(Contains(
      r.diagnostics,
      "content/omakouvola/_index.md:9:42: error: 'budget' must be a whole number, not 'paljon'"));
}

TEST_CASE("round: proposals for an unknown round or area, and duplicate ids") {
  auto fs = RoundSite();
  fs.Add("content/omakouvola/x.md",
         "---\ntitle: X\nkind: proposal\nround: omakouvola-2024\narea: elimaki\ncost: 10\n---\n");
  fs.Add("content/omakouvola/y.md",
         "---\ntitle: Y\nkind: proposal\nround: omakouvola-2025\narea: elimäki\ncost: 10\n---\n");
  fs.Add("content/omakouvola/z.md",
         "---\ntitle: Z\nkind: proposal\nround: omakouvola-2025\narea: elimaki\nid: "
         "frisbeegolf\ncost: 10\n---\n");
  fs.Add(
      "content/omakouvola/w.md",
      "---\ntitle: W\nkind: proposal\nround: omakouvola-2025\narea: elimaki\ncost: 99999\n---\n");
  auto r = Build(fs);
  CHECK_FALSE(r.ok);
  CHECK(
      Contains(r.diagnostics,
               "content/omakouvola/x.md:1:1: error: proposal for unknown round 'omakouvola-2024'\n"
               "  ---\n  ^\n  hint: did you mean 'omakouvola-2025'?"));
  CHECK(Contains(r.diagnostics,
                 "content/omakouvola/y.md:1:1: error: proposal for unknown area 'elimäki' of round "
                 "'omakouvola-2025'"));
  CHECK(Contains(r.diagnostics,
                 "error: proposal id 'frisbeegolf' is also used by content/omakouvola/"));
  CHECK(Contains(r.diagnostics,
                 "content/omakouvola/w.md:1:1: error: proposal 'w' costs 99999 euros, more than "
                 "area 'elimaki''s whole budget of 15000"));
}
