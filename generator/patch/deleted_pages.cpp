#include "generator/patch/deleted_pages.h"

#include <algorithm>

#include "generator/model/site_assembly.h"
#include "generator/patch/copied_files.h"
#include "generator/patch/links_to_pages.h"
#include "generator/patch/session_jobs.h"

namespace yhdessa::patch {

std::string CheckLeaving(const BuildSession& session, int page, Leaving& out) {
  const Site& site = *session.site;
  const SiteConfig& cfg = site.config;
  const Page& p = site.pages[page];
  const FrontMatter& fm = p.fm;
  const bool original = p.lang == cfg.default_language;
  if (p.type != PageType::kPage) return p.file + " is deleted and not a page";
  if (!fm.kind.empty() || p.typed || (original && !fm.translation_of.empty()))
    return p.file + " is deleted with front matter that places it";
  if (IsBundlePage(p) && !BundleMovesNothing(site, p))
    return p.file + " is a deleted page bundle whose files would move";
  if (!p.ballots.empty() || !p.md.directives.empty())
    return p.file + " is deleted with ballot directives";
  if (p.parent < 0) return p.file + " is deleted and has no section";
  const Page& parent = site.pages[p.parent];
  if ((parent.type != PageType::kSection && parent.type != PageType::kHome) ||
      site.catalogues.count(p.parent))
    return p.file + " is deleted from a section the patch does not take from";
  // A section without a file of its own is there for its pages only (AssembleSite).
  if (parent.pages.size() < 2 && parent.content_path.empty())
    return p.file + " is the last page of a section without its own file";
  Page without;  // the page with no terms
  without.file = p.file;
  without.lang = p.lang;
  if (std::string why = CheckTermMoves(session, page, fm, without, out.term_moves); !why.empty())
    return why;
  out.page = page;
  return "";
}

std::string CheckDeletedTranslation(const BuildSession& session, int page,
                                    const std::vector<int>& deleting, DeletedPage& out) {
  const Site& site = *session.site;
  const Page& p = site.pages[page];
  int original = site.DefaultLanguageVersion(p);
  if (p.type != PageType::kPage || original < 0 || original == page)
    return p.file + " is deleted and not a page or a translation of one";
  const Page& o = site.pages[original];
  if (o.type != PageType::kPage || o.typed)
    return p.file + " is a deleted translation of a page the patch does not translate";
  if (MissingTranslationNotice(o, original, p.lang, site.config).url != p.url)
    return p.file + " is a deleted translation at another address than its notice's";
  out.versions.emplace_back();
  if (std::string why = CheckLeaving(session, page, out.versions.back()); !why.empty()) return why;
  // A link to it named its file or its address; the session keeps only the address, and
  // a build finds no file (a broken link) or no heading in the notice: any link, then.
  if (std::string why = LinkedTo(session, {page}, p.file + " is deleted", deleting); !why.empty())
    return why;
  out.notice_of = original;
  return "";
}

std::string CheckDeletedPage(const BuildSession& session, int page,
                             const std::vector<int>& deleting, DeletedPage& out) {
  const Site& site = *session.site;
  const Page& p = site.pages[page];
  if (p.lang != site.config.default_language)
    return CheckDeletedTranslation(session, page, deleting, out);
  if (p.type != PageType::kPage) return p.file + " is deleted and not a page";
  out.versions.emplace_back();
  if (std::string why = CheckLeaving(session, page, out.versions.back()); !why.empty()) return why;
  if (auto versions = site.translations.find(p.translation_key);
      versions != site.translations.end()) {
    for (const auto& [lang, q] : versions->second) {
      if (q == page) continue;
      const Page& version = site.pages[q];
      if (version.type == PageType::kMissingTranslation && version.original == page) {
        out.notices.push_back(q);
      } else if (std::binary_search(deleting.begin(), deleting.end(), q)) {
        out.versions.emplace_back();
        if (std::string why = CheckLeaving(session, q, out.versions.back()); !why.empty())
          return why;
      } else {
        return p.file + " is deleted and has a translation";
      }
    }
  }
  const std::vector<int> gone = out.Gone();
  // Its aliases, its own (front matter's), go with it (ReplaceAliases). A link to one of them from
  // a page that stays would be broken: a build reports it.
  return LinkedTo(session, gone, p.file + " is deleted", deleting);
}

void LeaveLists(BuildSession& session, const Leaving& v, std::vector<int>& holders,
                std::vector<std::string>& files) {
  Site& site = *session.site;
  const Page& p = site.pages[v.page];
  holders.push_back(p.parent);
  std::vector<int>& section = site.pages[p.parent].pages;
  section.erase(std::remove(section.begin(), section.end(), v.page), section.end());
  ApplyTermMoves(session, v.term_moves, v.page, holders, files);  // makes none
  session.content_files.erase(p.file);
  site.by_content_path.erase(p.content_path);
}

void ReplaceByNotice(BuildSession& session, const DeletedPage& deleted, std::vector<int>& changed,
                     std::vector<std::string>& files) {
  Site& site = *session.site;
  const int t = deleted.page();
  std::vector<int> holders;
  LeaveLists(session, deleted.versions.front(), holders, files);
  const std::string lang = site.pages[t].lang;
  site.pages[t] =
      MissingTranslationNotice(site.pages[deleted.notice_of], deleted.notice_of, lang, site.config);
  if (session.indexed) session.notices.emplace(deleted.notice_of, t);
  session.front_matter_hashes[t] = 0;
  session.links[t].clear();
  RenderAnew(session, t);
  session.renderer->PagesAdded();  // the lists of real pages (the sitemaps') change
  session.renderer->PageChanged(t);
  for (int page : holders) session.renderer->PageChanged(page);
  holders.push_back(t);
  session.render_cache->PlacesChanged(holders);
  changed.insert(changed.end(), holders.begin(), holders.end());
}

void RemovePage(BuildSession& session, const DeletedPage& deleted, std::vector<int>& changed,
                std::vector<std::string>& files) {
  Site& site = *session.site;
  if (deleted.notice_of >= 0) return ReplaceByNotice(session, deleted, changed, files);
  std::vector<int> holders;
  for (const Leaving& v : deleted.versions) LeaveLists(session, v, holders, files);
  site.translations.erase(site.pages[deleted.page()].translation_key);
  if (session.indexed) session.notices.erase(deleted.page());
  const std::vector<int> gone = deleted.Gone();
  Tombstone(session, gone, files);
  for (int page : holders) session.renderer->PageChanged(page);
  std::vector<int> placed = gone;
  placed.insert(placed.end(), holders.begin(), holders.end());
  session.render_cache->PlacesChanged(placed);
  changed.insert(changed.end(), placed.begin(), placed.end());
}

}  // namespace yhdessa::patch
