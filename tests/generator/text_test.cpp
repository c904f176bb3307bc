#include "generator/content/text.h"

#include <catch2/catch.hpp>

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

TEST_CASE("HTML escaping covers text and attributes") {
  CHECK(HtmlEscape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}
