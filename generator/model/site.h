// The site model: every page, section and taxonomy term with its URL, after loading and
// before rendering. Built by AssembleSite (pure: no file access), read by the renderer.
//
// Pages live in one vector and refer to each other by index, so the model can be shared
// read-only by all render threads. URLs are site paths without the base path
// ("/uutiset/valtuusto/"); the renderer prefixes SiteConfig::BasePath().
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "generator/config/site_config.h"
#include "generator/content/front_matter.h"
#include "generator/content/markdown.h"
#include "generator/kinds/accessibility_statement.h"
#include "generator/kinds/ballot_directive.h"
#include "generator/kinds/kind_registry.h"
#include "generator/model/page_reads.h"
#include "generator/model/round_results.h"

namespace yhdessa {

enum class PageType {
  kHome,
  kSection,
  kPage,
  kTaxonomy,
  kTerm,
  kMeasureIndex,        // generated from plans (model/measure_index.h)
  kMissingTranslation,  // "this page is not available in <language>", linking to the original
  kAccessibility,       // the accessibility statement, one per language
  kProjectIndex,        // a project catalogue filtered by theme, year or roadmap
                        // (model/project_catalogue.h)
  kRoundResults,        // a closed round's results (model/round_results.h)
  kRoundReceipts,       // every receipt counted in a round
};

/// A measure of a plan, by position: the plan page, the goal and the measure within it.
struct MeasureRef {
  int page = -1;
  size_t goal = 0;
  size_t measure = 0;
};

struct Page {
  PageType type = PageType::kPage;
  std::string file;          // path shown in diagnostics, relative to the site root
  std::string content_path;  // relative to content/: "uutiset/a.md" ("" for generated pages)
  std::string lang;
  std::string text;        // the whole source file
  size_t body_offset = 0;  // where the Markdown body starts in `text`
  int body_line = 1;
  FrontMatter fm;
  std::string url;                     // "/uutiset/a/"
  int parent = -1;                     // index of the section that holds this page
  std::vector<int> pages;              // sections: child pages, in list order
  std::vector<int> sections;           // sections: child sections, in list order
  std::vector<std::string> resources;  // bundle files, paths relative to content/
  // Taxonomy and term pages.
  int taxonomy = -1;
  std::string term;  // term name as written
  std::vector<int> term_pages;
  // Translations: pages with the same key are one page in several languages.
  std::string translation_key;  // content path without language and extension: "osallisuus/_index"
  int original = -1;            // missing-translation notices: the page that exists
  // Measure index pages (by responsible body, status or target group).
  std::string facet;  // "body", "status", "target_group"; "" for the index of facets
  std::vector<MeasureRef> measures;
  std::string results_round;  // kRoundResults, kRoundReceipts: the round's id
  // Filled by the typed-content phase for pages with `kind:`.
  std::shared_ptr<const TypedContent> typed;
  // Filled by the Markdown phase.
  RenderedMarkdown md;
  std::vector<EmbeddedBallot> ballots;  // the page's ballot directives, checked against the rounds
  std::vector<std::pair<std::string, SourcePos>>
      external_links;  // http(s) links, for `check --external`
  /// Taken out of the site by SitePatch (a deleted page file, or its notices): in no list,
  /// map or job any more, and skipped where every page is walked. Kept in the vector so
  /// that the other pages keep their numbers. Never set by a build.
  bool removed = false;

  /// The Markdown body; empty once a plain build has freed the source (keep_sources).
  std::string_view Body() const {
    return body_offset <= text.size() ? std::string_view(text).substr(body_offset)
                                      : std::string_view();
  }
  const std::string& Title() const { return fm.title; }
  bool IsList() const {
    return type == PageType::kHome || type == PageType::kSection || type == PageType::kTaxonomy ||
           type == PageType::kTerm;
  }
};

struct TaxonomyTerm {
  std::string name;
  std::string slug;
  std::vector<int> pages;
};

struct Taxonomy {
  TaxonomyConfig config;
  std::string lang;
  int page = -1;  // the taxonomy's list page
  // Its list page's address, which site.yaml alone decides: a page showing its terms'
  // links reads it here, not from the list page, whose place changes with every new term.
  std::string url;
  std::vector<TaxonomyTerm> terms;  // sorted by slug (SitePatch's MakeTerm inserts so)
};

struct StaticFile {
  std::string source;  // path relative to the site root (read through FileSystem)
  std::string output;  // path relative to the output root
};

struct Alias {
  std::string url;   // the old path
  int page = -1;     // where it redirects
  std::string file;  // where the alias was declared
};

struct Site {
  SiteConfig config;
  PageList<Page> pages;  // reads through a const Site are recorded (model/page_reads.h)
  std::vector<Taxonomy> taxonomies;
  std::vector<Alias> aliases;
  // Hashed, not ordered: looked up for every link of every body, never walked in order (a
  // tree of 10 000 addresses was 2 % of a build in cache misses).
  std::unordered_map<std::string, int> by_content_path;
  std::unordered_map<std::string, int> by_url;
  std::vector<StaticFile> static_files;            // static/ and content resources
  std::map<std::string, std::string> static_urls;  // "/logo.svg" -> source, for link checks
  /// The files the theme's static/ folder gives the site ("favicon.ico"), copied by the
  /// build after everything else: no link leads to them, but a page, a redirect or a file
  /// written where one is copied is written twice (SitePatch keeps off them).
  std::unordered_set<std::string> theme_files;
  std::map<std::string, std::string>
      content_file_urls;              // "uutiset/kuva.jpg" -> "/uutiset/kuva.jpg"
  std::set<std::string> unpublished;  // content paths left out (draft, future, expired)
  std::map<std::string, std::map<std::string, int>> translations;  // key -> lang -> page
  Value data;  // data/**/*.yaml as one map: data/kunnat/alueet.yaml -> data.kunnat.alueet
  /// Project catalogues: section page -> facet -> (value, index page) in display order.
  std::map<int, std::vector<std::pair<std::string, std::vector<std::pair<std::string, int>>>>>
      catalogues;
  std::optional<AccessibilityStatement> accessibility;
  std::map<std::string, int> accessibility_pages;  // lang -> page
  int64_t now = 0;    // the build's clock (BuildFilter::now): rounds say whether they are open
  KindContext kinds;  // status vocabulary, responsible bodies
  std::vector<RoundDefinition> rounds;  // participatory-budgeting rounds with their proposals
  std::map<std::string, PublishedResults> results;  // round id -> data/results/<id>/
  std::map<std::string, int> results_pages;         // round id -> default language's results page

  int home(const std::string& lang) const;
  /// The default language's page with `p`'s translation key (p itself when it is in the
  /// default language), or -1.
  int DefaultLanguageVersion(const Page& p) const;
};

struct BuildFilter {
  bool drafts = false;
  bool future = false;
  bool expired = false;
  int64_t now = 0;  // seconds since the epoch; the build passes the clock, tests a fixed time
};

/// True when the page is published under `filter` (not a draft, not future, not expired).
bool IsPublished(const FrontMatter& fm, const BuildFilter& filter);
/// True when the page's publication time (publish_date, else date) is after `now`: shown
/// only with --future (serve), and then marked as such on the page.
bool IsFuture(const FrontMatter& fm, int64_t now);

}  // namespace yhdessa
