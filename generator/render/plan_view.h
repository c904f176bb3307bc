// Views of typed content for templates: a plan with its goals, measures, status labels,
// counts and charts; and the open-data files (JSON, CSV) published next to a plan.
//
// Status counts: a measure is counted once under every status it carries, so a measure
// marked "uusi/etenee" counts as new and as in progress; `measures` is the number of
// measures. Charts are inline SVG with a text alternative, and the same numbers are given
// in a table for screen-reader and keyboard users.
#pragma once

#include <string>

#include "generator/kinds/plan.h"
#include "generator/kinds/status_vocabulary.h"
#include "generator/render/view_data.h"

namespace yhdessa {

struct PlanViewContext {
  const StatusVocabulary* statuses;
  std::string lang;
  std::string page_url;        // the plan page's URL (with base path)
  std::string body_index_url;  // "/toimenpiteet/vastuutaho/" with base path, "" for no links
  std::string status_index_url;
  std::string chart_title;  // "Toimenpiteet tilan mukaan"
};

ViewData PlanView(const Plan& plan, const PlanViewContext& ctx);

/// A status label view: {id, label, colour, icon, body}.
ViewData StatusView(const StatusDef& s, const std::string& lang, const std::string& body = "");

/// Counts per status in legend order, as {label, colour, icon, count} items plus a chart.
ViewData StatusSummaryView(const std::vector<const Measure*>& measures,
                           const StatusVocabulary& statuses, const std::string& lang,
                           const std::string& chart_id, const std::string& chart_title);

/// The plan's measures as JSON (UTF-8) and CSV (header row, RFC 4180 quoting).
std::string PlanJson(const Plan& plan, const std::string& title, const std::string& url,
                     const StatusVocabulary& statuses);
std::string PlanCsv(const Plan& plan, const StatusVocabulary& statuses);

}  // namespace yhdessa
