#include "generator/render/plan_view.h"

#include <nlohmann/json.hpp>

#include "generator/render/csv.h"

#include "generator/content/text.h"

namespace yhdessa {
namespace {

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string StatusText(const Measure& m, const StatusVocabulary& statuses,
                       const std::string& lang) {
  std::string out;
  for (const auto& s : m.status) {
    const StatusDef* d = statuses.Find(s.status);
    std::string label = d ? d->Label(lang) : s.status;
    out += (out.empty() ? "" : "; ") + (s.body.empty() ? label : s.body + ": " + label);
  }
  return out;
}

// Horizontal bar chart; the numbers are also printed beside the bars and given in a table.
std::string BarChart(const std::vector<std::tuple<std::string, std::string, size_t>>& rows,
                     size_t max, const std::string& id, const std::string& title) {
  const int bar_h = 28, gap = 8, label_w = 150, chart_w = 260, w = label_w + chart_w + 50;
  int h = static_cast<int>(rows.size()) * (bar_h + gap) + gap;
  std::string svg = "<svg class=\"status-chart\" role=\"img\" aria-labelledby=\"" + id +
                    "\" viewBox=\"0 0 " + std::to_string(w) + " " + std::to_string(h) +
                    "\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">" + "<title id=\"" +
                    id + "\">" + HtmlEscape(title) + "</title>";
  int y = gap;
  for (const auto& [label, colour, count] : rows) {
    int bw = max == 0 ? 0 : static_cast<int>(chart_w * count / max);
    svg += "<text x=\"" + std::to_string(label_w - 8) + "\" y=\"" + std::to_string(y + 19) +
           "\" text-anchor=\"end\" font-size=\"15\" fill=\"#1a1a1a\">" + HtmlEscape(label) +
           "</text>";
    svg += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
           std::to_string(std::max(bw, count ? 2 : 0)) + "\" height=\"" + std::to_string(bar_h) +
           "\" fill=\"" + HtmlEscape(colour.empty() ? "#555" : colour) + "\" stroke=\"#1a1a1a\"/>";
    svg += "<text x=\"" + std::to_string(label_w + std::max(bw, 2) + 6) + "\" y=\"" +
           std::to_string(y + 19) + "\" font-size=\"15\" fill=\"#1a1a1a\">" +
           std::to_string(count) + "</text>";
    y += bar_h + gap;
  }
  return svg + "</svg>";
}

}  // namespace

ViewData StatusView(const StatusDef& s, const std::string& lang, const std::string& body) {
  ViewData v;
  v.Set("id", s.id);
  v.Set("label", s.Label(lang));
  v.Set("colour", s.colour);
  v.Set("icon", s.icon);
  if (!body.empty()) v.Set("body", body);
  return v;
}

ViewData StatusSummaryView(const std::vector<const Measure*>& measures,
                           const StatusVocabulary& statuses, const std::string& lang,
                           const std::string& chart_id, const std::string& chart_title) {
  ViewData v;
  ViewData rows = ViewData::List();
  std::vector<std::tuple<std::string, std::string, size_t>> chart;
  size_t max = 0;
  for (const auto& s : statuses.statuses) {
    size_t n = 0;
    for (const Measure* m : measures) {
      for (const auto& ms : m->status) {
        if (ms.status == s.id) {
          ++n;
          break;
        }
      }
    }
    if (n == 0) continue;
    ViewData row = StatusView(s, lang);
    row.Set("count", std::to_string(n));
    rows.Push(std::move(row));
    chart.emplace_back(s.Label(lang), s.colour, n);
    max = std::max(max, n);
  }
  size_t without = 0;
  for (const Measure* m : measures) without += m->status.empty() ? 1 : 0;
  v.Set("rows", std::move(rows));
  v.Set("measures", std::to_string(measures.size()));
  v.Set("has_counts", !chart.empty());
  if (without) v.Set("without_status", std::to_string(without));
  v.Set("chart_svg", BarChart(chart, max, chart_id, chart_title));
  v.Set("chart_id", chart_id);
  return v;
}

ViewData PlanView(const Plan& plan, const PlanViewContext& ctx) {
  ViewData v;
  if (!plan.period.empty()) v.Set("period", plan.period);
  if (!plan.summary.empty()) v.Set("summary", plan.summary);
  if (!plan.approval_body.empty()) {
    ViewData a;
    a.Set("body", plan.approval_body);
    if (auto d = ParseDateTime(plan.approval_date)) {
      a.Set("date", std::to_string(d->day) + "." + std::to_string(d->month) + "." +
                        std::to_string(d->year));
      a.Set("date_iso", plan.approval_date);
    }
    if (!plan.approval_section.empty()) a.Set("section", plan.approval_section);
    v.Set("approval", std::move(a));
  }
  ViewData legend = ViewData::List();
  for (const auto& s : ctx.statuses->statuses) legend.Push(StatusView(s, ctx.lang));
  v.Set("legend", std::move(legend));

  std::vector<const Measure*> all;
  ViewData goals = ViewData::List();
  for (const auto& g : plan.goals) {
    ViewData gv;
    gv.Set("id", g.id);
    gv.Set("title", g.title);
    if (!g.target_group.empty()) gv.Set("target_group", g.target_group);
    std::vector<const Measure*> mine;
    ViewData measures = ViewData::List();
    for (const auto& m : g.measures) {
      mine.push_back(&m);
      all.push_back(&m);
      ViewData mv;
      mv.Set("anchor", MeasureAnchor(g, m));
      mv.Set("text", m.text);
      ViewData resp = ViewData::List();
      for (const auto& r : m.responsible) {
        ViewData rv;
        rv.Set("name", r);
        if (!ctx.body_index_url.empty()) rv.Set("url", ctx.body_index_url + Slugify(r) + "/");
        resp.Push(std::move(rv));
      }
      mv.Set("responsible", std::move(resp));
      mv.Set("has_responsible", !m.responsible.empty());
      ViewData st = ViewData::List();
      for (const auto& s : m.status) {
        if (const StatusDef* d = ctx.statuses->Find(s.status))
          st.Push(StatusView(*d, ctx.lang, s.body));
      }
      mv.Set("statuses", std::move(st));
      mv.Set("has_status", !m.status.empty());
      if (!m.target_group.empty()) mv.Set("target_group", m.target_group);
      if (!m.metric_term.empty()) mv.Set("metric_term", m.metric_term);
      if (!m.metric_annual.empty()) mv.Set("metric_annual", m.metric_annual);
      if (!m.metric_value.empty()) mv.Set("metric_value", m.metric_value);
      if (!m.year.empty()) mv.Set("year", m.year);
      if (!m.notes.empty()) mv.Set("notes", m.notes);
      measures.Push(std::move(mv));
    }
    gv.Set("measures", std::move(measures));
    gv.Set("summary", StatusSummaryView(mine, *ctx.statuses, ctx.lang, "chart-" + g.id,
                                        ctx.chart_title + ": " + g.title));
    goals.Push(std::move(gv));
  }
  v.Set("goals", std::move(goals));
  v.Set("summary_counts",
        StatusSummaryView(all, *ctx.statuses, ctx.lang, "chart-plan", ctx.chart_title));
  v.Set("json_url", ctx.page_url + "toimenpiteet.json");
  v.Set("csv_url", ctx.page_url + "toimenpiteet.csv");
  return v;
}

std::string PlanJson(const Plan& plan, const std::string& title, const std::string& url,
                     const StatusVocabulary& statuses) {
  nlohmann::ordered_json j;
  j["title"] = title;
  j["url"] = url;
  j["period"] = plan.period;
  j["approval"] = {{"body", plan.approval_body},
                   {"date", plan.approval_date},
                   {"section", plan.approval_section}};
  j["goals"] = nlohmann::ordered_json::array();
  for (const auto& g : plan.goals) {
    nlohmann::ordered_json gj;
    gj["id"] = g.id;
    gj["title"] = g.title;
    gj["measures"] = nlohmann::ordered_json::array();
    for (const auto& m : g.measures) {
      nlohmann::ordered_json mj;
      mj["id"] = m.id;
      mj["anchor"] = MeasureAnchor(g, m);
      mj["text"] = m.text;
      mj["responsible"] = m.responsible;
      mj["status"] = nlohmann::ordered_json::array();
      for (const auto& s : m.status) {
        nlohmann::ordered_json sj{{"status", s.status}};
        if (const StatusDef* d = statuses.Find(s.status)) sj["label"] = d->Label("fi");
        if (!s.body.empty()) sj["body"] = s.body;
        mj["status"].push_back(sj);
      }
      mj["target_group"] = m.target_group;
      mj["metrics"] = {
          {"term", m.metric_term}, {"annual", m.metric_annual}, {"value", m.metric_value}};
      mj["year"] = m.year;
      mj["notes"] = m.notes;
      gj["measures"].push_back(mj);
    }
    j["goals"].push_back(gj);
  }
  return j.dump(2) + "\n";
}

std::string PlanCsv(const Plan& plan, const StatusVocabulary& statuses) {
  std::string out =
      "goal_id,goal,measure_id,measure,responsible,status,status_label,target_group,metric_term,"
      "metric_annual,metric_value,year,notes\r\n";
  for (const auto& g : plan.goals) {
    for (const auto& m : g.measures) {
      std::vector<std::string> ids;
      for (const auto& s : m.status)
        ids.push_back(s.body.empty() ? s.status : s.body + ": " + s.status);
      std::vector<std::string> cells{g.id,
                                     g.title,
                                     m.id,
                                     m.text,
                                     Join(m.responsible, "; "),
                                     Join(ids, "; "),
                                     StatusText(m, statuses, "fi"),
                                     m.target_group,
                                     m.metric_term,
                                     m.metric_annual,
                                     m.metric_value,
                                     m.year,
                                     m.notes};
      for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvField(cells[i]);
      out += "\r\n";
    }
  }
  return out;
}

}  // namespace yhdessa
