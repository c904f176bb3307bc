// SitePatch: `serve`'s fast path for the most common edits: new prose, a new title,
// description, weight or date, in existing pages; a new page, a deleted or a renamed one.
//
// A successful build can leave its working state behind (BuildSession: the site model, the
// theme, the renderer, every render job's fingerprint and the pages it read). When the next
// change touches only content pages the model already has, PatchSite parses them, puts
// their front matter and rendered bodies into the model and renders again only the jobs
// whose fingerprint changed: the jobs that read those pages (RenderCache says what reads
// what). It takes a page only when everything else a full build derives from the file is
// certain to be unchanged:
//   - its place in the site: type, language, slug, publication and expiry dates and draft
//     are as they were, it has no `kind` (typed content feeds rounds and
//     catalogues), and a date it has, gains or loses is one the build's clock had passed
//     (a page's date decides whether it is published). A new weight, date or title may
//     move the page within its
//     lists: they are sorted again as the build sorts them, and the jobs that read them
//     are rendered again (RenderCache fingerprints each list's order);
//   - its taxonomy terms may change (no two pages in the change moving into or out of one
//     term, CheckTermMovesTogether) when the existing ones keep their names: each term it
//     joins exists, spelled as the term is named, or is new (its page is made at a free
//     address, in a taxonomy that has a list page: MakeTerm), each it leaves keeps other
//     pages and its name or had no other page (the term and its page go, when no page
//     links to it, no menu names it and its taxonomy keeps a term).
//     The page goes into and out of those terms' lists, sorted as the build sorts them;
//     the jobs that read the page or those terms' pages are rendered again;
//   - its aliases may change (not with new or deleted pages, nor with terms): each alias
//     it gains is a folder's address ("/vanha/") that nobody has (no page or list page,
//     redirect or static file), and its redirect is written; each it loses has its
//     redirect's file deleted (CheckAliases, ReplaceAliases);
//   - its headings may change when it is the only page of the change: no other page's
//     body links to an anchor that goes (LinkedToLostAnchor), and its own links to its
//     anchors are checked against the new ones; the jobs that read it are rendered again;
//   - neither the old nor the new body has ballot directives;
//   - parsing it, rendering its Markdown, its links and its anchors reports nothing (a
//     full build shows every message the same way on each rebuild);
//   - no page date or round time was crossed since the build (the model holds the
//     build's clock: what is published, what is future, which rounds are open).
// The one copy the model makes of a page's front matter, its title in the notices for
// its missing translations, is updated with it; a translation of a typed page takes its
// original's kind and keys, as in a build (ShareOriginalFrontMatter).
// A new page file (alone in the change, or with edits of other pages, which may link to it:
// they are checked with the new page standing in the model) goes in when the build would
// make it just another entry of its section's and terms' lists: a page of the default
// language that nothing translates yet, or a translation of a page (not typed) into a
// language where a notice stands in for it, at the notice's address; in a folder that has
// its section (in its language), at a free address, with terms that exist (named as they
// are) or that it makes (at a free address, in a taxonomy with a list page; no edit in the
// change moving the same term), published whatever the clock and the filters, without kind,
// ballots or messages (a translation may record its source, translation_of), its aliases as
// an edit's are (checked once it is in, the deleted pages' redirects gone). A
// page bundle (<folder>/index.md) is such a page when its folder holds no other page and
// the files in it keep their addresses (the page's address is its folder's path). A page is
// added at the end of the model (a build numbers pages by path; the output does not depend
// on the numbers) with a notice in each other language, as AssembleSite does (PlacePage,
// MissingTranslationNotice); a translation takes its notice's number. The lists it joins
// are sorted again, and the jobs that read them, the sitemap and the new pages are
// rendered. A list that grows past or shrinks below a multiple of `paginate` gains or loses
// list pages with any of these changes, and a section whose pages are all dated now, or no
// longer, gains or loses its feed: their jobs are added (and rendered) or taken away (their
// files in PatchResult::removed), as a build would make them (MatchJobs); a new one where a
// static file is copied builds (the session is then cleared).
// Deleted page files (up to 32, alone or with edits of other pages, which may take the
// links to them away, and with new page files: a page renamed, a `git pull`) go out when the build
// would lose nothing but entries of sections' and terms' lists: each a page of the default language
// whose translations, if it has any, are deleted with it, or a translation whose page stays (its
// notice comes back at its address); without kind or ballots (a deleted page's redirects go with
// it), no bundle whose files would move, that no page that stays links to (BuildSession::links) and
// no menu names, whose sections keep other pages (or have their own file), and whose terms keep
// other pages and their names (or go, when nothing leads to them). Alone, the first is checked
// against the model as it is; each other one, and every one after edits, against the model the
// changes before it left (the session is cleared when one fails then). They, their translations and
// notices stay in the model's vector as tombstones (Page::removed), so no page's number changes (a
// notice takes a translation's number); their jobs go, the jobs that read them or the lists that
// held them are rendered, and their files are in PatchResult::removed. A file the build copies as
// it is (below static/, a picture beside its page) that is written anew is copied again; a new one
// is copied at the address the build gives it (beside its bundle's page), and stands in the model
// while the pages of the change are checked, so they may link to it. A deleted one goes (its copy
// in PatchResult::removed) when it is no proposal's picture and no page links to it once the pages
// of the change are in (they are checked without it). With deleted pages, the first new page
// (checked with them in the model) must not link to one, neither may be a translation, and no
// deleted page may be a term's only page; the other new pages are checked once the deleted ones are
// out. Any other change — data, templates, site.yaml, a new section — returns kNeedsBuild before
// anything is touched, and the caller builds; so does a failure half-way (the session is then
// cleared). What PatchSite writes is byte-identical to what a full build of the same sources writes
// (tested, also by a random walk of edits).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/diagnostic.h"
#include "generator/build.h"
#include "generator/cache/render_cache.h"
#include "generator/content/markdown.h"
#include "generator/core/file_system.h"
#include "generator/model/site.h"
#include "generator/render/site_renderer.h"
#include "generator/render/template_set.h"

namespace yhdessa {

/// What a build leaves for PatchSite (BuildOptions::session). Filled only by a build that
/// reported no errors and used the build cache; empty (ready() false) otherwise.
struct BuildSession {
  std::unique_ptr<Site> site;
  std::unique_ptr<TemplateSet> templates;                   // the renderer reads them
  std::unique_ptr<SiteRenderer> renderer;                   // renders from *site
  std::unique_ptr<RenderCache> render_cache;                // fingerprints from *site
  std::vector<RenderJob> jobs;                              // the build's, in its order
  std::vector<uint64_t> fingerprints;                       // by job (RenderCache)
  std::vector<PageReads> reads;                             // by job: the pages it read
  std::map<std::string, MarkdownOptions> markdown_options;  // by language
  /// By page: the hash of its source before the body (0: not known, never patched).
  std::vector<uint64_t> front_matter_hashes;
  std::unordered_set<std::string> content_files;  // every file below content/, as listed
  /// By page: where its body's links led (the addresses the link resolver returned), so
  /// that a page is taken out only when no other page links to it.
  std::vector<std::vector<std::string>> links;
  /// The build's clock reads the model as it is until this time (seconds since the epoch):
  /// the first page date, publication, expiry or round opening or closing after it.
  int64_t valid_until = 0;

  /// Made by the first patch of a front matter (the structure they index is the same for
  /// as long as the session lasts): the pages that hold lists of pages, and each page's
  /// missing-translation notices.
  std::vector<int> list_holders;
  std::multimap<int, int> notices;  // original page -> notice page
  bool indexed = false;

  bool ready() const { return site != nullptr; }
  void Clear() { *this = BuildSession(); }
};

struct PatchResult {
  enum Outcome { kPatched, kNeedsBuild } outcome = kNeedsBuild;
  std::string reason;  // kNeedsBuild: why, for --verbose
  /// kNeedsBuild because of what a build reports in the change's own files (one that does
  /// not parse, a message of its Markdown, a link the change breaks): the build will likely
  /// fail, and `serve` keeps its model for the fix.
  bool reported = false;
  size_t pages = 0;  // pages whose bodies were replaced, or added
  size_t jobs = 0;   // render jobs run again
  /// The files written (rendered, and different from before), relative to the output
  /// root; a new page's are files the last build did not write.
  std::vector<std::string> written;
  /// The files of a deleted page (and of its notices), of copied files deleted, of list
  /// pages and terms that go, for the caller to delete; none of them is in `written` (a
  /// new page may take a deleted file's address).
  std::vector<std::string> removed;
};

/// Applies the changes `changed` (paths relative to the site root, as the change watcher
/// reports them) to `session` and writes the files that change to `out`, or says that a
/// full build is needed. `now`: the clock (seconds since the epoch). Diagnostics go to
/// `diags` only when something fails after the files were checked (a write error).
PatchResult PatchSite(BuildSession& session, const FileSystem& fs,
                      const std::vector<std::string>& changed, int64_t now, OutputSink& out,
                      DiagnosticList& diags);

}  // namespace yhdessa
