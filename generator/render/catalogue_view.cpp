#include "generator/render/catalogue_view.h"

#include <nlohmann/json.hpp>

#include "generator/render/csv.h"

#include "generator/model/links.h"
#include "generator/model/project_catalogue.h"

namespace yhdessa {
namespace {

std::string Text(const Value& raw, const char* key) {
  const Value* v = raw.Find(key);
  return v && v->is_scalar() ? v->text() : "";
}

std::vector<std::string> Texts(const Value& raw, const char* key) {
  std::vector<std::string> out;
  const Value* v = raw.Find(key);
  if (!v) return out;
  if (v->is_scalar()) out.push_back(v->text());
  for (const auto& item : v->items()) {
    if (item.is_scalar()) out.push_back(item.text());
    if (item.is_map() && item.Find("name")) {
      std::string role = Text(item, "role");
      out.push_back(item.Find("name")->text() + (role.empty() ? "" : " (" + role + ")"));
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

struct Row {
  std::string title, url, theme, duration, status, cost_text, euros, roadmap;
  std::vector<std::string> years, goals, stakeholders, contacts;
};

Row RowOf(const Site& site, int i) {
  const Page& p = site.pages[i];
  const Value& raw = p.fm.raw;
  Row r;
  r.title = p.fm.title;
  r.url = site.config.Origin() + SiteUrl(site, p.url);
  r.theme = Text(raw, "theme");
  r.duration = Text(raw, "duration");
  for (int y : YearsOf(r.duration)) r.years.push_back(std::to_string(y));
  r.status = Text(raw, "status");
  if (const Value* c = raw.Find("cost")) {
    r.cost_text = Text(*c, "text");
    r.euros = Text(*c, "euros");
  }
  if (const Value* l = raw.Find("links"))
    r.roadmap = Text(*l, "digital_roadmap") == "true" ? "true" : "false";
  r.goals = Texts(raw, "goals");
  r.stakeholders = Texts(raw, "stakeholders");
  r.contacts = Texts(raw, "contacts");
  return r;
}

}  // namespace

std::string CatalogueJson(const Site& site, const std::vector<int>& projects) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (int i : projects) {
    Row r = RowOf(site, i);
    nlohmann::ordered_json o{{"title", r.title},       {"url", r.url},     {"theme", r.theme},
                             {"duration", r.duration}, {"years", r.years}, {"status", r.status},
                             {"cost", r.cost_text}};
    if (!r.euros.empty()) o["cost_euros"] = std::stoll(r.euros);
    o["digital_roadmap"] = r.roadmap == "true";
    o["goals"] = r.goals;
    o["stakeholders"] = r.stakeholders;
    o["contacts"] = r.contacts;
    j.push_back(o);
  }
  return nlohmann::ordered_json{{"projects", j}}.dump(2) + "\n";
}

std::string CatalogueCsv(const Site& site, const std::vector<int>& projects) {
  std::string out =
      "title,url,theme,duration,years,status,cost,cost_euros,digital_roadmap,goals,stakeholders,"
      "contacts\r\n";
  for (int i : projects) {
    Row r = RowOf(site, i);
    std::vector<std::string> cells{
        r.title,     r.url,   r.theme,   r.duration,    Join(r.years),        r.status,
        r.cost_text, r.euros, r.roadmap, Join(r.goals), Join(r.stakeholders), Join(r.contacts)};
    for (size_t k = 0; k < cells.size(); ++k) out += (k ? "," : "") + CsvField(cells[k]);
    out += "\r\n";
  }
  return out;
}

}  // namespace yhdessa
