// libFuzzer target for the ballot request parsers. The first input byte picks the parser
// (even: JSON, odd: form) so one corpus covers both. The property: parsing never crashes,
// never reads out of bounds, and a parsed request respects the size bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "voting-server/ballot/ballot_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto r = (data[0] % 2 == 0) ? yhdessa::vote::ParseBallotJson(body)
                              : yhdessa::vote::ParseBallotForm(body);
  if (r.ok()) {
    if (r->code.size() > yhdessa::vote::kMaxFieldLength ||
        r->area.size() > yhdessa::vote::kMaxFieldLength ||
        r->proposals.size() > yhdessa::vote::kMaxProposals) {
      std::abort();
    }
  }
  return 0;
}
