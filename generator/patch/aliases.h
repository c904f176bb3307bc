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
// gains has a free address (no page, redirect or static file has it: a build reports one
// that is taken, or writes one file twice), none is named twice, and none is in `gained`
// (the other pages' of the same change), where they are added. Otherwise the reason.
std::string CheckAliases(const Site& site, int page, const std::vector<std::string>& now,
                         std::set<std::string>& gained);

// Puts the aliases of the `edited` pages' front matter (already in the model) into
// Site::aliases in place of those they had, with their render jobs: a gained alias's job is
// added (this patch renders it), a lost one's goes and its file is appended to `files`, the
// others stay (they read their page, and render again when it shows otherwise).
void ReplaceAliases(BuildSession& session, const std::vector<int>& edited,
                    std::vector<std::string>& files);

}  // namespace yhdessa::patch
