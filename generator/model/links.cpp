#include "generator/model/links.h"

#include <algorithm>
#include <cctype>

#include "generator/core/file_system.h"

namespace yhdessa {
namespace {

bool HasScheme(const std::string& url) {
  if (url.rfind("//", 0) == 0) return true;
  for (size_t i = 0; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') return i > 0;
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'))
      return false;
  }
  return false;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string SiteUrl(const Site& site, const std::string& path) {
  std::string base = site.config.BasePath();
  if (path.empty()) return base;
  return base + (path[0] == '/' ? path.substr(1) : path);
}

std::string ResolveLink(const Site& site, int from, const std::string& url, const SourcePos& pos,
                        DiagnosticList& diags, std::vector<AnchorRef>& anchors) {
  if (url.empty() || HasScheme(url)) return url;
  std::string path = url, fragment, query;
  if (size_t h = path.find('#'); h != std::string::npos) {
    fragment = path.substr(h + 1);
    path.resize(h);
  }
  if (size_t q = path.find('?'); q != std::string::npos) {
    query = path.substr(q);
    path.resize(q);
  }
  path = PercentDecode(path);
  auto with_fragment = [&](std::string target) {
    target += query;
    if (!fragment.empty()) target += "#" + fragment;
    return target;
  };
  const Page& page = site.pages[from];
  if (path.empty()) {
    if (!fragment.empty()) anchors.push_back({from, fragment, pos});
    return url;
  }

  if (path[0] == '/') {
    std::string p = path;
    if (p.back() != '/' && BaseName(p).find('.') == std::string::npos) p += '/';
    if (auto it = site.by_url.find(p); it != site.by_url.end()) {
      if (!fragment.empty()) anchors.push_back({it->second, fragment, pos});
      return with_fragment(SiteUrl(site, p));
    }
    if (site.static_urls.count(p) || (p == "/sitemap.xml" && site.config.generate_sitemap) ||
        (p == "/robots.txt" && site.config.generate_robots_txt) || p == "/404.html") {
      return with_fragment(SiteUrl(site, p));
    }
    diags.Error(pos, "link to '" + url + "': no page or file has this address",
                "link to the page's source file instead, e.g. [text](../section/page.md)");
    return url;
  }

  // Relative: a path to a source file or folder under content/.
  std::string base_dir = DirName(page.content_path);
  std::string target = JoinPath(base_dir, path);
  if (target.empty() && path.find("..") != std::string::npos) {
    diags.Error(pos, "link to '" + url + "' leads outside content/", "");
    return url;
  }
  std::vector<std::string> candidates;
  if (EndsWith(path, ".md")) {
    candidates.push_back(target);
  } else if (path.back() == '/' || BaseName(target).find('.') == std::string::npos) {
    std::string dir = target.empty() ? "" : target + "/";
    candidates = {dir + "_index.md", dir + "index.md", target + ".md"};
  }
  for (const auto& c : candidates) {
    if (auto it = site.by_content_path.find(c); it != site.by_content_path.end()) {
      if (!fragment.empty()) anchors.push_back({it->second, fragment, pos});
      return with_fragment(SiteUrl(site, site.pages[it->second].url));
    }
    if (site.unpublished.count(c)) {
      diags.Error(
          pos,
          "link to '" + url + "': content/" + c + " is not published (draft, future or expired)",
          "publish that page, remove the link, or build with --drafts/--future/--expired");
      return url;
    }
  }
  if (candidates.empty()) {
    if (auto it = site.content_file_urls.find(target); it != site.content_file_urls.end()) {
      return with_fragment(SiteUrl(site, it->second));
    }
    diags.Error(pos, "link to '" + url + "': there is no file content/" + target,
                "check the file name; paths are relative to this page's folder");
    return url;
  }
  diags.Error(pos, "link to '" + url + "': there is no page content/" + candidates.front(),
              "check the file name; paths are relative to this page's folder (" +
                  (base_dir.empty() ? std::string("content/") : "content/" + base_dir + "/") + ")");
  return url;
}

LinkResolver BodyLinkResolver(const Site& site, int from, DiagnosticList& diags,
                              std::vector<AnchorRef>& anchors,
                              std::vector<std::pair<std::string, SourcePos>>& external) {
  return [&site, from, &diags, &anchors, &external](const std::string& url, bool, SourcePos pos) {
    if (url.starts_with("http://") || url.starts_with("https://")) external.push_back({url, pos});
    return ResolveLink(site, from, url, pos, diags, anchors);
  };
}

LinkResolver RecordLinks(LinkResolver resolve, std::vector<std::string>& out) {
  return [resolve = std::move(resolve), &out](const std::string& url, bool image, SourcePos pos) {
    std::string address = resolve(url, image, pos);
    out.push_back(address);
    return address;
  };
}

bool LinksTo(std::string_view address, std::string_view target) {
  if (!address.starts_with(target)) return false;
  return address.size() == target.size() || address[target.size()] == '#' ||
         address[target.size()] == '?';
}

std::vector<std::string> PageAnchors(const Page& page) {
  std::vector<std::string> ids{"main"};
  for (const auto& h : page.md.headings) ids.push_back(h.id);
  // An embedded ballot's heading (themes' ballot-embed template: id="ballot-<area>").
  for (const auto& d : page.md.directives) {
    const DirectiveArg* area = d.name == "ballot" ? d.Find("area") : nullptr;
    if (area) ids.push_back("ballot-" + area->value);
  }
  if (page.typed && page.typed->plan) {
    for (const auto& g : page.typed->plan->goals) {
      ids.push_back("goal-" + g.id);
      for (const auto& m : g.measures) ids.push_back(MeasureAnchor(g, m));
    }
  }
  if (page.fm.kind == "assessment") {
    if (const Value* dims = page.fm.raw.Find("dimensions")) {
      for (const auto& d : dims->items()) {
        if (const Value* id = d.Find("id")) ids.push_back("dim-" + id->text());
      }
    }
  }
  return ids;
}

void CheckAnchors(const Site& site, const std::vector<AnchorRef>& anchors, DiagnosticList& diags) {
  for (const auto& a : anchors) {
    const Page& target = site.pages[a.target];
    std::vector<std::string> ids = PageAnchors(target);
    bool found = std::find(ids.begin(), ids.end(), a.anchor) != ids.end();
    if (found) continue;
    std::string near = DidYouMean(a.anchor, ids);
    std::string where = target.content_path.empty() ? target.url : "content/" + target.content_path;
    diags.Error(a.pos, "link to '#" + a.anchor + "': " + where + " has no heading with this id",
                near.empty()
                    ? "anchors are made from headings: '## Miksi yhdessä?' -> #miksi-yhdessa"
                    : "did you mean '#" + near + "'?");
  }
}

}  // namespace yhdessa
