#include "voting-server/results/results_command.h"

#include <filesystem>
#include <fstream>
#include <optional>

#include "voting-server/results/results_files.h"
#include "voting-server/results/round_results.h"
#include "voting-server/service/manifest_loader.h"
#include "voting-server/storage/sqlite_store.h"

namespace yhdessa::vote {

namespace {

namespace fs = std::filesystem;

int Fail(std::ostream& err, const std::string& message) {
  err << "yhdessa-vote: error: " << message << "\n";
  return 1;
}

Status WriteWhole(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << text;
    f.flush();
    if (!f) return Status::IoError(tmp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError(path.string() + ": cannot write: " + ec.message());
  return Status::Ok();
}

// The round as frozen when voting opened; else the site's manifest, only to say when.
Result<RoundDefinition> LoadRound(const ResultsCommandOptions& o, Store& store) {
  auto frozen = store.FindFrozenRound(o.round);
  if (!frozen.ok()) return frozen.status();
  if (*frozen) {
    auto def = RoundFromJson((*frozen)->snapshot);
    if (!def.ok()) {
      return Status::Internal(o.db + ": round " + o.round +
                              ": stored rules: " + def.status().message());
    }
    return def;
  }
  if (!o.site.empty()) {
    auto rounds = LoadRoundManifests(o.site);
    if (!rounds.ok()) return rounds.status();
    for (auto& r : *rounds) {
      if (r.id != o.round) continue;
      YH_RETURN_IF_ERROR(CheckRoundClosed(r, o.now));
      return Status::FailedPrecondition("round " + o.round + " closed at " + r.closes +
                                        " but never opened on the server of " + o.db +
                                        ": no ballots to tally");
    }
    return Status::NotFound("round " + o.round + ": not in " + o.db + " nor in " + o.site);
  }
  return Status::FailedPrecondition("round " + o.round + " never opened in " + o.db +
                                    " (no frozen rules): nothing to tally yet; pass --site "
                                    "DIR to see when it opens");
}

Result<RoundResults> TallyFromDatabase(const ResultsCommandOptions& o, RoundDefinition& def) {
  if (!fs::exists(o.db)) return Status::NotFound(o.db + ": no such database");
  auto store = SqliteStore::Open(o.db);
  if (!store.ok()) return store.status();
  auto loaded = LoadRound(o, **store);
  if (!loaded.ok()) return loaded.status();
  def = std::move(loaded).value();
  YH_RETURN_IF_ERROR(CheckRoundClosed(def, o.now));
  auto ballots = (*store)->Ballots(o.round);
  if (!ballots.ok()) return ballots.status();
  return TallyRound(def, *ballots, o.comparison_rules);
}

}  // namespace

int RunRoundTally(const ResultsCommandOptions& o, std::ostream& out, std::ostream& err) {
  RoundDefinition def;
  auto results = TallyFromDatabase(o, def);
  if (!results.ok()) return Fail(err, results.status().message());
  const fs::path dir = o.out.empty() ? fs::path("data/results") / o.round : fs::path(o.out);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Fail(err, dir.string() + ": cannot create: " + ec.message());
  for (const auto& area : results->areas) {
    const std::string id = area.area->id;
    for (const auto& [name, text] :
         {std::pair{id + ".json", AreaResultsJson(def, area)},
          std::pair{id + ".csv", AreaResultsCsv(area)},
          std::pair{id + ".pb", AreaBallotsPb(def, area, area.election.ballots)}}) {
      if (Status st = WriteWhole(dir / name, text); !st.ok()) return Fail(err, st.message());
    }
    out << "yhdessa-vote: " << o.round << " / " << id << ": " << area.election.ballots.size()
        << " ballots, " << area.rules.size() << " rules\n";
  }
  if (Status st = WriteWhole(dir / "receipts.json", ReceiptsJson(*results)); !st.ok()) {
    return Fail(err, st.message());
  }
  out << "yhdessa-vote: results in " << dir.string() << "\n";
  return 0;
}

int RunBallotExport(const ResultsCommandOptions& o, std::ostream& out, std::ostream& err) {
  if (o.out.empty()) return Fail(err, "export: --out FILE_OR_DIR is required");
  if (!o.uniform) return Fail(err, "export: no random source");
  RoundDefinition def;
  auto results = TallyFromDatabase(o, def);
  if (!results.ok()) return Fail(err, results.status().message());
  const bool single_file = fs::path(o.out).extension() == ".pb";
  if (single_file && results->areas.size() != 1) {
    return Fail(err, "export: round " + o.round + " has " + std::to_string(results->areas.size()) +
                         " areas: --out must be a directory (one .pb per area)");
  }
  if (!single_file) {
    std::error_code ec;
    fs::create_directories(o.out, ec);
    if (ec) return Fail(err, o.out + ": cannot create: " + ec.message());
  }
  for (const auto& area : results->areas) {
    std::vector<tally::Ballot> ballots = area.election.ballots;
    ShuffleBallots(ballots, o.uniform);
    const fs::path path = single_file ? fs::path(o.out) : fs::path(o.out) / (area.area->id + ".pb");
    if (Status st = WriteWhole(path, AreaBallotsPb(def, area, ballots)); !st.ok()) {
      return Fail(err, st.message());
    }
    out << "yhdessa-vote: " << ballots.size() << " ballots of " << o.round << " / " << area.area->id
        << " in " << path.string() << "\n";
  }
  return 0;
}

}  // namespace yhdessa::vote
