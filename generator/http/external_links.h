// External link checks for `yhdessa check --external`: every http(s) link of every page
// is requested (HEAD, then GET when HEAD is refused) with a short timeout; broken ones
// become warnings, since the team cannot fix another site's outage. The only network
// access of the generator, off by default.
#pragma once

#include "generator/check/site_check.h"
#include "generator/model/site.h"

namespace yhdessa {

void CheckExternalLinks(const Site& site, CheckReport& report);

}  // namespace yhdessa
