#include "generator/patch/aliases.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "generator/model/site_assembly.h"
#include "generator/patch/links_to_pages.h"
#include "generator/patch/session_jobs.h"
#include "generator/render/site_renderer.h"

namespace yhdessa::patch {

std::string CheckAliases(const Site& site, int page, const std::vector<std::string>& now,
                         std::set<std::string>& gained) {
  const Page& p = site.pages[page];
  std::set<std::string> had;
  for (const Alias& a : site.aliases) {
    if (a.page == page) had.insert(a.url);
  }
  std::set<std::string> seen;
  for (const std::string& alias : now) {
    std::string url = AliasUrl(alias);
    if (!seen.insert(url).second) return p.file + " names the alias " + url + " twice";
    if (had.count(url)) continue;
    // One with an extension is a file of that name: a build checks it against every file
    // it writes (a feed, 404.html, a page's index.html), the model only knows addresses.
    if (url.back() != '/') return p.file + ": its new alias " + url + " names a file";
    if (AddressTaken(site, url) || !gained.insert(url).second)
      return p.file + ": its new alias " + url + " is taken";
  }
  return "";
}

void ReplaceAliases(BuildSession& session, const std::vector<int>& edited,
                    std::vector<std::string>& files) {
  Site& site = *session.site;
  auto is_edited = [&](int page) {
    return std::find(edited.begin(), edited.end(), page) != edited.end();
  };
  // The aliases in a build's order: by page, then as the front matter names them. The
  // order decides no output (each redirect is a file of its own); the jobs follow it.
  std::vector<Alias> now;
  now.reserve(site.aliases.size());
  for (const Alias& a : site.aliases) {
    if (!is_edited(a.page)) now.push_back(a);
  }
  for (int page : edited) {
    const Page& p = site.pages[page];
    if (p.removed) continue;  // a deleted page's go with it
    for (const std::string& alias : p.fm.aliases) now.push_back({AliasUrl(alias), page, p.file});
  }
  std::unordered_map<std::string, size_t> index;  // url -> in `now`
  for (size_t k = 0; k < now.size(); ++k) index.emplace(now[k].url, k);
  // An alias's job stays when its address still leads to the same page.
  auto kept = [&](const Alias& a) {
    auto it = index.find(a.url);
    return it != index.end() && now[it->second].page == a.page;
  };
  std::vector<char> has_job(now.size(), 0);
  DropJobs(session, [&](const RenderJob& job) {
    if (job.kind != RenderJob::kAlias) return false;
    const Alias& a = site.aliases[static_cast<size_t>(job.page)];
    if (kept(a)) return false;
    files.push_back(SiteRenderer::OutputPath(a.url));
    return true;
  });
  for (RenderJob& job : session.jobs) {
    if (job.kind != RenderJob::kAlias) continue;
    size_t k = index.at(site.aliases[static_cast<size_t>(job.page)].url);
    job.page = static_cast<int>(k);
    has_job[k] = 1;
  }
  site.aliases = std::move(now);
  for (size_t k = 0; k < site.aliases.size(); ++k) {
    if (!has_job[k]) AddJob(session, {static_cast<int>(k), 1, RenderJob::kAlias});
  }
}

}  // namespace yhdessa::patch
