// Typed content: plan schema, status vocabulary, measure indexes, open data, rounds.
#include <catch2/catch.hpp>

#include "test_site.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {
bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

const char* kSiteYaml =
    "title: Testi\nbase_url: https://example.fi/\n"
    "statuses:\n"
    "  - {id: valmis, label: {fi: Valmis, en: Done}, colour: \"#1b5e20\", icon: check}\n"
    "  - {id: etenee, label: {fi: Etenee}, colour: \"#f9a825\", icon: progress}\n"
    "  - {id: aloittamatta, label: {fi: Aloittamatta}, colour: \"#b71c1c\", icon: empty}\n"
    "  - {id: uusi, label: {fi: Uusi}, colour: \"#1565c0\", icon: new}\n"
    "responsible_bodies: [Nuorisopalvelut, Liikuntapalvelut, Kulttuuripalvelut]\n";

std::string PlanPage(const std::string& measures) {
  return "---\ntitle: Hyvinvointisuunnitelma 2024\nkind: plan\nperiod: \"2024\"\n"
         "approval: {body: Kaupunginvaltuusto, date: 2021-11-15, section: \"§ 131\"}\n"
         "goals:\n  - id: elintavat\n    title: Terveelliset elintavat\n    measures:\n" +
         measures + "---\nJohdanto.\n";
}

const char* kMeasures =
    "      - id: liikunta\n        text: Liikuntaneuvonta\n        responsible: [Nuorisopalvelut]\n"
    "        status: etenee\n        year: 2024\n"
    "      - id: kulttuuri\n        text: Kulttuurikurssit\n        responsible: "
    "[Kulttuuripalvelut]\n"
    "        status: [uusi, etenee]\n"
    "      - id: kaksi\n        text: Kaksi tahoa\n        responsible: [Nuorisopalvelut, "
    "Liikuntapalvelut]\n"
    "        status: [{body: Nuorisopalvelut, status: valmis}, {body: Liikuntapalvelut, status: "
    "aloittamatta}]\n";
}  // namespace

TEST_CASE("plan: goals and measures render as tables with status labels, counts and a chart") {
  auto fs = SiteWithTheme(kSiteYaml);
  fs.Add("content/suunnitelmat/hyvinvointi.md", PlanPage(kMeasures));
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& html = r.files["suunnitelmat/hyvinvointi/index.html"];
  CHECK(Contains(html, "<caption>Toimenpiteet: Terveelliset elintavat</caption>"));
  CHECK(Contains(html, "<th scope=\"col\">Vastuutaho</th>"));
  CHECK(Contains(html, "<tr id=\"m-elintavat-liikunta\">"));
  CHECK(Contains(html,
                 "<span class=\"status status-etenee\"><span class=\"status-icon\" "
                 "aria-hidden=\"true\">◐</span> Etenee</span>"));
  CHECK(Contains(html, "<span class=\"status-body\">Liikuntapalvelut:</span>"));
  CHECK(Contains(html, "role=\"img\" aria-labelledby=\"chart-plan\""));
  CHECK(Contains(html, "Kaupunginvaltuusto <time datetime=\"2021-11-15\">15.11.2021</time> § 131"));
  // Counts: each status a measure carries counts once; etenee is on two measures.
  CHECK(Contains(html, "Etenee</span></th><td>2</td>"));
  CHECK(Contains(html, "(toimenpiteitä yhteensä: 3)"));
}

TEST_CASE(
    "plan: toc: true gives a labelled table of contents of the prose, the status summary and the "
    "goals") {
  auto fs = SiteWithTheme(kSiteYaml);
  std::string page = PlanPage(kMeasures);
  page.replace(page.find("kind: plan\n"), 11, "kind: plan\ntoc: true\n");
  fs.Add("content/suunnitelmat/hyvinvointi.md", page + "\n## Tausta\n\nTekstiä.\n");
  fs.Add("content/suunnitelmat/ilman.md", PlanPage(kMeasures));
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& html = r.files["suunnitelmat/hyvinvointi/index.html"];
  CHECK(Contains(html, "<nav class=\"toc\" aria-labelledby=\"toc-title\">"));
  CHECK(Contains(html,
                 "<li><a href=\"#tausta\">Tausta</a></li><li><a "
                 "href=\"#plan-status-title\">Toimenpiteiden tilanne</a></li>"
                 "<li><a href=\"#goal-elintavat\">Terveelliset elintavat</a></li>"));
  CHECK_FALSE(Contains(r.files["suunnitelmat/ilman/index.html"], "<nav class=\"toc\""));
}

TEST_CASE("plan: measure indexes by body, status and target group") {
  auto fs = SiteWithTheme(kSiteYaml);
  fs.Add("content/suunnitelmat/hyvinvointi.md", PlanPage(kMeasures));
  auto r = Build(fs);
  REQUIRE(r.ok);
  const std::string& body = r.files["toimenpiteet/vastuutaho/nuorisopalvelut/index.html"];
  CHECK(Contains(body,
                 "href=\"/suunnitelmat/hyvinvointi/#m-elintavat-liikunta\">Liikuntaneuvonta</a>"));
  CHECK(Contains(body, "Kaksi tahoa"));
  CHECK_FALSE(Contains(body, "Kulttuurikurssit"));
  CHECK(Contains(r.files["toimenpiteet/tila/etenee/index.html"], "Kulttuurikurssit"));
  CHECK(r.files.count("toimenpiteet/index.html"));
}

TEST_CASE("plan: JSON and CSV hold the same measures as the page") {
  auto fs = SiteWithTheme(kSiteYaml);
  fs.Add("content/suunnitelmat/hyvinvointi.md", PlanPage(kMeasures));
  auto r = Build(fs);
  REQUIRE(r.ok);
  const std::string& csv = r.files["suunnitelmat/hyvinvointi/toimenpiteet.csv"];
  CHECK(csv.rfind("goal_id,goal,measure_id,measure,responsible,status,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);  // header + 3 measures
  CHECK(Contains(csv,
                 "elintavat,Terveelliset "
                 "elintavat,kulttuuri,Kulttuurikurssit,Kulttuuripalvelut,uusi; etenee,"));
  const std::string& json = r.files["suunnitelmat/hyvinvointi/toimenpiteet.json"];
  CHECK(Contains(json, "\"anchor\": \"m-elintavat-liikunta\""));
  CHECK(Contains(json, "\"url\": \"https://example.fi/suunnitelmat/hyvinvointi/\""));
}

TEST_CASE("plan schema errors, each with its message") {
  auto fs = SiteWithTheme(kSiteYaml);
  fs.Add("content/a.md", PlanPage("      - text: X\n        status: etene\n"));
  fs.Add("content/b.md", PlanPage("      - responsible: [Nuorisopalvelut]\n"));
  fs.Add("content/c.md", PlanPage("      - text: Y\n        responsible: [Nuorisopalvelu]\n"));
  fs.Add("content/d.md", PlanPage("      - text: Z\n        year: kaksituhatta\n"));
  fs.Add("content/e.md", "---\ntitle: E\nkind: plan\ngoals:\n  - title: Tyhjä tavoite\n---\n");
  fs.Add("content/f.md", "---\ntitle: F\nkind: plani\n---\n");
  auto r = Build(fs);
  CHECK_FALSE(r.ok);
  CHECK(Contains(r.diagnostics,
                 "content/a.md:11:17: error: unknown status 'etene'\n          status: etene\n     "
                 "             ^\n"
                 "  hint: did you mean 'etenee'?"));
  CHECK(Contains(r.diagnostics,
                 "content/b.md:10:9: error: a measure needs 'text': what will be done"));
  CHECK(Contains(
      r.diagnostics,
      "content/c.md:11:22: warning: responsible body 'Nuorisopalvelu' is not in the site's list\n"
      "          responsible: [Nuorisopalvelu]\n                       ^\n"
      "  hint: add it to responsible_bodies in site.yaml, or use one of: Nuorisopalvelut, "
      "Liikuntapalvelut, Kulttuuripalvelut"));
  CHECK(Contains(r.diagnostics,
                 "content/d.md:11:15: error: 'year' must be a whole number, not 'kaksituhatta'"));
  CHECK(Contains(r.diagnostics,
                 "content/e.md:5:5: error: goal 'Tyhjä tavoite' has no measures\n    - title: "
                 "Tyhjä tavoite\n      ^\n"
                 "  hint: a plan's goal lists its measures under 'measures:'"));
  CHECK(Contains(r.diagnostics,
                 "content/f.md:3:7: error: unknown kind 'plani'\n  kind: plani\n        ^\n"
                 "  hint: did you mean 'plan'?"));
}

TEST_CASE("project, service, body and assessment pages check their keys") {
  auto fs = SiteWithTheme(kSiteYaml);
  fs.Add(
      "content/hankkeet/a.md",
      "---\ntitle: Hanke\nkind: project\ntheme: Yhteisöllinen toiminta\ngoals: [Yksi, Kaksi]\n"
      "stakeholders: [{name: Nuorisopalvelut, role: R}]\ncost: {text: noin 5000 €, euros: 5000}\n"
      "links: {digital_roadmap: true}\n---\n");
  fs.Add("content/arvio.md",
         "---\ntitle: Arvio\nkind: assessment\nalternatives: [{id: at, name: Aluetoimikunnat}, "
         "{id: ob, name: "
         "Osallistuva budjetointi}]\ndimensions:\n  - {id: asukas, name: Asukas, entries: {at: "
         "Lähellä, ob: Suora}}\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  CHECK(Contains(r.files["hankkeet/a/index.html"], "<li>Nuorisopalvelut (R)</li>"));
  CHECK(Contains(r.files["hankkeet/a/index.html"], "noin 5000 € (5000 €)"));
  CHECK(Contains(r.files["arvio/index.html"], "<th scope=\"col\">Osallistuva budjetointi</th>"));
  CHECK(Contains(r.files["arvio/index.html"], "<td data-label=\"Aluetoimikunnat\">Lähellä</td>"));

  auto bad = SiteWithTheme(kSiteYaml);
  bad.Add("content/b.md",
          "---\ntitle: B\nkind: project\ncost: {euros: paljon}\nstakeholders: [{nimi: X}]\n---\n");
  auto rb = Build(bad);
  CHECK_FALSE(rb.ok);
  CHECK(Contains(rb.diagnostics,
                 "content/b.md:4:15: error: 'euros' must be a whole number, not 'paljon'"));
  CHECK(Contains(rb.diagnostics,
                 "content/b.md:5:17: error: 'nimi' is not a key of an item of 'stakeholders'"));
}

TEST_CASE("project catalogue: filters as plain links by theme, year and roadmap, JSON and CSV") {
  auto fs = SiteWithTheme(kSiteYaml);
  fs.Add("content/hankkeet/_index.md", "---\ntitle: Hankkeet\n---\n");
  fs.Add("content/hankkeet/a.md",
         "---\ntitle: Aluetoiminta\nkind: project\ntheme: Foorumit\nduration: \"2020–2022\"\n"
         "links: {digital_roadmap: true}\n---\n");
  fs.Add("content/hankkeet/b.md",
         "---\ntitle: Bussit\nkind: project\ntheme: Digi\nduration: vuonna 2021\n"
         "cost: {text: noin 5 000 €, euros: 5000}\n---\n");
  fs.Add("content/hankkeet/c.md", "---\ntitle: Ilman tietoja\nkind: project\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& section = r.files["hankkeet/index.html"];
  CHECK(Contains(section, "<nav class=\"filters\" aria-labelledby=\"filters-title\">"));
  CHECK(Contains(section, "<li><a href=\"/hankkeet/teema/foorumit/\">Foorumit</a> (1)</li>"));
  CHECK(Contains(section, "<li><a href=\"/hankkeet/vuosi/2021/\">2021</a> (2)</li>"));
  CHECK(Contains(
      section,
      "<li><a href=\"/hankkeet/digitaalinen-tiekartta/\">Digitaalisessa tiekartassa</a> (1)</li>"));
  const std::string& year = r.files["hankkeet/vuosi/2021/index.html"];
  CHECK(Contains(year, "<a href=\"/hankkeet/a/\">Aluetoiminta</a>"));
  CHECK(Contains(year, "<a href=\"/hankkeet/b/\">Bussit</a>"));
  CHECK_FALSE(Contains(r.files["hankkeet/vuosi/2022/index.html"], "Bussit"));
  const std::string& csv = r.files["hankkeet/hankkeet.csv"];
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);  // header + every project, filtered or not
  CHECK(Contains(
      csv, "Bussit,https://example.fi/hankkeet/b/,Digi,vuonna 2021,2021,,noin 5 000 €,5000,"));
  CHECK(Contains(r.files["hankkeet/hankkeet.json"], "\"cost_euros\": 5000"));
}
