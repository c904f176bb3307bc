#include "generator/kinds/plan.h"

#include <algorithm>
#include <set>

#include "generator/content/text.h"

namespace yhdessa {
namespace {

// Reads an optional text field of a map; reports wrong types.
std::string Text(const Value& map, const char* key, DiagnosticList& diags) {
  const Value* v = map.Find(key);
  if (!v) return "";
  auto s = ReadString(*v, std::string("'") + key + "'", diags);
  return s ? *s : "";
}

void CheckKeys(const Value& map, const std::vector<std::string>& known, const std::string& what,
               DiagnosticList& diags) {
  for (const auto& [k, v] : map.entries()) {
    if (std::find(known.begin(), known.end(), k) != known.end()) continue;
    std::string near = DidYouMean(k, known);
    std::string list;
    for (const auto& x : known) list += (list.empty() ? "" : ", ") + x;
    ReportAt(diags, v.key_pos(), "'" + k + "' is not a key of " + what,
             near.empty() ? what + " has: " + list : "did you mean '" + near + "'?");
  }
}

}  // namespace

std::string MeasureAnchor(const Goal& goal, const Measure& m) {
  return "m-" + goal.id + "-" + m.id;
}

void CheckResponsibleBody(const std::vector<std::string>& bodies, const Value& v,
                          const std::string& name, DiagnosticList& diags) {
  if (bodies.empty() || std::find(bodies.begin(), bodies.end(), name) != bodies.end()) return;
  std::string hint = "add it to responsible_bodies in site.yaml, or use one of: ";
  std::vector<std::string> near = Closest(name, bodies, 3);
  for (size_t i = 0; i < near.size(); ++i) hint += (i ? ", " : "") + near[i];
  diags.Warning(v.pos(), "responsible body '" + name + "' is not in the site's list", hint);
}

std::optional<Plan> ParsePlan(const Value& fm, const StatusVocabulary& statuses,
                              const std::vector<std::string>& bodies, DiagnosticList& diags) {
  size_t errors = diags.error_count();
  Plan plan;
  plan.period = Text(fm, "period", diags);
  plan.summary = Text(fm, "summary", diags);
  if (const Value* a = fm.Find("approval")) {
    if (a->is_map()) {
      CheckKeys(*a, {"body", "date", "section"}, "approval", diags);
      plan.approval_body = Text(*a, "body", diags);
      if (const Value* d = a->Find("date")) {
        if (auto dt = ReadDate(*d, "'approval.date'", diags)) plan.approval_date = dt->Iso();
      }
      plan.approval_section = Text(*a, "section", diags);
    } else {
      ReportAt(diags, a->pos(), "'approval' must be a map with body, date and section",
               "e.g. approval: {body: Kaupunginvaltuusto, date: 2021-11-15, section: \"§ 131\"}");
    }
  }
  const Value* goals = fm.Find("goals");
  if (!goals || !goals->is_list() || goals->items().empty()) {
    ReportAt(diags, goals ? goals->pos() : fm.pos(),
             "a plan needs 'goals': a list of goals with their measures",
             "goals:\n    - title: …\n      measures:\n        - text: …");
    return std::nullopt;
  }
  std::set<std::string> goal_ids;
  for (const auto& gv : goals->items()) {
    if (!gv.is_map()) {
      ReportAt(diags, gv.pos(), "a goal must be a map with title and measures");
      continue;
    }
    CheckKeys(gv, {"id", "title", "target_group", "measures", "description"}, "a goal", diags);
    Goal goal;
    goal.title = Text(gv, "title", diags);
    goal.id = Text(gv, "id", diags);
    if (goal.id.empty()) goal.id = Slugify(goal.title);
    if (goal.id.empty()) goal.id = "tavoite-" + std::to_string(plan.goals.size() + 1);
    if (goal.title.empty()) ReportAt(diags, gv.pos(), "a goal needs a 'title'");
    if (!goal_ids.insert(goal.id).second) {
      ReportAt(diags, gv.pos(), "goal id '" + goal.id + "' is used twice in this plan",
               "give each goal its own 'id'");
    }
    goal.target_group = Text(gv, "target_group", diags);
    const Value* measures = gv.Find("measures");
    if (!measures || !measures->is_list() || measures->items().empty()) {
      ReportAt(diags, measures ? measures->pos() : gv.pos(),
               "goal '" + goal.title + "' has no measures",
               "a plan's goal lists its measures under 'measures:'");
      plan.goals.push_back(std::move(goal));
      continue;
    }
    std::set<std::string> measure_ids;
    for (const auto& mv : measures->items()) {
      Measure m;
      m.pos = mv.pos();
      if (!mv.is_map()) {
        ReportAt(diags, mv.pos(), "a measure must be a map with at least 'text'");
        continue;
      }
      CheckKeys(mv,
                {"id", "text", "responsible", "status", "target_group", "metrics", "year", "notes"},
                "a measure", diags);
      m.text = Text(mv, "text", diags);
      if (m.text.empty()) ReportAt(diags, mv.pos(), "a measure needs 'text': what will be done");
      m.id = Text(mv, "id", diags);
      if (m.id.empty()) m.id = std::to_string(goal.measures.size() + 1);
      if (!measure_ids.insert(m.id).second) {
        ReportAt(diags, mv.pos(),
                 "measure id '" + m.id + "' is used twice in goal '" + goal.id + "'");
      }
      if (const Value* r = mv.Find("responsible")) {
        if (auto list = ReadStringList(*r, "'responsible'", diags)) {
          m.responsible = *list;
          for (const auto& b : m.responsible) CheckResponsibleBody(bodies, *r, b, diags);
        }
      }
      if (const Value* s = mv.Find("status")) {
        auto add = [&](const Value& at, const std::string& body, const std::string& id) {
          if (CheckStatus(statuses, at, id, diags)) m.status.push_back({body, id});
        };
        if (s->is_scalar()) {
          add(*s, "", s->text());
        } else if (s->is_list()) {
          for (const auto& item : s->items()) {
            if (item.is_scalar()) {
              add(item, "", item.text());
            } else if (item.is_map() && item.Find("status")) {
              CheckKeys(item, {"body", "status"}, "a per-body status", diags);
              add(*item.Find("status"), Text(item, "body", diags), Text(item, "status", diags));
            } else {
              ReportAt(diags, item.pos(), "a status must be an id or {body: …, status: …}");
            }
          }
        } else if (!s->is_null()) {
          ReportAt(diags, s->pos(),
                   "'status' must be a status id, a list of ids, or a list of {body, status}");
        }
      }
      m.target_group = Text(mv, "target_group", diags);
      if (m.target_group.empty()) m.target_group = goal.target_group;
      if (const Value* metrics = mv.Find("metrics")) {
        if (metrics->is_map()) {
          CheckKeys(*metrics, {"term", "annual", "value"}, "metrics", diags);
          m.metric_term = Text(*metrics, "term", diags);
          m.metric_annual = Text(*metrics, "annual", diags);
          m.metric_value = Text(*metrics, "value", diags);
        } else if (!metrics->is_null()) {
          ReportAt(diags, metrics->pos(), "'metrics' must be a map with term, annual and value");
        }
      }
      if (const Value* y = mv.Find("year")) {
        if (auto n = ReadInt(*y, "'year'", diags)) m.year = std::to_string(*n);
      }
      m.notes = Text(mv, "notes", diags);
      goal.measures.push_back(std::move(m));
    }
    plan.goals.push_back(std::move(goal));
  }
  if (diags.error_count() > errors) return std::nullopt;
  return plan;
}

}  // namespace yhdessa
