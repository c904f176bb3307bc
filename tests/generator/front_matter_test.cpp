#include "generator/content/front_matter.h"

#include <catch2/catch.hpp>

#include "generator/data/yaml_reader.h"

using namespace yhdessa;

namespace {
std::optional<FrontMatter> Parse(const std::string& yaml, DiagnosticList& d) {
  auto v = ParseYaml(yaml, "p.md", 2, d);
  if (!v) return std::nullopt;
  return ParseFrontMatter(*v, {"tags"}, {"tasks"}, d);
}
}  // namespace

TEST_CASE("front matter: split finds the block and the body's first line") {
  DiagnosticList d;
  auto s = SplitFrontMatter("---\ntitle: A\n---\nBody\n", "p.md", d);
  REQUIRE(s);
  CHECK(s->front_matter == "title: A\n");
  CHECK(s->front_matter_line == 2);
  CHECK(s->body == "Body\n");
  CHECK(s->body_line == 4);
}

TEST_CASE("front matter: CRLF, BOM and no front matter") {
  DiagnosticList d;
  auto s = SplitFrontMatter("\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nB", "p.md", d);
  REQUIRE(s);
  CHECK(s->body == "B");
  auto none = SplitFrontMatter("# Just text\n", "p.md", d);
  REQUIRE(none);
  CHECK(none->front_matter_line == 0);
  CHECK(none->body == "# Just text\n");
}

TEST_CASE("front matter not closed is an error with a fix") {
  DiagnosticList d;
  CHECK_FALSE(SplitFrontMatter("---\ntitle: A\nbody\n", "p.md", d));
  CHECK(d.Format() ==
        "p.md:1:1: error: front matter is not closed\n"
        "  hint: add a line with only --- after the last front-matter line\n");
}

TEST_CASE("front matter: every common key is read") {
  DiagnosticList d;
  auto fm = Parse(
      "title: Uutinen\ndescription: Lyhyesti\ndate: 2024-05-02\nlastmod: 2024-06-01\ndraft: true\n"
      "publish_date: 2024-05-03\nexpiry_date: 2030-01-01\nweight: 3\nslug: uusi\n"
      "aliases: [/vanha/]\nlayout: erikois\ntoc: true\ntags: [nuoret, budjetti]\noma: arvo\n",
      d);
  INFO(d.Format());
  REQUIRE(fm);
  CHECK(fm->title == "Uutinen");
  CHECK(fm->description == "Lyhyesti");
  CHECK(fm->date->Iso() == "2024-05-02");
  CHECK(fm->lastmod->Iso() == "2024-06-01");
  CHECK(fm->draft);
  CHECK(fm->publish_date->Iso() == "2024-05-03");
  CHECK(fm->expiry_date->Iso() == "2030-01-01");
  CHECK(fm->weight == 3);
  CHECK(fm->slug == "uusi");
  CHECK(fm->aliases == std::vector<std::string>{"/vanha/"});
  CHECK(fm->layout == "erikois");
  CHECK(fm->toc);
  CHECK(fm->taxonomies["tags"] == std::vector<std::string>{"nuoret", "budjetti"});
  CHECK(fm->raw.Find("oma")->text() == "arvo");
}

TEST_CASE("front matter errors: near-miss keys, wrong types, bad slug and alias") {
  DiagnosticList d;
  CHECK_FALSE(Parse("titel: A\n", d));
  CHECK(
      d.Format() ==
      "p.md:2:1: error: 'titel' is not a known front-matter key\n  hint: did you mean 'title'?\n");

  DiagnosticList d2;
  CHECK_FALSE(Parse("title: [a, b]\n", d2));
  CHECK(d2.Format() ==
        "p.md:2:8: error: 'title' must be a text, not a list\n"
        "  hint: write the text on the same line, after the colon\n");

  DiagnosticList d3;
  CHECK_FALSE(Parse("title: A\ndate: 15.11.2021\n", d3));
  CHECK(d3.Format() ==
        "p.md:3:7: error: 'date' must be a date, not '15.11.2021'\n"
        "  hint: write dates as YYYY-MM-DD, or 2025-09-01T09:00:00+03:00 with a time\n");

  DiagnosticList d4;
  CHECK_FALSE(Parse("title: A\nslug: a/b\naliases: [vanha]\n", d4));
  CHECK(d4.error_count() == 2);

  DiagnosticList d5;
  CHECK_FALSE(Parse("title: A\ndraft: yes\n", d5));
  CHECK(d5.Format() == "p.md:3:8: error: 'draft' must be true or false, not 'yes'\n");
}

TEST_CASE("front matter: custom keys and kind keys are not typos") {
  DiagnosticList d;
  auto fm = Parse("title: A\ntasks: [x]\nvastuu: Nuorisopalvelut\n", d);
  CHECK(fm);
  CHECK(d.error_count() == 0);
}
