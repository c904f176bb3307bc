// yhdessa-vote: the command line only; everything else lives in the libraries.
//   serve   --db FILE --site DIR --listen HOST:PORT [--allow-origin URL]... [--key FILE]
//   codes   --db FILE --round ID [--area ID] --count N [--out FILE.csv] [--key FILE]
//   status  --db FILE [--round ID] [--format text|json]
//   backup  --db FILE --to FILE
//   tally   --db FILE --round ID [--out DIR] [--rule R]... [--site DIR]
//           (voting-server/results/results_command.h), or --pabulib FILE ...
//           (the tally engine alone: voting-server/tally/tally_command.h)
//   export  --db FILE --round ID --format pb --out FILE_OR_DIR [--site DIR]
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "voting-server/codes/code_hasher.h"
#include "voting-server/codes/voting_code.h"
#include "voting-server/http/vote_server.h"
#include "voting-server/results/results_command.h"
#include "voting-server/service/manifest_loader.h"
#include "voting-server/service/voting_service.h"
#include "voting-server/storage/sqlite_store.h"

#include "voting-server/tally/tally_command.h"

namespace {

using namespace yhdessa;
using namespace yhdessa::vote;

int Fail(const std::string& message) {
  std::cerr << "yhdessa-vote: error: " << message << "\n";
  return 1;
}

Result<CodeHasher> OpenHasher(const std::string& db, const std::string& key, bool create) {
  return CodeHasher::FromKeyFile(key.empty() ? CodeHasher::DefaultKeyPath(db) : key, create);
}

int Serve(const std::string& db, const std::string& site, const std::string& listen,
          const std::vector<std::string>& origins, const std::string& key, int max_failed_codes) {
  const size_t colon = listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(listen.substr(colon + 1));
    } catch (...) {
    }
  }
  if (port < 0 || port > 65535) return Fail("--listen: expected HOST:PORT, got '" + listen + "'");

  // Signals are taken by one thread with sigwait, so every other thread (HTTP workers,
  // the writer) must start with them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto rounds = LoadRoundManifests(site);
  if (!rounds.ok()) return Fail(rounds.status().message());
  auto hasher = OpenHasher(db, key, true);
  if (!hasher.ok()) return Fail(hasher.status().message());
  auto store = SqliteStore::Open(db);
  if (!store.ok()) return Fail(store.status().message());
  const size_t round_count = rounds->size();
  VotingService service(**store, *hasher, std::move(rounds).value());
  for (const auto& refusal : service.CheckFrozenRules()) {
    std::cerr << "yhdessa-vote: error: " << refusal << "\n";
  }

  ServerOptions options;
  options.site_dir = site;
  options.host = listen.substr(0, colon);
  options.port = port;
  options.allowed_origins = origins;
  options.max_failed_codes = max_failed_codes;
  options.log = &std::cerr;
  VoteServer server(service, options);
  if (Status st = server.Bind(); !st.ok()) return Fail(st.message());
  std::cout << "yhdessa-vote: serving " << site << " (" << round_count << " rounds) on http://"
            << options.host << ":" << server.port() << std::endl;

  std::atomic<bool> run_returned{false};
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    // A signal right after start may come before the server loop runs, when stop() has
    // nothing to stop yet: repeat until the loop has returned.
    while (!run_returned) {
      server.Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  const Status run = server.Run();
  run_returned = true;
  ::kill(::getpid(), SIGTERM);  // wakes the signal thread if the server stopped on its own
  signal_thread.join();
  (*store)->Close();  // every accepted ballot was committed before its answer
  std::cerr << "yhdessa-vote: stopped, database closed" << std::endl;
  return run.ok() ? 0 : Fail(run.message());
}

int Codes(const std::string& db, const std::string& round, const std::string& area, int count,
          const std::string& out_path, const std::string& key) {
  if (count <= 0 || count > 10'000'000) return Fail("--count: expected 1 to 10000000");
  auto hasher = OpenHasher(db, key, true);
  if (!hasher.ok()) return Fail(hasher.status().message());
  auto store = SqliteStore::Open(db);
  if (!store.ok()) return Fail(store.status().message());
  const std::string area_id = area.empty() ? kAnyArea : area;
  std::vector<std::string> codes, hashes;
  codes.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    codes.push_back(GenerateVotingCode());
    hashes.push_back(hasher->Hash(NormalizeVotingCode(codes.back())));
  }
  // The file first: codes stored but never written out would be lost to their voters.
  std::string csv = "code,round,area\n";
  for (const auto& c : codes) csv += c + "," + round + "," + area_id + "\n";
  if (out_path.empty()) {
    std::cout << csv << std::flush;
  } else {
    const int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return Fail(out_path + ": cannot write");
    const bool ok =
        ::write(fd, csv.data(), csv.size()) == static_cast<ssize_t>(csv.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return Fail(out_path + ": cannot write");
  }
  if (Status st = (*store)->AddCodes(round, area_id, hashes); !st.ok()) return Fail(st.message());
  std::cerr << "yhdessa-vote: issued " << count << " codes for " << round << " / " << area_id
            << "\n";
  return 0;
}

int StatusCommand(const std::string& db, const std::string& round, const std::string& format) {
  if (!std::filesystem::exists(db)) return Fail(db + ": no such database");
  auto store = SqliteStore::Open(db);
  if (!store.ok()) return Fail(store.status().message());
  auto counts = (*store)->Counts();
  if (!counts.ok()) return Fail(counts.status().message());
  nlohmann::ordered_json j;
  j["rounds"] = nlohmann::ordered_json::array();
  for (const auto& r : *counts) {
    if (!round.empty() && r.id != round) continue;
    nlohmann::ordered_json jr;
    jr["id"] = r.id;
    jr["areas"] = nlohmann::ordered_json::array();
    for (const auto& a : r.areas) {
      jr["areas"].push_back({{"id", a.id},
                             {"codes_issued", a.codes_issued},
                             {"codes_used", a.codes_used},
                             {"ballots", a.ballots}});
    }
    j["rounds"].push_back(std::move(jr));
  }
  if (format == "json") {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  for (const auto& r : j["rounds"]) {
    std::cout << "round " << r["id"].get<std::string>() << "\n";
    for (const auto& a : r["areas"]) {
      std::printf("  %-20s codes issued %8lld  used %8lld  ballots %8lld\n",
                  a["id"].get<std::string>().c_str(), a["codes_issued"].get<long long>(),
                  a["codes_used"].get<long long>(), a["ballots"].get<long long>());
    }
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool tally_db = argc >= 2 && std::string(argv[1]) == "tally" &&
                        std::find(argv + 2, argv + argc, std::string("--db")) != argv + argc;
  if (argc >= 2 && std::string(argv[1]) == "tally" && !tally_db) {
    return yhdessa::tally::RunTallyCommand(std::vector<std::string>(argv + 2, argv + argc),
                                           std::cout, std::cerr);
  }
  if (!InitSodium()) return Fail("libsodium cannot run on this machine");
  CLI::App app{"yhdessa-vote: participatory budgeting votes with one-time codes"};
  app.require_subcommand(1);
  std::string db, site, listen, key, round, area, out, format = "text", to;
  std::vector<std::string> origins;
  int count = 0, max_failed_codes = 10;

  auto* serve = app.add_subcommand("serve", "serve the site and the voting API");
  serve->add_option("--db", db, "SQLite database file")->required();
  serve->add_option("--site", site, "the built site (with _yhdessa/rounds/*.json)")->required();
  serve->add_option("--listen", listen, "HOST:PORT (port 0: any free port)")->required();
  serve->add_option("--allow-origin", origins, "another origin that may post ballots");
  serve->add_option("--key", key, "code key file (default: the database path + .key)");
  serve
      ->add_option("--max-failed-codes", max_failed_codes,
                   "failed codes per client address in 10 minutes before 429 (default 10; "
                   "raise it for service points where many voters share an address)")
      ->check(CLI::Range(1, 1000000));

  auto* codes = app.add_subcommand("codes", "issue one-time voting codes as CSV");
  codes->add_option("--db", db, "SQLite database file")->required();
  codes->add_option("--round", round, "round id")->required();
  codes->add_option("--area", area, "area id (default: valid in every area)");
  codes->add_option("--count", count, "how many codes")->required();
  codes->add_option("--out", out, "CSV file, written with mode 0600 (default: stdout)");
  codes->add_option("--key", key, "code key file (default: the database path + .key)");

  auto* status = app.add_subcommand("status", "codes issued and used, ballots, per area");
  status->add_option("--db", db, "SQLite database file")->required();
  status->add_option("--round", round, "only this round");
  status->add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));

  auto* backup = app.add_subcommand("backup", "a consistent copy, also while serving");
  backup->add_option("--db", db, "SQLite database file")->required();
  backup->add_option("--to", to, "destination file")->required();

  std::vector<std::string> rules;
  auto* tally = app.add_subcommand("tally", "results of a closed round into open-data files");
  tally->add_option("--db", db, "SQLite database file")->required();
  tally->add_option("--round", round, "round id")->required();
  tally->add_option("--out", out, "directory (default: data/results/ROUND)");
  tally->add_option("--rule", rules, "rules to compare with the round's (default: greedy mes)")
      ->check(CLI::IsMember({"greedy", "mes", "mes-add1"}));
  tally->add_option("--site", site, "built site, to date a round that never opened");

  auto* exporter = app.add_subcommand("export", "anonymised ballots, one .pb per area");
  exporter->add_option("--db", db, "SQLite database file")->required();
  exporter->add_option("--round", round, "round id")->required();
  exporter->add_option("--format", format, "pb")->required()->check(CLI::IsMember({"pb"}));
  exporter->add_option("--out", out, "directory, or a .pb file for a round with one area")
      ->required();
  exporter->add_option("--site", site, "built site, to date a round that never opened");

  CLI11_PARSE(app, argc, argv);
  if (tally->parsed() || exporter->parsed()) {
    ResultsCommandOptions o;
    o.db = db;
    o.round = round;
    o.out = out;
    o.site = site;
    if (!rules.empty()) o.comparison_rules = rules;
    o.now = SystemNow();
    o.uniform = SodiumUniform;
    return tally->parsed() ? RunRoundTally(o, std::cout, std::cerr)
                           : RunBallotExport(o, std::cout, std::cerr);
  }
  if (serve->parsed()) return Serve(db, site, listen, origins, key, max_failed_codes);
  if (codes->parsed()) return Codes(db, round, area, count, out, key);
  if (status->parsed()) return StatusCommand(db, round, format);
  if (backup->parsed()) {
    if (!std::filesystem::exists(db)) return Fail(db + ": no such database");
    Status st = SqliteStore::Backup(db, to);
    if (!st.ok()) return Fail(st.message());
    std::cerr << "yhdessa-vote: backed up " << db << " to " << to << "\n";
    return 0;
  }
  return 1;
}
