// Plan (suunnitelma): a participation or welfare plan with goals and measures, as written
// in a page's front matter with `kind: plan`. Parsed and checked here; rendered by the
// theme's plan layout, summarised by status, and published as JSON and CSV.
//
//   kind: plan
//   period: "2021–2025"
//   approval: {body: Kaupunginvaltuusto, date: 2021-11-15, section: "§ 131"}
//   summary: …
//   goals:
//     - id: osallisuus            # stable anchor; defaults to the title's slug
//       title: …
//       target_group: …           # optional, inherited by its measures
//       measures:
//         - id: nuorisovaltuusto  # stable anchor; defaults to <goal id>-<n>
//           text: …               # required
//           responsible: [Nuorisopalvelut]
//           status: etenee        # id | [uusi, etenee] | [{body: X, status: Y}, …]
//           target_group: lapset ja nuoret
//           metrics: {term: …, annual: …, value: …}
//           year: 2024
//           notes: …
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "generator/data/value.h"
#include "generator/kinds/status_vocabulary.h"

namespace yhdessa {

struct MeasureStatus {
  std::string body;    // "" when the status is the whole measure's
  std::string status;  // a StatusVocabulary id
};

struct Measure {
  std::string id;  // unique within the plan: "<goal id>--<measure id>" is the anchor
  std::string text;
  std::vector<std::string> responsible;
  std::vector<MeasureStatus> status;
  std::string target_group;
  std::string metric_term;
  std::string metric_annual;
  std::string metric_value;
  std::string year;
  std::string notes;
  SourcePos pos;
};

struct Goal {
  std::string id;
  std::string title;
  std::string target_group;
  std::vector<Measure> measures;
};

struct Plan {
  std::string period;
  std::string approval_body;
  std::string approval_date;  // as written (ISO date)
  std::string approval_section;
  std::string summary;
  std::vector<Goal> goals;
};

/// Anchor of a measure on its plan page: "m-<goal id>-<measure id>".
std::string MeasureAnchor(const Goal& goal, const Measure& m);

/// Reads a plan from front matter. `bodies` are the site's responsible bodies (a body not
/// in the list is a warning with the closest names; an empty list turns the check off).
std::optional<Plan> ParsePlan(const Value& fm, const StatusVocabulary& statuses,
                              const std::vector<std::string>& bodies, DiagnosticList& diags);

/// Warns about a responsible body that is not in `bodies`, naming the closest ones.
void CheckResponsibleBody(const std::vector<std::string>& bodies, const Value& v,
                          const std::string& name, DiagnosticList& diags);

}  // namespace yhdessa
