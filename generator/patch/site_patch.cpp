#include "generator/patch/site_patch.h"

#include <algorithm>
#include <set>
#include <unordered_set>
#include <utility>

#include "generator/cache/content_hash.h"
#include "generator/content/text.h"
#include "generator/core/parallel.h"
#include "generator/kinds/kind_registry.h"
#include "generator/model/links.h"
#include "generator/model/site_assembly.h"
#include "generator/patch/aliases.h"
#include "generator/patch/copied_files.h"
#include "generator/patch/deleted_pages.h"
#include "generator/patch/links_to_pages.h"
#include "generator/patch/new_pages.h"
#include "generator/patch/reasons.h"
#include "generator/patch/session_jobs.h"
#include "generator/patch/term_moves.h"
#include "generator/render/site_renderer.h"

namespace yhdessa {

// PatchSite orders the checks and the changes of generator/patch/'s parts.
using namespace patch;

namespace {

// The most page files one patch takes out (a page and its translations count each): each
// is checked against every page's links, and past a few a build is as fast.
constexpr size_t kMaxDeletedPages = 32;

// The most new page files one patch adds (each is parsed, rendered and checked against the
// model the ones before it made).
constexpr size_t kMaxNewPages = 32;

// The most files below a folder that came or went (the change watcher names the folder):
// each is looked at.
constexpr size_t kMaxFolderFiles = 256;

// What a page's rendered body gives the model besides its HTML: other pages' #anchor
// links are checked against its headings when the site is built.
bool SameHeadings(const RenderedMarkdown& a, const RenderedMarkdown& b) {
  if (a.headings.size() != b.headings.size()) return false;
  for (size_t i = 0; i < a.headings.size(); ++i) {
    const Heading& x = a.headings[i];
    const Heading& y = b.headings[i];
    if (x.level != y.level || x.text != y.text || x.id != y.id) return false;
  }
  return true;
}

// The anchors page `p` has (PageAnchors) once its headings are `headings`.
std::vector<std::string> AnchorsWithHeadings(const Page& p, const std::vector<Heading>& headings) {
  std::vector<std::string> ids = PageAnchors(p);
  for (const Heading& h : p.md.headings) {
    if (auto it = std::find(ids.begin(), ids.end(), h.id); it != ids.end()) ids.erase(it);
  }
  for (const Heading& h : headings) ids.push_back(h.id);
  return ids;
}

bool SameDate(const std::optional<DateTime>& a, const std::optional<DateTime>& b) {
  return a.has_value() == b.has_value() && (!a || a->Iso() == b->Iso());
}

// "" when the front matter `now` may replace `before` in the model as it is: every key
// the model derives something from other than list order is the same. Otherwise the
// key that differs. A new weight, title or date moves the page within its lists (Resort);
// a date may change, come or go only as a date the clock has passed (a future one decides
// whether the page is published; one that comes or goes may give or take its section's
// feed: MatchJobs). `translation_of` is read by `yhdessa check` only.
std::string ModelKeyChanged(const FrontMatter& before, const FrontMatter& now, int64_t clock) {
  if (!before.kind.empty() || !now.kind.empty()) return "kind";  // typed content, rounds
  if (before.slug != now.slug) return "slug";
  if (!SameDate(before.date, now.date) &&
      !((!before.date || Past(before.date, clock)) && (!now.date || Past(now.date, clock))))
    return "date";
  if (!SameDate(before.publish_date, now.publish_date)) return "publishDate";
  if (!SameDate(before.expiry_date, now.expiry_date)) return "expiryDate";
  if (before.draft != now.draft) return "draft";
  return "";  // taxonomies: CheckTermMoves; aliases: CheckAliases
}

PatchResult NeedsBuild(std::string reason) {
  PatchResult r;
  r.outcome = PatchResult::kNeedsBuild;
  r.reported = reason.ends_with(kHasErrors) || reason.ends_with(kHasMessages) ||
               reason.ends_with(kLinksToIt);
  r.reason = std::move(reason);
  return r;
}

// A page's new source, checked, before it goes into the model.
struct Edit {
  int page = -1;
  Page parsed;  // ParsePage's, with the new body rendered
  uint64_t front_matter_hash = 0;
  std::vector<TermMove> term_moves;  // the terms it joins and leaves
  bool placed = false;               // its terms changed: its place in the site too
  bool aliases = false;              // its aliases changed (CheckAliases)
  bool headings = false;             // its headings changed: the anchors links may name
  std::vector<std::string> links;    // where its new body links to (BuildSession::links)
};

}  // namespace

PatchResult PatchSite(BuildSession& session, const FileSystem& fs,
                      const std::vector<std::string>& changed, int64_t now, OutputSink& out,
                      DiagnosticList& diags) {
  if (!session.ready()) return NeedsBuild("no site kept from a build");
  Site& site = *session.site;
  if (now < site.now || now >= session.valid_until)
    return NeedsBuild("a page date or a round's opening or closing time has passed");

  // A folder in the change ("content/new/": anything below it may have changed) stands for
  // the files below it that the model has and those there now.
  std::vector<std::string> paths;
  for (const std::string& path : changed) {
    if (!path.ends_with('/')) {
      paths.push_back(path);
      continue;
    }
    if (!path.starts_with("content/") && !path.starts_with("static/"))
      return NeedsBuild(path + " is a folder of the theme or the data");
    std::set<std::string> below;
    for (const std::string& f : fs.ListFiles(path.substr(0, path.size() - 1))) below.insert(f);
    for (const std::string& f : session.content_files) {
      if (f.starts_with(path)) below.insert(f);
    }
    for (const StaticFile& f : site.static_files) {
      if (f.source.starts_with(path)) below.insert(f.source);
    }
    if (below.size() > kMaxFolderFiles)
      return NeedsBuild(path + " holds " + std::to_string(below.size()) + " files");
    paths.insert(paths.end(), below.begin(), below.end());
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());

  // Which pages: every change must be a page the model has (an editor's temporary file,
  // created and deleted again within the save, is not a change of the site).
  std::vector<int> pages;
  std::vector<std::string> added;       // new page files
  std::vector<int> deleted;             // pages whose files are gone
  std::vector<StaticFile> copies;       // files copied as they are: written anew, or new
  std::vector<StaticFile> gone_copies;  // and deleted
  StandingCopies new_copies(session);
  for (const auto& path : paths) {
    bool content = path.starts_with("content/");
    bool known = session.content_files.count(path) > 0;
    bool exists = fs.IsFile(path);
    if (content && !known && !exists) continue;
    if (!content || !path.ends_with(".md")) {
      // A file the build copies as it is (static/, a picture beside its page), written
      // anew: copied again. Its address is as it was, and no page reads its bytes. A new
      // one stands in the model while the pages are checked (they may link to it).
      if (!content && !path.starts_with("static/"))
        return NeedsBuild(path + " is not a page's text");
      const StaticFile* copied = CopiedAsItIs(site, path);
      if (!exists) {  // deleted: it goes when nothing shows it (CheckDeletedCopy, below)
        if (!copied) return NeedsBuild(path + " is not a page's text");
        gone_copies.push_back(*copied);
        continue;
      }
      if (copied) {
        copies.push_back(*copied);
        continue;
      }
      if (known) return NeedsBuild(path + " is not a page's text");
      StaticFile copy;
      int owner = -1;
      if (std::string why = CheckNewCopy(site, path, copy, owner); !why.empty())
        return NeedsBuild(why);
      new_copies.Add(copy, owner);
      copies.push_back(copy);
      continue;
    }
    auto it = site.by_content_path.find(path.substr(8));
    if (it == site.by_content_path.end()) {
      if (known) return NeedsBuild(path + " is not a page of the site");
      added.push_back(path);
      continue;
    }
    (exists ? pages : deleted).push_back(it->second);
  }
  // Deleted copies leave the model before any page of the change is checked: a link to
  // one from an edited or new page is then broken, as in a build.
  LeavingCopies leaving_copies(session);
  if (!gone_copies.empty()) {
    std::vector<int> changing = pages;
    changing.insert(changing.end(), deleted.begin(), deleted.end());
    std::sort(changing.begin(), changing.end());
    for (const StaticFile& f : gone_copies) {
      if (std::string why = CheckDeletedCopy(session, f, changing); !why.empty())
        return NeedsBuild(why);
    }
    for (const StaticFile& f : gone_copies) leaving_copies.Remove(f.source);
  }
  // New pages (a page and its translations, several pages: a `git pull`), alone or with
  // edits of other pages (which may link to the first of them); deleted pages (`git rm`: a
  // page and its translations, several pages), alone or with edits; or both (a page
  // renamed, as `git mv` does it, the links to it put right; a `git pull` that adds and
  // deletes pages).
  if (added.size() > kMaxNewPages)
    return NeedsBuild(std::to_string(added.size()) + " pages are new");

  if (deleted.size() > kMaxDeletedPages)
    return NeedsBuild(std::to_string(deleted.size()) + " pages are deleted");
  std::sort(deleted.begin(), deleted.end());
  deleted.erase(std::unique(deleted.begin(), deleted.end()), deleted.end());
  // A page of the default language takes its translations deleted with it along; a
  // translation deleted without it gives its place to a notice.
  std::vector<int> originals;
  for (int d : deleted) {
    int original = site.DefaultLanguageVersion(site.pages[d]);
    if (original == d || original < 0 ||
        !std::binary_search(deleted.begin(), deleted.end(), original))
      originals.push_back(d);
  }
  // The first is checked here, against the model as it is; the others when the ones before
  // them have left (two may leave one section or one term), below.
  std::vector<DeletedPage> deletions(originals.size());
  if (!originals.empty() && pages.empty()) {  // with edits: after them, below
    if (std::string why = CheckDeletedPage(session, originals.front(), deleted, deletions.front());
        !why.empty())
      return NeedsBuild(why);
  }
  // The new pages go in one by one, each checked against the model the ones before it made
  // (their addresses taken, their terms made, their notices there for a translation to
  // take the place of): the first that passes, then the first of the rest that passes, ...
  // (a page may link to one named after it, a translation comes after its page). This one
  // is checked against the model as it is; the others once it and the edits are in.
  const size_t new_pages = added.size();
  std::optional<NewPage> new_page;
  if (!added.empty()) {
    new_page.emplace();
    if (std::string why = NextNewPage(session, fs, added, *new_page); !why.empty())
      return NeedsBuild(why);
  }
  // New pages with deleted ones. The first new page was checked with the deleted pages in
  // the model, and each deleted page without the new one: the new page must not link to a
  // deleted one, neither may be a translation, and no deleted page may be a term's only page
  // (the new page's moves would name a term no longer there). The other new pages are
  // checked once the deleted ones are out. Each deleted page once it is checked: the first
  // here when alone, the others (and all of them after edits) below.
  auto check_with_new_page = [&](const DeletedPage& d) -> std::string {
    if (!new_page) return "";
    if (new_page->replaces >= 0 || d.notice_of >= 0)
      return new_page->page.file + " is new, with a translation deleted or added";
    if (LinksToAny(new_page->links, Targets(site, d.Gone())))
      return site.pages[d.page()].file + " is deleted and " + new_page->page.file +
             std::string(kLinksToIt);
    for (const Leaving& v : d.versions) {
      for (const TermMove& m : v.term_moves) {
        if (m.dropped)
          return site.pages[d.page()].file +
                 " is deleted with a new page and was a term's only page";
      }
    }
    return "";
  };
  if (pages.empty() && !deletions.empty()) {
    if (std::string why = check_with_new_page(deletions.front()); !why.empty())
      return NeedsBuild(why);
  }
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());

  // Check every page before the model changes: a page that needs a full build leaves the
  // session as it was.
  static const std::vector<std::string> kKindKeys = AllKindKeys();
  std::vector<Edit> edits;
  std::set<std::string> gained_aliases;  // by the edits so far (CheckAliases)
  StandingNewPage standing(session, pages.empty() ? nullptr : new_page ? &*new_page : nullptr);
  for (int i : pages) {
    const Page& p = site.pages[i];
    if (static_cast<size_t>(i) >= session.front_matter_hashes.size() ||
        session.front_matter_hashes[i] == 0)
      return NeedsBuild(p.file + " was not read by the build");
    if (!p.ballots.empty() || !p.md.directives.empty())
      return NeedsBuild(p.file + " has ballot directives");
    auto text = fs.ReadFile(p.file);
    if (!text.ok()) return NeedsBuild(p.file + ": " + text.status().message());
    DiagnosticList local;
    std::optional<Page> parsed =
        ParsePage(p.file, p.content_path, std::move(*text), site.config, kKindKeys, local);
    if (!parsed || local.error_count() + local.warning_count() > 0)
      return NeedsBuild(p.file + std::string(kHasErrors));
    // The build gives a translation of a typed page its original's kind and keys, which
    // its file need not repeat: without them the page would lose its layout and params
    // (and its place in the structure: every patch of it would end the session).
    if (p.typed && p.lang != site.config.default_language) {
      int original = site.DefaultLanguageVersion(p);
      if (original >= 0 && original != i && site.pages[original].typed == p.typed)
        ShareOriginalFrontMatter(parsed->fm, site.pages[original].fm);
    }
    Edit e;
    e.page = i;
    e.front_matter_hash = HashBytes(std::string_view(parsed->text).substr(0, parsed->body_offset));
    if (e.front_matter_hash != session.front_matter_hashes[i]) {
      if (parsed->type != p.type || parsed->lang != p.lang)
        return NeedsBuild(p.file + ": the page's type or language changed");
      if (std::string key = ModelKeyChanged(p.fm, parsed->fm, site.now); !key.empty())
        return NeedsBuild(p.file + ": its front matter's '" + key + "' changed");
      if (p.fm.aliases != parsed->fm.aliases) {
        // A new page or a term could take a gained alias's address, checked against the
        // aliases as they were.
        if (new_pages > 0 || !deleted.empty())
          return NeedsBuild(p.file + ": its aliases changed, with new or deleted pages");
        if (std::string why = CheckAliases(site, i, parsed->fm.aliases, gained_aliases);
            !why.empty())
          return NeedsBuild(why);
        e.aliases = true;
      }
      if (p.fm.taxonomies != parsed->fm.taxonomies) {
        if (std::string why = CheckTermMoves(session, i, p.fm, *parsed, e.term_moves); !why.empty())
          return NeedsBuild(why);
        // Its terms as written are part of its place, even in another order.
        e.placed = true;
      }
    }
    std::string_view body = parsed->Body();
    if (body.find("{{<") != std::string_view::npos)
      return NeedsBuild(p.file + " has ballot directives");
    auto options = session.markdown_options.find(p.lang);
    if (options == session.markdown_options.end())
      return NeedsBuild(p.file + ": no Markdown options for its language");
    std::vector<AnchorRef> anchors;
    parsed->md = RenderMarkdown(
        body, p.file, parsed->body_line, options->second,
        RecordLinks(BodyLinkResolver(site, i, local, anchors, parsed->external_links), e.links),
        local);
    // Its links to its own anchors are checked against its new headings, the others
    // against the model.
    std::vector<AnchorRef> own;
    for (size_t k = 0; k < anchors.size();) {
      if (anchors[k].target == i) {
        own.push_back(std::move(anchors[k]));
        anchors.erase(anchors.begin() + static_cast<std::ptrdiff_t>(k));
      } else {
        ++k;
      }
    }
    CheckAnchors(site, anchors, local);
    if (local.error_count() + local.warning_count() > 0)
      return NeedsBuild(p.file + std::string(kHasMessages));
    if (!parsed->md.directives.empty()) return NeedsBuild(p.file + " has ballot directives");
    e.headings = !SameHeadings(p.md, parsed->md);
    if (e.headings || !own.empty()) {
      std::vector<std::string> ids = AnchorsWithHeadings(p, parsed->md.headings);
      for (const AnchorRef& a : own) {
        if (std::find(ids.begin(), ids.end(), a.anchor) == ids.end())
          return NeedsBuild(p.file + ": a link to its own '#" + a.anchor + "', which it has not," +
                            std::string(kHasMessages));
      }
      // Other pages' links to an anchor it no longer has: a build reports them.
      if (e.headings) {
        if (std::string why = LinkedToLostAnchor(session, i, ids); !why.empty())
          return NeedsBuild(why);
      }
    }
    e.parsed = std::move(*parsed);
    edits.push_back(std::move(e));
  }
  standing.StepDown();
  // The links checked against a page's new headings were those of the model: a page of
  // the same change could link to an anchor that goes.
  if (std::any_of(edits.begin(), edits.end(), [](const Edit& e) { return e.headings; }) &&
      (edits.size() > 1 || new_pages > 0 || !deletions.empty()))
    return NeedsBuild("headings changed with other pages in the change");
  if (std::any_of(edits.begin(), edits.end(), [](const Edit& e) { return e.aliases; }) &&
      std::any_of(edits.begin(), edits.end(), [](const Edit& e) { return e.placed; }))
    return NeedsBuild("aliases and terms changed in one change");
  std::vector<PageMoves> moving;
  for (const Edit& e : edits)
    moving.push_back({e.page, &site.pages[e.page].file, &e.term_moves, &e.links});
  if (new_page)
    moving.push_back({-1, &new_page->page.file, &new_page->term_moves, &new_page->links});
  if (std::string why = CheckTermMovesTogether(session, moving); !why.empty())
    return NeedsBuild(why);

  new_copies.Keep();  // the change goes in
  leaving_copies.Keep();
  // Into the model. The page's place in the site (RenderCache's structure) is the same;
  // its place within its lists may not be (sorted again below).
  for (auto& e : edits) {
    Page& p = site.pages[e.page];
    p.text = std::move(e.parsed.text);
    p.body_offset = e.parsed.body_offset;
    p.body_line = e.parsed.body_line;
    p.fm = std::move(e.parsed.fm);
    p.md = std::move(e.parsed.md);
    p.external_links = std::move(e.parsed.external_links);
    session.links[e.page] = std::move(e.links);
  }
  bool front_matter = false;
  for (const auto& e : edits) {
    front_matter |= e.front_matter_hash != session.front_matter_hashes[e.page];
  }
  // The one thing the model copies from a page into others: the title of the notices
  // that stand in for its missing translations.
  std::vector<int> changed_pages;
  for (const auto& e : edits) changed_pages.push_back(e.page);
  if (front_matter && !session.indexed) {
    // Scanning every page takes longer than the rest of a patch: once per session.
    for (size_t q = 0; q < site.pages.size(); ++q) {
      const Page& p = site.pages[q];
      // Every list page, empty ones too: a new page may go into an empty section.
      if (p.IsList() || !p.pages.empty() || !p.sections.empty() || !p.term_pages.empty())
        session.list_holders.push_back(static_cast<int>(q));
      if (p.type == PageType::kMissingTranslation && p.original >= 0)
        session.notices.emplace(p.original, static_cast<int>(q));
    }
    session.indexed = true;
  }
  for (const auto& e : edits) {
    if (!front_matter) break;
    auto [from, to] = session.notices.equal_range(e.page);
    for (auto it = from; it != to; ++it) {
      Page& notice = site.pages[it->second];
      notice.fm.title = site.pages[e.page].fm.title;
      changed_pages.push_back(it->second);
    }
  }
  std::vector<std::string> removed_files;  // of the pages taken out: a deleted page, a term
  // The terms the pages joined, left and made (ApplyTermMoves): those pages' places change
  // (RenderCache::PlacesChanged below).
  std::vector<int> placed;
  bool pages_added = false;
  for (const auto& e : edits) {
    if (!e.placed) continue;
    placed.push_back(e.page);
    pages_added |= ApplyTermMoves(session, e.term_moves, e.page, placed, removed_files);
  }
  // A bundle's new or deleted resource is part of its page's place (RenderCache's
  // structure); a deleted page's is not.
  for (int owner : new_copies.owners()) placed.push_back(owner);
  for (int owner : leaving_copies.owners()) {
    if (std::find(deleted.begin(), deleted.end(), owner) == deleted.end()) placed.push_back(owner);
  }
  for (const std::string& output : leaving_copies.outputs()) removed_files.push_back(output);
  std::vector<int> alias_pages;
  for (const auto& e : edits) {
    if (e.aliases) alias_pages.push_back(e.page);
  }
  if (!alias_pages.empty()) ReplaceAliases(session, alias_pages, removed_files);
  changed_pages.insert(changed_pages.end(), placed.begin(), placed.end());
  if (pages_added) {
    session.front_matter_hashes.resize(site.pages.size(), 0);
    session.links.resize(site.pages.size());
    session.renderer->PagesAdded();
  }
  std::sort(placed.begin(), placed.end());
  placed.erase(std::unique(placed.begin(), placed.end()), placed.end());
  // A new weight, date or title can move a page within its lists: the pages holding those
  // lists change with it (their order is part of what their jobs read).
  if (front_matter) {
    std::vector<int> edited;
    for (const auto& e : edits) edited.push_back(e.page);
    for (int holder : Resort(site, session.list_holders, edited)) changed_pages.push_back(holder);
  }

  // From here on the session holds the new sources; anything that fails clears it, so the
  // next change builds in full.
  for (const auto& e : edits) session.front_matter_hashes[e.page] = e.front_matter_hash;
  for (int page : changed_pages) {  // the edits' (deleted pages and a new one: below)
    session.renderer->PageChanged(page);
    if (std::binary_search(placed.begin(), placed.end(), page)) continue;  // below
    if (!session.render_cache->UpdatePage(page)) {
      session.Clear();
      return NeedsBuild("a page's place in the site changed");
    }
  }
  if (!placed.empty()) session.render_cache->PlacesChanged(placed);
  std::vector<int> gone_with_aliases;  // deleted pages (or their numbers) that had aliases
  // Deleted pages after the edits, which may take away the links to them: each checked
  // against the model the changes before it left (the first was checked above when alone).
  for (size_t k = 0; k < deletions.size(); ++k) {
    if (k > 0 || !edits.empty()) {
      std::string why = CheckDeletedPage(session, originals[k], deleted, deletions[k]);
      if (why.empty()) why = check_with_new_page(deletions[k]);
      if (!why.empty()) {
        session.Clear();
        return NeedsBuild(why);
      }
    }
    // Taken before it goes: a translation's number goes to its notice.
    for (int g : deletions[k].Gone()) {
      if (!site.pages[g].fm.aliases.empty()) gone_with_aliases.push_back(g);
    }
    RemovePage(session, deletions[k], changed_pages, removed_files);  // hashes what it changes
  }
  // Their redirects go with them, before the new pages, which may take their addresses.
  if (!gone_with_aliases.empty()) ReplaceAliases(session, gone_with_aliases, removed_files);
  // A new page's aliases are checked once it is in (its own address taken, the redirects
  // of the pages deleted with it gone).
  auto add_new_page = [&](NewPage& np) {
    int index = AddNewPage(session, np, changed_pages);  // likewise
    const std::vector<std::string>& aliases = site.pages[index].fm.aliases;
    if (aliases.empty()) return std::string();
    if (std::string why = CheckAliases(site, index, aliases, gained_aliases); !why.empty())
      return why;
    ReplaceAliases(session, {index}, removed_files);
    return std::string();
  };
  if (new_page) {
    if (std::string why = add_new_page(*new_page); !why.empty()) {
      session.Clear();
      return NeedsBuild(why);
    }
  }
  while (!added.empty()) {  // the other new pages
    NewPage next;
    std::string why = NextNewPage(session, fs, added, next);
    if (why.empty()) why = add_new_page(next);
    if (!why.empty()) {
      session.Clear();
      return NeedsBuild(why);
    }
  }
  // The sections of edited pages too: a date that comes or goes may give or take a feed.
  std::vector<int> lists = changed_pages;
  for (const auto& e : edits) lists.push_back(site.pages[e.page].parent);
  if (std::string why = MatchJobs(session, lists, removed_files); !why.empty()) {
    session.Clear();
    return NeedsBuild(why);
  }
  DiagnosticList local;
  std::sort(changed_pages.begin(), changed_pages.end());
  changed_pages.erase(std::unique(changed_pages.begin(), changed_pages.end()), changed_pages.end());
  std::vector<size_t> stale;
  for (size_t j = 0; j < session.jobs.size(); ++j) {
    // The structure is as it was, so only a job that read a changed page can have
    // another fingerprint (a job reads its own page, a feed its section's pages).
    const PageReads& read = session.reads[j];
    if (!read.all && !std::any_of(changed_pages.begin(), changed_pages.end(), [&](int page) {
          return std::binary_search(read.pages.begin(), read.pages.end(), page) ||
                 std::binary_search(read.places.begin(), read.places.end(), page);
        }))
      continue;
    if (session.render_cache->Fingerprint(session.jobs[j], read) != session.fingerprints[j])
      stale.push_back(j);
  }
  // On every core, as a build renders: a page that many others show (a section's title
  // in its pages' breadcrumbs) can make thousands of jobs stale.
  std::vector<std::vector<std::pair<std::string, std::string>>> outputs(stale.size());
  ParallelForWorker(stale.size(), [&](size_t k, unsigned worker) {
    size_t j = stale[k];
    PageReads reads;
    {
      RecordPageReads record(reads);
      session.renderer->Render(
          session.jobs[j], worker,
          [&](const std::string& path, std::string content) {
            outputs[k].emplace_back(path, std::move(content));
          },
          local);
    }
    reads.Normalize();
    session.fingerprints[j] = session.render_cache->Fingerprint(session.jobs[j], reads);
    session.reads[j] = std::move(reads);
  });
  if (local.has_errors()) {
    session.Clear();
    return NeedsBuild("a page did not render");
  }
  for (const StaticFile& f : copies) {
    Status s = out.Copy(fs, f.source, f.output);
    if (!s.ok()) {
      diags.Error({f.source, 0, 0}, s.message());
      session.Clear();
      return NeedsBuild("a file could not be copied: " + s.message());
    }
  }
  PatchResult result;
  result.outcome = PatchResult::kPatched;
  result.pages = edits.size() + new_pages;
  for (const StaticFile& f : copies) result.written.push_back(f.output);
  for (const DeletedPage& d : deletions) result.pages += d.versions.size();
  result.removed = std::move(removed_files);
  result.jobs = stale.size();
  for (const auto& job_files : outputs) {
    for (const auto& [path, content] : job_files) {
      Status s = out.Write(path, content);
      if (!s.ok()) {
        diags.Error({path, 0, 0}, s.message());
        session.Clear();
        return NeedsBuild("a file could not be written: " + s.message());
      }
      result.written.push_back(path);
    }
  }
  // A page, a term or a list page may take the address of a copied file deleted in the
  // same change: that file is written, not removed.
  if (!result.removed.empty()) {
    const std::unordered_set<std::string> written(result.written.begin(), result.written.end());
    std::erase_if(result.removed, [&](const std::string& f) { return written.count(f) > 0; });
  }
  return result;
}

}  // namespace yhdessa
