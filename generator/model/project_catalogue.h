// Project catalogue: the section that holds `kind: project` pages gets filters as plain
// links, no JavaScript: one generated page per theme, per year and for the projects on
// the digital roadmap, listing the matching projects:
//   /hankkeet/teema/<slug>/   /hankkeet/vuosi/<year>/   /hankkeet/digitaalinen-tiekartta/
// Years come from the project's `duration` ("2020–2022" is 2020, 2021 and 2022). The
// catalogue is also published as hankkeet.json and hankkeet.csv in the section.
#pragma once

#include "common/diagnostic.h"
#include "generator/model/site.h"

namespace yhdessa {

void AddProjectCatalogues(Site& site, DiagnosticList& diags);

/// Years named in a duration text, ranges expanded: "2020–2022" -> {2020, 2021, 2022}.
std::vector<int> YearsOf(const std::string& duration);

}  // namespace yhdessa
