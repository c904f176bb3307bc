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
