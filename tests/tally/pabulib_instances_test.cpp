// Real elections from Pabulib (../shared/pabulib): every file reads and round-trips, and
// the rules reproduce the recorded outcomes where the recorded rule is one of ours.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/tally/election_builder.h"
#include "tests/tally/reference_mes.h"
#include "voting-server/tally/greedy.h"
#include "voting-server/tally/mes.h"
#include "voting-server/tally/mes_add1.h"
#include "voting-server/tally/pabulib_reader.h"
#include "voting-server/tally/pabulib_writer.h"

namespace yhdessa::tally {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> Instances() {
  std::vector<fs::path> files;
  fs::path dir = YHDESSA_PABULIB_DIR;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".pb") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

PabulibData Load(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  auto r = ReadPabulib(s.str(), path.filename().string());
  INFO(path.string());
  REQUIRE(r.ok());
  return std::move(r).value();
}

// Ids whose PROJECTS `selected` column is 1; nullopt when there is no such column.
std::optional<std::set<std::string>> Recorded(const PabulibData& d) {
  int sel = d.file.projects.Column("selected");
  if (sel < 0) return std::nullopt;
  std::set<std::string> ids;
  for (size_t p = 0; p < d.file.projects.rows.size(); ++p) {
    if (d.file.projects.rows[p][sel] == "1") ids.insert(d.election.projects[p].id);
  }
  return ids;
}

std::set<std::string> Ids(const Election& e, const std::vector<int>& projects) {
  std::set<std::string> ids;
  for (int p : projects) ids.insert(e.projects[p].id);
  return ids;
}

// greedy-threshold: projects below META min_project_score_threshold votes are not eligible;
// pricing them out of the budget has the same effect on greedy.
Election ApplyThreshold(const PabulibData& d) {
  Election e = d.election;
  auto threshold = d.file.Meta("min_project_score_threshold");
  if (!threshold) return e;
  std::vector<int64_t> votes = VoteCounts(e);
  for (size_t p = 0; p < e.projects.size(); ++p) {
    if (votes[p] < std::stoll(*threshold)) e.projects[p].cost = e.budget + 1;
  }
  return e;
}

TEST_CASE("every Pabulib instance reads, and read -> write -> read gives the same election") {
  auto files = Instances();
  if (files.empty()) {
    WARN("no Pabulib instances at " YHDESSA_PABULIB_DIR "; skipped");
    return;
  }
  for (const fs::path& path : files) {
    INFO(path.filename().string());
    PabulibData first = Load(path);
    CHECK(first.warnings.empty());
    auto second = ReadPabulib(WritePabulib(first.file), "written.pb");
    REQUIRE(second.ok());
    CHECK(second->file == first.file);
    const Election &a = first.election, &b = second->election;
    CHECK(a.budget == b.budget);
    CHECK(a.vote_type == b.vote_type);
    REQUIRE(a.ballots.size() == b.ballots.size());
    bool same = true;
    for (size_t i = 0; i < a.ballots.size(); ++i) {
      same = same && a.ballots[i].projects == b.ballots[i].projects &&
             a.ballots[i].points == b.ballots[i].points;
    }
    CHECK(same);
  }
}

TEST_CASE("greedy reproduces every recorded greedy outcome") {
  auto files = Instances();
  if (files.empty()) {
    WARN("no Pabulib instances at " YHDESSA_PABULIB_DIR "; skipped");
    return;
  }
  int checked = 0;
  for (const fs::path& path : files) {
    PabulibData d = Load(path);
    std::string rule = d.file.Meta("rule").value_or("");
    auto recorded = Recorded(d);
    if (rule.rfind("greedy", 0) != 0 || !recorded) continue;
    INFO(path.filename().string() << " (" << rule << ")");
    if (!CheckTallyable(d.election).ok()) {
      // Kraków 2024 is ordinal: its greedy used a score we do not compute.
      WARN(path.filename().string() << ": ordinal ballots, not tallied");
      continue;
    }
    Election e = ApplyThreshold(d);
    TallyResult r = Greedy(e, TieBreak::kDefault);
    if (path.filename() == "Poland_Warszawa_2018_Niskie_Okecie.pb") {
      // 308 and 615 both have 88 votes; the city chose 615 (by a rule the file does not
      // record). Both our tie-breaks choose 308 (cheaper, smaller id) and report the tie.
      REQUIRE(r.ties.size() == 1);
      CHECK(Ids(e, r.ties[0].winners) == std::set<std::string>{"308"});
      CHECK(Ids(e, r.ties[0].losers) == std::set<std::string>{"615"});
      continue;
    }
    CHECK(Ids(e, r.selected) == *recorded);
    ++checked;
  }
  CHECK(checked == 4);  // Częstochowa, Katowice, Warszawa 2020 and 2026
}

TEST_CASE("mes-add1 reproduces Świecie 2023 and the equal-shares part of Assen 2024") {
  fs::path dir = YHDESSA_PABULIB_DIR;
  if (!fs::exists(dir / "Poland_Swiecie_2023.pb")) {
    WARN("no Pabulib instances at " YHDESSA_PABULIB_DIR "; skipped");
    return;
  }
  for (TieBreak tb : {TieBreak::kDefault, TieBreak::kId}) {
    PabulibData swiecie = Load(dir / "Poland_Swiecie_2023.pb");
    TallyResult r = MesAdd1(swiecie.election, tb);
    CHECK(Ids(swiecie.election, r.selected) == *Recorded(swiecie));

    // Assen did not run the greedy completion: the recorded outcome is MES after add1,
    // without project 7 (10 votes, 12 000) which would still have fitted.
    PabulibData assen = Load(dir / "Netherlands_Assen_2024.pb");
    TallyResult a = MesAdd1(assen.election, tb);
    std::vector<int> without_completion;
    for (int p : a.selected) {
      if (!a.projects[p].selected_by_completion) without_completion.push_back(p);
    }
    CHECK(Ids(assen.election, without_completion) == *Recorded(assen));
    CHECK(Ids(assen.election, a.selected).count("7") == 1);
  }
}

TEST_CASE("Wieliczka 2023 (add1 with a comparison step) differs from plain mes-add1") {
  fs::path path = fs::path(YHDESSA_PABULIB_DIR) / "Poland_Wieliczka_2023_Green_Budget.pb";
  if (!fs::exists(path)) {
    WARN("no Pabulib instances at " YHDESSA_PABULIB_DIR "; skipped");
    return;
  }
  // The city's rule "equalshares/add1-comparison" adds a step we do not implement; pinned
  // so that any change in our outcome is noticed. Recorded has 46; we select 66 and 67.
  PabulibData d = Load(path);
  TallyResult r = MesAdd1(d.election, TieBreak::kDefault);
  std::set<std::string> ours = Ids(d.election, r.selected), recorded = *Recorded(d);
  std::set<std::string> missing, extra;
  for (const auto& id : recorded) {
    if (!ours.count(id)) missing.insert(id);
  }
  for (const auto& id : ours) {
    if (!recorded.count(id)) extra.insert(id);
  }
  CHECK(missing == std::set<std::string>{"46"});
  CHECK(extra == std::set<std::string>{"66", "67"});
}

TEST_CASE("on small real elections MES and mes-add1 equal the voter-by-voter reference") {
  auto files = Instances();
  if (files.empty()) {
    WARN("no Pabulib instances at " YHDESSA_PABULIB_DIR "; skipped");
    return;
  }
  int checked = 0;
  for (const fs::path& path : files) {
    PabulibData d = Load(path);
    const Election& e = d.election;
    if (!CheckTallyable(e).ok() || e.ballots.size() > 600) continue;
    INFO(path.filename().string());
    for (TieBreak tb : {TieBreak::kDefault, TieBreak::kId}) {
      testing::ReferenceOutcome ref =
          testing::ReferenceMes(e, tb, static_cast<Int128>(e.budget) * 1000);
      CHECK(Mes(e, tb).selected == ref.order);
      if (path.filename().string().rfind("Hungary", 0) == 0) continue;  // 153 000 naive runs
      std::vector<int> fast = MesAdd1(e, tb).selected;
      std::sort(fast.begin(), fast.end());
      CHECK(fast == testing::ReferenceMesAdd1(e, tb));
    }
    ++checked;
  }
  CHECK(checked >= 4);
}

TEST_CASE("on real elections mes-add1 with skips equals the naive loop, result for result") {
  auto files = Instances();
  if (files.empty()) {
    WARN("no Pabulib instances at " YHDESSA_PABULIB_DIR "; skipped");
    return;
  }
  int checked = 0;
  for (const fs::path& path : files) {
    // The naive loop needs about 2 minutes on Budapest 2024 (checked by hand, see
    // docs/tally.md); every other instance takes it seconds at most.
    if (path.filename() == "Hungary_Budapest_2024.pb") continue;
    PabulibData d = Load(path);
    if (!CheckTallyable(d.election).ok()) continue;
#ifdef YHDESSA_SANITIZED
    // Under the sanitizers only the small instances whose naive loop is short (Józsefváros
    // needs 153 000 naive runs); the release build checks them all.
    if (d.election.ballots.size() > 600 || path.filename().string().rfind("Hungary", 0) == 0)
      continue;
#endif
    INFO(path.filename().string());
    for (TieBreak tb : {TieBreak::kDefault, TieBreak::kId}) {
      CHECK(testing::SameResult(MesAdd1(d.election, tb), MesAdd1Naive(d.election, tb)));
    }
    ++checked;
  }
#ifdef YHDESSA_SANITIZED
  CHECK(checked >= 4);
#else
  CHECK(checked >= 12);
#endif
}

}  // namespace
}  // namespace yhdessa::tally
