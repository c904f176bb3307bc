// The project catalogue as open data: every project of a catalogue with its facts, as
// JSON and as CSV (UTF-8, a header row, RFC 4180 quoting).
#pragma once

#include <string>
#include <vector>

#include "generator/model/site.h"

namespace yhdessa {

std::string CatalogueJson(const Site& site, const std::vector<int>& projects);
std::string CatalogueCsv(const Site& site, const std::vector<int>& projects);

}  // namespace yhdessa
