// The `ballot` directive: a round's ballot form embedded in any Markdown page.
//
//   {{< ballot round="omakouvola-2026" area="alue-1" >}}
//
// Markdown only parses a directive's syntax (content/directive.h); this file decides what
// directives mean once every round of the site is known. `ballot` is the one directive:
// it needs `round` (a round's id) and `area` (one of that round's areas), and an area's
// ballot appears at most once on a page (the form's field ids are made from the area id).
// Mistakes are reported at the directive's position with "did you mean".
#pragma once

#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "common/round/round_definition.h"
#include "generator/content/directive.h"

namespace yhdessa {

/// A checked ballot directive: indexes into the site's rounds and the round's areas.
struct EmbeddedBallot {
  size_t round = 0;
  size_t area = 0;
  size_t html_offset = 0;  // where it goes in the page's HTML (Directive::html_offset)
  int line = 0;            // of the directive in the page's file
};

/// The names directives may have.
const std::vector<std::string>& KnownDirectives();

/// Checks a page's directives against `rounds`; returns the ballots of those that are
/// well formed (in page order) and reports the others.
std::vector<EmbeddedBallot> ResolveDirectives(const std::vector<Directive>& directives,
                                              const std::vector<RoundDefinition>& rounds,
                                              DiagnosticList& diags);

}  // namespace yhdessa
