// Results of a closed round on the site: the results and receipts pages from
// data/results/<round-id>/, the MES explanation sentence, and errors for bad results data.
#include "generator/render/results_view.h"

#include <catch2/catch.hpp>

#include "test_site.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

constexpr int64_t kAfterClose = 1800000000;

// The hand-worked example of the voting-server tests (round_results_test.cpp): greedy
// takes x and y, MES takes x and z; y's 5 supporters had nothing left of its 30 €.
MemoryFileSystem ResultsSite(const std::string& area_json = "", const std::string& receipts = "") {
  auto fs = SiteWithTheme();
  fs.Add("content/pilotti/_index.md",
         "---\ntitle: Pilotti 2025\nkind: pb-round\nround: pilotti-2025\n"
         "opens: 2025-09-01T09:00:00+03:00\ncloses: 2025-09-30T23:59:00+03:00\nrule: greedy\n"
         "areas:\n  - {id: keskusta, name: Keskusta, budget: 100}\n"
         "min_choices: 1\nknapsack: true\nvoter_areas: one\n---\nTulokset ovat valmiit.\n");
  fs.Add("content/pilotti/x.md",
         "---\ntitle: Iso puisto\nkind: proposal\nround: pilotti-2025\narea: keskusta\ncost: "
         "60\n---\n");
  fs.Add(
      "content/pilotti/y.md",
      "---\ntitle: Penkit\nkind: proposal\nround: pilotti-2025\narea: keskusta\ncost: 30\n---\n");
  fs.Add("content/pilotti/z.md",
         "---\ntitle: Valot\nkind: proposal\nround: pilotti-2025\narea: keskusta\ncost: 40\n---\n");
  fs.Add("data/results/pilotti-2025/keskusta.json", area_json.empty() ? R"({
  "format": 1,
  "round": {"id": "pilotti-2025", "title": "Pilotti 2025"},
  "area": {"id": "keskusta", "name": "Keskusta"},
  "currency": "EUR",
  "budget_cents": 10000,
  "ballots": 10,
  "declared_rule": "greedy",
  "results": [
    {"rule": "greedy", "declared": true, "selected": ["x", "y"], "total_cost_cents": 9000,
     "budget_used_percent": 90, "voters_with_a_selected_choice": 6,
     "voters_with_a_selected_choice_percent": 60,
     "proposals": [
       {"id": "x", "name": "Iso puisto", "url": "", "cost_cents": 6000, "votes": 6, "selected": true, "selection_order": 1},
       {"id": "y", "name": "Penkit", "url": "", "cost_cents": 3000, "votes": 5, "selected": true, "selection_order": 2},
       {"id": "z", "name": "Valot", "url": "", "cost_cents": 4000, "votes": 4, "selected": false, "selection_order": 0}],
     "ties": []},
    {"rule": "mes", "declared": false, "selected": ["x", "z"], "total_cost_cents": 10000,
     "budget_used_percent": 100, "voters_with_a_selected_choice": 10,
     "voters_with_a_selected_choice_percent": 100,
     "proposals": [
       {"id": "x", "name": "Iso puisto", "url": "", "cost_cents": 6000, "votes": 6, "selected": true, "selection_order": 1,
        "mes": {"supporters": 6, "selected_by": "equal shares", "max_payment_per_supporter_cents": 1000}},
       {"id": "y", "name": "Penkit", "url": "", "cost_cents": 3000, "votes": 5, "selected": false, "selection_order": 0,
        "mes": {"supporters": 5, "money_left_cents": 0}},
       {"id": "z", "name": "Valot", "url": "", "cost_cents": 4000, "votes": 4, "selected": true, "selection_order": 2,
        "mes": {"supporters": 4, "selected_by": "equal shares", "max_payment_per_supporter_cents": 1000}}],
     "ties": []}
  ]
}
)"
                                                                      : area_json);
  fs.Add("data/results/pilotti-2025/keskusta.csv", "proposal_id,name,cost_eur,votes\n");
  fs.Add("data/results/pilotti-2025/keskusta.pb", "META\nkey;value\n");
  fs.Add(
      "data/results/pilotti-2025/receipts.json",
      receipts.empty()
          ? R"({"format": 1, "round": "pilotti-2025", "ballots": 3, "receipts": ["AAAA-2222", "BBBB-3333", "CCCC-4444"]})"
          : receipts);
  return fs;
}

BuildResult BuildAfterClose(const MemoryFileSystem& fs) {
  return Build(fs, BuildFilter{false, false, false, kAfterClose});
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

std::string DefaultJson() {
  return ResultsSite().ReadFile("data/results/pilotti-2025/keskusta.json").value();
}

}  // namespace

TEST_CASE(
    "results: the results page shows the selection, greedy and MES side by side, and the open "
    "data") {
  auto r = BuildAfterClose(ResultsSite());
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  REQUIRE(r.files.count("pilotti/tulokset/index.html"));
  const std::string& html = r.files["pilotti/tulokset/index.html"];
  CHECK(Contains(html, "<h1>Tulokset: Pilotti 2025</h1>"));
  // Selected by the declared rule, in order, with votes and cost.
  CHECK(
      Contains(html, "<caption>Valitut ehdotukset valintajärjestyksessä (Eniten ääniä)</caption>"));
  CHECK(Contains(html,
                 "<th scope=\"row\" lang=\"fi\"><a href=\"/pilotti/x/\">Iso puisto</a></th><td "
                 "data-label=\"Äänet\">6</td>"
                 "<td data-label=\"Kustannusarvio\">60\u00A0€</td>"));
  // The comparison table with the simple figures.
  CHECK(Contains(
      html,
      "<th scope=\"row\">Eniten ääniä (käytetty sääntö)</th><td data-label=\"Valittuja "
      "ehdotuksia\">2</td>"
      "<td data-label=\"Budjetista käytetty\">90\u00A0€ (90 %)</td>"
      "<td data-label=\"Äänestäjiä, joiden ehdotuksista ainakin yksi valittiin\">6 (60 %)</td>"));
  CHECK(Contains(
      html,
      "<th scope=\"row\">Tasaosuusmenetelmä</th><td data-label=\"Valittuja ehdotuksia\">2</td>"
      "<td data-label=\"Budjetista käytetty\">100\u00A0€ (100 %)</td>"));
  // Outcome in words (and a symbol hidden from screen readers), never colour alone.
  CHECK(Contains(html,
                 "<td data-label=\"Tasaosuusmenetelmä\" class=\"outcome-not-selected\"><span "
                 "aria-hidden=\"true\">– </span>Ei valittu</td>"));
  // The MES sentences.
  CHECK(Contains(html,
                 "Tasaosuusmenetelmä: ei valittu, sen 5 kannattajalla oli jäljellä 0\u00A0€ sen "
                 "30\u00A0€:n hinnasta."));
  CHECK(Contains(
      html, "Tasaosuusmenetelmä: valittu, sen 6 kannattajaa maksoivat kukin enintään 10\u00A0€."));
  // Open data, copied next to the page.
  CHECK(Contains(html, "<a href=\"/pilotti/tulokset/keskusta.json\">Tulokset (JSON)</a>"));
  CHECK(Contains(html, "<a href=\"/pilotti/tulokset/keskusta.csv\">"));
  CHECK(Contains(html, "<a href=\"/pilotti/tulokset/keskusta.pb\">"));
  CHECK(r.files.count("pilotti/tulokset/keskusta.json"));
  CHECK(r.files.count("pilotti/tulokset/keskusta.pb"));
  CHECK(r.files.count("pilotti/tulokset/receipts.json"));
  // Tables are captioned and their headers scoped.
  CHECK(Contains(html, "<th scope=\"col\">Ehdotus</th>"));
  // The round page links to the results and summarises them.
  const std::string& round = r.files["pilotti/index.html"];
  CHECK(Contains(round, "<a href=\"/pilotti/tulokset/\">Katso tulokset ja niiden perustelut</a>"));
  CHECK(Contains(round, "<li>Iso puisto – 60\u00A0€</li>"));
}

TEST_CASE("results: the receipts page lists every counted receipt, sorted") {
  auto r = BuildAfterClose(ResultsSite());
  REQUIRE(r.ok);
  const std::string& html = r.files["pilotti/tulokset/kuitit/index.html"];
  CHECK(Contains(html,
                 "<li><code>AAAA-2222</code></li><li><code>BBBB-3333</code></"
                 "li><li><code>CCCC-4444</code></li>"));
  CHECK(Contains(html, "Laskettuja ääniä: <strong>3</strong>"));
}

TEST_CASE("results: without a results folder the round page has no results") {
  auto fs = ResultsSite();
  auto plain = SiteWithTheme();
  for (const auto& f : fs.ListFiles("content")) plain.Add(f, fs.ReadFile(f).value());
  auto r = BuildAfterClose(plain);
  REQUIRE(r.ok);
  CHECK_FALSE(r.files.count("pilotti/tulokset/index.html"));
  CHECK_FALSE(Contains(r.files["pilotti/index.html"], "tulokset"));
}

TEST_CASE("results: bad results data is reported at its position") {
  SECTION("another round's file") {
    auto r = BuildAfterClose(
        ResultsSite(Replace(DefaultJson(), R"("id": "pilotti-2025")", R"("id": "muu-2025")")));
    CHECK_FALSE(r.ok);
    INFO(r.diagnostics);
    CHECK(Contains(
        r.diagnostics,
        "data/results/pilotti-2025/keskusta.json:3:19: error: results: 'id' is 'muu-2025', "
        "expected 'pilotti-2025'"));
  }
  SECTION("a proposal the round does not have") {
    auto r = BuildAfterClose(ResultsSite(Replace(DefaultJson(), R"({"id": "z")", R"({"id": "w")")));
    CHECK_FALSE(r.ok);
    INFO(r.diagnostics);
    CHECK(Contains(
        r.diagnostics,
        "data/results/pilotti-2025/keskusta.json:16:15: error: results: proposal 'w' is not in "
        "area 'keskusta' of the round"));
  }
  SECTION("a cost that differs from the round") {
    auto r = BuildAfterClose(
        ResultsSite(Replace(DefaultJson(), R"("cost_cents": 6000)", R"("cost_cents": 6500)")));
    CHECK_FALSE(r.ok);
    INFO(r.diagnostics);
    CHECK(Contains(r.diagnostics,
                   "keskusta.json:14:67: error: results: proposal 'x' costs 6500 cents here but 60 "
                   "euros in the round"));
  }
  SECTION("a missing key") {
    auto r = BuildAfterClose(ResultsSite(Replace(DefaultJson(), R"("ballots": 10,)", "")));
    CHECK_FALSE(r.ok);
    INFO(r.diagnostics);
    CHECK(
        Contains(r.diagnostics,
                 "data/results/pilotti-2025/keskusta.json:1:1: error: results: missing 'ballots'"));
  }
  SECTION("not a number") {
    auto r = BuildAfterClose(
        ResultsSite(Replace(DefaultJson(), R"("votes": 6,)", R"("votes": "kuusi",)")));
    CHECK_FALSE(r.ok);
    INFO(r.diagnostics);
    CHECK(Contains(r.diagnostics, "keskusta.json:14:82: error: 'votes' must be a whole"));
  }
  SECTION("broken JSON") {
    auto r = BuildAfterClose(ResultsSite("{\"format\": 1,\n  \"round\": [\n"));
    CHECK_FALSE(r.ok);
    INFO(r.diagnostics);
    CHECK(Contains(r.diagnostics, "data/results/pilotti-2025/keskusta.json:"));
  }
  SECTION("receipts out of order") {
    auto r = BuildAfterClose(ResultsSite(
        "",
        R"({"format": 1, "round": "pilotti-2025", "ballots": 2, "receipts": ["BBBB", "AAAA"]})"));
    CHECK_FALSE(r.ok);
    INFO(r.diagnostics);
    CHECK(Contains(r.diagnostics, "receipts.json:1:66: error: results: receipts must be sorted"));
  }
  SECTION("a folder for a round the site does not have") {
    auto fs = ResultsSite();
    fs.Add("data/results/tuntematon/a.json", "{}");
    auto r = BuildAfterClose(fs);
    CHECK_FALSE(r.ok);
    INFO(r.diagnostics);
    CHECK(Contains(r.diagnostics, "results for round 'tuntematon', which the site does not have"));
  }
}

TEST_CASE("results: the MES explanation sentence and amounts in each language") {
  const std::map<std::string, std::string> strings = {
      {"fi/mes_not_selected",
       "Ei valittu: sen {supporters} kannattajalla oli jäljellä {left} sen {cost}:n hinnasta."},
      {"en/mes_not_selected",
       "Not selected: its {supporters} supporters had {left} left of the {cost} it costs."},
      {"sv/mes_selected",
       "Vald: var och en av dess {supporters} anhängare betalade högst {price}."},
      {"en/mes_no_supporters", "Not selected: nobody voted for it."},
  };
  UiString str = [&](const std::string& lang, const std::string& key) {
    return strings.at(lang + "/" + key);
  };
  ProposalOutcome p;
  p.has_mes = true;
  p.supporters = 212;
  p.money_left_cents = 315000;
  p.cost_cents = 980000;
  CHECK(MesExplanationSentence(p, "fi", str) ==
        "Ei valittu: sen 212 kannattajalla oli jäljellä 3\u00A0150\u00A0€ sen 9\u00A0800\u00A0€:n "
        "hinnasta.");
  CHECK(MesExplanationSentence(p, "en", str) ==
        "Not selected: its 212 supporters had €3,150 left of the €9,800 it costs.");
  p.supporters = 0;
  CHECK(MesExplanationSentence(p, "en", str) == "Not selected: nobody voted for it.");
  p.selected = true;
  p.selected_by = "equal shares";
  p.supporters = 1500;
  p.max_payment_cents = 1333;
  CHECK(MesExplanationSentence(p, "sv", str) ==
        "Vald: var och en av dess 1\u00A0500 anhängare betalade högst 13,33\u00A0€.");
  p.has_mes = false;
  CHECK(MesExplanationSentence(p, "sv", str).empty());
  CHECK(FormatEuroCents(315050, "fi") == "3\u00A0150,50\u00A0€");
  CHECK(FormatEuroCents(315005, "en") == "€3,150.05");
  CHECK(FormatEuroCents(0, "sv") == "0\u00A0€");
}
