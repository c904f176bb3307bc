#include "voting-server/tally/pabulib_writer.h"

#include "voting-server/tally/csv_record.h"
#include "voting-server/tally/money.h"

namespace yhdessa::tally {
namespace {

void WriteRow(const std::vector<std::string>& fields, std::string& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ';';
    out += QuoteCsvField(fields[i]);
  }
  out += '\n';
}

}  // namespace

std::string WritePabulib(const PbFile& file) {
  std::string out = "META\nkey;value\n";
  for (const auto& [k, v] : file.meta) WriteRow({k, v}, out);
  out += "PROJECTS\n";
  WriteRow(file.projects.columns, out);
  for (const auto& row : file.projects.rows) WriteRow(row, out);
  out += "VOTES\n";
  WriteRow(file.votes.columns, out);
  for (const auto& row : file.votes.rows) WriteRow(row, out);
  return out;
}

PbFile PbFileFromElection(const Election& e,
                          const std::vector<std::pair<std::string, std::string>>& meta) {
  PbFile f;
  for (const auto& [k, v] : meta) f.SetMeta(k, v);
  f.SetMeta("num_projects", std::to_string(e.projects.size()));
  f.SetMeta("num_votes", std::to_string(e.ballots.size()));
  f.SetMeta("budget", FormatCents(e.budget));
  f.SetMeta("vote_type", VoteTypeName(e.vote_type));
  if (e.min_length) f.SetMeta("min_length", std::to_string(*e.min_length));
  if (e.max_length) f.SetMeta("max_length", std::to_string(*e.max_length));
  if (e.max_sum_cost) f.SetMeta("max_sum_cost", FormatCents(*e.max_sum_cost));
  if (e.min_sum_points) f.SetMeta("min_sum_points", std::to_string(*e.min_sum_points));
  if (e.max_sum_points) f.SetMeta("max_sum_points", std::to_string(*e.max_sum_points));

  std::vector<int64_t> votes = VoteCounts(e);
  f.projects.columns = {"project_id", "cost", "votes"};
  for (size_t p = 0; p < e.projects.size(); ++p) {
    f.projects.rows.push_back(
        {e.projects[p].id, FormatCents(e.projects[p].cost), std::to_string(votes[p])});
    f.projects.lines.push_back(0);
  }
  bool points = false;
  for (const Ballot& b : e.ballots) points = points || !b.points.empty();
  f.votes.columns = {"voter_id", "vote"};
  if (points) f.votes.columns.push_back("points");
  for (size_t i = 0; i < e.ballots.size(); ++i) {
    const Ballot& b = e.ballots[i];
    std::string ids, pts;
    for (size_t k = 0; k < b.projects.size(); ++k) {
      if (k > 0) {
        ids += ',';
        pts += ',';
      }
      ids += e.projects[b.projects[k]].id;
      pts += std::to_string(e.PointsOf(b, k));
    }
    std::vector<std::string> row = {std::to_string(i + 1), ids};
    if (points) row.push_back(pts);
    f.votes.rows.push_back(std::move(row));
    f.votes.lines.push_back(0);
  }
  return f;
}

}  // namespace yhdessa::tally
