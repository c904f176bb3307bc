#include "generator/data/value.h"
#include "generator/data/yaml_reader.h"

#include <catch2/catch.hpp>

using namespace yhdessa;

TEST_CASE("YAML positions are lines of the whole file") {
  DiagnosticList d;
  auto v = ParseYaml("title: A\ntags: [a, b]\n", "f.md", 2, d);
  REQUIRE(v);
  REQUIRE(v->Find("tags"));
  CHECK(v->Find("tags")->pos().line == 3);
  CHECK(v->Find("tags")->key_pos().line == 3);
  CHECK(v->Find("tags")->key_pos().col == 1);
  CHECK(v->Find("title")->text() == "A");
}

TEST_CASE("YAML: quoted scalars are remembered, duplicate keys are errors") {
  DiagnosticList d;
  auto v = ParseYaml("a: \"true\"\nb: true\n", "f", 1, d);
  REQUIRE(v);
  CHECK(v->Find("a")->quoted());
  CHECK_FALSE(v->Find("b")->quoted());
  auto dup = ParseYaml("a: 1\na: 2\n", "f", 1, d);
  CHECK_FALSE(dup);
  CHECK(d.Format() == "f:2:1: error: key 'a' appears twice\n  hint: remove one of them\n");
}

TEST_CASE("YAML syntax errors carry the file position") {
  DiagnosticList d;
  CHECK_FALSE(ParseYaml("a: [1, 2\n", "x.md", 2, d));
  auto all = d.Sorted();
  REQUIRE(all.size() == 1);
  CHECK(all[0].pos.file == "x.md");
  CHECK(all[0].pos.line >= 2);
  CHECK(all[0].message.rfind("YAML syntax error: ", 0) == 0);
}

TEST_CASE("dates: ISO dates, times with offsets, invalid dates") {
  auto d = ParseDateTime("2025-09-01T09:00:00+03:00");
  REQUIRE(d);
  CHECK(d->Epoch() == 1756706400);
  CHECK(d->Iso() == "2025-09-01T09:00:00+03:00");
  CHECK(ParseDateTime("2021-11-15")->Iso() == "2021-11-15");
  CHECK(ParseDateTime("2024-02-29"));
  CHECK_FALSE(ParseDateTime("2023-02-29"));
  CHECK_FALSE(ParseDateTime("2024-13-01"));
  CHECK_FALSE(ParseDateTime("15.11.2021"));
  CHECK(ParseDateTime("2025-01-01T00:00:00Z")->Epoch() == 1735689600);
}

TEST_CASE("dates: Iso() writes RFC 3339 for every offset and pads every field") {
  DateTime d;
  d.year = 987;
  d.month = 3;
  d.day = 4;
  CHECK(d.Iso() == "0987-03-04");
  d.has_time = true;
  d.hour = 5;
  d.minute = 6;
  d.second = 7;
  CHECK(d.Iso() == "0987-03-04T05:06:07Z");
  d.offset_minutes = -(9 * 60 + 30);
  CHECK(d.Iso() == "0987-03-04T05:06:07-09:30");
  d.offset_minutes = 14 * 60;
  CHECK(d.Iso() == "0987-03-04T05:06:07+14:00");
  CHECK(ParseDateTime("2025-12-31T23:59:59-05:45")->Iso() == "2025-12-31T23:59:59-05:45");
  d.year = 12345;  // wider than four digits: written in full, as snprintf's %04d does
  CHECK(d.Iso() == "12345-03-04T05:06:07+14:00");
}

TEST_CASE("typed readers report the field and the value") {
  DiagnosticList d;
  Value v = Value::Scalar("paljon", false, {"p.md", 4, 9});
  CHECK_FALSE(ReadInt(v, "'weight'", d));
  CHECK(d.Format() == "p.md:4:9: error: 'weight' must be a whole number, not 'paljon'\n");
  DiagnosticList d2;
  Value list = Value::List({"p.md", 2, 8});
  CHECK_FALSE(ReadString(list, "'title'", d2));
  CHECK(d2.Format() ==
        "p.md:2:8: error: 'title' must be a text, not a list\n"
        "  hint: write the text on the same line, after the colon\n");
}

TEST_CASE("YAML: syntax errors name what was found and where it began") {
  DiagnosticList d;
  CHECK_FALSE(ParseYaml("title: \"Äänestys\ntags: [a\n", "a.md", 2, d));
  CHECK(d.Format().rfind("a.md:4:1: error: YAML syntax error: found unexpected end of stream "
                         "while scanning a quoted scalar that began on line 2\n",
                         0) == 0);
  DiagnosticList d2;
  CHECK_FALSE(ParseYaml("title: Ä: b\n", "b.md", 2, d2));
  // Columns count code points, as Diagnostic's caret does: ':' after "title: Ä" is 9th.
  CHECK(d2.Format().rfind(
            "b.md:2:9: error: YAML syntax error: mapping values are not allowed in this context",
            0) == 0);
}

TEST_CASE("YAML: null words, block scalars, anchors, one document") {
  DiagnosticList d;
  auto v = ParseYaml(
      "a:\nb: ~\nc: null\nd: 'null'\ne: |\n  two\n  lines\nf: &x [1, {k: v}]\ng: *x\n"
      "h: !!str 5\n---\nsecond: document\n",
      "f.yaml", 1, d);
  REQUIRE(v);
  CHECK_FALSE(d.has_errors());
  CHECK(v->Find("a")->is_null());
  CHECK(v->Find("b")->is_null());
  CHECK(v->Find("c")->is_null());
  CHECK(v->Find("d")->text() == "null");
  CHECK(v->Find("d")->quoted());
  CHECK(v->Find("e")->text() == "two\nlines\n");
  CHECK(v->Find("e")->quoted());
  REQUIRE(v->Find("g")->is_list());
  REQUIRE(v->Find("g")->items().size() == 2);
  CHECK(v->Find("g")->items()[1].Find("k")->text() == "v");
  CHECK(v->Find("h")->quoted());
  CHECK(v->Find("second") == nullptr);
  CHECK(v->Find("f")->pos().line == 8);
  CHECK(v->Find("g")->key_pos().line == 9);
}

TEST_CASE("YAML: unknown aliases, non-text keys and deep nesting are errors") {
  DiagnosticList d;
  CHECK_FALSE(ParseYaml("a: *nope\n", "f", 1, d));
  CHECK(d.Format() ==
        "f:1:4: error: YAML alias '*nope' refers to no anchor\n  hint: define '&nope' before it "
        "is used\n");
  DiagnosticList d2;
  CHECK_FALSE(ParseYaml("? [a, b]\n: c\n", "f", 1, d2));
  CHECK(d2.Format().find("a key must be a single word or text") != std::string::npos);
  DiagnosticList d3;
  CHECK_FALSE(ParseYaml(std::string(100, '[') + std::string(100, ']'), "f", 1, d3));
  CHECK(d3.Format().find("YAML is nested more than 64 levels deep") != std::string::npos);
  DiagnosticList d4;
  auto empty = ParseYaml("", "f", 3, d4);
  REQUIRE(empty);
  CHECK(empty->is_null());
}
