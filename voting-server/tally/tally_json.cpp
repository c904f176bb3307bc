#include "voting-server/tally/tally_json.h"

namespace yhdessa::tally {

nlohmann::json ProjectIds(const Election& e, const std::vector<int>& projects) {
  nlohmann::json ids = nlohmann::json::array();
  for (int p : projects) ids.push_back(e.projects[static_cast<size_t>(p)].id);
  return ids;
}

nlohmann::json TiesJson(const Election& e, const TallyResult& r) {
  nlohmann::json ties = nlohmann::json::array();
  for (const TieRecord& t : r.ties) {
    ties.push_back({{"step", t.step},
                    {"tied", ProjectIds(e, t.tied)},
                    {"won", ProjectIds(e, t.winners)},
                    {"lost", ProjectIds(e, t.losers)},
                    {"decided_by", t.reason}});
  }
  return ties;
}

}  // namespace yhdessa::tally
