#include "generator/config/site_config.h"

#include <catch2/catch.hpp>

using namespace yhdessa;

TEST_CASE("site.yaml: keys, defaults and menus") {
  DiagnosticList d;
  auto cfg = ParseSiteConfig(
      "title: Kouvola\nbase_url: https://osallisuus.kouvola.fi/kouvola\nlanguages:\n  fi: {name: "
      "Suomeksi, weight: 1}\n"
      "  sv: {name: På svenska, weight: 2}\npaginate: 5\nmenus:\n  main:\n    - {title: B, url: "
      "/b/, weight: 2}\n"
      "    - {title: A, url: /a/, weight: 1}\nparams:\n  footer: x\n",
      "site.yaml", d);
  INFO(d.Format());
  REQUIRE(cfg);
  CHECK(cfg->BasePath() == "/kouvola/");
  CHECK(cfg->Origin() == "https://osallisuus.kouvola.fi/kouvola");
  CHECK(cfg->languages.size() == 2);
  CHECK(cfg->languages[1].name == "På svenska");
  CHECK(cfg->paginate == 5);
  CHECK(cfg->menus["main"][0].title == "A");
  CHECK(cfg->unsafe_html == false);
  CHECK(cfg->taxonomies.size() == 1);
  CHECK(cfg->taxonomies[0].name == "tags");
}

TEST_CASE("site.yaml errors: typos, types, missing title") {
  DiagnosticList d;
  CHECK_FALSE(ParseSiteConfig("title: X\nbase_ulr: https://x.fi/\n", "site.yaml", d));
  CHECK(d.Format() ==
        "site.yaml:2:1: error: 'base_ulr' is not a known site.yaml key\n  hint: did you mean "
        "'base_url'?\n");
  DiagnosticList d2;
  CHECK_FALSE(ParseSiteConfig("base_url: ftp://x\npaginate: 0\n", "site.yaml", d2));
  CHECK(d2.error_count() == 3);
  CHECK(d2.Format().find("site.yaml:1:1: error: site.yaml has no title") != std::string::npos);
  CHECK(d2.Format().find("site.yaml:2:11: error: 'paginate' must be at least 1") !=
        std::string::npos);
}

TEST_CASE("site.yaml: feeds, sitemap and robots.txt are on unless turned off") {
  DiagnosticList d;
  auto on = ParseSiteConfig("title: X\n", "site.yaml", d);
  REQUIRE(on);
  CHECK(on->generate_feeds);
  CHECK(on->generate_sitemap);
  CHECK(on->generate_robots_txt);
  auto off = ParseSiteConfig(
      "title: X\ngenerate_feeds: false\ngenerate_sitemap: false\ngenerate_robots_txt: false\n",
      "site.yaml", d);
  INFO(d.Format());
  REQUIRE(off);
  CHECK_FALSE(off->generate_feeds);
  CHECK_FALSE(off->generate_sitemap);
  CHECK_FALSE(off->generate_robots_txt);

  DiagnosticList bad;
  CHECK_FALSE(ParseSiteConfig("title: X\ngenerate_sitemap: ei\n", "site.yaml", bad));
  CHECK(bad.Format().find("site.yaml:2:19: error: 'generate_sitemap'") != std::string::npos);
  DiagnosticList typo;
  CHECK_FALSE(ParseSiteConfig("title: X\ngenerate_feed: false\n", "site.yaml", typo));
  CHECK(typo.Format().find("did you mean 'generate_feeds'?") != std::string::npos);
}
