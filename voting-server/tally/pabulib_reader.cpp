#include "voting-server/tally/pabulib_reader.h"

#include <unordered_map>

#include "voting-server/tally/csv_record.h"
#include "voting-server/tally/money.h"

namespace yhdessa::tally {
namespace {

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// A comma-separated list inside one field, with each item's column.
struct ListItem {
  std::string text;
  int col;
};
std::vector<ListItem> SplitList(const std::string& field, int field_col) {
  std::vector<ListItem> items;
  if (Trim(field).empty()) return items;
  size_t start = 0;
  while (true) {
    size_t comma = field.find(',', start);
    std::string_view part = std::string_view(field).substr(
        start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t lead = part.find_first_not_of(" \t");
    items.push_back({Trim(part), field_col + static_cast<int>(start) +
                                     static_cast<int>(lead == std::string_view::npos ? 0 : lead)});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

class Reader {
 public:
  Reader(std::string_view text, const std::string& filename) : text_(text), filename_(filename) {}

  Result<PabulibData> Read() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // UTF-8 byte order mark
    YH_RETURN_IF_ERROR(ReadSections());
    YH_RETURN_IF_ERROR(BuildElection());
    return std::move(data_);
  }

 private:
  Status Error(int line, int col, const std::string& message, const std::string& hint = {}) {
    Diagnostic d;
    d.pos = {filename_, line, col};
    d.message = message;
    d.hint = hint;
    if (line > 0) d.source_line = std::string(LineOf(text_, line));
    return Status::InvalidArgument(FormatDiagnostic(d));
  }
  void Warn(int line, int col, const std::string& message) {
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.pos = {filename_, line, col};
    d.message = message;
    if (line > 0) d.source_line = std::string(LineOf(text_, line));
    data_.warnings.push_back(std::move(d));
  }

  Status ReadSections() {
    std::vector<CsvRecord> records = SplitCsvRecords(text_);
    std::string section;
    bool need_header = false;
    int section_line = 0;
    PbTable* table = nullptr;
    for (CsvRecord& r : records) {
      if (r.blank) continue;
      if (r.fields.size() == 1) {
        std::string name = Trim(r.fields[0]);
        if (name != "META" && name != "PROJECTS" && name != "VOTES") {
          return Error(r.line, r.cols[0], "unknown section '" + name + "'",
                       "the sections of a .pb file are META, PROJECTS and VOTES");
        }
        if (need_header) {
          return Error(section_line, 0, "section " + section + " has no header line");
        }
        if (seen_.count(name))
          return Error(r.line, r.cols[0], "section " + name + " appears twice");
        seen_[name] = r.line;
        section = name;
        section_line = r.line;
        need_header = true;
        table = name == "PROJECTS" ? &data_.file.projects
                : name == "VOTES"  ? &data_.file.votes
                                   : nullptr;
        continue;
      }
      if (section.empty()) {
        return Error(r.line, 1, "data before the first section",
                     "a .pb file starts with a line that says META");
      }
      for (std::string& f : r.fields) f = Trim(f);
      if (need_header) {
        need_header = false;
        header_line_[section] = r.line;
        if (table) table->columns = r.fields;
        continue;
      }
      const size_t expected = table ? table->columns.size() : 2;
      if (r.fields.size() != expected) {
        return Error(r.line, 0,
                     "row has " + std::to_string(r.fields.size()) + " fields but the " + section +
                         " header has " + std::to_string(expected));
      }
      if (table) {
        table->rows.push_back(std::move(r.fields));
        table->lines.push_back(r.line);
        row_cols_[table].push_back(std::move(r.cols));
      } else {
        data_.file.meta.emplace_back(r.fields[0], r.fields[1]);
        data_.file.meta_lines.push_back(r.line);
        meta_cols_.push_back(r.cols[1]);
      }
    }
    if (need_header) return Error(section_line, 0, "section " + section + " has no header line");
    for (const char* name : {"META", "PROJECTS", "VOTES"}) {
      if (!seen_.count(name)) {
        return Error(0, 0, std::string("the file has no ") + name + " section");
      }
    }
    return Status::Ok();
  }

  // Position of META `key`'s value: line and column (0, 0 when absent).
  std::pair<int, int> MetaPos(const std::string& key) const {
    for (size_t i = 0; i < data_.file.meta.size(); ++i) {
      if (data_.file.meta[i].first == key) return {data_.file.meta_lines[i], meta_cols_[i]};
    }
    return {0, 0};
  }

  Status RequiredMeta(const std::string& key, std::string& value) {
    auto v = data_.file.Meta(key);
    if (!v) return Error(seen_["META"], 0, "META has no '" + key + "' key");
    value = *v;
    return Status::Ok();
  }

  Status OptionalCount(const std::string& key, std::optional<int64_t>& out, bool cents) {
    auto v = data_.file.Meta(key);
    if (!v || v->empty()) return Status::Ok();
    auto parsed = cents ? ParseCents(*v) : ParseCount(*v);
    if (!parsed) {
      auto [line, col] = MetaPos(key);
      return Error(line, col, key + " '" + *v + "' is not a number");
    }
    out = parsed;
    return Status::Ok();
  }

  Status RequiredColumn(const PbTable& t, const std::string& section, const std::string& column,
                        int& index) {
    index = t.Column(column);
    if (index < 0) {
      return Error(header_line_[section], 1, section + " has no '" + column + "' column");
    }
    return Status::Ok();
  }

  Status BuildElection() {
    Election& e = data_.election;
    std::string budget, vote_type;
    YH_RETURN_IF_ERROR(RequiredMeta("budget", budget));
    YH_RETURN_IF_ERROR(RequiredMeta("vote_type", vote_type));
    auto parsed_budget = ParseCents(budget);
    if (!parsed_budget) {
      auto [line, col] = MetaPos("budget");
      return Error(line, col, "budget '" + budget + "' is not a number");
    }
    e.budget = *parsed_budget;
    auto type = ParseVoteType(vote_type);
    if (!type) {
      auto [line, col] = MetaPos("vote_type");
      return Error(line, col, "unknown vote_type '" + vote_type + "'",
                   "use approval, cumulative, ordinal, scoring or choose-1");
    }
    e.vote_type = *type;
    YH_RETURN_IF_ERROR(OptionalCount("min_length", e.min_length, false));
    YH_RETURN_IF_ERROR(OptionalCount("max_length", e.max_length, false));
    YH_RETURN_IF_ERROR(OptionalCount("max_sum_cost", e.max_sum_cost, true));
    YH_RETURN_IF_ERROR(OptionalCount("min_sum_points", e.min_sum_points, false));
    YH_RETURN_IF_ERROR(OptionalCount("max_sum_points", e.max_sum_points, false));

    const PbTable& pt = data_.file.projects;
    int id_col, cost_col;
    YH_RETURN_IF_ERROR(RequiredColumn(pt, "PROJECTS", "project_id", id_col));
    YH_RETURN_IF_ERROR(RequiredColumn(pt, "PROJECTS", "cost", cost_col));
    std::unordered_map<std::string, int> index;
    const auto& pcols = row_cols_[&pt];
    for (size_t i = 0; i < pt.rows.size(); ++i) {
      const auto& row = pt.rows[i];
      Project p;
      p.id = row[id_col];
      auto cost = ParseCents(row[cost_col]);
      if (!cost) {
        return Error(pt.lines[i], pcols[i][cost_col],
                     "cost '" + row[cost_col] + "' of project '" + p.id + "' is not a number");
      }
      p.cost = *cost;
      if (!index.emplace(p.id, static_cast<int>(e.projects.size())).second) {
        return Error(pt.lines[i], pcols[i][id_col], "project '" + p.id + "' appears twice");
      }
      e.projects.push_back(std::move(p));
    }

    const PbTable& vt = data_.file.votes;
    int voter_col, vote_col, points_col = vt.Column("points");
    YH_RETURN_IF_ERROR(RequiredColumn(vt, "VOTES", "voter_id", voter_col));
    YH_RETURN_IF_ERROR(RequiredColumn(vt, "VOTES", "vote", vote_col));
    const bool has_points =
        e.vote_type == VoteType::kCumulative || e.vote_type == VoteType::kScoring;
    if (has_points) YH_RETURN_IF_ERROR(RequiredColumn(vt, "VOTES", "points", points_col));
    const auto& vcols = row_cols_[&vt];
    e.ballots.reserve(vt.rows.size());
    std::vector<int> seen_in_ballot(e.projects.size(), -1);
    for (size_t i = 0; i < vt.rows.size(); ++i) {
      const auto& row = vt.rows[i];
      Ballot b;
      for (const ListItem& item : SplitList(row[vote_col], vcols[i][vote_col])) {
        auto it = index.find(item.text);
        if (it == index.end()) {
          return Error(vt.lines[i], item.col, "vote for unknown project '" + item.text + "'");
        }
        if (seen_in_ballot[it->second] == static_cast<int>(i)) {
          return Error(vt.lines[i], item.col,
                       "project '" + item.text + "' is named twice in this vote");
        }
        seen_in_ballot[it->second] = static_cast<int>(i);
        b.projects.push_back(it->second);
      }
      if (has_points) {
        auto items = SplitList(row[points_col], vcols[i][points_col]);
        if (items.size() != b.projects.size()) {
          return Error(vt.lines[i], vcols[i][points_col],
                       std::to_string(items.size()) + " points for " +
                           std::to_string(b.projects.size()) + " projects");
        }
        for (const ListItem& item : items) {
          auto pts = ParseCount(item.text);
          if (!pts || *pts == 0) {
            return Error(vt.lines[i], item.col,
                         "points '" + item.text + "' are not a positive whole number");
          }
          b.points.push_back(*pts);
        }
      }
      e.ballots.push_back(std::move(b));
    }
    CheckCount("num_projects", pt.rows.size(), "PROJECTS");
    CheckCount("num_votes", vt.rows.size(), "VOTES");
    return Status::Ok();
  }

  void CheckCount(const std::string& key, size_t actual, const std::string& section) {
    auto v = data_.file.Meta(key);
    if (!v) return;
    auto n = ParseCount(*v);
    auto [line, col] = MetaPos(key);
    if (!n || *n != static_cast<int64_t>(actual)) {
      Warn(line, col,
           key + " is " + *v + " but " + section + " has " + std::to_string(actual) + " rows");
    }
  }

  std::string_view text_;
  std::string filename_;
  PabulibData data_;
  std::unordered_map<std::string, int> seen_;         // section -> line
  std::unordered_map<std::string, int> header_line_;  // section -> header line
  std::unordered_map<const PbTable*, std::vector<std::vector<int>>> row_cols_;
  std::vector<int> meta_cols_;
};

}  // namespace

Result<PabulibData> ReadPabulib(std::string_view text, const std::string& filename) {
  return Reader(text, filename).Read();
}

}  // namespace yhdessa::tally
