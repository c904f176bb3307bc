// SiteConfig: site.yaml, read into plain values with documented defaults.
//
// site.yaml sits at the root of a site (the repository root for the demo site). Every key
// is optional except `title`; unknown keys are errors (with "did you mean" for typos), and
// custom values go under `params:`, which templates read as `site.params.*`. Keys that
// belong to the typed-content and voting features are kept as raw Values (`extra`) for
// the modules that own them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "generator/data/value.h"

namespace yhdessa {

struct LanguageConfig {
  std::string code;    // "fi"
  std::string name;    // the language named in itself: "Suomeksi"
  std::string title;   // site title in this language; "" = the site's title
  int64_t weight = 0;  // order in the language switcher
};

struct MenuItem {
  std::string title;
  std::string url;  // a site path ("/osallisuus/") or a content file ("osallisuus/_index.md")
  int64_t weight = 0;
  SourcePos pos;  // where the item is written, for link errors
};

struct TaxonomyConfig {
  std::string name;   // plural, as used in front matter and URLs: "tags"
  std::string title;  // shown on pages: "Asiasanat"
};

struct SiteConfig {
  std::string title;
  std::string description;
  std::string base_url = "http://127.0.0.1:8080/";  // absolute, ends with '/'
  std::string default_language = "fi";
  std::vector<LanguageConfig> languages;  // always holds the default language
  std::string theme = "default";
  std::string themes_dir = "themes";  // relative to the site root
  bool unsafe_html = false;           // allow raw HTML and any URL scheme in Markdown
  int64_t paginate = 10;              // list items per page
  int64_t feed_limit = 20;            // entries per Atom feed
  // Files besides the pages, each on by default (Zola's generate_feeds, generate_sitemap and
  // generate_robots_txt; Hugo's disableKinds): a site may leave out what it does not want.
  bool generate_feeds = true;       // an Atom feed for each section whose pages all have a date
  bool generate_sitemap = true;     // sitemap.xml (an index and one per language when several)
  bool generate_robots_txt = true;  // robots.txt, naming the sitemap when there is one
  int64_t home_recent = 5;          // newest dated pages listed on the home page
  std::vector<TaxonomyConfig> taxonomies{{"tags", "Tags"}};
  std::map<std::string, std::vector<MenuItem>> menus;
  std::string vote_api;                 // voting server origin; "" = same origin as the site
  std::string accessibility_statement;  // YAML file of the statement, relative to the site root
  Value params;                         // free-form, for templates
  std::map<std::string, Value> extra;   // keys owned by other modules (statuses, ...)

  /// The path part of base_url ("/" or "/kouvola/"), prefixed to every site link.
  std::string BasePath() const;
  /// base_url without the trailing slash: "https://example.fi".
  std::string Origin() const;
  const LanguageConfig* FindLanguage(const std::string& code) const;
};

/// Parses site.yaml text. Reports every problem into `diags`; returns nullopt on errors.
std::optional<SiteConfig> ParseSiteConfig(std::string_view text, const std::string& file,
                                          DiagnosticList& diags);

}  // namespace yhdessa
