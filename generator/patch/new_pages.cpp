#include "generator/patch/new_pages.h"

#include <algorithm>

#include "generator/cache/content_hash.h"
#include "generator/content/text.h"
#include "generator/kinds/kind_registry.h"
#include "generator/model/links.h"
#include "generator/model/site_assembly.h"
#include "generator/patch/copied_files.h"
#include "generator/patch/links_to_pages.h"
#include "generator/patch/reasons.h"
#include "generator/patch/session_jobs.h"

namespace yhdessa::patch {

bool Past(const std::optional<DateTime>& d, int64_t clock) {
  return d && d->Epoch() <= clock;
}

std::string CheckNewPage(BuildSession& session, const FileSystem& fs, const std::string& file,
                         NewPage& out) {
  static const std::vector<std::string> kKindKeys = AllKindKeys();
  Site& site = *session.site;
  const SiteConfig& cfg = site.config;
  auto text = fs.ReadFile(file);
  if (!text.ok()) return file + ": " + text.status().message();
  DiagnosticList local;
  std::optional<Page> parsed =
      ParsePage(file, file.substr(8), std::move(*text), cfg, kKindKeys, local);
  if (!parsed || local.error_count() + local.warning_count() > 0)
    return file + std::string(kHasErrors);
  Page& p = *parsed;
  const FrontMatter& fm = p.fm;
  const bool translation = p.lang != cfg.default_language;
  if (p.type != PageType::kPage) return file + " is new and not a page";
  if (!fm.kind.empty() || (!translation && !fm.translation_of.empty()) || fm.draft ||
      fm.publish_date || fm.expiry_date || (fm.date && !Past(fm.date, site.now)))
    return file + " is new with front matter that places it";
  std::string dir = PlacePage(p, cfg);
  if (IsBundlePage(p) && !BundleMovesNothing(site, p))
    return file + " is a new page bundle that would move other files or pages";
  // A link to `x` or `x/` finds x/index.md before x.md (links.cpp): the bundle would take
  // the links that lead to a page of its folder's name.
  if (IsBundlePage(p) && site.by_content_path.count(DirName(p.content_path) + ".md"))
    return file + " is a new page bundle beside a page of its folder's name";
  auto taken = [&](const std::string& url) { return AddressTaken(site, url); };
  auto versions = site.translations.find(p.translation_key);
  if (translation) {
    // It takes the place of its page's notice in its language, at the same address.
    if (versions == site.translations.end()) return file + " is a translation of no page";
    auto original = versions->second.find(cfg.default_language);
    auto notice = versions->second.find(p.lang);
    if (original == versions->second.end() || notice == versions->second.end())
      return file + " is a translation of no page";
    const Page& o = site.pages[original->second];
    const Page& n = site.pages[notice->second];
    if (o.type != PageType::kPage || o.typed || n.type != PageType::kMissingTranslation ||
        n.original != original->second)
      return file + " is a new translation of a page the patch does not translate";
    if (n.url != p.url) return file + " is a new translation at another address than its notice";
    out.replaces = notice->second;
  } else {
    if (taken(p.url)) return file + ": its address " + p.url + " is taken";
    if (versions != site.translations.end())
      return file + " is new with the translation key of another page";
    for (const auto& lang : cfg.languages) {
      if (lang.code == p.lang) continue;
      if (taken(MissingTranslationNotice(p, 0, lang.code, cfg).url))
        return file + ": the address of its " + lang.code + " notice is taken";
      out.notice_languages.push_back(lang.code);
    }
  }
  auto section = site.by_url.find(SectionUrl(p.lang, dir, cfg));
  if (section == site.by_url.end()) return file + " is new in a folder without a section";
  const Page& parent = site.pages[section->second];
  if ((parent.type != PageType::kSection && parent.type != PageType::kHome) ||
      parent.translation_key != (dir.empty() ? "_index" : dir + "/_index") ||
      (parent.pages.empty() && parent.content_path.empty()) ||
      site.catalogues.count(section->second))
    return file + " is new in a section the patch does not add to";
  if (std::string why = CheckTermMoves(session, -1, FrontMatter(), p, out.term_moves); !why.empty())
    return why;
  if (p.Body().find("{{<") != std::string_view::npos) return file + " has ballot directives";
  auto options = session.markdown_options.find(p.lang);
  if (options == session.markdown_options.end()) return file + ": no Markdown options";
  out.front_matter_hash = HashBytes(std::string_view(p.text).substr(0, p.body_offset));
  p.parent = section->second;
  // Rendered in its place at the end of the model (links are resolved from the page
  // itself, anchors of its own headings included), then taken out again until the whole
  // change is known to go in.
  int index = static_cast<int>(site.pages.size());
  site.pages.push_back(std::move(p));
  Page& placed = site.pages.back();
  std::vector<AnchorRef> anchors;
  placed.md = RenderMarkdown(
      placed.Body(), file, placed.body_line, options->second,
      RecordLinks(BodyLinkResolver(site, index, local, anchors, placed.external_links), out.links),
      local);
  CheckAnchors(site, anchors, local);
  out.page = std::move(site.pages.back());
  site.pages.pop_back();
  if (local.error_count() + local.warning_count() > 0) return file + std::string(kHasMessages);
  if (!out.page.md.directives.empty()) return file + " has ballot directives";
  out.parent = section->second;
  if (IsBundlePage(out.page)) out.page.resources = BundleFiles(site, out.page);
  return "";
}

std::string NextNewPage(BuildSession& session, const FileSystem& fs,
                        std::vector<std::string>& files, NewPage& out) {
  std::string first_reason;
  for (size_t k = 0; k < files.size(); ++k) {
    NewPage candidate;
    std::string why = CheckNewPage(session, fs, files[k], candidate);
    if (why.empty()) {
      out = std::move(candidate);
      files.erase(files.begin() + static_cast<std::ptrdiff_t>(k));
      return "";
    }
    if (first_reason.empty()) first_reason = std::move(why);
  }
  return first_reason;
}

int AddNewPage(BuildSession& session, NewPage& added, std::vector<int>& changed) {
  Site& site = *session.site;
  const bool replacing = added.replaces >= 0;
  const int first_new = static_cast<int>(site.pages.size());  // pages added from here on
  int index = replacing ? added.replaces : first_new;
  session.content_files.insert(added.page.file);
  site.by_content_path.emplace(added.page.content_path, index);
  if (replacing) {
    // A translation in its notice's place: the notice's number, address and job, which this
    // patch renders whatever it read.
    if (session.indexed) {
      auto [from, to] = session.notices.equal_range(site.pages[index].original);
      for (auto it = from; it != to; ++it) {
        if (it->second == index) {
          session.notices.erase(it);
          break;
        }
      }
    }
    site.pages[index] = std::move(added.page);
    RenderAnew(session, index);
    session.renderer->PageChanged(index);
  } else {
    site.by_url.emplace(added.page.url, index);
    site.translations[added.page.translation_key][added.page.lang] = index;
    site.pages.push_back(std::move(added.page));
    AddPageJob(session, index);
  }
  // The notices that stand in for it in the other languages (AssembleSite's).
  for (const std::string& lang : added.notice_languages) {
    int notice = static_cast<int>(site.pages.size());
    site.pages.push_back(MissingTranslationNotice(site.pages[index], index, lang, site.config));
    site.by_url.emplace(site.pages[notice].url, notice);
    site.translations[site.pages[index].translation_key][lang] = notice;
    if (session.indexed) session.notices.emplace(index, notice);
    AddPageJob(session, notice);
  }
  std::vector<int> holders = {added.parent};
  std::vector<int>& section = site.pages[added.parent].pages;
  section.push_back(index);
  SortForList(section, site.pages);
  std::vector<std::string> none;  // a new page takes no term away
  ApplyTermMoves(session, added.term_moves, index, holders, none);
  session.front_matter_hashes.resize(site.pages.size(), 0);
  session.links.resize(site.pages.size());
  session.front_matter_hashes[index] = added.front_matter_hash;
  session.links[index] = std::move(added.links);
  session.renderer->PagesAdded();
  for (int page : holders) session.renderer->PageChanged(page);
  if (replacing) holders.push_back(index);  // a page at the end is hashed as added
  session.render_cache->PlacesChanged(holders);
  if (replacing) changed.push_back(index);
  for (int page = first_new; page < static_cast<int>(site.pages.size()); ++page)
    changed.push_back(page);
  changed.insert(changed.end(), holders.begin(), holders.end());
  return index;
}

}  // namespace yhdessa::patch
