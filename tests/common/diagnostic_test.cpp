#include "common/diagnostic.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

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

TEST_CASE("diagnostic: a SourceFile is one shared name, compared and ordered by content") {
  std::string name = "content/news/a.md";
  SourceFile a = name;
  SourceFile b = std::string_view("content/news/a.md");
  SourceFile c = "content/news/b.md";
  // Interned: both point at the same string, so copies and comparisons are pointer-cheap.
  CHECK(&a.str() == &b.str());
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a < c);
  CHECK(a == name);
  CHECK(a == "content/news/a.md");
  CHECK(a == std::string_view("content/news/a.md"));
  CHECK(SourceFile().empty());
  CHECK(SourceFile("").str().empty());
  SourcePos pos{name, 2, 5};
  SourcePos copy = pos;
  CHECK(&copy.file.str() == &a.str());
  CHECK(std::string(copy.file) + ":2" == "content/news/a.md:2");
}

TEST_CASE("diagnostic: SourceFile interning is thread-safe") {
  std::vector<std::thread> threads;
  std::vector<const std::string*> seen(4);
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&seen, t] {
      for (int i = 0; i < 200; ++i) {
        // Catch's CHECK is not thread-safe: only record here, check after the join.
        SourceFile other = "thread-" + std::to_string(t) + "-" + std::to_string(i) + ".md";
        SourceFile shared = std::string("shared-") + "name.md";
        if (other.empty()) return;
        seen[t] = &shared.str();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto* p : seen) CHECK(p == seen[0]);
  CHECK(SourceFile("thread-3-199.md").str() == "thread-3-199.md");
}
