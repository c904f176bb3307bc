// The aliases (redirects from old addresses, front matter's `aliases`) that edited pages
// gain or lose: SitePatch takes them when a build would only write or delete those
// redirects.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "generator/patch/site_patch.h"

namespace yhdessa::patch {

// "" when page `page`'s aliases may become `now` (its new front matter's): each alias it
// gains is a folder's address ("/vanha/", not "/vanha.html": a file's name may be any
// file a build writes) that nobody has (no page or list page, redirect or static file: a
// build reports one that is taken, or writes one file twice), none is named twice, and
// none is in `gained` (the other pages' of the same change), where they are added.
// Otherwise the reason.
std::string CheckAliases(const Site& site, int page, const std::vector<std::string>& now,
                         std::set<std::string>& gained);

// Puts the aliases of the `edited` pages' front matter (already in the model) into
// Site::aliases in place of those they had (a page taken out, Page::removed, has none, as a
// notice in a deleted translation's place),
// with their render jobs: a gained alias's job is
// added (this patch renders it), a lost one's goes and its file is appended to `files`, the
// others stay (they read their page, and render again when it shows otherwise).
void ReplaceAliases(BuildSession& session, const std::vector<int>& edited,
                    std::vector<std::string>& files);

}  // namespace yhdessa::patch
