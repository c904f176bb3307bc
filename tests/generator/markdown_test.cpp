#include "generator/content/markdown.h"

#include <catch2/catch.hpp>

using namespace yhdessa;

namespace {
struct Rendered {
  RenderedMarkdown md;
  std::string diags;
  std::vector<std::string> links;
};
Rendered Render(const std::string& text, bool unsafe = false, bool count_words = true) {
  MarkdownOptions o;
  o.unsafe_html = unsafe;
  o.count_words = count_words;
  o.anchor_label = "Linkki tähän kohtaan";
  DiagnosticList d;
  Rendered r;
  r.md = RenderMarkdown(
      text, "p.md", 5, o,
      [&](const std::string& url, bool, SourcePos) {
        r.links.push_back(url);
        return url == "a.md" ? std::string("/a/") : url;
      },
      d);
  r.diags = d.Format();
  return r;
}
bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("markdown: GFM tables, strikethrough, autolinks, task lists") {
  auto r = Render(
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~pois~~ https://kouvola.fi\n\n- [x] tehty\n- [ ] "
      "kesken\n");
  CHECK(Contains(r.md.html, "<th scope=\"col\">a</th>"));
  CHECK(Contains(r.md.html, "<del>pois</del>"));
  CHECK(Contains(r.md.html, "<a href=\"https://kouvola.fi\">"));
  CHECK(Contains(r.md.html, "☑"));
  CHECK_FALSE(Contains(r.md.html, "<input"));  // no unlabeled form controls
}

// Extensions are attached only to bodies that have their characters (AttachExtensions):
// each one must still act whenever it can.
TEST_CASE("markdown: every GFM extension still acts on the characters it starts from") {
  auto html = [](const std::string& text) { return Render(text).md.html; };
  CHECK(html("www.kouvola.fi\n") ==
        "<p><a href=\"http://www.kouvola.fi\">www.kouvola.fi</a></p>\n");
  // Found from its first 'w', after others that start no address.
  CHECK(Contains(html("Wiki ja wow: www.kouvola.fi\n"), "<a href=\"http://www.kouvola.fi\">"));
  CHECK(html("www.\n") == "<p>www.</p>\n");
  CHECK(html("Kysy: kirjaamo@kouvola.fi\n") ==
        "<p>Kysy: <a href=\"mailto:kirjaamo@kouvola.fi\">kirjaamo@kouvola.fi</a></p>\n");
  CHECK(html("ftp://tiedostot.kouvola.fi\n") ==
        "<p><a href=\"ftp://tiedostot.kouvola.fi\">ftp://tiedostot.kouvola.fi</a></p>\n");
  CHECK(html("~~pois~~\n") == "<p><del>pois</del></p>\n");
  CHECK(Contains(html("1. [X] tehty\n"), "task-done"));
  // A table needs no pipe: its delimiter row alone makes one.
  CHECK(Contains(html("Kohde\n:-:\nKirjasto\n"), "<td align=\"center\">Kirjasto</td>"));
  auto unsafe = Render("<b>x</b> <iframe src=\"a\"></iframe>\n", true).md.html;
  CHECK(Contains(unsafe, "<b>x</b>"));
  CHECK(Contains(unsafe, "&lt;iframe"));
  // Without those characters nothing is linked, struck or ticked.
  CHECK(html("Klo 10:00 w. [a] ~ kouvola.fi\n") == "<p>Klo 10:00 w. [a] ~ kouvola.fi</p>\n");
}

// Footnotes are parsed only in bodies with "[^" (both a reference and a definition start
// so): they must still be numbered and listed there, and "[^" alone changes nothing.
TEST_CASE("markdown: footnotes are numbered and listed at the end") {
  auto html =
      Render("Teksti[^a] ja toinen[^b].\n\n[^b]: Toinen huomautus.\n[^a]: Ensimmäinen.\n").md.html;
  INFO(html);
  CHECK(Contains(html,
                 "<sup class=\"footnote-ref\"><a href=\"#fn-a\" id=\"fnref-a\" "
                 "data-footnote-ref>1</a></sup>"));
  CHECK(Contains(html, "<section class=\"footnotes\" data-footnotes>"));
  CHECK(html.find("Ensimmäinen.") < html.find("Toinen huomautus."));  // in reference order
  CHECK(Render("Hakasulku [^ ja teksti.\n").md.html == "<p>Hakasulku [^ ja teksti.</p>\n");
  CHECK(Render("Ei viitettä[^x].\n").md.html == "<p>Ei viitettä[^x].</p>\n");
}

TEST_CASE("markdown: headings get unique ids and labelled anchors") {
  auto r = Render("## Miksi yhdessä?\n\n## Miksi yhdessä?\n\n### Ääni\n");
  REQUIRE(r.md.headings.size() == 3);
  CHECK(r.md.headings[0].id == "miksi-yhdessa");
  CHECK(r.md.headings[1].id == "miksi-yhdessa-1");
  CHECK(r.md.headings[2].id == "aani");
  CHECK(Contains(
      r.md.html,
      "<h2 id=\"miksi-yhdessa\">Miksi yhdessä? <a class=\"heading-anchor\" href=\"#miksi-yhdessa\">"
      "<span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Linkki tähän kohtaan: "
      "Miksi yhdessä?</span></a></h2>"));
}

TEST_CASE("markdown: links go through the resolver") {
  auto r = Render("[A](a.md) [B](https://x.fi)\n");
  CHECK(r.links == std::vector<std::string>{"a.md", "https://x.fi"});
  CHECK(Contains(r.md.html, "<a href=\"/a/\">A</a>"));
}

TEST_CASE("markdown: hostile input is neutralised by default") {
  auto r = Render(
      "<script>alert(1)</script>\n\n<iframe src=\"https://evil\"></iframe>\n\n"
      "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](vbscript:x) "
      "[d](data:text/html;base64,xx) "
      "[f](file:///etc/passwd) <img src=x onerror=alert(1)>\n");
  CHECK_FALSE(Contains(r.md.html, "<script"));
  CHECK_FALSE(Contains(r.md.html, "<iframe"));
  CHECK_FALSE(Contains(r.md.html, "<img"));
  CHECK_FALSE(Contains(r.md.html, "javascript:"));
  CHECK_FALSE(Contains(r.md.html, "JaVaScRiPt:"));
  CHECK_FALSE(Contains(r.md.html, "vbscript:"));
  CHECK_FALSE(Contains(r.md.html, "data:"));
  CHECK_FALSE(Contains(r.md.html, "file:"));
  CHECK(Contains(r.md.html, ">x<") == false);  // the link is gone...
  CHECK(Contains(r.md.html, "x y z d f"));     // ...its text stays
  CHECK(r.links.empty());
}

TEST_CASE("markdown: unsafe mode keeps HTML but GFM's tag filter still stops scripts") {
  auto r = Render("<b>lihava</b>\n\n<script>alert(1)</script>\n", true);
  CHECK(Contains(r.md.html, "<b>lihava</b>"));
  CHECK_FALSE(Contains(r.md.html, "<script>"));
}

TEST_CASE("markdown: deep nesting does not crash") {
  std::string deep;
  for (int i = 0; i < 5000; ++i)
    deep += std::string(static_cast<size_t>(i % 40) * 2, ' ') + "- a\n";
  std::string quotes(20000, '>');
  auto r =
      Render(deep + "\n" + quotes + " x\n" + std::string(10000, '[') + std::string(10000, '*'));
  CHECK(!r.md.html.empty());
}

TEST_CASE("markdown: an image without alt text is an error at its position") {
  auto r = Render("Teksti\n\nKuva: ![](kuva.png)\n");
  CHECK(r.diags ==
        "p.md:7:7: error: image 'kuva.png' has no alt text\n"
        "  hint: describe the image inside the brackets: ![what the image shows](kuva.png); "
        "screen-reader "
        "users hear this text (WCAG 1.1.1)\n");
  auto ok = Render("![Frisbeegolfrata metsässä](kuva.png)\n");
  CHECK(ok.diags.empty());
}

TEST_CASE("markdown: first paragraph and word count") {
  auto r = Render("## Otsikko\n\nEnsimmäinen *kappale* tässä.\n\nToinen.\n");
  CHECK(r.md.first_paragraph == "Ensimmäinen kappale tässä.");
  CHECK(r.md.word_count == 5);
  // Not counted unless asked (the theme shows it): the rest is the same.
  auto uncounted = Render("## Otsikko\n\nEnsimmäinen *kappale* tässä.\n\nToinen.\n", false, false);
  CHECK(uncounted.md.word_count == 0);
  CHECK(uncounted.md.html == r.md.html);
  CHECK(uncounted.md.first_paragraph == r.md.first_paragraph);
}

TEST_CASE("markdown: word count of lines of every length and spacing") {
  // Words are counted sixteen (or eight) bytes at a time: spaces at every offset of a
  // chunk, runs of spaces and tabs across chunks, and multi-byte letters.
  uint32_t seed = 12345;
  auto next = [&] { return (seed = seed * 1103515245u + 12345u) >> 16; };
  const char* pieces[] = {"a", "ä", " ", "  ", "\t", "sana", "x"};
  for (int n = 0; n < 600; ++n) {
    std::string line = "w";
    size_t words = 1;
    bool space = false;
    for (unsigned k = next() % 60; k > 0; --k) {
      std::string piece = pieces[next() % 7];
      bool is_space = piece[0] == ' ' || piece[0] == '\t';
      if (!is_space && space) ++words;
      space = is_space;
      line += piece;
    }
    line += "z";  // ends the line with a letter: trailing spaces are not text
    if (space) ++words;
    INFO(line);
    CHECK(Render(line + "\n").md.word_count == words);
  }
}

TEST_CASE("markdown: word count across inline nodes, spaces and line breaks") {
  // Emphasis and links inside a word do not split it; breaks and blocks do.
  CHECK(Render("**Kou**vola ja [Kuu](https://x.fi)sankoski\n").md.word_count == 3);
  CHECK(Render("  yksi\tkaksi\r\nkolme  \n\nneljä`koodi` viisi\n").md.word_count == 5);
  CHECK(Render("yksi\\\nkaksi\n").md.word_count == 2);  // a hard line break
  CHECK(Render("- a\n- b\n\n| c | d |\n|---|---|\n| e | f |\n").md.word_count == 6);
  CHECK(Render("").md.word_count == 0);
  // A dangerous image is unwrapped to its text, which joins the words around it.
  CHECK(Render("yksi![kaksi](javascript:x)kolme\n").md.word_count == 1);
  CHECK(Render("yksi![kaksi](javascript:x)kolme\n", true).md.word_count == 3);
  CHECK(Render("yksi![kaksi](kuva.png)kolme\n").md.word_count == 3);
}
