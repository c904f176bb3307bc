// A small round shared by the voting-server tests: two areas, knapsack, 1..3 choices, open
// through September 2025 (Finnish summer time).
#pragma once

#include "common/round/round_definition.h"
#include "common/status.h"

namespace yhdessa::vote::testing {

// 2025-09-15T12:00:00Z, well inside the round.
inline constexpr int64_t kDuringRound = 1757937600;
// 2025-08-01T00:00:00Z, before it opens.
inline constexpr int64_t kBeforeRound = 1754006400;

inline RoundDefinition TestRound() {
  RoundDefinition r;
  r.id = "omakouvola-2025";
  r.title = "OmaKouvola 2025";
  r.opens = "2025-09-01T09:00:00+03:00";
  r.closes = "2025-09-30T23:59:00+03:00";
  r.rule = "greedy";
  r.min_choices = 1;
  r.max_choices = 3;
  r.knapsack = true;
  r.voter_areas = "one";
  r.eligibility = "Kouvolassa asuvat 12 vuotta täyttäneet";
  r.url = "/omakouvola-2025/";
  r.areas = {
      {"elimaki",
       "Elimäki",
       15000,
       {{"frisbeegolf", "Frisbeegolfrata", 9500, "Rata puistoon", "/omakouvola-2025/frisbeegolf/"},
        {"penkit", "Penkit", 3000, "", ""},
        {"valaistus", "Valaistus", 6000, "", ""}}},
      {"kuusankoski",
       "Kuusankoski",
       20000,
       {{"uimaranta", "Uimaranta", 12000, "", ""},
        {"skeittipuisto", "Skeittipuisto", 8000, "", ""}}},
  };
  return r;
}

}  // namespace yhdessa::vote::testing
