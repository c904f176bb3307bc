#include "generator/patch/session_jobs.h"

#include <algorithm>
#include <map>

#include "generator/model/links.h"
#include "generator/model/site_assembly.h"
#include "generator/patch/links_to_pages.h"
#include "generator/patch/reasons.h"
#include "generator/render/site_renderer.h"

namespace yhdessa::patch {

void AddJob(BuildSession& session, RenderJob job) {
  session.jobs.push_back(job);
  session.fingerprints.push_back(0);
  session.reads.push_back(PageReads{{}, {}, true});
}

void AddPageJob(BuildSession& session, int page, size_t pager) {
  AddJob(session, {page, pager, RenderJob::kPage});
}

void RenderAnew(BuildSession& session, int page) {
  for (size_t j = 0; j < session.jobs.size(); ++j) {
    if (session.jobs[j].kind != RenderJob::kPage || session.jobs[j].page != page) continue;
    session.fingerprints[j] = 0;
    session.reads[j] = PageReads{{}, {}, true};
  }
}

void Tombstone(BuildSession& session, const std::vector<int>& gone,
               std::vector<std::string>& files) {
  Site& site = *session.site;
  for (int g : gone) {
    Page& q = site.pages[g];
    files.push_back(SiteRenderer::OutputPath(q.url));
    site.by_url.erase(q.url);
    q.removed = true;
    // Its place changes (RenderCache): a job that read it is fingerprinted anew.
    q.parent = -1;
    q.term_pages.clear();
    if (static_cast<size_t>(g) < session.front_matter_hashes.size())
      session.front_matter_hashes[g] = 0;
    if (static_cast<size_t>(g) < session.links.size()) session.links[g].clear();
  }
  DropJobs(session, [&](const RenderJob& job) {
    return job.kind == RenderJob::kPage &&
           std::find(gone.begin(), gone.end(), job.page) != gone.end();
  });
}

std::string MatchJobs(BuildSession& session, const std::vector<int>& lists,
                      std::vector<std::string>& files) {
  const Site& site = *session.site;
  auto& by_url = session.site->by_url;  // list pages' addresses come and go
  struct Wanted {
    size_t pages = 1;  // list pages
    bool feed = false;
    size_t has_pages = 0;
    bool has_feed = false;
  };
  std::map<int, Wanted> wanted;  // by list page
  for (int page : lists) {
    if (page < 0) continue;
    const Page& p = site.pages[page];
    if (p.removed || !p.IsList() || p.type == PageType::kTaxonomy) continue;
    Wanted& w = wanted[page];
    w.pages = PageCount(p.type == PageType::kTerm ? p.term_pages.size() : p.pages.size(),
                        site.config.paginate);
    w.feed = HasFeed(site, p);
  }
  if (wanted.empty()) return "";
  std::vector<std::string> gone;  // the addresses of list pages that go
  DropJobs(session, [&](const RenderJob& job) {
    if (job.kind != RenderJob::kPage && job.kind != RenderJob::kFeed) return false;
    auto it = wanted.find(job.page);
    if (it == wanted.end()) return false;
    Wanted& w = it->second;
    const std::string& url = site.pages[job.page].url;
    if (job.kind == RenderJob::kFeed) {
      if (!w.feed) files.push_back(SiteRenderer::OutputPath(url + "atom.xml"));
      w.has_feed = w.feed;
      return !w.feed;
    }
    if (job.pager > w.pages) {
      const std::string address = PaginationUrl(url, job.pager);
      files.push_back(SiteRenderer::OutputPath(address));
      // As AssembleSite claims it (a link to it, a new page or alias at it, see AddressTaken).
      if (auto at = by_url.find(address); at != by_url.end() && at->second == job.page)
        by_url.erase(at);
      gone.push_back(address);
      return true;
    }
    w.has_pages = std::max(w.has_pages, job.pager);
    return false;
  });
  // A link or a menu entry that leads to one is broken now: a build reports it. (The pages
  // of the change are in the model with their links by now, a page taken out has none.)
  if (!gone.empty()) {
    std::vector<std::string> targets;
    for (const std::string& address : gone) targets.push_back(SiteUrl(site, address));
    if (int q = PageLinkingTo(session, targets, {}); q >= 0)
      return gone.front() + " goes and " + site.pages[q].file + std::string(kLinksToIt);
    for (const auto& [name, items] : site.config.menus) {
      for (const auto& item : items) {
        if (std::find(gone.begin(), gone.end(), item.url) != gone.end())
          return item.url + " goes and menu '" + name + "'" + std::string(kLinksToIt);
      }
    }
  }
  // Another page's address, or a file copied or redirected there: a build reports it.
  for (const auto& [page, w] : wanted) {
    const std::string& url = site.pages[page].url;
    for (size_t k = w.has_pages + 1; k <= w.pages; ++k) {
      const std::string address = PaginationUrl(url, k);
      if (AddressTaken(site, address)) return address + " is taken";
      by_url.emplace(address, page);
      AddPageJob(session, page, k);
    }
    if (w.feed && !w.has_feed) {
      if (FileTaken(site, SiteRenderer::OutputPath(url + "atom.xml")))
        return url + "atom.xml is taken";
      AddJob(session, {page, 1, RenderJob::kFeed});
    }
  }
  return "";
}

std::vector<int> Resort(Site& site, const std::vector<int>& list_holders,
                        const std::vector<int>& edited) {
  const std::vector<Page>& pages = site.pages;  // not recorded: no render is running
  auto resort = [&](std::vector<int>& list) {
    if (std::none_of(edited.begin(), edited.end(), [&](int page) {
          return std::find(list.begin(), list.end(), page) != list.end();
        }))
      return false;
    std::vector<int> sorted = list;
    SortForList(sorted, pages);
    if (sorted == list) return false;
    list = std::move(sorted);
    return true;
  };
  std::vector<int> moved;
  for (int i : list_holders) {
    Page& q = site.pages[i];
    bool any = resort(q.pages);
    any |= resort(q.sections);
    any |= resort(q.term_pages);
    if (any) moved.push_back(i);
  }
  for (Taxonomy& t : site.taxonomies) {
    for (TaxonomyTerm& term : t.terms) resort(term.pages);
  }
  return moved;
}

}  // namespace yhdessa::patch
