// Measure indexes: pages generated from the plans' data, so residents can see everything
// one body is responsible for across plans, every measure with a given status, or every
// measure for a target group:
//   /toimenpiteet/                      the facets and their values, with counts
//   /toimenpiteet/vastuutaho/<slug>/    by responsible body
//   /toimenpiteet/tila/<status id>/     by status
//   /toimenpiteet/kohderyhma/<slug>/    by target group
// Added to the site after typed content is parsed; only when the site has plans.
#pragma once

#include "common/diagnostic.h"
#include "generator/model/site.h"

namespace yhdessa {

/// Appends the index pages for the default language and registers their URLs.
void AddMeasureIndexes(Site& site, DiagnosticList& diags);

/// The URL prefix of a facet's pages: "/toimenpiteet/vastuutaho/".
std::string MeasureFacetUrl(const std::string& facet);

}  // namespace yhdessa
