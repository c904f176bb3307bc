#include "generator/model/kinds.h"

#include <algorithm>

namespace yhdessa {

const std::vector<KindInfo>& Kinds() {
  static const std::vector<KindInfo> k{
      {"plan", {"period", "approval", "goals", "summary"}},
      {"project", {"theme", "goals", "tasks", "stakeholders", "impact", "duration", "cost", "contacts",
                   "status", "links"}},
      {"service", {"what", "how_to_take_part", "audience", "links"}},
      {"body", {"statutory", "members", "contact", "links"}},
      {"assessment", {"alternatives", "dimensions"}},
      {"pb-round", {"round", "opens", "closes", "rule", "areas", "min_choices", "max_choices", "knapsack",
                    "voter_areas", "eligibility"}},
      {"proposal", {"round", "area", "id", "cost", "summary", "image", "image_alt"}},
  };
  return k;
}

std::vector<std::string> AllKindKeys() {
  std::vector<std::string> out;
  for (const auto& kind : Kinds()) {
    for (const auto& key : kind.keys) {
      if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
    }
  }
  return out;
}

}  // namespace yhdessa
