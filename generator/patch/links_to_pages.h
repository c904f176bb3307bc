// What leads to a page or an address in the model SitePatch keeps: the links of the
// pages' bodies (BuildSession::links) and the menus, and the addresses already taken. A
// page leaves the site only when nothing leads to it, and comes only at a free address.
#pragma once

#include <string>
#include <vector>

#include "generator/patch/site_patch.h"

namespace yhdessa::patch {

// The addresses of `pages` as links to them begin (LinksTo).
std::vector<std::string> Targets(const Site& site, const std::vector<int>& pages);

// Whether one of `addresses` (where a body's links lead, BuildSession::links) leads to one
// of `targets`.
bool LinksToAny(const std::vector<std::string>& addresses, const std::vector<std::string>& targets);

// The first page whose body links to one of `targets` (BuildSession::links; a page taken
// out has none), but for the pages of `skip` (sorted); -1 when none.
int PageLinkingTo(const BuildSession& session, const std::vector<std::string>& targets,
                  const std::vector<int>& skip);

// "" when nothing leads to the pages `gone` once they leave the site: no other page's body
// links to one of them (BuildSession::links; the pages of `leaving`, sorted, leave too and
// do not count) and no menu names one (a build reports both). Otherwise the reason, with
// `what` for the page that goes.
std::string LinkedTo(const BuildSession& session, const std::vector<int>& gone,
                     const std::string& what, const std::vector<int>& leaving = {});

// "" when no other page's body links (BuildSession::links) to an anchor of `page` that
// `anchors` (its anchors after an edit of its headings) lacks: a build reports such a
// link. Otherwise the reason.
std::string LinkedToLostAnchor(const BuildSession& session, int page,
                               const std::vector<std::string>& anchors);

// Whether an alias's redirect is written to `file` (relative to the output root): one
// naming a file ("/x/index.html", "/x/atom.xml") is written where its name says, which a
// build accepts until another job writes the same file.
bool AliasWrites(const Site& site, const std::string& file);

// Whether `file` (relative to the output root) is copied there (a static file, a page's
// picture, the theme's: Site::theme_files) or is an alias's redirect (AliasWrites): a
// build reports anything else written there as written twice.
bool FileTaken(const Site& site, const std::string& file);

// Whether `url` is the address of a page or a list page, or its file is taken (FileTaken):
// a build reports a page, list page or redirect that would take it.
bool AddressTaken(const Site& site, const std::string& url);

}  // namespace yhdessa::patch
