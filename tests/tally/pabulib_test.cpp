#include <catch2/catch.hpp>

#include "voting-server/tally/pabulib_reader.h"
#include "voting-server/tally/pabulib_writer.h"

namespace yhdessa::tally {
namespace {

const char* kSmall =
    "META\n"
    "key;value\n"
    "description;\"A test; with \"\"quotes\"\"\"\n"
    "num_projects;3\n"
    "num_votes;3\n"
    "budget;100.50\n"
    "vote_type;approval\n"
    "max_length;2\n"
    "PROJECTS\n"
    "project_id;cost;votes;name\n"
    "1;40;2;Park\n"
    "2;60.5;2;\"Bench; big\"\n"
    "3;10;0;Nothing\n"
    "VOTES\n"
    "voter_id;vote\n"
    "a;1,2\n"
    "b;2, 1\n"
    "c;\n";

std::string ErrorOf(const std::string& text) {
  auto r = ReadPabulib(text, "x.pb");
  REQUIRE_FALSE(r.ok());
  return r.status().message();
}

TEST_CASE("a .pb file is read into the document and the election") {
  auto r = ReadPabulib(kSmall, "small.pb");
  REQUIRE(r.ok());
  const Election& e = r->election;
  CHECK(e.budget == 10050);
  CHECK(e.vote_type == VoteType::kApproval);
  CHECK(e.max_length == 2);
  REQUIRE(e.projects.size() == 3);
  CHECK(e.projects[1].cost == 6050);
  REQUIRE(e.ballots.size() == 3);
  CHECK(e.ballots[1].projects == std::vector<int>{1, 0});
  CHECK(e.ballots[2].projects.empty());
  CHECK(r->file.Meta("description") == "A test; with \"quotes\"");
  CHECK(r->file.projects.rows[1][3] == "Bench; big");
  CHECK(r->warnings.empty());
}

TEST_CASE(".pb read -> write -> read gives the same file and election") {
  auto first = ReadPabulib(kSmall, "small.pb");
  REQUIRE(first.ok());
  std::string written = WritePabulib(first->file);
  auto second = ReadPabulib(written, "written.pb");
  REQUIRE(second.ok());
  CHECK(second->file == first->file);
  CHECK(second->election.budget == first->election.budget);
  CHECK(second->election.ballots.size() == first->election.ballots.size());
  CHECK(WritePabulib(second->file) == written);
}

TEST_CASE("an Election exported as .pb reads back the same") {
  auto first = ReadPabulib(kSmall, "small.pb");
  REQUIRE(first.ok());
  PbFile exported = PbFileFromElection(first->election, {{"description", "export"}});
  auto back = ReadPabulib(WritePabulib(exported), "export.pb");
  REQUIRE(back.ok());
  const Election &a = first->election, &b = back->election;
  CHECK(b.budget == a.budget);
  CHECK(b.max_length == a.max_length);
  REQUIRE(b.projects.size() == a.projects.size());
  for (size_t p = 0; p < a.projects.size(); ++p) {
    CHECK(b.projects[p].id == a.projects[p].id);
    CHECK(b.projects[p].cost == a.projects[p].cost);
  }
  REQUIRE(b.ballots.size() == a.ballots.size());
  for (size_t i = 0; i < a.ballots.size(); ++i)
    CHECK(b.ballots[i].projects == a.ballots[i].projects);
  CHECK(back->file.votes.rows[0][0] == "1");
}

TEST_CASE("cumulative points are read and must match the projects") {
  std::string text =
      "META\nkey;value\nbudget;10\nvote_type;cumulative\n"
      "PROJECTS\nproject_id;cost\nA;5\nB;5\n"
      "VOTES\nvoter_id;vote;points\n1;A,B;3,2\n";
  auto r = ReadPabulib(text, "c.pb");
  REQUIRE(r.ok());
  CHECK(r->election.ballots[0].points == std::vector<int64_t>{3, 2});
  CHECK(ErrorOf("META\nkey;value\nbudget;10\nvote_type;cumulative\n"
                "PROJECTS\nproject_id;cost\nA;5\nB;5\n"
                "VOTES\nvoter_id;vote;points\n1;A,B;3\n") ==
        "x.pb:11:7: error: 1 points for 2 projects\n"
        "  1;A,B;3\n"
        "        ^");
}

TEST_CASE("error: unknown section") {
  CHECK(ErrorOf("META\nkey;value\nbudget;1\nvote_type;approval\nVOTERS\n") ==
        "x.pb:5:1: error: unknown section 'VOTERS'\n"
        "  VOTERS\n"
        "  ^\n"
        "  hint: the sections of a .pb file are META, PROJECTS and VOTES");
}

TEST_CASE("error: missing required key") {
  CHECK(ErrorOf("META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
                "VOTES\nvoter_id;vote\n") ==
        "x.pb:1: error: META has no 'budget' key\n"
        "  META");
  CHECK(ErrorOf("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;price\n"
                "VOTES\nvoter_id;vote\n") ==
        "x.pb:6:1: error: PROJECTS has no 'cost' column\n"
        "  project_id;price\n"
        "  ^");
}

TEST_CASE("error: cost not a number") {
  CHECK(ErrorOf("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
                "7;12x\nVOTES\nvoter_id;vote\n") ==
        "x.pb:7:3: error: cost '12x' of project '7' is not a number\n"
        "  7;12x\n"
        "    ^");
  CHECK(ErrorOf("META\nkey;value\nbudget;lots\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
                "VOTES\nvoter_id;vote\n") ==
        "x.pb:3:8: error: budget 'lots' is not a number\n"
        "  budget;lots\n"
        "         ^");
}

TEST_CASE("error: vote for an unknown project") {
  CHECK(ErrorOf("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
                "7;1\nVOTES\nvoter_id;vote\nv1;7,99\n") ==
        "x.pb:10:6: error: vote for unknown project '99'\n"
        "  v1;7,99\n"
        "       ^");
}

TEST_CASE("error: other malformed files") {
  CHECK(ErrorOf("budget;5\n") ==
        "x.pb:1:1: error: data before the first section\n"
        "  budget;5\n"
        "  ^\n"
        "  hint: a .pb file starts with a line that says META");
  CHECK(ErrorOf("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
                "7;1;x\nVOTES\nvoter_id;vote\n") ==
        "x.pb:7: error: row has 3 fields but the PROJECTS header has 2\n"
        "  7;1;x");
  CHECK(ErrorOf("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
                "7;1\n7;2\nVOTES\nvoter_id;vote\n") ==
        "x.pb:8:1: error: project '7' appears twice\n"
        "  7;2\n"
        "  ^");
  CHECK(ErrorOf("META\nkey;value\nbudget;5\nvote_type;ranked\nPROJECTS\nproject_id;cost\n"
                "VOTES\nvoter_id;vote\n") ==
        "x.pb:4:11: error: unknown vote_type 'ranked'\n"
        "  vote_type;ranked\n"
        "            ^\n"
        "  hint: use approval, cumulative, ordinal, scoring or choose-1");
  CHECK(ErrorOf("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n") ==
        "x.pb: error: the file has no VOTES section");
  CHECK(ErrorOf("META\nkey;value\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
                "7;1\nVOTES\nvoter_id;vote\nv1;7,7\n") ==
        "x.pb:10:6: error: project '7' is named twice in this vote\n"
        "  v1;7,7\n"
        "       ^");
}

TEST_CASE("warning: counts that disagree with num_projects and num_votes") {
  auto r = ReadPabulib(
      "META\nkey;value\nnum_projects;2\nnum_votes;1\nbudget;5\nvote_type;approval\n"
      "PROJECTS\nproject_id;cost\n7;1\nVOTES\nvoter_id;vote\n",
      "w.pb");
  REQUIRE(r.ok());
  REQUIRE(r->warnings.size() == 2);
  CHECK(FormatDiagnostic(r->warnings[0]) ==
        "w.pb:3:14: warning: num_projects is 2 but PROJECTS has 1 rows\n"
        "  num_projects;2\n"
        "               ^");
  CHECK(FormatDiagnostic(r->warnings[1]) ==
        "w.pb:4:11: warning: num_votes is 1 but VOTES has 0 rows\n"
        "  num_votes;1\n"
        "            ^");
}

TEST_CASE("ordinal files are read, tallying them is refused") {
  auto r = ReadPabulib(
      "META\nkey;value\nbudget;5\nvote_type;ordinal\n"
      "PROJECTS\nproject_id;cost\n7;1\n8;1\nVOTES\nvoter_id;vote\n1;8,7\n",
      "o.pb");
  REQUIRE(r.ok());
  CHECK(r->election.ballots[0].projects == std::vector<int>{1, 0});
  CHECK(CheckTallyable(r->election).message() ==
        "cannot tally ordinal ballots: the rules (greedy, mes, mes-add1) need approval or "
        "cumulative ballots");
}

TEST_CASE("CRLF line ends and a byte order mark are accepted") {
  auto r = ReadPabulib(
      "\xEF\xBB\xBFMETA\r\nkey;value\r\nbudget;5\r\nvote_type;approval\r\n"
      "PROJECTS\r\nproject_id;cost\r\n7;1\r\nVOTES\r\nvoter_id;vote\r\n1;7\r\n",
      "crlf.pb");
  REQUIRE(r.ok());
  CHECK(r->election.ballots[0].projects == std::vector<int>{0});
}

}  // namespace
}  // namespace yhdessa::tally
