#include "generator/patch/links_to_pages.h"

#include <algorithm>
#include <string_view>

#include "generator/model/links.h"
#include "generator/patch/reasons.h"
#include "generator/render/site_renderer.h"

namespace yhdessa::patch {

std::vector<std::string> Targets(const Site& site, const std::vector<int>& pages) {
  std::vector<std::string> targets;
  for (int g : pages) targets.push_back(SiteUrl(site, site.pages[g].url));
  return targets;
}

bool LinksToAny(const std::vector<std::string>& addresses,
                const std::vector<std::string>& targets) {
  for (const std::string& address : addresses) {
    for (const std::string& target : targets) {
      if (LinksTo(address, target)) return true;
    }
  }
  return false;
}

int PageLinkingTo(const BuildSession& session, const std::vector<std::string>& targets,
                  const std::vector<int>& skip) {
  for (size_t q = 0; q < session.links.size(); ++q) {
    if (std::binary_search(skip.begin(), skip.end(), static_cast<int>(q))) continue;
    if (LinksToAny(session.links[q], targets)) return static_cast<int>(q);
  }
  return -1;
}

std::string LinkedTo(const BuildSession& session, const std::vector<int>& gone,
                     const std::string& what, const std::vector<int>& leaving) {
  const Site& site = *session.site;
  if (session.links.size() != site.pages.size()) return "the session has no links of its pages";
  std::vector<int> skip = leaving;
  skip.insert(skip.end(), gone.begin(), gone.end());
  std::sort(skip.begin(), skip.end());
  if (int q = PageLinkingTo(session, Targets(site, gone), skip); q >= 0)
    return what + " and " + site.pages[q].file + std::string(kLinksToIt);
  for (const auto& [name, items] : site.config.menus) {
    for (const auto& item : items) {
      for (int g : gone) {
        if (item.url == site.pages[g].url)
          return what + " and menu '" + name + "'" + std::string(kLinksToIt);
      }
    }
  }
  return "";
}

std::string LinkedToLostAnchor(const BuildSession& session, int page,
                               const std::vector<std::string>& anchors) {
  const Site& site = *session.site;
  if (session.links.size() != site.pages.size()) return "the session has no links of its pages";
  // Every address of the page, its list's later pages too ("/uutiset/page/2/"): ResolveLink
  // finds them in by_url and checks their anchors against the page's (a review's).
  const std::string base = site.config.BasePath();
  auto to_page = [&](std::string_view address) {
    address = address.substr(0, address.find_first_of("?#"));
    if (!address.starts_with(base)) return false;
    auto it = site.by_url.find("/" + std::string(address.substr(base.size())));
    return it != site.by_url.end() && it->second == page;
  };
  for (size_t q = 0; q < session.links.size(); ++q) {
    if (static_cast<int>(q) == page) continue;  // its own links: from its new body
    for (const std::string& address : session.links[q]) {
      size_t hash = address.find('#');
      if (hash == std::string::npos || !to_page(address)) continue;
      std::string_view anchor = std::string_view(address).substr(hash + 1);
      if (std::find(anchors.begin(), anchors.end(), anchor) == anchors.end()) {
        // A link the change breaks: the build will report it (PatchResult::reported).
        return site.pages[page].file + ": its headings changed, its '#" + std::string(anchor) +
               "' goes, and " + site.pages[q].file + std::string(kLinksToIt);
      }
    }
  }
  return "";
}

bool AliasWrites(const Site& site, const std::string& file) {
  return std::any_of(site.aliases.begin(), site.aliases.end(),
                     [&](const Alias& a) { return SiteRenderer::OutputPath(a.url) == file; });
}

bool FileTaken(const Site& site, const std::string& file) {
  return site.static_urls.count("/" + file) || site.theme_files.count(file) ||
         AliasWrites(site, file);
}

bool AddressTaken(const Site& site, const std::string& url) {
  return site.by_url.count(url) || FileTaken(site, SiteRenderer::OutputPath(url));
}

}  // namespace yhdessa::patch
