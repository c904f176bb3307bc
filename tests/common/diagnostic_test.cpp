#include "common/diagnostic.h"

#include <catch2/catch.hpp>

using namespace yhdessa;

TEST_CASE("diagnostic: file:line:col, source line, caret and hint") {
  Diagnostic d{Severity::kError,
               {"content/a.md", 3, 6},
               "'titel' is not a known front-matter key",
               "did you mean 'title'?",
               "titel: Uutinen"};
  CHECK(FormatDiagnostic(d) ==
        "content/a.md:3:6: error: 'titel' is not a known front-matter key\n"
        "  titel: Uutinen\n"
        "       ^\n"
        "  hint: did you mean 'title'?");
}

TEST_CASE("diagnostic: caret counts UTF-8 code points, not bytes") {
  Diagnostic d{Severity::kWarning, {"x.md", 1, 4}, "m", "", "äöå!"};
  CHECK(FormatDiagnostic(d) == "x.md:1:4: warning: m\n  äöå!\n     ^");
}

TEST_CASE("diagnostic: list sorts by position and counts errors") {
  DiagnosticList list;
  list.Error({"b.md", 1, 1}, "second");
  list.Warning({"a.md", 2, 1}, "first");
  CHECK(list.error_count() == 1);
  CHECK(list.warning_count() == 1);
  CHECK(list.Format() == "a.md:2:1: warning: first\nb.md:1:1: error: second\n");
}

TEST_CASE("did you mean: typos and transpositions, nothing for far words") {
  std::vector<std::string> keys{"title", "description", "date", "draft"};
  CHECK(DidYouMean("titel", keys) == "title");
  CHECK(DidYouMean("descripton", keys) == "description");
  CHECK(DidYouMean("zzzzzz", keys).empty());
}

TEST_CASE("LineOf returns the 1-based line without newline") {
  CHECK(LineOf("a\nbb\r\nccc", 2) == "bb");
  CHECK(LineOf("a\nbb", 3).empty());
}
