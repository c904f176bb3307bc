#include "generator/content/text.h"
#include "generator/render/template_set.h"

#include <catch2/catch.hpp>
#include <string>

using namespace yhdessa;

TEST_CASE("slugs fold Finnish and Swedish letters consistently") {
  CHECK(Slugify("Miksi yhdessä?") == "miksi-yhdessa");
  CHECK(Slugify("Ääni & Öljy – Åbo") == "aani-oljy-abo");
  CHECK(Slugify("  Osallisuus 2021–2025  ") == "osallisuus-2021-2025");
  CHECK(Slugify("Tehdään yhdessä!") == "tehdaan-yhdessa");
  CHECK(Slugify("???").empty());
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK_FALSE(FindInvalidUtf8("hyvä päivä").has_value());
  CHECK(FindInvalidUtf8("ok\xE4 latin-1") == std::optional<size_t>(2));
  CHECK(FindInvalidUtf8("\xC3") == std::optional<size_t>(0));          // truncated
  CHECK(FindInvalidUtf8("\xC0\xAF") == std::optional<size_t>(0));      // overlong '/'
  CHECK(FindInvalidUtf8("\xED\xA0\x80") == std::optional<size_t>(0));  // surrogate
}

TEST_CASE("UTF-8 validation finds a bad byte at any offset of the ASCII fast path") {
  // The check skips ASCII eight bytes at a time and jumps to the first non-ASCII byte of a
  // chunk: a bad or a good sequence at every position of a chunk must still be seen right.
  for (size_t at = 0; at < 24; ++at) {
    std::string bad(32, 'a');
    bad[at] = '\xE4';
    CHECK(FindInvalidUtf8(bad) == std::optional<size_t>(at));
    std::string good(32, 'a');
    good.replace(at, 2, "\xC3\xA4");  // ä
    CHECK_FALSE(FindInvalidUtf8(good).has_value());
    good[at + 5] = '\xFF';
    CHECK(FindInvalidUtf8(good) == std::optional<size_t>(at + 5));
  }
}

TEST_CASE("HTML escaping covers text and attributes") {
  CHECK(HtmlEscape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

// Templates escape {{x}} through TemplateEscape, which copies text without any of
// & < > " ' as it is (found eight bytes at a time) and escapes the rest as HtmlEscapeWith.
TEST_CASE("text: template escaping finds a special character at any offset") {
  for (char special : std::string("&<>\"'")) {
    for (size_t at = 0; at < 20; ++at) {
      std::string s = std::string(at, 'a') + special + [&] {
        std::string tail;
        for (size_t k = at; k < 20; ++k) tail += "ä";
        return tail;
      }();
      INFO(s);
      CHECK(TemplateEscape(s) == HtmlEscapeWith(s, "&apos;"));
      CHECK(TemplateEscape(s) != s);
    }
  }
  for (size_t n = 0; n < 20; ++n) {
    std::string plain(n, 'x');
    CHECK(TemplateEscape(plain) == plain);
  }
  CHECK(TemplateEscape("Kunta & kaupunki 'x'") == "Kunta &amp; kaupunki &apos;x&apos;");
}
