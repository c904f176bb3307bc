#include "generator/model/project_catalogue.h"

#include <algorithm>
#include <regex>
#include <set>

#include "generator/content/text.h"

namespace yhdessa {

std::vector<int> YearsOf(const std::string& duration) {
  static const std::regex kYear(R"((19|20)\d\d)");
  std::vector<std::pair<size_t, int>> found;
  for (auto it = std::sregex_iterator(duration.begin(), duration.end(), kYear);
       it != std::sregex_iterator(); ++it) {
    found.emplace_back(it->position(), std::stoi(it->str()));
  }
  std::set<int> years;
  for (size_t i = 0; i < found.size(); ++i) {
    years.insert(found[i].second);
    if (i + 1 < found.size()) {
      // A dash (or en dash) between two years makes a range.
      std::string between =
          duration.substr(found[i].first + 4, found[i + 1].first - found[i].first - 4);
      bool range =
          between.find('-') != std::string::npos || between.find("\u2013") != std::string::npos;
      if (range && found[i + 1].second > found[i].second &&
          found[i + 1].second - found[i].second <= 20) {
        for (int y = found[i].second; y <= found[i + 1].second; ++y) years.insert(y);
      }
    }
  }
  return {years.begin(), years.end()};
}

void AddProjectCatalogues(Site& site, DiagnosticList& diags) {
  const std::string& lang = site.config.default_language;
  // Catalogue root: the top-level section of each project page.
  std::map<int, std::vector<int>> by_root;
  for (size_t i = 0; i < site.pages.size(); ++i) {
    const Page& p = site.pages[i];
    if (p.lang != lang || p.fm.kind != "project" || p.type != PageType::kPage) continue;
    int root = p.parent;
    while (root >= 0 && site.pages[root].parent >= 0 &&
           site.pages[site.pages[root].parent].type != PageType::kHome) {
      root = site.pages[root].parent;
    }
    if (root >= 0 && site.pages[root].type == PageType::kSection)
      by_root[root].push_back(static_cast<int>(i));
  }
  for (auto& [root, projects] : by_root) {
    std::sort(projects.begin(), projects.end(),
              [&](int a, int b) { return site.pages[a].fm.title < site.pages[b].fm.title; });
    // facet -> value -> projects
    std::map<std::string, std::map<std::string, std::vector<int>>> facets;
    for (int i : projects) {
      const Value& raw = site.pages[i].fm.raw;
      if (const Value* t = raw.Find("theme"); t && !t->text().empty())
        facets["theme"][t->text()].push_back(i);
      if (const Value* d = raw.Find("duration")) {
        for (int y : YearsOf(d->text())) facets["year"][std::to_string(y)].push_back(i);
      }
      if (const Value* l = raw.Find("links")) {
        if (const Value* r = l->Find("digital_roadmap"); r && r->text() == "true")
          facets["roadmap"][""].push_back(i);
      }
    }
    auto& catalogue = site.catalogues[root];
    for (const char* facet : {"theme", "year", "roadmap"}) {
      auto f = facets.find(facet);
      if (f == facets.end()) continue;
      std::vector<std::pair<std::string, int>> values;
      for (auto& [value, list] : f->second) {
        Page idx;
        idx.type = PageType::kProjectIndex;
        idx.lang = lang;
        idx.facet = facet;
        idx.term = value;
        idx.fm.title = value;
        idx.file = site.pages[root].file;
        idx.parent = root;
        idx.term_pages = list;
        const std::string& base = site.pages[root].url;
        idx.url = std::string(facet) == "theme"  ? base + "teema/" + Slugify(value) + "/"
                  : std::string(facet) == "year" ? base + "vuosi/" + value + "/"
                                                 : base + "digitaalinen-tiekartta/";
        site.pages.push_back(std::move(idx));
        int at = static_cast<int>(site.pages.size()) - 1;
        auto [it, fresh] = site.by_url.emplace(site.pages[at].url, at);
        if (!fresh) {
          diags.Error({site.pages[it->second].file, 1, 1},
                      "the address '" + site.pages[at].url +
                          "' is used by the project catalogue's filter pages too",
                      "rename the page or folder: teema/, vuosi/ and digitaalinen-tiekartta/ hold "
                      "the filters");
        }
        values.emplace_back(value, at);
      }
      catalogue.emplace_back(facet, std::move(values));
    }
  }
}

}  // namespace yhdessa
