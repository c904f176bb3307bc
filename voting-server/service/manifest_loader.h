// Manifest loading: the rounds a built site publishes, read from
// `<site>/_yhdessa/rounds/*.json` (see common/round/round_definition.h). The only file
// reading of the service layer. Errors name the file: "site/_yhdessa/rounds/x.json: areas[0]...".
#pragma once

#include <string>
#include <vector>

#include "common/round/round_definition.h"
#include "common/status.h"

namespace yhdessa::vote {

/// Every manifest of the site, sorted by round id; an empty list when the site has none.
Result<std::vector<RoundDefinition>> LoadRoundManifests(const std::string& site_dir);

}  // namespace yhdessa::vote
