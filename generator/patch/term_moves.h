// Pages joining and leaving taxonomy terms in the model SitePatch keeps: whether a
// page's new terms can be taken as they are (a term made or dropped, named as the build
// names it), checked for one page and for all the pages of a change together, and made.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "generator/content/front_matter.h"
#include "generator/model/site.h"
#include "generator/patch/site_patch.h"

namespace yhdessa::patch {

// A term that an edited page joins or leaves, or makes (`created`: its first page; the
// term is known by its slug and spelled as the page spells it), or takes away (`dropped`:
// it leaves the term it was the only page of, whose page goes).
struct TermMove {
  size_t taxonomy = 0;
  size_t term = 0;
  bool join = false;
  bool created = false;
  bool dropped = false;
  std::string slug, name;
};

// A page's terms in one taxonomy as AssembleSite takes them: by slug, spelled as first
// written (a term without a slug, or named twice, counts once).
std::map<std::string, std::string> TermsBySlug(const FrontMatter& fm, const std::string& name);

// "" when page `page` (-1: a page not in the model yet) may go from the terms of `was_fm`
// to those of `p` (its new source) in the model as it is: no term goes
// (every term it leaves keeps other pages), a term it joins exists or is made at a free
// address in a taxonomy that has a list page already, each existing term keeps its name (the build
// names a term as the first page by path spells it: a page joining or respelling one writes it as
// the term is named, and one that leaves the term it names leaves it to a page spelling it the
// same). The moves go to `moves`. Otherwise the reason.
std::string CheckTermMoves(const BuildSession& session, int page, const FrontMatter& was_fm,
                           const Page& p, std::vector<TermMove>& moves);

// A page of a change, with its term moves (CheckTermMoves) and where its new body links to
// (BuildSession::links): an edited page, or a new page (`page` -1).
struct PageMoves {
  int page = -1;
  const std::string* file = nullptr;
  const std::vector<TermMove>* moves = nullptr;
  const std::vector<std::string>* links = nullptr;
};

// "" when the term moves of `pages`, each checked against the model as it is
// (CheckTermMoves), can all be made: a term one of them makes or drops is moved by no
// other page (two making it would have to agree on its name; a page joining a term another
// leaves empty keeps it), pages that leave a term together leave it pages, each taxonomy
// keeps a term, and no new body links to a term that goes (CheckTermMoves saw the bodies
// as they were). Otherwise the reason.
std::string CheckTermMovesTogether(const BuildSession& session,
                                   const std::vector<PageMoves>& pages);

// Makes the term `m` (created) with page `page` as its only page: its page at the end of
// the model (a build numbers pages by path: the numbers differ, the output does not), in
// its taxonomy's terms and list page in slug order, with a job rendered by this patch
// whatever it reads. Returns the term page's number; the taxonomy's list page's place
// changed too. The caller tells the renderer and the render cache (PagesAdded,
// PlacesChanged).
int MakeTerm(BuildSession& session, const TermMove& m, int page);

// Puts page `page` into and out of the terms of `moves` (CheckTermMoves), the lists sorted
// as the build sorts them; the terms it takes away and the terms it makes after the others.
// Terms are found by slug here, not by the numbers CheckTermMoves saw: another page's
// moves, applied before, may have made or taken away terms of the same taxonomy. Appends
// the pages whose place changed to `placed`: the terms' pages, and for a new or a dropped
// term its taxonomy's list page; a dropped term's files to `files`. True when it made a
// term (a page added to the model).
bool ApplyTermMoves(BuildSession& session, const std::vector<TermMove>& moves, int page,
                    std::vector<int>& placed, std::vector<std::string>& files);

}  // namespace yhdessa::patch
