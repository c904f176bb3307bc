#include "voting-server/tally/tally_command.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace yhdessa::tally {
namespace {

namespace fs = std::filesystem;

struct Run {
  int code;
  std::string out, err;
};

Run Tally(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  int code = RunTallyCommand(args, out, err);
  return {code, out.str(), err.str()};
}

fs::path WriteTemp(const std::string& name, const std::string& text) {
  fs::path p = fs::temp_directory_path() / ("yhdessa_tally_test_" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

const char* kMajorityMinority =
    "META\nkey;value\nbudget;100\nvote_type;approval\n"
    "PROJECTS\nproject_id;cost\na;40\nb;40\nc;40\n"
    "VOTES\nvoter_id;vote\n1;a,b\n2;a,b\n3;a,b\n4;c\n5;c\n";

TEST_CASE("tally --rule greedy prints the JSON result") {
  fs::path f = WriteTemp("mm.pb", kMajorityMinority);
  Run r = Tally({"--pabulib", f.string(), "--rule", "greedy"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "{\n"
        "  \"budget\": 100,\n"
        "  \"projects\": [\n"
        "    {\n      \"cost\": 40,\n      \"id\": \"a\",\n      \"selected\": true,\n"
        "      \"votes\": 3\n    },\n"
        "    {\n      \"cost\": 40,\n      \"id\": \"b\",\n      \"selected\": true,\n"
        "      \"votes\": 3\n    },\n"
        "    {\n      \"cost\": 40,\n      \"id\": \"c\",\n      \"selected\": false,\n"
        "      \"votes\": 2\n    }\n"
        "  ],\n"
        "  \"rule\": \"greedy\",\n"
        "  \"selected\": [\n    \"a\",\n    \"b\"\n  ],\n"
        "  \"tie_break\": \"default\",\n"
        "  \"ties\": [],\n"
        "  \"total_cost\": 80,\n"
        "  \"vote_type\": \"approval\",\n"
        "  \"voters\": 5\n"
        "}\n");
}

TEST_CASE("tally --rule mes explains each project in text") {
  fs::path f = WriteTemp("mm.pb", kMajorityMinority);
  Run r = Tally({"--pabulib", f.string(), "--rule", "mes", "--format", "text"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "rule: mes (tie-break: default)\n"
        "budget: 100, used: 80, 2 of 3 projects selected, 5 voters\n"
        "share per voter: 20 (1 MES runs)\n"
        "selected, in order:\n"
        "  a  cost 40  votes 3  -- selected at step 1: its 3 supporters paid at most 13.33 each\n"
        "  c  cost 40  votes 2  -- selected at step 2: its 2 supporters paid at most 20 each\n"
        "not selected:\n"
        "  b  -- not selected: its 3 supporters had 20 left of the 40 it costs\n"
        "tie at step 1: a b; decided by id for a\n");
}

TEST_CASE("tally --rule mes JSON carries the per-supporter price and explanation") {
  fs::path f = WriteTemp("mm.pb", kMajorityMinority);
  Run r = Tally({"--pabulib", f.string(), "--rule", "mes-add1", "--tie-break", "id"});
  CHECK(r.code == 0);
  CHECK(r.out.find("\"max_payment_per_supporter\": 13.33") != std::string::npos);
  CHECK(r.out.find("\"explanation\": \"not selected: its 3 supporters had 20 left of the 40 it "
                   "costs\"") != std::string::npos);
  CHECK(r.out.find("\"tie_break\": \"id\"") != std::string::npos);
}

TEST_CASE("tally: usage errors exit 2, bad input exits 1") {
  Run none = Tally({});
  CHECK(none.code == 2);
  CHECK(none.err ==
        "tally: --pabulib FILE is required\n"
        "usage: tally --pabulib FILE --rule greedy|mes|mes-add1 [--tie-break id|default] "
        "[--format json|text]\n");
  CHECK(Tally({"--pabulib", "x.pb", "--rule", "phragmen"})
            .err.rfind("tally: unknown rule 'phragmen' (use greedy, mes or mes-add1)\n", 0) == 0);
  CHECK(Tally({"--pabulib", "x.pb", "--rule", "mes", "--tie-break", "coin"}).code == 2);
  CHECK(Tally({"--pabulib", "x.pb", "--rule", "mes", "--format", "xml"}).code == 2);
  CHECK(Tally({"--pabulib"}).err.rfind("tally: --pabulib needs a value\n", 0) == 0);
  CHECK(Tally({"--help"}).code == 0);

  Run missing = Tally({"--pabulib", "/nonexistent/x.pb", "--rule", "mes"});
  CHECK(missing.code == 1);
  CHECK(missing.err == "/nonexistent/x.pb: error: cannot open the file\n");

  fs::path bad = WriteTemp("bad.pb", "META\nkey;value\nbudget;5\nvote_type;approval\nBALLOTS\n");
  Run malformed = Tally({"--pabulib", bad.string(), "--rule", "greedy"});
  CHECK(malformed.code == 1);
  CHECK(malformed.err.find(": error: unknown section 'BALLOTS'") != std::string::npos);

  fs::path ordinal = WriteTemp("ord.pb",
                               "META\nkey;value\nbudget;5\nvote_type;ordinal\nPROJECTS\n"
                               "project_id;cost\n7;1\nVOTES\nvoter_id;vote\n1;7\n");
  Run refused = Tally({"--pabulib", ordinal.string(), "--rule", "mes"});
  CHECK(refused.code == 1);
  CHECK(refused.err == ordinal.string() +
                           ": error: cannot tally ordinal ballots: the rules (greedy, mes, "
                           "mes-add1) need approval or cumulative ballots\n");
}

TEST_CASE("tally prints count warnings and still tallies") {
  fs::path f = WriteTemp("warn.pb",
                         "META\nkey;value\nnum_votes;9\nbudget;5\nvote_type;approval\nPROJECTS\n"
                         "project_id;cost\n7;1\nVOTES\nvoter_id;vote\n1;7\n");
  Run r = Tally({"--pabulib", f.string(), "--rule", "greedy"});
  CHECK(r.code == 0);
  CHECK(r.err.find(": warning: num_votes is 9 but VOTES has 1 rows") != std::string::npos);
}

}  // namespace
}  // namespace yhdessa::tally
