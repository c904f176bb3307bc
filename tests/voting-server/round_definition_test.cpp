#include "common/round/round_definition.h"

#include <catch2/catch.hpp>

#include "test_round.h"

using namespace yhdessa;
using yhdessa::vote::testing::TestRound;

TEST_CASE("round manifest: JSON round trip keeps every field", "[round]") {
  const RoundDefinition r = TestRound();
  const std::string json = RoundToJson(r);
  auto back = RoundFromJson(json);
  REQUIRE(back.ok());
  CHECK(RoundToJson(*back) == json);
  CHECK(back->areas.at(0).proposals.at(0).url == "/omakouvola-2025/frisbeegolf/");
  CHECK(json.find("\"format\": 1") != std::string::npos);
  CHECK(ManifestPath("x") == "_yhdessa/rounds/x.json");
}

TEST_CASE("round manifest: errors name the field", "[round]") {
  auto j = RoundToJson(TestRound());
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = j;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  CHECK(RoundFromJson(replace("\"budget\": 20000", "\"budget\": \"lots\"")).status().message() ==
        "areas[1].budget: expected an integer");
  CHECK(RoundFromJson(replace("\"rule\": \"greedy\"", "\"rule\": \"borda\"")).status().message() ==
        "rule: unknown rule 'borda' (expected greedy, mes or mes-add1)");
  CHECK(RoundFromJson(replace("\"opens\": \"2025-09-01T09:00:00+03:00\"", "\"opens\": \"soon\""))
            .status()
            .message() == "opens: 'soon' is not a date and time like 2025-09-01T09:00:00+03:00");
  CHECK(RoundFromJson("{").status().message().rfind("not valid JSON", 0) == 0);
  CHECK(
      RoundFromJson(replace("\"id\": \"penkit\"", "\"id\": \"frisbeegolf\"")).status().message() ==
      "areas[0].proposals[1].id: proposal 'frisbeegolf' appears twice in the round");
}

TEST_CASE("ISO timestamps with offsets, Z and dates", "[round]") {
  CHECK(*ParseIsoTimestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(*ParseIsoTimestamp("2025-09-01T09:00:00+03:00") == 1756706400);
  CHECK(*ParseIsoTimestamp("2025-09-01T06:00:00Z") == 1756706400);
  CHECK(*ParseIsoTimestamp("2025-09-01") == 1756684800);
  CHECK(*ParseIsoTimestamp("2024-02-29T00:00-01:30") == 1709170200);
  CHECK_FALSE(ParseIsoTimestamp("2025-02-29").ok());
  CHECK_FALSE(ParseIsoTimestamp("2025-09-01T09:00:00").ok());
  CHECK_FALSE(ParseIsoTimestamp("2025-13-01").ok());
}

TEST_CASE("fingerprint covers the frozen rules only", "[round]") {
  const RoundDefinition r = TestRound();
  RoundDefinition cosmetic = r;
  cosmetic.title = "Uusi otsikko";
  cosmetic.areas[0].proposals[0].summary = "Korjattu";
  cosmetic.closes = "2025-10-05T23:59:00+03:00";
  CHECK(RulesFingerprint(cosmetic) == RulesFingerprint(r));
  CHECK(DescribeRuleChanges(r, cosmetic) == "");

  RoundDefinition changed = r;
  changed.areas[0].budget = 16000;
  changed.areas[0].proposals.erase(changed.areas[0].proposals.begin());
  changed.areas[1].proposals[0].cost = 13000;
  changed.max_choices = 4;
  CHECK(RulesFingerprint(changed) != RulesFingerprint(r));
  CHECK(DescribeRuleChanges(r, changed) ==
        "max_choices 3 -> 4; area elimaki: budget 15000 -> 16000; proposal frisbeegolf: removed; "
        "proposal uimaranta: cost 12000 -> 13000");
  CHECK(RulesFingerprint(r).size() == 64);
}
