// Page files that are new to the model SitePatch keeps: whether one can be added as it is
// (CheckNewPage, the way a build would place it), the new page standing in the model while
// the edits of the same change are checked, and the new page put in with its notices.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "generator/core/file_system.h"
#include "generator/model/site.h"
#include "generator/patch/site_patch.h"
#include "generator/patch/term_moves.h"

namespace yhdessa::patch {

// A date the build's clock had passed: the page is published, and the clock will not
// change that (SitePatch's clock check covers dates after it).
bool Past(const std::optional<DateTime>& d, int64_t clock);

// A page file the model does not have yet, checked (CheckNewPage) before it goes in.
struct NewPage {
  Page page;  // placed (address, translation key), with its body rendered
  std::vector<std::string> notice_languages;  // where it has no translation (the others)
  int parent = -1;
  std::vector<TermMove> term_moves;  // the terms it joins or makes
  uint64_t front_matter_hash = 0;
  std::vector<std::string> links;  // where its body links to (BuildSession::links)
  /// A translation: the notice it takes the place of (same number, same address); -1 for a
  /// page of the default language, which goes at the end of the model.
  int replaces = -1;
};

// While the edits in a change with a new page are checked, the new page stands at the end
// of the model, where their links and #anchors find it by its address or its file, as in a
// build of the whole change (its notices do not stand: a link to one goes to a build).
// Taken out again when done or destroyed, whatever the checks decided.
class StandingNewPage {
 public:
  StandingNewPage(BuildSession& session, NewPage* added)
      : session_(session), site_(*session.site), added_(added) {
    if (!added_ || added_->replaces >= 0) {
      added_ = nullptr;
      return;
    }
    index_ = static_cast<int>(site_.pages.size());
    url_ = added_->page.url;
    content_path_ = added_->page.content_path;
    site_.pages.push_back(std::move(added_->page));
    site_.by_url.emplace(url_, index_);
    site_.by_content_path.emplace(content_path_, index_);
    // Its links too, by page number, as the checks look for links to what would go.
    session_.links.push_back(added_->links);
  }
  ~StandingNewPage() { StepDown(); }
  StandingNewPage(const StandingNewPage&) = delete;
  StandingNewPage& operator=(const StandingNewPage&) = delete;

  void StepDown() {
    if (!added_) return;
    site_.by_url.erase(url_);
    site_.by_content_path.erase(content_path_);
    added_->page = std::move(site_.pages.back());
    site_.pages.pop_back();
    session_.links.pop_back();
    added_ = nullptr;
  }

 private:
  BuildSession& session_;
  Site& site_;
  NewPage* added_;
  int index_ = -1;
  std::string url_, content_path_;
};

// Whether `file` (below content/, not in the model) can be added to the model as it is,
// the way a build would place it: a page in the default language that no other page
// translates yet (it gets a notice in each other language, as in a build), or a
// translation of a page of the default language (not typed) into a language it has a
// notice for, at that notice's address (it takes the notice's place); in a folder that has
// its section, under an address nobody has (nor its notices), with terms that exist or that
// it makes (CheckTermMoves), published whatever the build's clock and filters, without
// anything that makes a page more than an entry in its section's and terms' lists (a kind,
// a bundle, ballots; a translation may record its source, `translation_of`; its aliases are
// checked once it is in, CheckAliases). The reason when not.
std::string CheckNewPage(BuildSession& session, const FileSystem& fs, const std::string& file,
                         NewPage& out);

// The first of the new page files `files` that CheckNewPage lets into the model as it is,
// taken out of `files` into `out`. Otherwise the reason the first of them gave.
std::string NextNewPage(BuildSession& session, const FileSystem& fs,
                        std::vector<std::string>& files, NewPage& out);

// Puts a checked new page into the model at its end (a build numbers pages by path: the
// numbers differ, the output does not), into its section's and terms' lists sorted as the
// build sorts, with its notices; the renderer and the render cache grow with it. Appends
// the pages whose place changed (the new ones first, then the lists that hold them) to
// `changed`. Returns its number. Its aliases are not put in (ReplaceAliases).
int AddNewPage(BuildSession& session, NewPage& added, std::vector<int>& changed);

}  // namespace yhdessa::patch
