// Files the build copies as they are (below static/, and a page bundle's pictures beside
// its page) in the model SitePatch keeps: which file is one, where a new one goes, when a
// deleted one may go, and the classes that stand new ones in the model, or take deleted
// ones out of it, while the pages of a change are checked.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "generator/model/site.h"
#include "generator/patch/site_patch.h"

namespace yhdessa::patch {

// Whether bundle page `p` can come or go without moving anything else: its folder holds
// no other page (published or not), and the files in it keep their addresses, which they
// do when the page's address is its folder's path (AssembleSite copies a bundle's
// resource beside its page, a folder's other files at their own paths).
bool BundleMovesNothing(const Site& site, const Page& p);

// The files below content/ in bundle page `p`'s folder: its resources (AssembleSite).
std::vector<std::string> BundleFiles(const Site& site, const Page& p);

// Whether `path` (relative to the site root) is the accessibility statement's file, which
// the build reads, however site.yaml spells its path ("./static/x.yaml").
bool IsAccessibilityStatement(const Site& site, const std::string& path);

// The copy the build makes of `path` when it is a file copied as it is (below static/, or
// a content file that is no page), and its bytes are read by nothing else (not the
// accessibility statement); null otherwise.
const StaticFile* CopiedAsItIs(const Site& site, const std::string& path);

// Whether `path` (a file below static/ or content/, no page, not in the model) can be copied
// as it is at the address the build would give it, without changing anything else: beside
// the page bundle whose folder holds it (one version of it: AssembleSite gives the folder
// to whichever comes last), at its own path otherwise; at an address nothing has, not one
// of the files the build makes (pages, feeds, the sitemap, robots.txt, the theme's assets),
// and not a proposal's picture (whose page shows its address once it is there). The copy
// goes to `out`, its bundle's page to `owner` (-1: none). The reason when not.
std::string CheckNewCopy(const Site& site, const std::string& path, StaticFile& out, int& owner);

// New files copied as they are (CheckNewCopy) stand in the model while the pages of the
// change are checked, so that their links to them resolve, as in a build of the whole
// change; taken out again unless Keep() is called (the change goes in).
class StandingCopies {
 public:
  explicit StandingCopies(BuildSession& session) : session_(session) {}
  ~StandingCopies() {
    if (kept_ || !session_.ready()) return;
    Site& site = *session_.site;
    for (const auto& [f, owner] : added_) {
      site.static_urls.erase("/" + f.output);
      auto it = std::find_if(site.static_files.begin(), site.static_files.end(),
                             [&](const StaticFile& s) { return s.source == f.source; });
      if (it != site.static_files.end()) site.static_files.erase(it);
      if (!f.source.starts_with("content/")) continue;
      site.content_file_urls.erase(f.source.substr(8));
      session_.content_files.erase(f.source);
      if (owner >= 0) std::erase(site.pages[owner].resources, f.source.substr(8));
    }
  }
  StandingCopies(const StandingCopies&) = delete;
  StandingCopies& operator=(const StandingCopies&) = delete;

  void Add(const StaticFile& f, int owner) {
    Site& site = *session_.site;
    site.static_files.push_back(f);
    site.static_urls["/" + f.output] = f.source;
    if (f.source.starts_with("content/")) {
      site.content_file_urls[f.source.substr(8)] = "/" + f.output;
      session_.content_files.insert(f.source);
      if (owner >= 0) site.pages[owner].resources.push_back(f.source.substr(8));
    }
    added_.emplace_back(f, owner);
  }
  void Keep() { kept_ = true; }
  /// The bundle pages that have a new resource.
  std::vector<int> owners() const {
    std::vector<int> out;
    for (const auto& [f, owner] : added_) {
      if (owner >= 0) out.push_back(owner);
    }
    return out;
  }

 private:
  BuildSession& session_;
  std::vector<std::pair<StaticFile, int>> added_;
  bool kept_ = false;
};

// "" when copied file `f` (CopiedAsItIs), whose source is gone, can leave the site with
// nothing else changing but the pages of the change (`changing`, sorted: edited or
// deleted; they are checked against the model without it; a build copies no two files to
// one address): it is not a proposal's picture (its page shows the picture), and no other
// page's body links to it (a build reports a broken link). Otherwise the reason.
std::string CheckDeletedCopy(const BuildSession& session, const StaticFile& f,
                             const std::vector<int>& changing);

// Copied files whose sources are gone (CheckDeletedCopy) are out of the model while the
// pages of the change are checked, so that a link left to one is reported, as in a build
// of the whole change; put back, where they were, unless Keep() is called.
class LeavingCopies {
 public:
  explicit LeavingCopies(BuildSession& session) : session_(session) {}
  ~LeavingCopies() {
    if (kept_ || !session_.ready()) return;
    Site& site = *session_.site;
    for (auto g = gone_.rbegin(); g != gone_.rend(); ++g) {
      const StaticFile& f = g->file;
      site.static_files.insert(site.static_files.begin() + static_cast<long>(g->index), f);
      site.static_urls["/" + f.output] = f.source;
      if (!f.source.starts_with("content/")) continue;
      site.content_file_urls[f.source.substr(8)] = "/" + f.output;
      session_.content_files.insert(f.source);
      if (g->owner >= 0) {
        auto& r = site.pages[g->owner].resources;
        r.insert(r.begin() + static_cast<long>(g->resource), f.source.substr(8));
      }
    }
  }
  LeavingCopies(const LeavingCopies&) = delete;
  LeavingCopies& operator=(const LeavingCopies&) = delete;

  // Takes the copy of `source` out of the model.
  void Remove(const std::string& source) {
    Site& site = *session_.site;
    auto it = std::find_if(site.static_files.begin(), site.static_files.end(),
                           [&](const StaticFile& s) { return s.source == source; });
    if (it == site.static_files.end()) return;
    Gone g{*it, static_cast<size_t>(it - site.static_files.begin())};
    site.static_files.erase(it);
    site.static_urls.erase("/" + g.file.output);
    if (source.starts_with("content/")) {
      const std::string file = source.substr(8);
      site.content_file_urls.erase(file);
      session_.content_files.erase(source);
      for (size_t i = 0; i < site.pages.size() && g.owner < 0; ++i) {
        auto& r = site.pages[i].resources;
        if (auto at = std::find(r.begin(), r.end(), file); at != r.end()) {
          g.owner = static_cast<int>(i);
          g.resource = static_cast<size_t>(at - r.begin());
          r.erase(at);
        }
      }
    }
    gone_.push_back(std::move(g));
  }
  void Keep() { kept_ = true; }
  /// The output files of the copies that go.
  std::vector<std::string> outputs() const {
    std::vector<std::string> out;
    for (const Gone& g : gone_) out.push_back(g.file.output);
    return out;
  }
  /// The bundle pages that lost a resource.
  std::vector<int> owners() const {
    std::vector<int> out;
    for (const Gone& g : gone_) {
      if (g.owner >= 0) out.push_back(g.owner);
    }
    return out;
  }

 private:
  struct Gone {
    StaticFile file;
    size_t index = 0;  // in Site::static_files
    int owner = -1;    // the bundle page it was a resource of
    size_t resource = 0;
  };
  BuildSession& session_;
  std::vector<Gone> gone_;
  bool kept_ = false;
};

}  // namespace yhdessa::patch
