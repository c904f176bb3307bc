// `yhdessa check`: readability formulas against hand-computed examples, and each rule
// with a fixture that trips it.
#include <catch2/catch.hpp>

#include "generator/check/readability.h"
#include "generator/check/site_check.h"
#include "test_site.h"

using namespace yhdessa;
using namespace yhdessa::testing;
using Catch::Detail::Approx;

namespace {
ReadabilityReport Of(const std::string& text, const std::string& lang) {
  return Analyse(PlainTextLines(text, 1), lang);
}

CheckReport Check(const MemoryFileSystem& fs) {
  MemoryOutput out;
  DiagnosticList diags;
  BuildOptions options;
  options.filter.now = 1735689600;
  options.keep_sources = true;
  Site site;
  BuildSite(fs, out, options, diags, &site);
  CheckReport report;
  AddBuildFindings(diags, report);
  CheckSite(site, out.files, report);
  return report;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("readability: Finnish syllables take long vowels and diphthongs as one") {
  CHECK(CountSyllables("talo", "fi") == 2);
  CHECK(CountSyllables("kaupunki", "fi") == 3);
  CHECK(CountSyllables("osallisuus", "fi") == 4);
  CHECK(CountSyllables("Tehdään", "fi") == 2);
  CHECK(CountSyllables("ideaa", "fi") == 3);    // i-de-aa: e+a is no diphthong
  CHECK(CountSyllables("juoksee", "fi") == 2);  // uo is a diphthong in the first syllable
  CHECK(CountSyllables("hyvinvointisuunnitelma", "fi") == 8);
  CHECK(CountSyllables("Kaupunginvaltuusto", "fi") == 6);
}

TEST_CASE("readability: English syllables") {
  CHECK(CountSyllables("cat", "en") == 1);
  CHECK(CountSyllables("make", "en") == 1);
  CHECK(CountSyllables("table", "en") == 2);
  CHECK(CountSyllables("participation", "en") == 5);
}

TEST_CASE("readability: Wiio for Finnish, hand-computed") {
  // 6 words, 2 of 4+ syllables (Kaupunginvaltuusto 6, suunnitelman 4): 2.7 + 0.3 × 33.3 = 12.7
  auto r = Of("Kissa istuu talossa. Kaupunginvaltuusto hyväksyi suunnitelman.\n", "fi");
  CHECK(r.formula == "Wiio");
  CHECK(r.sentences == 2);
  CHECK(r.words == 6);
  CHECK(r.average_sentence_words == Approx(3.0));
  CHECK(r.long_word_share == Approx(1.0 / 3));
  CHECK(r.score == Approx(12.7));
}

TEST_CASE("readability: LIX for Swedish, hand-computed") {
  // 7 words, 2 sentences, 2 words over six letters: 3.5 + 100 × 2/7 = 32.07
  auto r = Of("Katten sitter i huset. Kommunfullmäktige godkände planen.\n", "sv");
  CHECK(r.formula == "LIX");
  CHECK(r.words == 7);
  CHECK(r.score == Approx(32.071).epsilon(0.001));
}

TEST_CASE("readability: Flesch Reading Ease for English, hand-computed") {
  // 8 words, 13 syllables, 2 sentences: 206.835 − 1.015 × 4 − 84.6 × 1.625 = 65.3
  auto r = Of("The cat sat on the mat. Participation matters.\n", "en");
  CHECK(r.formula == "Flesch Reading Ease");
  CHECK(r.score == Approx(65.3).epsilon(0.001));
}

TEST_CASE(
    "readability: Markdown is stripped, headings and list items end sentences, lines are kept") {
  auto lines =
      PlainTextLines("## Otsikko\n\nLue [suunnitelma](a.md) **nyt**\n- yksi\n- kaksi\n", 5);
  auto r = Analyse(lines, "fi");
  REQUIRE(r.sentences == 4);
  CHECK(r.sentence_list[1].text == "Lue suunnitelma nyt");
  CHECK(r.sentence_list[1].line == 7);
  CHECK(r.sentence_list[3].line == 9);
}

TEST_CASE("check: heading order, second h1") {
  auto fs = SiteWithTheme();
  fs.Add("content/a.md", "---\ntitle: A\n---\n## Hyvä\n#### Hyppy\n# Toinen h1\n");
  auto r = Check(fs);
  std::string text = FormatFindingsText(r);
  CHECK(Contains(text, "content/a.md:5: headings: heading 'Hyppy' skips from h2 to h4; use h3\n"));
  CHECK(Contains(text,
                 "content/a.md:6: headings: a second h1 'Toinen h1': the title is the page's h1; "
                 "start body headings with ##\n"));
  CHECK(Contains(text, "content/a.md: headings: the page has 2 h1 elements, not one\n"));
  CHECK(r.has_errors());
}

TEST_CASE("check: build errors are findings with their rule") {
  auto fs = SiteWithTheme();
  fs.Add("content/a.md", "---\ntitle: A\n---\n[x](puuttuu.md)\n");
  auto r = Check(fs);
  CHECK(
      Contains(FormatFindingsText(r),
               "content/a.md:4: links: link to 'puuttuu.md': there is no page content/puuttuu.md"));
}

TEST_CASE(
    "check: plain-language pages must meet the limits and name the longest sentences and words") {
  auto fs = SiteWithTheme(
      "title: T\nbase_url: https://example.fi/\nreadability:\n  fi: {max_score: 8, "
      "max_average_sentence_words: 4, max_sentence_words: 6}\n");
  fs.Add("content/selko.md",
         "---\ntitle: Selkosivu\nplain_language: true\n---\nTämä on lyhyt.\n\n"
         "Kaupunginvaltuusto hyväksyi osallisuussuunnitelman kokouksessaan marraskuussa vuonna "
         "kaksituhattakaksikymmentäyksi.\n");
  fs.Add("content/ok.md",
         "---\ntitle: Selko\nplain_language: true\n---\nTule mukaan. Me teemme tämän yhdessä.\n");
  auto r = Check(fs);
  std::string text = FormatFindingsText(r);
  CHECK(Contains(text,
                 "content/selko.md:5: plain-language: plain-language page: Wiio 17.7 is above the "
                 "limit 8.0\n"));
  CHECK(Contains(text,
                 "content/selko.md:5: plain-language: plain-language page: sentences average 5.0 "
                 "words, limit 4.0\n"));
  CHECK(Contains(
      text,
      "content/selko.md:7: plain-language: long sentence (7 words): Kaupunginvaltuusto hyväksyi"));
  CHECK(Contains(text,
                 "content/selko.md:7: plain-language: sentence of 7 words, limit 6: "
                 "Kaupunginvaltuusto hyväksyi"));
  CHECK(Contains(
      text,
      "content/selko.md:7: plain-language: long word (29 letters): kaksituhattakaksikymmentäyksi"));
  CHECK_FALSE(Contains(text, "content/ok.md:5: plain-language"));
}

TEST_CASE("check: translations missing, unrecorded and out of date") {
  auto fs = SiteWithTheme(
      "title: T\nbase_url: https://example.fi/\nlanguages: {fi: {name: Suomeksi}, sv: {name: "
      "Svenska}}\n");
  fs.Add("content/a.md", "---\ntitle: A\n---\nTeksti.\n");
  fs.Add("content/b.md", "---\ntitle: B\n---\nTeksti.\n");
  fs.Add("content/b.sv.md", "---\ntitle: B\ntranslation_of: 000000000000\n---\nText.\n");
  auto r = Check(fs);
  std::string text = FormatFindingsText(r);
  CHECK(Contains(text, "content/a.md: translations: warning: no Swedish translation\n"));
  CHECK(Contains(text,
                 "content/b.sv.md: translations: warning: the source content/b.md has changed "
                 "since this translation "
                 "was made; update it and set 'translation_of: "));
  CHECK_FALSE(r.has_errors());
}

namespace {
// The hash the translations rule asks `file` to record, or "" when it asks nothing.
std::string AskedHash(const MemoryFileSystem& fs, const std::string& file) {
  std::string text = FormatFindingsText(Check(fs));
  size_t at = text.find(file + ": translations: warning:");
  if (at == std::string::npos) return "";
  size_t h = text.find("'translation_of: ", at);
  return h == std::string::npos ? "" : text.substr(h + 17, 12);
}
}  // namespace

TEST_CASE(
    "check: a translation is out of date when the source's description or summary changes, not "
    "only its body") {
  auto fs = SiteWithTheme(
      "title: T\nbase_url: https://example.fi/\nlanguages: {fi: {name: Suomeksi}, sv: {name: "
      "Svenska}}\n");
  auto source = [&](const std::string& description, const std::string& summary) {
    fs.Add("content/b.md", "---\ntitle: B\ndescription: " + description + "\nsummary: " + summary +
                               "\n---\nTeksti.\n");
  };
  source("Kuvaus.", "Tiivistelmä.");
  fs.Add("content/b.sv.md", "---\ntitle: B\n---\nText.\n");
  std::string hash = AskedHash(fs, "content/b.sv.md");
  REQUIRE(hash.size() == 12);
  fs.Add("content/b.sv.md", "---\ntitle: B\ntranslation_of: " + hash + "\n---\nText.\n");
  CHECK(AskedHash(fs, "content/b.sv.md").empty());  // up to date
  source("Uusi kuvaus.", "Tiivistelmä.");
  CHECK(AskedHash(fs, "content/b.sv.md").size() == 12);
  CHECK(AskedHash(fs, "content/b.sv.md") != hash);
  source("Kuvaus.", "Uusi tiivistelmä.");
  CHECK(AskedHash(fs, "content/b.sv.md").size() == 12);
  source("Kuvaus.", "Tiivistelmä.");
  CHECK(AskedHash(fs, "content/b.sv.md").empty());
  // A page with neither keeps the hash of its title and body (recorded hashes stay valid):
  // FNV-1a 64 of "B\nTeksti.\n", low 48 bits.
  fs.Add("content/b.md", "---\ntitle: B\n---\nTeksti.\n");
  CHECK(AskedHash(fs, "content/b.sv.md") == "b9db83fbc9b1");
}

namespace {
const char* kStatement =
    "organisation: {fi: Kouvolan kaupunki, sv: Kouvola stad}\ncompliance: partial\n"
    "non_accessible:\n  - {content: {fi: Kaaviot, sv: Diagrammen}, reason: {fi: Korjataan, sv: "
    "Rättas}}\n"
    "prepared: 2023-01-10\nreviewed: 2023-06-01\nassessment: self\n"
    "feedback: {email: saavutettavuus@kouvola.fi, response_time_days: 14}\n"
    "authority: {name: {fi: Valvonta, sv: Tillsyn}, url: "
    "https://www.saavutettavuusvaatimukset.fi/}\n";
}  // namespace

TEST_CASE("accessibility statement: one page per language, linked from every page's footer") {
  auto fs = SiteWithTheme(
      "title: T\nbase_url: https://example.fi/\nlanguages: {fi: {name: Suomeksi}, sv: {name: "
      "Svenska}}\n"
      "accessibility_statement: data/seloste.yaml\n");
  fs.Add("data/seloste.yaml", kStatement);
  fs.Add("content/a.md", "---\ntitle: A\n---\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& fi = r.files["saavutettavuusseloste/index.html"];
  CHECK(Contains(fi, "<h1>Saavutettavuusseloste</h1>"));
  CHECK(Contains(fi, "Verkkopalvelu täyttää osittain"));
  CHECK(Contains(fi, "<li><p>Kaaviot</p><p><strong>Syy:</strong> Korjataan</p></li>"));
  CHECK(Contains(fi, "<time datetime=\"2023-06-01\">1.6.2023</time>"));
  CHECK(Contains(fi, "<a href=\"mailto:saavutettavuus@kouvola.fi\">"));
  const std::string& sv = r.files["sv/tillganglighetsutlatande/index.html"];
  CHECK(Contains(sv, "<h1>Tillgänglighetsutlåtande</h1>"));
  CHECK(Contains(sv, "<li><p>Diagrammen</p>"));
  CHECK(Contains(r.files["a/index.html"],
                 "<a href=\"/saavutettavuusseloste/\">Saavutettavuusseloste</a>"));
}

TEST_CASE(
    "accessibility statement: check warns when the last review is over a year old, schema errors") {
  auto fs = SiteWithTheme(
      "title: T\nbase_url: https://example.fi/\naccessibility_statement: data/seloste.yaml\n");
  fs.Add("data/seloste.yaml", kStatement);
  auto r = Check(fs);
  CHECK(Contains(FormatFindingsText(r),
                 "data/seloste.yaml: accessibility-statement: warning: last reviewed 2023-06-01, "
                 "580 days ago; review it and update 'reviewed' (at least once a year)"));
  fs.Add("data/seloste.yaml",
         "organisation: K\ncompliance: osittain\nprepared: 2023-01-10\nreviewed: 2023-01-10\n"
         "assessment: self\nfeedback: {email: a@b.fi}\nauthority: {name: V, url: https://x.fi/}\n");
  auto bad = Build(fs);
  CHECK(Contains(bad.diagnostics,
                 "data/seloste.yaml:2:13: error: 'compliance' must be full, partial or none"));
}

TEST_CASE("readability: a Markdown hard line break after a full stop ends the sentence") {
  auto r = Of("Tämä on yksi.\\\nTämä on toinen.  \nKolmas.\n", "fi");
  CHECK(r.sentences == 3);
}
