#include "generator/model/measure_index.h"

#include <map>

#include "generator/content/text.h"

namespace yhdessa {

std::string MeasureFacetUrl(const std::string& facet) {
  if (facet == "body") return "/toimenpiteet/vastuutaho/";
  if (facet == "status") return "/toimenpiteet/tila/";
  return "/toimenpiteet/kohderyhma/";
}

void AddMeasureIndexes(Site& site, DiagnosticList& diags) {
  const std::string lang = site.config.default_language;
  // facet -> slug -> (value as written, measures)
  std::map<std::string, std::map<std::string, std::pair<std::string, std::vector<MeasureRef>>>>
      facets;
  bool any = false;
  for (size_t i = 0; i < site.pages.size(); ++i) {
    const Page& p = site.pages[i];
    if (!p.typed || !p.typed->plan || p.lang != lang) continue;
    any = true;
    const Plan& plan = *p.typed->plan;
    for (size_t g = 0; g < plan.goals.size(); ++g) {
      for (size_t m = 0; m < plan.goals[g].measures.size(); ++m) {
        const Measure& me = plan.goals[g].measures[m];
        MeasureRef ref{static_cast<int>(i), g, m};
        for (const auto& r : me.responsible) {
          auto& e = facets["body"][Slugify(r)];
          if (e.first.empty()) e.first = r;
          e.second.push_back(ref);
        }
        for (const auto& s : me.status) {
          auto& e = facets["status"][s.status];
          if (e.first.empty()) e.first = s.status;
          if (e.second.empty() || e.second.back().page != ref.page || e.second.back().goal != g ||
              e.second.back().measure != m) {
            e.second.push_back(ref);
          }
        }
        if (!me.target_group.empty()) {
          auto& e = facets["target_group"][Slugify(me.target_group)];
          if (e.first.empty()) e.first = me.target_group;
          e.second.push_back(ref);
        }
      }
    }
  }
  if (!any) return;
  int home = site.home(lang);
  Page index;
  index.type = PageType::kMeasureIndex;
  index.lang = lang;
  index.fm.title = "Toimenpiteet";
  index.url = "/toimenpiteet/";
  index.file = "site.yaml";
  index.parent = home;
  site.pages.push_back(std::move(index));
  int index_idx = static_cast<int>(site.pages.size()) - 1;
  auto claim = [&](const Page& p, int idx) {
    auto [it, fresh] = site.by_url.emplace(p.url, idx);
    if (!fresh) {
      diags.Error({site.pages[it->second].file, 1, 1},
                  "the address '" + p.url + "' is used by the generated measure index too",
                  "move the page, or rename the folder: /toimenpiteet/ holds the measure indexes");
    }
  };
  claim(site.pages[index_idx], index_idx);
  for (auto& [facet, values] : facets) {
    for (auto& [slug, entry] : values) {
      if (slug.empty()) continue;
      Page p;
      p.type = PageType::kMeasureIndex;
      p.lang = lang;
      p.facet = facet;
      p.term = entry.first;
      p.fm.title = entry.first;
      if (facet == "status") {
        if (const StatusDef* d = site.kinds.statuses.Find(entry.first)) p.fm.title = d->Label(lang);
      }
      p.url = MeasureFacetUrl(facet) + slug + "/";
      p.file = "site.yaml";
      p.parent = index_idx;
      p.measures = std::move(entry.second);
      site.pages.push_back(std::move(p));
      int idx = static_cast<int>(site.pages.size()) - 1;
      site.pages[index_idx].pages.push_back(idx);
      claim(site.pages[idx], idx);
    }
  }
}

}  // namespace yhdessa
