// Links between pages: resolving what authors write to the URLs readers follow, and
// checking that every internal link and #anchor leads somewhere.
//
// Authors link to source files (`../omakouvola/_index.md#aanestys`), to folders
// (`../omakouvola/`), or to site paths (`/hankkeet/`). ResolveLink turns each into the
// target's URL with the site's base path and records anchors to check once every page's
// headings are known (CheckAnchors). External links (any scheme, or //host) pass through.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "generator/model/site.h"

namespace yhdessa {

struct AnchorRef {
  int target = -1;     // page index
  std::string anchor;  // without '#'
  SourcePos pos;
};

/// Returns the address to emit for `url` written on page `from`. Broken links are reported
/// into `diags`; anchors to check are appended to `anchors`.
std::string ResolveLink(const Site& site, int from, const std::string& url, const SourcePos& pos,
                        DiagnosticList& diags, std::vector<AnchorRef>& anchors);

/// The resolver for the body of page `from`: ResolveLink, plus every http(s) address
/// noted in `external` (for `check --external`). The references must outlive it.
LinkResolver BodyLinkResolver(const Site& site, int from, DiagnosticList& diags,
                              std::vector<AnchorRef>& anchors,
                              std::vector<std::pair<std::string, SourcePos>>& external);

/// `resolve`, noting in `out` every address it returns: where a page's body links to, for
/// SitePatch (a page is taken out of the site only when no other page links to it).
LinkResolver RecordLinks(LinkResolver resolve, std::vector<std::string>& out);

/// Whether `address`, as a link resolver returned it, leads to the page whose address is
/// `target` (SiteUrl of its Page::url), to one of its anchors or with a query.
bool LinksTo(std::string_view address, std::string_view target);

/// Every id a link may point at on `page`: its headings and the anchors of its typed
/// content (goals, measures, assessment dimensions).
std::vector<std::string> PageAnchors(const Page& page);

/// Reports every anchor that names no heading of its target page.
void CheckAnchors(const Site& site, const std::vector<AnchorRef>& anchors, DiagnosticList& diags);

/// A site path (as in Page::url) with the site's base path: "/a/" -> "/kouvola/a/".
std::string SiteUrl(const Site& site, const std::string& path);

}  // namespace yhdessa
