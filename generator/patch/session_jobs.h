// The render jobs of the session SitePatch keeps (BuildSession::jobs, with their
// fingerprints and the pages they read), as pages come and go, lists grow or shrink and
// their order changes: the same jobs a build of the changed site would make.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "generator/patch/site_patch.h"

namespace yhdessa::patch {

// A job added to the session (a new page's, list page's or feed's): the session has no
// fingerprint for it, so this patch renders it, whatever it reads.
void AddJob(BuildSession& session, RenderJob job);

void AddPageJob(BuildSession& session, int page, size_t pager = 1);

// Takes out of the session the jobs `drop` says go, with their fingerprints and reads.
template <typename Drop>
void DropJobs(BuildSession& session, Drop drop) {
  size_t kept = 0;
  for (size_t j = 0; j < session.jobs.size(); ++j) {
    if (drop(session.jobs[j])) continue;
    if (kept != j) {
      session.jobs[kept] = session.jobs[j];
      session.fingerprints[kept] = session.fingerprints[j];
      session.reads[kept] = std::move(session.reads[j]);
    }
    ++kept;
  }
  session.jobs.resize(kept);
  session.fingerprints.resize(kept);
  session.reads.resize(kept);
}

// Page `page` took another page's place in the model (a translation its notice's, or the
// other way round): its job is rendered by this patch, whatever it read.
void RenderAnew(BuildSession& session, int page);

// Takes pages out of the site as tombstones (Page::removed, see RemovePage): out of the
// address map, with their jobs (pages that hold no list have one each: the page); their files
// go to `files`.
void Tombstone(BuildSession& session, const std::vector<int>& gone,
               std::vector<std::string>& files);

// The list pages and feeds that come or go with the patch: a list among `lists` that grew
// past, or shrank below, a multiple of `paginate` gets the jobs of its new list pages or
// loses those of the pages it no longer fills; a section whose pages are now all dated,
// or no longer, gets or loses its feed (HasFeed). New jobs are rendered by this patch,
// whatever they read; the files of jobs that go are appended to `files`; the addresses of
// list pages that come or go are put into or taken out of Site::by_url, as AssembleSite
// claims them. A build makes the same jobs (SiteRenderer::Jobs). "" when done; the reason
// when a new list page or feed would be written where a static file is copied (a build
// reports the file written twice), a new list page's address is a page's or an alias's,
// or a page's link or a menu entry leads to a list page that goes (a build reports both).
std::string MatchJobs(BuildSession& session, const std::vector<int>& lists,
                      std::vector<std::string>& files);

// Sorts again, as the build does (SortForList), every list that holds one of the `edited`
// pages: a section's pages and sections, a term's pages (in its taxonomy and in its term
// page). Returns the pages whose lists' order changed.
std::vector<int> Resort(Site& site, const std::vector<int>& list_holders,
                        const std::vector<int>& edited);

}  // namespace yhdessa::patch
