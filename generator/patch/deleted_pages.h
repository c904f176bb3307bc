// Page files deleted from the model SitePatch keeps: whether a page, its translations and
// notices can leave it as they are (entries of their lists and nothing more, with nothing
// leading to them), and taking them out, as tombstones, or a notice in a translation's
// place.
#pragma once

#include <string>
#include <vector>

#include "generator/patch/site_patch.h"
#include "generator/patch/term_moves.h"

namespace yhdessa::patch {

// A version of a deleted page that leaves the model: the page of the default language, or
// a translation deleted with it.
struct Leaving {
  int page = -1;
  std::vector<TermMove> term_moves;  // the terms it leaves
};

// A deleted page file, checked (CheckDeletedPage) before it leaves the model.
struct DeletedPage {
  std::vector<Leaving> versions;  // the page of the default language first
  std::vector<int> notices;       // its missing-translation notices, which go with it
  /// A translation deleted while its page stays: that page, whose notice takes the
  /// translation's place (its one version); -1 otherwise.
  int notice_of = -1;
  int page() const { return versions.front().page; }
  // The pages that go: its versions and its notices.
  std::vector<int> Gone() const {
    std::vector<int> gone;
    for (const Leaving& v : versions) gone.push_back(v.page);
    gone.insert(gone.end(), notices.begin(), notices.end());
    return gone;
  }
};

// Whether version `page` of a deleted page can leave its lists as it is: an entry of its
// section's and terms' lists and nothing more (no kind, aliases or bundle, no ballots; a
// translation may record its source, `translation_of`, which goes with it), whose section
// keeps other pages or has its own file (AssembleSite makes a section without one only for
// its pages), and whose terms keep other pages and their names (CheckTermMoves). The
// reason when not.
std::string CheckLeaving(const BuildSession& session, int page, Leaving& out);

// Whether translation `page`, whose file is gone while its page of the default language
// stays, can give its place to a notice for that page, the way a build without the file
// would have it: a translation of a page (not typed) whose notice would have its address,
// only an entry of its lists (CheckLeaving), that no page that stays links to and no menu
// names. The reason when not.
std::string CheckDeletedTranslation(const BuildSession& session, int page,
                                    const std::vector<int>& deleting, DeletedPage& out);

// Whether page `page`, whose file is gone, can be taken out of the model as it is, the way
// a build without the file would have it (a translation whose page stays:
// CheckDeletedTranslation): a page of the default language whose
// translations are deleted with it (`deleting`: every page whose file is gone; its notices
// go with it), each version of it only an entry of its lists (CheckLeaving), that no alias
// leads to, no page that stays links to and no menu names. The reason when not.
std::string CheckDeletedPage(const BuildSession& session, int page,
                             const std::vector<int>& deleting, DeletedPage& out);

// Takes version `v` of a deleted page out of its section's and terms' lists and out of the
// maps of source files; appends the pages that held it to `holders`, a term's files that go
// with it to `files`.
void LeaveLists(BuildSession& session, const Leaving& v, std::vector<int>& holders,
                std::vector<std::string>& files);

// Puts a notice in the place of a checked deleted translation (DeletedPage::notice_of): the
// translation leaves its section's and terms' lists, the notice takes its number, address
// and job (which this patch renders whatever it read). Appends the files of terms that go
// to `files`, and the pages whose place changed to `changed`.
void ReplaceByNotice(BuildSession& session, const DeletedPage& deleted, std::vector<int>& changed,
                     std::vector<std::string>& files);

// Takes a checked deleted page, its translations and its notices out of the model: out of
// their sections' and terms' lists and of the site's maps, their jobs out of the session,
// the pages left in the vector as tombstones (Page::removed) so that no other page's number
// changes. Appends their files to `files`, and the pages whose place changed (the removed
// ones, then the lists that held them) to `changed`.
void RemovePage(BuildSession& session, const DeletedPage& deleted, std::vector<int>& changed,
                std::vector<std::string>& files);

}  // namespace yhdessa::patch
