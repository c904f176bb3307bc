#include "generator/patch/copied_files.h"

#include <algorithm>

#include "generator/core/file_system.h"
#include "generator/model/links.h"
#include "generator/model/site_assembly.h"
#include "generator/patch/links_to_pages.h"
#include "generator/patch/reasons.h"

namespace yhdessa::patch {

namespace {

// Whether `file` (below content/) is the picture a proposal names: its page shows the
// picture's address once it is there, and a build reports it missing.
bool IsProposalPicture(const Site& site, const std::string& file) {
  return std::any_of(site.pages.begin(), site.pages.end(), [&](const Page& p) {
    return !p.removed && p.typed && p.typed->proposal && !p.typed->proposal->image.empty() &&
           JoinPath(DirName(p.content_path), p.typed->proposal->image) == file;
  });
}

}  // namespace

bool BundleMovesNothing(const Site& site, const Page& p) {
  const std::string folder = DirName(p.content_path) + "/";
  if (folder.size() < 2) return false;  // content/index.md: the home page's folder
  if (auto f = site.content_file_urls.lower_bound(folder);
      f != site.content_file_urls.end() && f->first.starts_with(folder) && p.url != "/" + folder)
    return false;
  if (auto u = site.unpublished.lower_bound(folder);
      u != site.unpublished.end() && u->starts_with(folder))
    return false;
  return std::none_of(site.pages.begin(), site.pages.end(), [&](const Page& q) {
    return !q.removed && q.content_path.starts_with(folder) &&
           q.translation_key != p.translation_key;
  });
}

std::vector<std::string> BundleFiles(const Site& site, const Page& p) {
  const std::string folder = DirName(p.content_path) + "/";
  std::vector<std::string> files;
  for (auto f = site.content_file_urls.lower_bound(folder);
       f != site.content_file_urls.end() && f->first.starts_with(folder); ++f)
    files.push_back(f->first);
  return files;
}

bool IsAccessibilityStatement(const Site& site, const std::string& path) {
  const std::string& statement = site.config.accessibility_statement;
  return !statement.empty() && (path == statement || JoinPath("", statement) == path);
}

const StaticFile* CopiedAsItIs(const Site& site, const std::string& path) {
  if (IsAccessibilityStatement(site, path)) return nullptr;
  for (const StaticFile& f : site.static_files) {
    if (f.source == path) return &f;
  }
  return nullptr;
}

std::string CheckNewCopy(const Site& site, const std::string& path, StaticFile& out, int& owner) {
  owner = -1;
  out.source = path;
  if (IsAccessibilityStatement(site, path)) return path + " is read by the build";
  if (path.starts_with("static/")) {
    out.output = path.substr(7);
  } else {
    const std::string file = path.substr(8);
    out.output = file;
    for (std::string dir = DirName(file); !dir.empty(); dir = DirName(dir)) {
      int found = 0;
      for (size_t i = 0; i < site.pages.size(); ++i) {
        const Page& p = site.pages[i];
        if (p.removed || !IsBundlePage(p) || DirName(p.content_path) != dir) continue;
        owner = static_cast<int>(i);
        ++found;
      }
      if (found > 1) return path + " is new in a page bundle of several languages";
      if (found == 0) continue;
      const Page& p = site.pages[owner];
      out.output = p.url.substr(1) + file.substr(dir.size() + 1);
      break;
    }
    if (IsProposalPicture(site, file)) return path + " is a proposal's picture";
  }
  const std::string& o = out.output;
  // Pages, feeds and sitemaps, robots.txt, the theme's assets, a plan's or a catalogue's
  // open data (.json, .csv).
  if (o.ends_with(".html") || o.ends_with(".htm") || o.ends_with(".xml") || o == "robots.txt" ||
      o.ends_with(".json") || o.ends_with(".csv") || o.starts_with("assets/") || o.empty())
    return path + " would be copied where the build writes its own files";
  if (FileTaken(site, o)) return path + ": its address /" + o + " is taken";
  return "";
}

std::string CheckDeletedCopy(const BuildSession& session, const StaticFile& f,
                             const std::vector<int>& changing) {
  const Site& site = *session.site;
  if (session.links.size() != site.pages.size()) return "the session has no links of its pages";
  if (f.source.starts_with("content/") && IsProposalPicture(site, f.source.substr(8)))
    return f.source + " is a proposal's picture";
  if (int q = PageLinkingTo(session, {SiteUrl(site, "/" + f.output)}, changing); q >= 0)
    return f.source + " is deleted and " + site.pages[q].file + std::string(kLinksToIt);
  return "";  // a menu names pages only (a build reports any other address)
}

}  // namespace yhdessa::patch
