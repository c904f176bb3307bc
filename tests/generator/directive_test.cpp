// Directives in Markdown and the ballot directive: syntax, errors pinned with their
// positions, literal text in code, and the embedded ballot form in a built site.
#include <catch2/catch.hpp>

#include "generator/content/directive.h"
#include "generator/content/markdown.h"
#include "test_site.h"

using namespace yhdessa;
using namespace yhdessa::testing;

namespace {
bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

size_t Count(const std::string& s, const std::string& part) {
  size_t n = 0;
  for (size_t p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
  return n;
}

std::string ParseError(const std::string& line) {
  DiagnosticList d;
  auto parsed = ParseDirective(line, SourcePos{"p.md", 7, 3}, d);
  CHECK_FALSE(parsed);
  return d.Format();
}

RenderedMarkdown Render(const std::string& text, std::string* diags = nullptr) {
  DiagnosticList d;
  auto md = RenderMarkdown(
      text, "p.md", 5, MarkdownOptions{}, [](const std::string& u, bool, SourcePos) { return u; },
      d);
  if (diags) *diags = d.Format();
  return md;
}

// A round with two areas (open at the test clock 2025-01-01) and a page that embeds it.
MemoryFileSystem EmbedSite(const std::string& body) {
  auto fs = SiteWithTheme();
  fs.Add("content/omakouvola/_index.md",
         "---\ntitle: OmaKouvola 2025\nkind: pb-round\nround: omakouvola-2025\n"
         "opens: 2024-12-01T09:00:00+02:00\ncloses: 2025-01-31T23:59:00+02:00\nrule: greedy\n"
         "areas:\n  - {id: elimaki, name: Elimäki, budget: 15000}\n  - {id: kuusankoski, name: "
         "Kuusankoski, budget: 20000}\n"
         "max_choices: 3\neligibility: Kouvolassa asuvat\n---\n");
  fs.Add("content/omakouvola/frisbeegolf.md",
         "---\ntitle: Frisbeegolfrata\nkind: proposal\nround: omakouvola-2025\narea: "
         "elimaki\ncost: 9500\n---\n");
  fs.Add("content/omakouvola/penkit.md",
         "---\ntitle: Penkit\nkind: proposal\nround: omakouvola-2025\narea: elimaki\ncost: "
         "1200\n---\n");
  fs.Add("content/osallistu.md", "---\ntitle: Osallistu\n---\n" + body);
  return fs;
}
}  // namespace

TEST_CASE("directive: name and arguments, with the position of each") {
  DiagnosticList d;
  auto parsed = ParseDirective("{{< ballot  round=\"omakouvola-2026\" area=\"alue_1\" >}}  ",
                               SourcePos{"p.md", 7, 3}, d);
  REQUIRE(parsed);
  CHECK(d.Format().empty());
  CHECK(parsed->name == "ballot");
  CHECK(parsed->name_pos.col == 7);
  REQUIRE(parsed->args.size() == 2);
  CHECK(parsed->args[0].key == "round");
  CHECK(parsed->args[0].key_pos.col == 15);
  CHECK(parsed->args[0].value == "omakouvola-2026");
  CHECK(parsed->args[0].value_pos.col == 22);
  CHECK(parsed->Find("area")->value == "alue_1");
  CHECK(parsed->Find("areas") == nullptr);
  CHECK(ParseDirective("{{<ballot>}}", SourcePos{"p.md", 1, 1}, d));
  CHECK(LooksLikeDirective("{{< x >}}"));
  CHECK_FALSE(LooksLikeDirective("{{ x }}"));
}

TEST_CASE("directive: each malformed form is reported at its column") {
  CHECK(ParseError("{{< >}}") ==
        "p.md:7:7: error: malformed directive: expected a name after '{{<'\n"
        "  hint: write it as {{< ballot round=\"omakouvola-2026\" area=\"alue-1\" >}}\n");
  CHECK(Contains(ParseError("{{< ballot round=\"a\""),
                 "p.md:7:23: error: malformed directive: no closing '>}}' on this line\n"
                 "  hint: a directive is one line that ends in '>}}'; write it as"));
  CHECK(Contains(
      ParseError("{{< ballot round=a >}}"),
      "p.md:7:20: error: malformed directive: the value of 'round' must be in double quotes\n"
      "  hint: round=\"...\"\n"));
  CHECK(
      Contains(ParseError("{{< ballot round=\"a >}}"),
               "p.md:7:20: error: malformed directive: the value of 'round' has no closing '\"'"));
  CHECK(Contains(ParseError("{{< ballot round >}}"),
                 "p.md:7:19: error: malformed directive: expected '=' after 'round'"));
  CHECK(Contains(ParseError("{{< ballot Round=\"a\" >}}"),
                 "p.md:7:14: error: malformed directive: expected an argument key=\"value\" or "
                 "'>}}', not 'R'"));
  CHECK(Contains(ParseError("{{< ballot round=\"a\"area=\"b\" >}}"),
                 "p.md:7:23: error: malformed directive: expected a space before 'a'"));
  CHECK(Contains(ParseError("{{< ballot round=\"a\" round=\"b\" >}}"),
                 "p.md:7:24: error: malformed directive: 'round' is given twice\n  hint: give each "
                 "argument once\n"));
  CHECK(Contains(ParseError("{{< ballot round=\"a\" >}} äänestä"),
                 "p.md:7:27: error: malformed directive: text after the closing '>}}'\n"
                 "  hint: a directive is a paragraph of its own"));
}

TEST_CASE(
    "directive: a paragraph of its own becomes a place in the HTML, in code it stays literal "
    "text") {
  std::string diags;
  auto md = Render("Ennen.\n\n{{< ballot round=\"r\" area=\"a\" >}}\n\nJälkeen.\n", &diags);
  CHECK(diags.empty());
  REQUIRE(md.directives.size() == 1);
  CHECK(md.directives[0].pos.line == 7);  // the body starts on line 5
  CHECK(md.directives[0].pos.col == 1);
  CHECK(md.html == "<p>Ennen.</p>\n<p>Jälkeen.</p>\n");
  CHECK(md.html.substr(md.directives[0].html_offset) == "<p>Jälkeen.</p>\n");
  CHECK(md.first_paragraph == "Ennen.");
  CHECK(md.word_count == 2);

  auto in_list = Render("- {{< ballot round=\"r\" area=\"a\" >}}\n");
  REQUIRE(in_list.directives.size() == 1);
  CHECK(in_list.directives[0].pos.col == 3);

  auto code = Render(
      "```\n{{< ballot round=\"r\" area=\"a\" >}}\n```\n\n`{{< ballot >}}` on esimerkki.\n\n"
      "    {{< ballot >}}\n\n\\{{< ballot >}}\n\nTeksti {{< ballot >}}\n",
      &diags);
  CHECK(code.directives.empty());
  CHECK(diags.empty());
  CHECK(Contains(
      code.html,
      "<pre><code>{{&lt; ballot round=&quot;r&quot; area=&quot;a&quot; &gt;}}\n</code></pre>"));
  CHECK(Contains(code.html, "<code>{{&lt; ballot &gt;}}</code> on esimerkki."));
  CHECK(Contains(code.html, "<p>{{&lt; ballot &gt;}}</p>"));  // escaped with a backslash
  CHECK(Contains(code.html, "<p>Teksti {{&lt; ballot &gt;}}</p>"));

  auto bad = Render("Teksti.\n\n{{< ballot round=\"r\"\n", &diags);
  CHECK(bad.directives.empty());
  CHECK(Contains(diags, "p.md:7:21: error: malformed directive: no closing '>}}' on this line"));
}

TEST_CASE("directive: an embedded ballot is the round page's form for one area, with ballot.js") {
  auto r = Build(EmbedSite(
      "Äänestä tästä.\n\n{{< ballot round=\"omakouvola-2025\" area=\"elimaki\" >}}\n\nLopuksi.\n"));
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& html = r.files["osallistu/index.html"];
  CHECK(Contains(
      html,
      "<p>Äänestä tästä.</p>\n<section class=\"ballot-embed\" aria-labelledby=\"ballot-elimaki\">\n"
      "<h2 id=\"ballot-elimaki\">OmaKouvola 2025: Elimäki</h2>"));
  CHECK(Contains(
      html,
      "<form class=\"ballot\" method=\"post\" action=\"/api/rounds/omakouvola-2025/ballots\""));
  CHECK(Contains(html, "<input type=\"hidden\" name=\"area\" value=\"elimaki\">"));
  CHECK(
      Contains(html, "<legend>Valitse ehdotukset: Elimäki (Budjetti 15\u00A0000\u00A0€)</legend>"));
  CHECK(Contains(html,
                 "<input type=\"checkbox\" id=\"p-elimaki-frisbeegolf\" name=\"proposal\" "
                 "value=\"frisbeegolf\" data-cost=\"9500\">"));
  CHECK(Contains(html, "value=\"penkit\""));
  CHECK(Contains(html, "<input type=\"text\" id=\"code-elimaki\" name=\"code\""));
  CHECK(Contains(html, "<time datetime=\"2025-01-31T23:59:00+02:00\">31.1.2025 klo 23.59</time>"));
  CHECK(Contains(html,
                 "<a href=\"/omakouvola/\">Lue lisää äänestyksestä ja kaikista ehdotuksista</a>"));
  CHECK(Count(html, "<script src=\"/assets/js/ballot.") == 1);
  CHECK(Count(html, "<form") == 1);
  CHECK_FALSE(Contains(html, "kuusankoski"));
  CHECK(Contains(html, "</section>\n<script src=\"/assets/js/ballot."));
  CHECK(Contains(html, "<p>Lopuksi.</p>"));
  // The round page itself is unchanged by the partials it now shares.
  CHECK(Count(r.files["omakouvola/index.html"], "<form class=\"ballot\"") == 1);
}

TEST_CASE(
    "directive: two areas on one page, headings below the section they are in, ballot.js once") {
  auto r = Build(EmbedSite(
      "## Äänestä\n\n### Alueet\n\n{{< ballot round=\"omakouvola-2025\" area=\"elimaki\" >}}\n\n"
      "{{< ballot round=\"omakouvola-2025\" area=\"kuusankoski\" >}}\n"));
  INFO(r.diagnostics);
  REQUIRE(r.ok);
  const std::string& html = r.files["osallistu/index.html"];
  CHECK(Contains(html, "<h4 id=\"ballot-elimaki\">OmaKouvola 2025: Elimäki</h4>"));
  CHECK(Contains(html, "<h4 id=\"ballot-kuusankoski\">OmaKouvola 2025: Kuusankoski</h4>"));
  CHECK(Count(html, "<script src=\"/assets/js/ballot.") == 1);
  CHECK(Count(html, "<form") == 1);  // Kuusankoski has no proposals: no form
}

TEST_CASE("directive: a link to an embedded ballot's heading resolves, a wrong area's does not") {
  auto fs = EmbedSite("{{< ballot round=\"omakouvola-2025\" area=\"elimaki\" >}}\n");
  fs.Add("content/linkki.md",
         "---\ntitle: Linkki\n---\n[Äänestä](osallistu.md#ballot-elimaki) tai "
         "[ei](osallistu.md#ballot-kuusankoski).\n");
  auto r = Build(fs);
  INFO(r.diagnostics);
  CHECK(Contains(r.diagnostics, "link to '#ballot-kuusankoski'"));
  CHECK_FALSE(Contains(r.diagnostics, "link to '#ballot-elimaki'"));
}

TEST_CASE("directive: a round that is not open says so, with its dates, and has no form") {
  auto r = Build(EmbedSite("{{< ballot round=\"omakouvola-2025\" area=\"elimaki\" >}}\n"),
                 BuildFilter{false, false, false, 1800000000});
  REQUIRE(r.ok);
  const std::string& html = r.files["osallistu/index.html"];
  CHECK(Contains(
      html, "Äänestys on päättynyt. Se päättyi <time datetime=\"2025-01-31T23:59:00+02:00\">"));
  CHECK_FALSE(Contains(html, "<form"));
}

TEST_CASE(
    "directive: unknown round, unknown area, missing argument, unknown name, each at its place") {
  auto r =
      Build(EmbedSite("{{< ballot round=\"omakouvola-2052\" area=\"elimaki\" >}}\n\n"
                      "{{< ballot round=\"omakouvola-2025\" area=\"elimäki\" >}}\n\n"
                      "{{< ballot round=\"omakouvola-2025\" >}}\n\n"
                      "{{< balot round=\"omakouvola-2025\" area=\"elimaki\" >}}\n\n"
                      "{{< ballot round=\"omakouvola-2025\" aera=\"elimaki\" >}}\n\n"
                      "{{< ballot area=\"elimaki\" >}}\n\n"
                      "{{< ballot round=\"omakouvola-2025\" area=\"kuusankoski\" >}}\n\n"
                      "{{< ballot round=\"omakouvola-2025\" area=\"kuusankoski\" >}}\n"));
  CHECK_FALSE(r.ok);
  const std::string& d = r.diagnostics;
  CHECK(Contains(d,
                 "content/osallistu.md:4:19: error: unknown round 'omakouvola-2052'\n"
                 "  {{< ballot round=\"omakouvola-2052\" area=\"elimaki\" >}}\n"
                 "                    ^\n"
                 "  hint: did you mean 'omakouvola-2025'?\n"));
  CHECK(Contains(
      d, "content/osallistu.md:6:42: error: round 'omakouvola-2025' has no area 'elimäki'\n"));
  CHECK(Contains(d, "hint: did you mean 'elimaki'?\n"));
  CHECK(Contains(d, "content/osallistu.md:8:1: error: the ballot directive needs 'area'\n"));
  CHECK(Contains(
      d, "hint: add area=\"<id>\"; the areas of 'omakouvola-2025' are: elimaki, kuusankoski\n"));
  CHECK(Contains(d, "content/osallistu.md:10:5: error: unknown directive 'balot'\n"));
  CHECK(Contains(d, "hint: did you mean 'ballot'?\n"));
  CHECK(Contains(
      d, "content/osallistu.md:12:36: error: unknown argument 'aera' of the ballot directive\n"));
  CHECK(Contains(d, "hint: did you mean 'area'?\n"));
  CHECK(Contains(d, "content/osallistu.md:14:1: error: the ballot directive needs 'round'\n"));
  CHECK(Contains(d, "hint: add round=\"<id>\"; rounds are: omakouvola-2025\n"));
  CHECK(Contains(d,
                 "content/osallistu.md:18:1: error: the ballot of area 'kuusankoski' is already on "
                 "this page, on line 16\n"));
  CHECK_FALSE(Contains(d, ":16:1: error"));
}

TEST_CASE("directive: a malformed directive in a page fails the build with file:line:col") {
  auto r = Build(EmbedSite("Teksti.\n\n{{< ballot round='omakouvola-2025' >}}\n"));
  CHECK_FALSE(r.ok);
  CHECK(Contains(r.diagnostics,
                 "content/osallistu.md:6:18: error: malformed directive: the value of 'round' must "
                 "be in double quotes\n"));
}
