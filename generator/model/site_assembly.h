// Site assembly: from parsed content files to the Site model (pure, no file access).
//
// ParsePage reads one content file (UTF-8 check, front matter, page type, language).
// AssembleSite then drops drafts, future and expired pages (unless asked for), gives every
// page its URL, builds the section tree (a folder without _index.md becomes a section
// named after the folder), taxonomy and term pages, list pagination and aliases, and
// reports two files claiming one URL with both files named.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "generator/model/site.h"

namespace yhdessa {

/// `content_path` is relative to content/ ("uutiset/a.md"); `file` is what diagnostics show.
/// Parses a front matter's YAML (ParseYaml's contract); a build with a cache passes one that
/// remembers.
using FrontMatterParser = std::function<std::optional<Value>(
    std::string_view text, const std::string& file, int first_line, DiagnosticList& diags)>;

/// `parse_yaml`: empty for ParseYaml itself.
std::optional<Page> ParsePage(const std::string& file, const std::string& content_path,
                              std::string text, const SiteConfig& config,
                              const std::vector<std::string>& kind_keys, DiagnosticList& diags,
                              const FrontMatterParser& parse_yaml = {});

/// A translation carries only its title and prose: typed data (a plan's measures, a round's
/// rules) is written once, in the default language's page, and shared. The translation
/// takes its original's kind and the front-matter keys it does not set itself (templates of
/// schema-only kinds read them as page.params). The build and SitePatch both do this, so a
/// patched translation is the page a build makes of it.
void ShareOriginalFrontMatter(FrontMatter& translation, const FrontMatter& original);

/// Puts page indices in list order: weighted pages first by weight, then newest first, then
/// by title and path.
void SortForList(std::vector<int>& idx, const std::vector<Page>& pages);

/// The page ParsePage makes of a file, from what it found in the file's text: the front
/// matter's tree (an empty one when `front_matter_line` is 0) and where the body starts.
/// The page has no `text`: for a build that knows the file is unchanged and its parts
/// valid (SourceIndex), and reads the body only if it must render it again.
std::optional<Page> PageFromFrontMatter(const std::string& file, const std::string& content_path,
                                        Value front_matter, int front_matter_line,
                                        size_t body_offset, int body_line, const SiteConfig& config,
                                        const std::vector<std::string>& kind_keys,
                                        DiagnosticList& diags);

/// Gives a parsed page its translation key (when ParsePage left none) and, a content page,
/// its address; returns the folder (relative to content/) whose section holds it. What
/// AssembleSite does for each page, and SitePatch for a page it adds.
std::string PlacePage(Page& p, const SiteConfig& cfg);
/// The address of the section of folder `dir` (relative to content/, "" for the home page)
/// in language `lang`.
std::string SectionUrl(const std::string& lang, const std::string& dir, const SiteConfig& cfg);
/// The page that stands in for `original` (page `index`) in language `lang`, which has no
/// translation of it: at the original's address in that language, saying so.
Page MissingTranslationNotice(const Page& original, int index, const std::string& lang,
                              const SiteConfig& cfg);
/// The list page of term `term` of taxonomy `taxonomy` (its index in Site::taxonomies),
/// whose list page is `list` (page `list_index`): at the list's address and the term's
/// slug. Its term_pages are left to the caller.
Page TermPage(const Page& list, int list_index, int taxonomy, const TaxonomyTerm& term);
/// A page bundle's page (a/index.md): its folder's files are its resources.
bool IsBundlePage(const Page& p);
/// The address of a redirect from front matter's `aliases` (an old path): a path without
/// a file extension is a folder ("/vanha" -> "/vanha/").
std::string AliasUrl(const std::string& alias);

struct SiteInputs {
  std::vector<Page> pages;                 // from ParsePage, any order; becomes Site::pages
                                           // (reserve room for the pages the model adds)
  std::vector<std::string> content_files;  // non-Markdown files under content/, relative to it
  std::vector<std::string> static_files;   // files under static/, relative to it
};

Site AssembleSite(SiteConfig config, SiteInputs inputs, const BuildFilter& filter,
                  DiagnosticList& diags);

/// Number of list pages for `items` entries with `per_page` per page (at least 1).
inline size_t PageCount(size_t items, int64_t per_page) {
  return items == 0 ? 1
                    : (items + static_cast<size_t>(per_page) - 1) / static_cast<size_t>(per_page);
}

/// URL of page `n` (1-based) of a list at `url`: n == 1 -> url, else url + "page/n/".
std::string PaginationUrl(const std::string& url, size_t n);

}  // namespace yhdessa
